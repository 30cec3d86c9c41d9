// Warnings and escalation (issue 13, item 5), over HTTP with a moved clock: every clock — accept, contact,
// feedback, update — warns the lead's owner (or team) at CLOCK_WARNING_AT of its window, its breach is told to
// the partner's admins, and a breach still open CLOCK_ESCALATION_GRACE_MINUTES later to the channel manager.
import request from 'supertest';
import { UserRole } from '@leadgate/common';
import { UsersService } from '@leadgate/users';
import { csrfOf, signIn } from './support/browser-session';
import { makeCampaign, makeLeadType, makePartner, makeToken } from './support/builders';
import { resetEmailWorld, startAppWithSmtp, stopAppWithSmtp } from './support/email-suite';
import { TestApp } from './support/test-app';
import { TestSmtp } from './support/test-smtp';

const PASSWORD = 'correct horse battery';
const PUBLIC_URL = 'https://portal.example.test';

describe('clock warnings and escalation', () => {
  const smtp = new TestSmtp();
  let t: TestApp;
  let sequence = 0;

  beforeAll(async () => {
    t = await startAppWithSmtp(smtp, {
      now: '2026-03-02T09:00:00Z', // a Monday; the partner is in Berlin (CET, UTC+1)
      env: { PUBLIC_URL, CLOCK_WARNING_AT: '0.75', CLOCK_ESCALATION_GRACE_MINUTES: '120' },
    });
  });
  afterAll(() => stopAppWithSmtp(t, smtp));

  /** A partner with an admin, a rep and a channel manager, its API tokens, and a calendar-time lead type. */
  async function world(name: string, country: string) {
    await resetEmailWorld(t, smtp, '2026-03-02T09:00:00Z');
    const user = async (role: UserRole, partnerId: string | null) => {
      const email = `${role.replace('_', '-')}${++sequence}@example.com`;
      const created = await t.app.get(UsersService).createUser({ email, displayName: `${role} ${sequence}`, role, partnerId, password: PASSWORD });
      return { id: created.id, email };
    };
    const manager = await user('channel_manager', null);
    const partner = await makePartner(t.dataSource, { name, territories: [country] });
    await t.dataSource.query(`UPDATE partners SET channel_manager_id = $2 WHERE id = $1`, [partner.id, manager.id]);
    const [admin, rep] = [await user('partner_admin', partner.id), await user('partner_rep', partner.id)];
    const leadType = await makeLeadType(t.dataSource, {
      businessTime: false, slaAcceptMinutes: 60, slaContactMinutes: 120, slaFeedbackMinutes: 240, slaUpdateCadenceMinutes: 60,
    });
    const campaign = await makeCampaign(t.dataSource);
    const tokens = {
      intake: await makeToken(t, 'intake'),
      vendor: await makeToken(t, 'admin'),
      admin: await makeToken(t, 'partner_admin', partner.id),
      rep: await makeToken(t, 'partner_rep', partner.id),
    };
    const as = (token: string) => (method: 'get' | 'post', path: string) => request(t.http)[method](path).set('Authorization', `Bearer ${token}`);
    const post = async (token: string, path: string, body: object, status: number) => (await as(token)('post', path).send(body).expect(status)).body;
    const lead: string = (await post(tokens.intake, '/api/v1/leads', {
      email: `buyer${sequence}@example.com`, company: `${name} Buyer GmbH`, country, postalCode: '80331',
      leadType: leadType.key, campaign: campaign.key,
    }, 201)).id;
    /** Moves the clock, runs the sweep and the email job twice: the second run must add nothing. */
    const tick = async (at: string) => {
      t.clock.set(at);
      await as(tokens.vendor)('post', '/api/v1/jobs/sla-sweep/run').expect(200);
      const first = (await as(tokens.vendor)('post', '/api/v1/jobs/deliver-email/run').expect(200)).body;
      const second = (await as(tokens.vendor)('post', '/api/v1/jobs/deliver-email/run').expect(200)).body;
      expect(second).toMatchObject({ warned: 0, escalated: 0, sent: 0 });
      return { warned: first.warned as number, escalated: first.escalated as number };
    };
    /** Turns optional emails off on the preferences page, as the user would: only `keep` stays ticked. */
    const keepOnly = async (who: { email: string }, keep: string[]) => {
      const cookie = await signIn(t.http, who.email, PASSWORD);
      const page = await request(t.http).get('/preferences').set('Cookie', cookie).expect(200);
      await request(t.http).post('/preferences').set('Cookie', cookie).type('form').send({ receive: keep, _csrf: csrfOf(page) }).expect(303);
    };
    return { partner, manager, admin, rep, tokens, post, lead, tick, keepOnly };
  }

  it('warns at the share of each clock, tells the admins at the breach and the channel manager after the grace, each once', async () => {
    const { manager, admin, rep, tokens, post, lead, tick, keepOnly } = await world('Nordic IT', 'SE');
    // The admin wants no copies of the emails about leads a rep owns: the breach still reaches her.
    await keepOnly(admin, ['clock-warning']);

    expect(await tick('2026-03-02T09:44:00Z')).toEqual({ warned: 0, escalated: 0 });
    expect(await tick('2026-03-02T09:45:00Z')).toEqual({ warned: 1, escalated: 0 }); // 75 % of 09:00–10:00, unowned: the team
    t.clock.set('2026-03-02T09:50:00Z');
    await post(tokens.rep, `/api/v1/leads/${lead}/accept`, {}, 200);
    await post(tokens.admin, '/api/v1/leads/owner', { leadIds: [lead], userId: rep.id }, 200);

    expect(await tick('2026-03-02T10:29:00Z')).toEqual({ warned: 0, escalated: 0 });
    expect(await tick('2026-03-02T10:30:00Z')).toEqual({ warned: 1, escalated: 0 }); // contact: 75 % of 09:00–11:00
    await tick('2026-03-02T11:01:00Z'); // contact missed
    expect(await tick('2026-03-02T12:00:00Z')).toEqual({ warned: 1, escalated: 0 }); // feedback: 75 % of 09:00–13:00
    expect(await tick('2026-03-02T12:59:00Z')).toEqual({ warned: 0, escalated: 0 });
    expect(await tick('2026-03-02T13:00:00Z')).toEqual({ warned: 0, escalated: 1 }); // contact still not logged 2 h after 11:00
    await tick('2026-03-02T13:01:00Z'); // feedback missed
    t.clock.set('2026-03-02T13:30:00Z');
    await post(tokens.rep, `/api/v1/leads/${lead}/activities`, { type: 'call' }, 201);
    expect(await tick('2026-03-02T15:00:00Z')).toEqual({ warned: 0, escalated: 1 }); // feedback: the contact cured only its own breach
    t.clock.set('2026-03-02T15:10:00Z');
    await post(tokens.rep, `/api/v1/leads/${lead}/feedback`, { verdict: 'qualified' }, 200); // an update is due every hour now
    expect(await tick('2026-03-02T15:54:00Z')).toEqual({ warned: 0, escalated: 0 });
    expect(await tick('2026-03-02T15:55:00Z')).toEqual({ warned: 1, escalated: 0 }); // update: 75 % of 15:10–16:10
    await tick('2026-03-02T16:11:00Z'); // update missed
    expect(await tick('2026-03-02T18:10:00Z')).toEqual({ warned: 0, escalated: 1 });
    expect(await tick('2026-03-02T20:00:00Z')).toEqual({ warned: 0, escalated: 0 });

    const subjects = (email: string) => smtp.subjectsTo(email).map((s) => s.replace(/^New lead: .*/, 'New lead'));
    expect(subjects(rep.email)).toEqual([
      'New lead',
      'Reminder: accept or decline the lead from Nordic IT Buyer GmbH',
      'A lead is yours: Nordic IT Buyer GmbH',
      'Due soon: first contact for Nordic IT Buyer GmbH',
      'Overdue: first contact for Nordic IT Buyer GmbH',
      'Due soon: feedback for Nordic IT Buyer GmbH',
      'Overdue: feedback for Nordic IT Buyer GmbH',
      'Due soon: an update for Nordic IT Buyer GmbH',
      'Overdue: an update for Nordic IT Buyer GmbH',
    ]);
    expect(subjects(admin.email)).toEqual([
      'New lead',
      'Reminder: accept or decline the lead from Nordic IT Buyer GmbH',
      'Overdue: first contact for Nordic IT Buyer GmbH',
      'Overdue: feedback for Nordic IT Buyer GmbH',
      'Overdue: an update for Nordic IT Buyer GmbH',
    ]);
    expect(subjects(manager.email)).toEqual([
      'Still overdue at Nordic IT: first contact for Nordic IT Buyer GmbH',
      'Still overdue at Nordic IT: feedback for Nordic IT Buyer GmbH',
      'Still overdue at Nordic IT: an update for Nordic IT Buyer GmbH',
    ]);

    // Times in the partner's zone for its users, a link to the lead; the channel manager's link is its own lead page.
    const contactWarning = smtp.to(rep.email).find((mail) => mail.subject?.startsWith('Due soon: first contact'))!;
    expect(contactWarning.text).toContain('It is due by 2 March 2026, 12:00 CET: contact the buyer');
    expect(contactWarning.text).toContain(`Open the lead: ${PUBLIC_URL}/leads/${lead}`);
    expect(contactWarning.text).toContain('It is a reminder');
    const updateBreach = smtp.to(admin.email).find((mail) => mail.subject?.startsWith('Overdue: an update'))!;
    expect(updateBreach.text).toContain('had no update by 2 March 2026, 17:10 CET');
    const escalation = smtp.to(manager.email)[0];
    expect(escalation.text).toContain('Nordic IT missed first contact for the lead from Nordic IT Buyer GmbH, due by 2 March 2026, 11:00 UTC, and it is still not done 120 minutes later.');
    expect(escalation.text).toContain(`${PUBLIC_URL}/manage/leads/${lead}`);
    expect(escalation.html).toContain(`href="${PUBLIC_URL}/manage/leads/${lead}"`);

    // Each message once in the outbox too, whatever ran twice.
    const perKey: { n: number }[] = await t.dataSource.query(`SELECT count(*)::int AS n FROM outbound_emails GROUP BY dedupe_key HAVING count(*) > 1`);
    expect(perKey).toEqual([]);
  });

  it('sends no warning or escalation to whoever turned them off, and escalates nothing worked within the grace', async () => {
    const { manager, admin, rep, tokens, post, lead, tick, keepOnly } = await world('Baltic Systems', 'LT');
    await keepOnly(rep, []);
    await keepOnly(manager, ['channel-digest']);

    expect(await tick('2026-03-02T09:45:00Z')).toEqual({ warned: 1, escalated: 0 });
    t.clock.set('2026-03-02T09:50:00Z');
    await post(tokens.rep, `/api/v1/leads/${lead}/accept`, {}, 200);
    await tick('2026-03-02T10:30:00Z');
    await tick('2026-03-02T11:01:00Z'); // contact missed
    t.clock.set('2026-03-02T12:00:00Z');
    await post(tokens.rep, `/api/v1/leads/${lead}/activities`, { type: 'call' }, 201); // late, but within the grace
    await post(tokens.rep, `/api/v1/leads/${lead}/feedback`, { verdict: 'disqualified', reasonCode: 'no_budget' }, 200);
    expect(await tick('2026-03-02T13:00:00Z')).toEqual({ warned: 0, escalated: 0 });
    await tick('2026-03-02T16:00:00Z');

    const subjects = (email: string) => smtp.subjectsTo(email).map((s) => s.replace(/^New lead: .*/, 'New lead'));
    expect(subjects(rep.email)).toEqual(['New lead', 'Overdue: first contact for Baltic Systems Buyer GmbH']);
    expect(subjects(admin.email)).toEqual([
      'New lead',
      'Reminder: accept or decline the lead from Baltic Systems Buyer GmbH',
      'Due soon: first contact for Baltic Systems Buyer GmbH',
      'Overdue: first contact for Baltic Systems Buyer GmbH',
    ]);
    expect(smtp.subjectsTo(manager.email)).toEqual([]);
  });

  it('escalates to a channel manager who keeps escalations on, and to nobody else', async () => {
    const { manager, admin, rep, tokens, post, lead, tick, keepOnly } = await world('Alpine AG', 'AT');
    await keepOnly(manager, ['clock-escalated']);
    t.clock.set('2026-03-02T09:10:00Z');
    await post(tokens.rep, `/api/v1/leads/${lead}/accept`, {}, 200);
    await tick('2026-03-02T11:01:00Z');
    expect(await tick('2026-03-02T13:00:00Z')).toEqual({ warned: 0, escalated: 1 });
    expect(smtp.subjectsTo(manager.email)).toEqual(['Still overdue at Alpine AG: first contact for Alpine AG Buyer GmbH']);
    for (const partnerUser of [admin, rep]) expect(smtp.subjectsTo(partnerUser.email).filter((s) => s.startsWith('Still overdue'))).toEqual([]);
  });
});
