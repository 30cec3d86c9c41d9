// PURE: which webhook URLs LeadGate will call. No I/O (no DNS): a sanity check against SSRF, not a firewall.

/** The problem with a webhook URL, or null when it may be registered. */
export function webhookUrlProblem(raw: string, options: { allowPrivate: boolean; portalUrl: string }): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'url must be an absolute http:// or https:// URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'url must use http or https';
  if (url.username || url.password) return 'url must not carry a user name or password';
  if (url.origin === new URL(options.portalUrl).origin) return 'url must not point at LeadGate itself';
  if (!options.allowPrivate && isPrivateHost(url.hostname)) return 'url must not point at localhost or a private network address';
  return null;
}

/** localhost, loopback, private, link-local and unspecified addresses (IPv4 and IPv6, IPv4-mapped included). */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(mapped ? mapped[1] : host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  if (host.includes(':')) return host === '::' || host === '::1' || /^f[cd]/.test(host) || /^fe[89ab]/.test(host) || host.startsWith('::ffff:');
  return false;
}
