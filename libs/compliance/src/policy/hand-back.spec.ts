import { handBackContactDue } from './hand-back';

const accepted = new Date('2026-03-02T09:00:00Z');
const contactDue = new Date('2026-03-02T13:00:00Z');
const at = (iso: string) => new Date(iso);
const facts = (overrides: Partial<Parameters<typeof handBackContactDue>[0]> = {}) => ({
  acceptedAt: accepted,
  firstContactAt: null,
  contactDueAt: contactDue,
  at: at('2026-03-02T12:59:00Z'),
  graceMinutes: 15,
  ...overrides,
});

describe('handBackContactDue', () => {
  it('counts a hand-back without contact after the grace as a contact clock due at the end of the grace', () => {
    expect(handBackContactDue(facts())).toEqual(at('2026-03-02T09:15:00Z'));
  });

  it('keeps the contact clock’s own due time when it had passed before the hand-back', () => {
    expect(handBackContactDue(facts({ at: at('2026-03-02T14:00:00Z') }))).toEqual(contactDue);
  });

  it.each`
    case                                 | overrides
    ${'within the grace'}                | ${{ at: at('2026-03-02T09:10:00Z') }}
    ${'exactly at the end of the grace'} | ${{ at: at('2026-03-02T09:15:00Z') }}
    ${'after a logged contact'}          | ${{ firstContactAt: at('2026-03-02T10:00:00Z') }}
    ${'of an offer never accepted'}      | ${{ acceptedAt: null }}
  `('treats a decline $case as a plain decline', ({ overrides }) => {
    expect(handBackContactDue(facts(overrides))).toBeNull();
  });

  it('counts every hand-back without contact when the grace is 0', () => {
    expect(handBackContactDue(facts({ graceMinutes: 0, at: at('2026-03-02T09:00:01Z') }))).toEqual(accepted);
  });
});
