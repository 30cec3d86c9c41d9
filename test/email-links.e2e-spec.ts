// Every link in every email opens a page for the person it was sent to: signed in as the recipient, each one answers 200.
import { ParsedMail } from 'mailparser';
import request from 'supertest';
import { AllocationService } from '@leadgate/allocation';
import { LeadType } from '@leadgate/catalog';
import { UserRole } from '@leadgate/common';
import { ComplianceService } from '@leadgate/compliance';
import { JobsService } from '@leadgate/jobs';
import { ClockAlertsService, EmailDeliveryService, TemplateName } from '@leadgate/notifications';
import { Partner } from '@leadgate/partners';
import { UsersService } from '@leadgate/users';
import { csrfOf, signIn } from './support/browser-session';
import { makeLead, makeLeadType, makePartner } from './support/builders';
import { resetEmailWorld, startAppWithSmtp, stopAppWithSmtp } from './support/email-suite';
import { TestApp } from './support/test-app';
import { recipientsOf, TestSmtp } from './support/test-smtp';

const PUBLIC_URL = 'https://portal.example.test';
const PASSWORD = 'correct horse battery';
const NOW = '2026-03-02T09:00:00Z'; // a Monday

interface TestUser {
  id: string;
  email: string;
  role: UserRole;
}

/** One link of one email, opened as its recipient. */
interface LinkCheck {
  template: string;
  subject: string;
  to: string;
  link: string;
  /** The path and query the link opens, e.g. "/leads/<id>"; null when the link is not into the portal. */
  path: string | null;
  /** The HTTP status the portal answered, or why the link could not be opened at all. */
  outcome: number | string;
}

describe('links in emails', () => {
  const smtp = new TestSmtp();
  let t: TestApp;
  let type: LeadType;
  let sequence = 0;
  let users: Map<string, TestUser>;
  let sessions: Map<string, string>;
  let checks: LinkCheck[];
  let mailsChecked: number;

  beforeAll(async () => {
    t = await startAppWithSmtp(smtp, { now: NOW, env: { PUBLIC_URL } });
  });
  afterAll(() => stopAppWithSmtp(t, smtp));

  beforeEach(async () => {
    await resetEmailWorld(t, smtp, NOW);
    // Calendar time keeps due times obvious: accept within 1 h, contact within 2 h, feedback within 4 h of the offer.
    type = await makeLeadType(t.dataSource, { name: 'Demo request', businessTime: false, slaAcceptMinutes: 60, slaContactMinutes: 120, slaFeedbackMinutes: 240 });
    users = new Map();
    sessions = new Map();
    checks = [];
    mailsChecked = 0;
  });

  const makeUser = async (role: UserRole, partnerId: string | null = null): Promise<TestUser> => {
    const email = `link-user${++sequence}@example.com`;
    const user = await t.app.get(UsersService).createUser({ email, displayName: `User ${sequence}`, role, partnerId, password: PASSWORD });
    const made = { id: user.id, email, role };
    users.set(email, made);
    return made;
  };
  const manage = (partner: Partner, manager: TestUser) => t.dataSource.query(`UPDATE partners SET channel_manager_id = $2 WHERE id = $1`, [partner.id, manager.id]);

  /** Signs in through the login form, once per user. */
  const sessionOf = async (email: string): Promise<string> => {
    const cached = sessions.get(email);
    if (cached) return cached;
    const cookie = await signIn(t.http, email, PASSWORD);
    sessions.set(email, cookie);
    return cookie;
  };

  async function offered(country = 'DE'): Promise<{ leadId: string; partnerId: string }> {
    const leadId = await makeLead(t.dataSource, type.id, { country });
    const outcome = await t.app.get(AllocationService).allocate(leadId);
    if (outcome.kind !== 'offered') throw new Error(`expected the lead to be offered, got ${JSON.stringify(outcome)}`);
    return { leadId, partnerId: outcome.partnerId };
  }

  /** The partner user accepts the offer on the lead page, as after following the email's link. */
  async function acceptAs(user: TestUser, leadId: string): Promise<void> {
    const cookie = await sessionOf(user.email);
    const page = await request(t.http).get(`/leads/${leadId}`).set('Cookie', cookie).expect(200);
    await request(t.http).post(`/leads/${leadId}/accept`).set('Cookie', cookie).type('form').send({ _csrf: csrfOf(page) }).expect(303);
  }

  /** Moves the clock and runs the SLA sweep job: recalls, re-offers, and records missed contact and feedback clocks. */
  async function sweepAt(at: string): Promise<void> {
    t.clock.set(at);
    await t.app.get(JobsService).runNow('sla-sweep');
  }

  /**
   * Sends what is queued, then opens every link of each email just received, signed in as its recipient,
   * at the moment it arrives (before later events move the leads on).
   */
  async function deliverAndOpenLinks(): Promise<void> {
    await t.app.get(EmailDeliveryService).deliverDue();
    const fresh = smtp.received.slice(mailsChecked);
    mailsChecked = smtp.received.length;
    for (const mail of fresh) await openLinksOf(mail);
  }

  async function openLinksOf(mail: ParsedMail): Promise<void> {
    const dedupeKey = mail.headers.get('x-leadgate-dedupe-key');
    const [row] = await t.dataSource.query(`SELECT template FROM outbound_emails WHERE dedupe_key = $1`, [dedupeKey]);
    const template: string = row?.template ?? `(no outbox row for dedupe key ${String(dedupeKey)})`;
    const subject = mail.subject ?? '';
    const [to] = recipientsOf(mail);
    const links = linksIn(mail);
    if (links.length === 0) checks.push({ template, subject, to, link: '(none)', path: null, outcome: 'the email has no link' });
    for (const link of links) {
      const check: LinkCheck = { template, subject, to, link, path: null, outcome: 0 };
      checks.push(check);
      if (!intoPortal(link)) {
        // Relative or otherwise odd hrefs do not work from a mail client.
        if (!/^(https?:|mailto:)/.test(link)) check.outcome = 'not an absolute link';
        else check.outcome = 'outside the portal';
        continue;
      }
      const url = new URL(link);
      check.path = `${url.pathname}${url.search}`;
      if (!users.has(to)) {
        check.outcome = 'sent to an address that is not a user of this test, so nobody could sign in to follow it';
        continue;
      }
      const res = await request(t.http).get(check.path).set('Cookie', await sessionOf(to));
      check.outcome = res.status === 200 ? 200 : `${res.status}${res.headers.location ? ` (to ${res.headers.location})` : ''}`;
    }
  }

  /** Links that did not open a page for their recipient, readable in a failed expectation. */
  const broken = (): string[] =>
    checks
      .filter((c) => c.outcome !== 200 && c.outcome !== 'outside the portal')
      .map((c) => `${c.template} email "${c.subject}" to ${c.to} (${users.get(c.to)?.role ?? 'not a user'}): ${c.link} → ${c.outcome}`);

  /** "<recipient> <path>" for each portal link of the template's emails that was opened, whatever the answer. */
  const opened = (template: TemplateName): string[] =>
    [...new Set(checks.filter((c) => c.template === template && c.path !== null).map((c) => `${c.to} ${c.path}`))].sort();

  /** Emails of the template reached each of these recipients and each of these links was opened: never a vacuous pass. */
  function expectLinksOpened(template: TemplateName, expected: string[]): void {
    const links = opened(template);
    expect(links.length).toBeGreaterThanOrEqual(expected.length);
    expect(links).toEqual(expect.arrayContaining(expected));
  }

  it('opens the lead from the new-lead email and from the accept warning, for the partner’s admin and rep', async () => {
    const partner = await makePartner(t.dataSource, { name: 'Nordic IT' });
    const admin = await makeUser('partner_admin', partner.id);
    const rep = await makeUser('partner_rep', partner.id);

    const { leadId } = await offered();
    await deliverAndOpenLinks();
    t.clock.set('2026-03-02T09:45:00Z');
    expect(await t.app.get(ClockAlertsService).sendDue()).toEqual({ warned: 1, escalated: 0 });
    await deliverAndOpenLinks();

    expect(broken()).toEqual([]);
    for (const template of ['lead-offered', 'clock-warning'] as const) {
      expectLinksOpened(template, [`${admin.email} /`, `${admin.email} /leads/${leadId}`, `${rep.email} /`, `${rep.email} /leads/${leadId}`]);
    }
  });

  it('opens the links of the recall and overdue emails, for the partner that missed the deadline and the one offered the lead next', async () => {
    const nordic = await makePartner(t.dataSource, { name: 'Nordic IT' });
    const nordicRep = await makeUser('partner_rep', nordic.id);
    const nordicAdmin = await makeUser('partner_admin', nordic.id);
    const lapsed = await offered();
    const late = await offered();
    expect([lapsed.partnerId, late.partnerId]).toEqual([nordic.id, nordic.id]);
    await acceptAs(nordicRep, late.leadId);
    await deliverAndOpenLinks();
    // Only now a second partner: the lead Nordic lets lapse is offered to Baltic.
    const baltic = await makePartner(t.dataSource, { name: 'Baltic Systems' });
    const balticAdmin = await makeUser('partner_admin', baltic.id);

    await sweepAt('2026-03-02T11:01:00Z'); // Nordic's offer recalled, first contact on the accepted lead overdue
    await deliverAndOpenLinks();
    await sweepAt('2026-03-02T13:01:00Z'); // Baltic's offer recalled too, feedback on the accepted lead overdue
    await deliverAndOpenLinks();

    expect(broken()).toEqual([]);
    expectLinksOpened('lead-offered', [`${balticAdmin.email} /leads/${lapsed.leadId}`]);
    expectLinksOpened('lead-recalled', [nordicAdmin, nordicRep, balticAdmin].flatMap((user) => [`${user.email} /`, `${user.email} /standing`]));
    expectLinksOpened('sla-breached', [`${nordicAdmin.email} /`, `${nordicAdmin.email} /leads/${late.leadId}`, `${nordicRep.email} /`, `${nordicRep.email} /leads/${late.leadId}`]);
    expect(smtp.subjectsTo(nordicRep.email).filter((s) => s.startsWith('Overdue:'))).toHaveLength(2);
  });

  it('opens the standing page for the partner’s admins and the partner page for its channel manager after a suspension', async () => {
    const partner = await makePartner(t.dataSource, { name: 'Nordic IT' });
    const admin = await makeUser('partner_admin', partner.id);
    await makeUser('partner_rep', partner.id);
    const manager = await makeUser('channel_manager');
    await manage(partner, manager);

    await t.app.get(ComplianceService).setOverride(
      partner.id,
      { standing: 'suspended', reason: 'Leads left untouched for two weeks', endsAt: '2026-04-01T00:00:00Z' },
      { kind: 'user', id: manager.id, name: 'Carla', role: 'channel_manager', partnerId: null, timeZone: 'UTC' },
    );
    await deliverAndOpenLinks();

    expect(broken()).toEqual([]);
    expectLinksOpened('standing-changed', [`${admin.email} /`, `${admin.email} /standing`, `${manager.email} /`, `${manager.email} /partners/${partner.id}`]);
  });

  it('opens every link of the weekly scorecard, overdue leads included, for the partner admin', async () => {
    const partner = await makePartner(t.dataSource, { name: 'Nordic IT' });
    const admin = await makeUser('partner_admin', partner.id);
    const { leadId } = await offered();
    await acceptAs(admin, leadId);
    await sweepAt('2026-03-02T11:01:00Z'); // first contact overdue
    await deliverAndOpenLinks();

    expect(await t.app.get(JobsService).runNow('partner-scorecard')).toMatchObject({ queued: 1 });
    await deliverAndOpenLinks();

    expect(broken()).toEqual([]);
    expectLinksOpened('partner-scorecard', [`${admin.email} /`, `${admin.email} /leads/${leadId}`, `${admin.email} /standing`]);
  });

  it('opens every link of the daily digest for each channel manager and for an admin: breached leads, partners at risk, the queue', async () => {
    const nordic = await makePartner(t.dataSource, { name: 'Nordic IT', territories: ['SE'] });
    const baltic = await makePartner(t.dataSource, { name: 'Baltic Systems', territories: ['LT'] });
    const nordicRep = await makeUser('partner_rep', nordic.id);
    await makeUser('partner_admin', baltic.id);
    const carla = await makeUser('channel_manager');
    const dave = await makeUser('channel_manager');
    const admin = await makeUser('admin');
    await manage(nordic, carla);
    await manage(baltic, dave);

    const contactLate = await offered('SE');
    await acceptAs(nordicRep, contactLate.leadId);
    const neverAccepted = await offered('LT'); // recalled, and no other partner covers LT: it waits in the queue
    await deliverAndOpenLinks();
    await t.app.get(ComplianceService).setOverride(
      nordic.id,
      { standing: 'suspended', reason: 'Leads left untouched for two weeks', endsAt: '2026-04-01T00:00:00Z' },
      { kind: 'user', id: carla.id, name: 'Carla', role: 'channel_manager', partnerId: null, timeZone: 'UTC' },
    );
    await sweepAt('2026-03-02T11:01:00Z');
    await deliverAndOpenLinks();

    expect(await t.app.get(JobsService).runNow('channel-digest')).toMatchObject({ recipients: 3, queued: 3 });
    await deliverAndOpenLinks();

    expect(broken()).toEqual([]);
    expectLinksOpened('channel-digest', [
      `${carla.email} /`,
      `${carla.email} /manage/leads/${contactLate.leadId}`,
      `${carla.email} /partners/${nordic.id}`,
      `${carla.email} /queue`,
      `${dave.email} /manage/leads/${neverAccepted.leadId}`,
      `${dave.email} /queue`,
      `${admin.email} /manage/leads/${contactLate.leadId}`,
      `${admin.email} /manage/leads/${neverAccepted.leadId}`,
      `${admin.email} /partners/${nordic.id}`,
      `${admin.email} /queue`,
    ]);
  });
});

/** Every href of the HTML part and every URL of the text part, entities decoded, without repeats. */
function linksIn(mail: ParsedMail): string[] {
  const html = typeof mail.html === 'string' ? mail.html : '';
  const hrefs = [...html.matchAll(/href\s*=\s*"([^"]*)"/gi)].map((m) => decodeEntities(m[1]));
  const urls = [...(mail.text ?? '').matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0].replace(/[.,;:!?)]+$/, ''));
  return [...new Set([...hrefs, ...urls])];
}

function intoPortal(link: string): boolean {
  return link === PUBLIC_URL || link.startsWith(`${PUBLIC_URL}/`) || link.startsWith(`${PUBLIC_URL}?`);
}

function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
