// PURE: which email domains say nothing about the buyer's company (anyone can have an address there).

/** Maintained list of free-mail and consumer ISP domains; add to it when partners report a miss. */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.uk', 'yahoo.de', 'yahoo.fr', 'ymail.com', 'hotmail.com',
  'hotmail.co.uk', 'hotmail.de', 'hotmail.fr', 'outlook.com', 'outlook.de', 'live.com', 'live.de', 'msn.com',
  'icloud.com', 'me.com', 'mac.com', 'aol.com', 'gmx.de', 'gmx.net', 'gmx.at', 'gmx.ch', 'gmx.com', 'web.de',
  't-online.de', 'freenet.de', 'posteo.de', 'mailbox.org', 'protonmail.com', 'proton.me', 'pm.me', 'tutanota.com',
  'zoho.com', 'yandex.com', 'yandex.ru', 'mail.ru', 'qq.com', '163.com', '126.com', 'orange.fr', 'free.fr',
  'laposte.net', 'sfr.fr', 'wanadoo.fr', 'libero.it', 'virgilio.it', 'btinternet.com', 'sky.com', 'bluewin.ch',
  'seznam.cz', 'wp.pl', 'o2.pl', 'onet.pl', 'interia.pl', 'fastmail.com', 'hey.com',
]);

/** The lower-cased domain of an email address; null without one. */
export function domainOf(email: string | null): string | null {
  if (!email) return null;
  const at = email.lastIndexOf('@');
  return at < 0 ? null : email.slice(at + 1).toLowerCase() || null;
}

/** The domain that identifies the buyer's company: null for free-mail domains (or no email). */
export function companyDomainOf(email: string | null): string | null {
  const domain = domainOf(email);
  return domain && !FREE_MAIL_DOMAINS.has(domain) ? domain : null;
}
