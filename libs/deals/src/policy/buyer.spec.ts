import fc from 'fast-check';
import { buyerKeys, matchReasons, partnerConflictNotice } from './buyer';
import { companyKey, LEGAL_SUFFIXES } from './company-key';
import { companyDomainOf, FREE_MAIL_DOMAINS } from './free-mail';

describe('companyKey', () => {
  it.each([
    ['Acme GmbH', 'acme'],
    ['ACME Ltd.', 'acme'],
    ['acme, inc', 'acme'],
    ['Acme S.A.', 'acme'],
    ['Acme B.V.', 'acme'],
    ['Müller Technik GmbH & Co. KG', 'mllertechnik'],
    ["O'Brien Systems Limited", 'obriensystems'],
    ['Company Inc', 'company'],
    ['Inc', 'inc'],
    ['Bosch Rexroth AG', 'boschrexroth'],
  ])('keys %s as %s', (name, key) => {
    expect(companyKey(name)).toBe(key);
  });

  it('keeps legal words that are not at the end', () => {
    expect(companyKey('SA Mining Ltd')).toBe('samining');
    expect(companyKey('Acme Holding')).not.toBe(companyKey('Acme'));
  });

  const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,8}$/).filter((w) => !LEGAL_SUFFIXES.includes(w.toLowerCase()));
  const suffix = fc.constantFrom(...LEGAL_SUFFIXES, 'GmbH', 'Ltd.', 'S.A.', 'B.V.', 'Inc.', 'GmbH & Co. KG');

  it('ignores any trailing legal forms, case and punctuation', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), fc.array(suffix, { maxLength: 3 }), fc.constantFrom(' ', ', ', ' - ', '  '), (words, suffixes, sep) => {
        const plain = words.join(' ');
        const decorated = [words.map((w) => w.toUpperCase()).join(sep), ...suffixes].join(', ');
        return companyKey(decorated) === companyKey(plain) && companyKey(plain) === words.join('').toLowerCase();
      }),
    );
  });

  it('is idempotent on its own output', () => {
    fc.assert(fc.property(fc.string(), (s) => companyKey(companyKey(s)) === companyKey(s) || /^[a-z0-9]*$/.test(companyKey(s))));
  });
});

describe('company domains', () => {
  it('treats free-mail domains as saying nothing about the company', () => {
    expect(companyDomainOf('Jane@GMAIL.com')).toBeNull();
    expect(companyDomainOf('jane@acme.example')).toBe('acme.example');
    expect(companyDomainOf(null)).toBeNull();
  });
});

describe('matchReasons', () => {
  const deal = buyerKeys({ email: 'Jane@Acme.example', company: 'Acme GmbH', country: 'de' });

  it.each([
    ['the same email, any case', { email: 'jane@ACME.example', company: 'Other', country: 'FR' }, ['same_email', 'same_email_domain']],
    ['the same company domain', { email: 'bob@acme.example', company: 'Other', country: 'FR' }, ['same_email_domain']],
    ['the same company with another legal suffix', { email: null, company: 'ACME Ltd.', country: 'DE' }, ['same_company']],
    ['the same company in another country', { email: null, company: 'Acme', country: 'AT' }, []],
    ['someone else', { email: 'x@other.example', company: 'Other', country: 'DE' }, []],
  ])('matches %s', (_, other, reasons) => {
    expect(matchReasons(deal, other)).toEqual(reasons);
  });

  it('never matches on a free-mail domain alone', () => {
    const freeMail = fc.constantFrom(...FREE_MAIL_DOMAINS);
    const local = fc.stringMatching(/^[a-z]{1,8}$/);
    fc.assert(
      fc.property(local, local, freeMail, (a, b, domain) => {
        fc.pre(a !== b);
        const keys = buyerKeys({ email: `${a}@${domain}`, company: 'Alpha', country: 'DE' });
        return matchReasons(keys, { email: `${b}@${domain}`, company: 'Beta', country: 'DE' }).length === 0;
      }),
    );
  });

  it('always matches a buyer with itself, and a name of legal words only matches nobody by company', () => {
    const buyer = fc.record({ email: fc.option(fc.emailAddress(), { nil: null }), company: fc.string({ minLength: 1 }), country: fc.constantFrom('DE', 'FR', 'GB') });
    fc.assert(
      fc.property(buyer, (b) => {
        const reasons = matchReasons(buyerKeys(b), b);
        return (b.email !== null || companyKey(b.company) === '') === (b.email !== null ? reasons.includes('same_email') : reasons.length === 0);
      }),
    );
    expect(matchReasons(buyerKeys({ email: null, company: '...', country: 'DE' }), { email: null, company: '!!', country: 'DE' })).toEqual([]);
  });

  it('tells the partner only that a conflict exists', () => {
    expect(partnerConflictNotice(0)).toBeNull();
    expect(partnerConflictNotice(3)).toBe('This registration conflicts with an existing lead or registration. A channel manager will review it.');
  });
});
