import { AllocationService } from '@leadgate/allocation';
import { LeadType } from '@leadgate/catalog';
import { ComplianceService, SlaSweepService } from '@leadgate/compliance';
import { inTransaction } from '@leadgate/database';
import { JobsService } from '@leadgate/jobs';
import { EmailDeliveryService } from '@leadgate/notifications';
import { Partner } from '@leadgate/partners';
import { makeLead, makeLeadType, makePartner } from './support/builders';
import { resetEmailWorld, startAppWithSmtp, stopAppWithSmtp } from './support/email-suite';
import { TestApp } from './support/test-app';
import { recipientsOf, TestSmtp } from './support/test-smtp';

const PUBLIC_URL = 'https://portal.example.test';

describe('email notifications', () => {
  const smtp = new TestSmtp();
  let t: TestApp;
  let delivery: EmailDeliveryService;
  let type: LeadType;
  let partner: Partner;

  beforeAll(async () => {
    t = await startAppWithSmtp(smtp, { now: '2026-03-02T09:00:00Z', env: { PUBLIC_URL, EMAIL_RETRY_BASE_SECONDS: '60', EMAIL_RETRY_MAX_SECONDS: '1800', EMAIL_GIVE_UP_HOURS: '48' } });
    delivery = t.app.get(EmailDeliveryService);
  });
  afterAll(() => stopAppWithSmtp(t, smtp));

  beforeEach(async () => {
    await resetEmailWorld(t, smtp, '2026-03-02T09:00:00Z');
    // Calendar time keeps due times obvious: accept within 1 h, contact within 2 h, feedback within 4 h.
    type = await makeLeadType(t.dataSource, { name: 'Demo request', businessTime: false, slaAcceptMinutes: 60, slaContactMinutes: 120, slaFeedbackMinutes: 240 });
    partner = await makePartner(t.dataSource, { name: 'Nordic IT' });
  });

  async function addUser(email: string, role: string, partnerId: string | null, active = true): Promise<string> {
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO users (email, display_name, role, partner_id, active) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [email, email.split('@')[0], role, partnerId, active],
    );
    return id;
  }

  async function offeredLead(): Promise<string> {
    const leadId = await makeLead(t.dataSource, type.id);
    const outcome = await t.app.get(AllocationService).allocate(leadId);
    expect(outcome).toMatchObject({ kind: 'offered', partnerId: partner.id });
    return leadId;
  }

  const outbox = () =>
    t.dataSource.query(`SELECT to_address, template, status, attempts, next_attempt_at, last_error, sent_at FROM outbound_emails ORDER BY to_address`);

  it('emails a new lead to the partner’s active admins and reps, with a link to the lead, exactly once with two workers delivering', async () => {
    await addUser('anna@nordic.test', 'partner_admin', partner.id);
    await addUser('rob@nordic.test', 'partner_rep', partner.id);
    await addUser('gone@nordic.test', 'partner_rep', partner.id, false);
    const leadId = await offeredLead();

    const [first, second] = await Promise.all([delivery.deliverDue(), delivery.deliverDue()]);
    expect(first.sent + second.sent).toBe(2);
    await delivery.deliverDue();

    expect(smtp.received).toHaveLength(2);
    for (const address of ['anna@nordic.test', 'rob@nordic.test']) {
      const [mail] = smtp.to(address);
      expect(mail.subject).toMatch(/^New lead: Buyer \d+ GmbH \(Demo request\)$/);
      expect(mail.text).toContain(`Open the lead: ${PUBLIC_URL}/leads/${leadId}`);
      expect(mail.text).toContain('accept or decline it by 2 March 2026, 11:00 CET');
      expect(mail.html).toContain(`href="${PUBLIC_URL}/leads/${leadId}"`);
      expect(mail.messageId).toMatch(/^<lead-offered_.+@portal\.example\.test>$/);
    }
    expect(smtp.to('gone@nordic.test')).toHaveLength(0);
    const rows = await outbox();
    expect(rows.map((r: { status: string; attempts: number }) => [r.status, r.attempts])).toEqual([['sent', 1], ['sent', 1]]);
  });

  it('sends a backlog side by side over a few pooled SMTP connections (EMAIL_SMTP_CONNECTIONS, 5), each message once', async () => {
    for (let i = 0; i < 12; i++) await addUser(`rep${String(i).padStart(2, '0')}@nordic.test`, 'partner_rep', partner.id);
    await offeredLead();
    smtp.acceptDelayMs = 150;

    expect(await delivery.deliverDue()).toEqual({ sent: 12, retrying: 0, failed: 0 });

    expect(smtp.received.flatMap(recipientsOf).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `rep${String(i).padStart(2, '0')}@nordic.test`));
    expect(smtp.peakInFlight).toBeGreaterThan(1);
    expect(smtp.peakInFlight).toBeLessThanOrEqual(5);
    // Pooled: connections are reused, never one per message (a connection made before this test may still be open).
    expect(smtp.connections).toBeLessThanOrEqual(5);
    const rows = await outbox();
    expect(rows.every((r: { status: string; attempts: number }) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('falls back to the partner’s contact address when it has no users', async () => {
    await t.dataSource.query(`UPDATE partners SET contact_email = 'Leads@Nordic.test' WHERE id = $1`, [partner.id]);
    await offeredLead();
    await delivery.deliverDue();
    expect(smtp.to('leads@nordic.test').map((m) => m.subject)).toEqual([expect.stringMatching(/^New lead:/)]);
  });

  it('queues nothing when the allocation’s transaction rolls back', async () => {
    await addUser('anna@nordic.test', 'partner_admin', partner.id);
    const leadId = await makeLead(t.dataSource, type.id);
    let queuedInside = 0;
    await expect(
      inTransaction(t.dataSource, async (m) => {
        await t.app.get(AllocationService).allocateInTransaction(m, leadId, 'test');
        queuedInside = Number((await m.query(`SELECT count(*) FROM outbound_emails`))[0].count);
        throw new Error('something later in the transaction failed');
      }),
    ).rejects.toThrow('something later');
    expect(queuedInside).toBe(1);
    expect(await outbox()).toEqual([]);
    await delivery.deliverDue();
    expect(smtp.received).toHaveLength(0);
  });

  it('retries with exponential backoff while SMTP refuses, then delivers once', async () => {
    await addUser('anna@nordic.test', 'partner_admin', partner.id);
    await offeredLead();
    smtp.refuseNext(2, 451);

    expect(await delivery.deliverDue()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    let [row] = await outbox();
    expect(row).toMatchObject({ status: 'queued', attempts: 1, next_attempt_at: new Date('2026-03-02T09:01:00Z') });
    expect(row.last_error).toMatch(/451/);

    // Not due yet: nothing is tried.
    t.clock.advance(59_000);
    expect(await delivery.deliverDue()).toEqual({ sent: 0, retrying: 0, failed: 0 });

    t.clock.set('2026-03-02T09:01:00Z');
    expect(await delivery.deliverDue()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    [row] = await outbox();
    expect(row).toMatchObject({ attempts: 2, next_attempt_at: new Date('2026-03-02T09:03:00Z') });

    t.clock.set('2026-03-02T09:03:00Z');
    expect(await delivery.deliverDue()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    [row] = await outbox();
    expect(row).toMatchObject({ status: 'sent', attempts: 3, last_error: null, sent_at: new Date('2026-03-02T09:03:00Z') });
    expect(smtp.to('anna@nordic.test')).toHaveLength(1);
  });

  it('delivers a message whose worker died after claiming it, once the claim’s lease has run out', async () => {
    await addUser('anna@nordic.test', 'partner_admin', partner.id);
    await offeredLead();
    // What a claim leaves behind when its worker dies before sending: one attempt counted, leased for 10 minutes.
    await t.dataSource.query(`UPDATE outbound_emails SET attempts = 1, next_attempt_at = '2026-03-02T09:10:00Z'`);
    expect(await delivery.deliverDue()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    t.clock.set('2026-03-02T09:10:00Z');
    expect(await delivery.deliverDue()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    const [row] = await outbox();
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(smtp.to('anna@nordic.test')).toHaveLength(1);
  });

  it('records a permanent refusal as failed with the server’s reply, and never tries it again', async () => {
    await addUser('anna@nordic.test', 'partner_admin', partner.id);
    await offeredLead();
    smtp.refuseNext(1, 550);
    expect(await delivery.deliverDue()).toEqual({ sent: 0, retrying: 0, failed: 1 });
    t.clock.advance(24 * 3_600_000);
    expect(await delivery.deliverDue()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    const [row] = await outbox();
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.last_error).toMatch(/550 Mailbox does not exist/);
    expect(smtp.received).toHaveLength(0);
  });

  it('rides out an SMTP outage of 30 hours, retrying at least every EMAIL_RETRY_MAX_SECONDS, then delivers once', async () => {
    await addUser('anna@nordic.test', 'partner_admin', partner.id);
    await offeredLead();
    smtp.refuseNext(10_000, 421);
    const outageEnds = Date.parse('2026-03-03T15:00:00Z');
    const waits: number[] = [];
    while (t.clock.now().getTime() < outageEnds) {
      expect(await delivery.deliverDue()).toEqual({ sent: 0, retrying: 1, failed: 0 });
      const [row] = await outbox();
      waits.push((row.next_attempt_at.getTime() - t.clock.now().getTime()) / 1000);
      t.clock.set(row.next_attempt_at);
    }
    expect(waits.slice(0, 6)).toEqual([60, 120, 240, 480, 960, 1800]);
    expect(Math.max(...waits)).toBe(1800);

    smtp.refuseNext(0, 0);
    expect(await delivery.deliverDue()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(smtp.to('anna@nordic.test')).toHaveLength(1);
  });

  it('gives up on a message still refused EMAIL_GIVE_UP_HOURS after it was queued, not before', async () => {
    await addUser('anna@nordic.test', 'partner_admin', partner.id);
    await offeredLead();
    smtp.refuseNext(10_000, 421);
    const tryAt = async (at: string) => {
      t.clock.set(at);
      await t.dataSource.query(`UPDATE outbound_emails SET next_attempt_at = $1`, [at]);
      return delivery.deliverDue();
    };
    expect(await tryAt('2026-03-04T08:59:59Z')).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(await tryAt('2026-03-04T09:00:00Z')).toEqual({ sent: 0, retrying: 0, failed: 1 });
    const [row] = await outbox();
    expect(row.status).toBe('failed');
    expect(row.last_error).toMatch(/421/);
  });

  it('tells the partner when an offer is recalled and when a contact deadline is missed', async () => {
    await addUser('rob@nordic.test', 'partner_rep', partner.id);
    const recalledLead = await offeredLead();
    const contactLead = await offeredLead();
    await t.dataSource.query(`UPDATE assignments SET status = 'accepted', accepted_at = $2 WHERE lead_id = $1`, [contactLead, t.clock.now()]);
    await delivery.deliverDue();
    smtp.reset();

    t.clock.set('2026-03-02T11:01:00Z');
    const sweeps = t.app.get(SlaSweepService);
    expect((await sweeps.sweepAcceptClocks()).recalled).toBe(1);
    expect((await sweeps.sweepContactClocks()).breachesRecorded).toBe(1);
    await sweeps.sweepContactClocks();
    await delivery.deliverDue();

    const subjects = smtp.to('rob@nordic.test').map((m) => m.subject).sort();
    expect(subjects).toEqual([expect.stringMatching(/^Lead recalled: Buyer/), expect.stringMatching(/^Overdue: first contact for Buyer/)]);
    const overdue = smtp.received.find((m) => m.subject?.startsWith('Overdue'))!;
    expect(overdue.text).toContain(`${PUBLIC_URL}/leads/${contactLead}`);
    expect(overdue.text).toContain('it was due by 2 March 2026, 12:00 CET'); // the partner's zone
    const recalled = smtp.received.find((m) => m.subject?.startsWith('Lead recalled'))!;
    // The lead is no longer the partner's to open (see email-links.e2e-spec.ts): the link goes to its standing instead.
    expect(recalled.text).toContain(`See your standing: ${PUBLIC_URL}/standing`);
    expect(recalled.html).toContain(`href="${PUBLIC_URL}/standing"`);
    expect(recalled.text).not.toContain(`/leads/${recalledLead}`);
  });

  it('warns the partner once, at CLOCK_WARNING_AT (75 %) of the accept window, of an offer still waiting (through the deliver-email job)', async () => {
    await addUser('rob@nordic.test', 'partner_rep', partner.id);
    const waiting = await offeredLead();
    const accepted = await offeredLead();
    await t.dataSource.query(`UPDATE assignments SET status = 'accepted', accepted_at = $2 WHERE lead_id = $1`, [accepted, t.clock.now()]);
    const jobs = t.app.get(JobsService);
    await jobs.runNow('deliver-email');
    smtp.reset();

    t.clock.set('2026-03-02T09:44:59Z');
    expect(await jobs.runNow('deliver-email')).toEqual({ job: 'deliver-email', warned: 0, escalated: 0, sent: 0, retrying: 0, failed: 0 });
    t.clock.set('2026-03-02T09:45:00Z');
    expect(await jobs.runNow('deliver-email')).toEqual({ job: 'deliver-email', warned: 1, escalated: 0, sent: 1, retrying: 0, failed: 0 });
    t.clock.set('2026-03-02T09:55:00Z');
    expect(await jobs.runNow('deliver-email')).toMatchObject({ warned: 0, sent: 0 });

    const [reminder] = smtp.to('rob@nordic.test');
    expect(smtp.received).toHaveLength(1);
    expect(reminder.subject).toMatch(/^Reminder: accept or decline the lead from Buyer \d+ GmbH$/);
    expect(reminder.text).toContain('Accept or decline it by 2 March 2026, 11:00 CET');
    expect(reminder.text).toContain(`${PUBLIC_URL}/leads/${waiting}`);
    expect(reminder.text).toContain('It is a reminder');
  });

  it('tells the partner’s admins and its channel manager about a suspension, with the reason and what to do next', async () => {
    await addUser('anna@nordic.test', 'partner_admin', partner.id);
    await addUser('rob@nordic.test', 'partner_rep', partner.id);
    const managerId = await addUser('carla@vendor.test', 'channel_manager', null);
    await t.dataSource.query(`UPDATE partners SET channel_manager_id = $2 WHERE id = $1`, [partner.id, managerId]);

    await t.app.get(ComplianceService).setOverride(
      partner.id,
      { standing: 'suspended', reason: 'Leads left untouched for two weeks', endsAt: '2026-04-01T00:00:00Z' },
      { kind: 'user', id: managerId, name: 'Carla', role: 'channel_manager', partnerId: null, timeZone: 'UTC' },
    );
    await delivery.deliverDue();

    expect(smtp.to('rob@nordic.test')).toHaveLength(0);
    const [admin] = smtp.to('anna@nordic.test');
    const [manager] = smtp.to('carla@vendor.test');
    expect(admin.subject).toBe('Nordic IT is now suspended');
    expect(admin.text).toContain('Leads left untouched for two weeks');
    expect(admin.text).toContain('you receive no new leads while suspended');
    expect(admin.text).toContain(`See your standing: ${PUBLIC_URL}/standing`);
    expect(manager.subject).toBe('Nordic IT is now suspended');
    expect(manager.text).toContain('Nordic IT receives no new leads until its score recovers or you set an override');
    expect(manager.text).toContain(`${PUBLIC_URL}/partners/${partner.id}`);
  });
});
