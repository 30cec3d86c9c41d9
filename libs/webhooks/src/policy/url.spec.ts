import { isPrivateHost, webhookUrlProblem } from './url';

const portalUrl = 'https://leads.vendor.example';

describe('webhookUrlProblem', () => {
  it.each([
    ['ftp://crm.example.com/hook', 'url must use http or https'],
    ['file:///etc/passwd', 'url must use http or https'],
    ['https://user:pw@crm.example.com/hook', 'url must not carry a user name or password'],
    ['https://leads.vendor.example/api/v1/leads', 'url must not point at LeadGate itself'],
    ['http://localhost:8080/hook', 'url must not point at localhost or a private network address'],
    ['http://10.1.2.3/hook', 'url must not point at localhost or a private network address'],
    ['http://[::1]/hook', 'url must not point at localhost or a private network address'],
    ['http://[::ffff:127.0.0.1]/hook', 'url must not point at localhost or a private network address'],
    ['http://2130706433/hook', 'url must not point at localhost or a private network address'],
    ['not a url', 'url must be an absolute http:// or https:// URL'],
  ])('refuses %s', (url, problem) => {
    expect(webhookUrlProblem(url, { allowPrivate: false, portalUrl })).toBe(problem);
  });

  it('accepts public http(s) URLs, and private ones only when allowed', () => {
    expect(webhookUrlProblem('https://crm.example.com/hook', { allowPrivate: false, portalUrl })).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1:4000/hook', { allowPrivate: true, portalUrl })).toBeNull();
  });

  it('tells private from public addresses', () => {
    for (const host of ['localhost', 'api.localhost', '127.0.0.1', '192.168.1.1', '172.16.0.1', '169.254.169.254', '0.0.0.0', '[fd00::1]', '[fe80::1]']) {
      expect([host, isPrivateHost(host)]).toEqual([host, true]);
    }
    for (const host of ['crm.example.com', '8.8.8.8', '172.32.0.1', '[2001:db8::1]']) expect([host, isPrivateHost(host)]).toEqual([host, false]);
  });
});
