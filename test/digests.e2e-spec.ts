import { LeadType } from '@leadgate/catalog';
import { JobsService } from '@leadgate/jobs';
import { EmailDeliveryService } from '@leadgate/notifications';
import { Partner } from '@leadgate/partners';
import { makeLead, makeLeadType, makePartner } from './support/builders';
import { resetEmailWorld, startAppWithSmtp, stopAppWithSmtp } from './support/email-suite';
import { TestApp } from './support/test-app';
import { TestSmtp } from './support/test-smtp';

const PUBLIC_URL = 'https://portal.example.test';
const NOW = '2026-03-02T09:00:00Z'; // a Monday
const HOUR = 3_600_000;

describe('scheduled digests', () => {
  const smtp = new TestSmtp();
  let t: TestApp;
  let jobs: JobsService;
  let delivery: EmailDeliveryService;
  let type: LeadType;
  let nordic: Partner;
  let baltic: Partner;

  beforeAll(async () => {
    t = await startAppWithSmtp(smtp, { now: NOW, env: { PUBLIC_URL, COMPLIANCE_WINDOW_DAYS: '30' } });
    jobs = t.app.get(JobsService);
    delivery = t.app.get(EmailDeliveryService);
  });
  afterAll(() => stopAppWithSmtp(t, smtp));

  beforeEach(async () => {
    await resetEmailWorld(t, smtp, NOW);
    type = await makeLeadType(t.dataSource, { name: 'Demo request' });
    nordic = await makePartner(t.dataSource, { name: 'Nordic IT' });
    baltic = await makePartner(t.dataSource, { name: 'Baltic Systems' });
  });

  async function addUser(email: string, role: string, partnerId: string | null): Promise<string> {
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO users (email, display_name, role, partner_id, active) VALUES ($1, $2, $3, $4, true) RETURNING id`,
      [email, email.split('@')[0], role, partnerId],
    );
    return id;
  }

  const ago = (hours: number) => new Date(new Date(NOW).getTime() - hours * HOUR);

  /** An assignment offered `offeredHoursAgo`, accept due 1 h later, contact 2 h, feedback 4 h; the rest as given. */
  async function assignment(
    partnerId: string,
    offeredHoursAgo: number,
    fields: { status: string; acceptedAt?: Date; firstContactAt?: Date; feedbackAt?: Date; endedAt?: Date; feedbackDueAt?: Date },
  ): Promise<{ leadId: string; assignmentId: string }> {
    const leadId = await makeLead(t.dataSource, type.id, { status: fields.status === 'accepted' ? 'accepted' : 'recalled' });
    const offered = ago(offeredHoursAgo);
    const at = (hours: number) => new Date(offered.getTime() + hours * HOUR);
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO assignments (lead_id, partner_id, status, offered_at, accept_due_at, contact_due_at, feedback_due_at, accepted_at, first_contact_at, feedback_at, ended_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [leadId, partnerId, fields.status, offered, at(1), at(2), fields.feedbackDueAt ?? at(4), fields.acceptedAt ?? null, fields.firstContactAt ?? null, fields.feedbackAt ?? null, fields.endedAt ?? null],
    );
    return { leadId, assignmentId: id };
  }

  async function breach(partnerId: string, a: { leadId: string; assignmentId: string }, kind: string, detectedHoursAgo: number): Promise<void> {
    await t.dataSource.query(
      `INSERT INTO breaches (assignment_id, lead_id, partner_id, kind, due_at, detected_at) VALUES ($1, $2, $3, $4, $5, $5)`,
      [a.assignmentId, a.leadId, partnerId, kind, ago(detectedHoursAgo)],
    );
  }

  async function setStanding(partnerId: string, standing: string, reason: string): Promise<void> {
    await t.dataSource.query(`UPDATE partners SET standing = $2 WHERE id = $1`, [partnerId, standing]);
    await t.dataSource.query(
      `INSERT INTO standing_changes (partner_id, at, from_standing, to_standing, source, reason, actor) VALUES ($1, $2, 'good', $3, 'policy', $4, 'test')`,
      [partnerId, ago(5), standing, reason],
    );
  }

  it('sends each active partner’s admins its weekly scorecard with standing, score, deadlines met and missed, and links to overdue leads', async () => {
    await addUser('anna@nordic.test', 'partner_admin', nordic.id);
    await addUser('rob@nordic.test', 'partner_rep', nordic.id);
    await t.dataSource.query(`UPDATE partners SET contact_email = 'leads@baltic.test' WHERE id = $1`, [baltic.id]);
    await setStanding(nordic.id, 'warning', 'score 67%, below the 75% needed');
    // Last 7 days: every clock met (3), then an accept met and a contact missed (still open): 4 met, 1 missed.
    await assignment(nordic.id, 48, { status: 'accepted', acceptedAt: ago(47.5), firstContactAt: ago(47), feedbackAt: ago(45) });
    const overdue = await assignment(nordic.id, 72, { status: 'accepted', acceptedAt: ago(71.5), feedbackDueAt: ago(-24) });
    await breach(nordic.id, overdue, 'contact', 70);
    // 20 days ago, inside the 30-day window only: an offer never accepted and recalled.
    await assignment(nordic.id, 480, { status: 'recalled', endedAt: ago(478) });

    expect(await jobs.runNow('partner-scorecard')).toEqual({ job: 'partner-scorecard', partners: 2, queued: 2 });
    await delivery.deliverDue();

    expect(smtp.to('rob@nordic.test')).toHaveLength(0);
    const [card] = smtp.to('anna@nordic.test');
    expect(card.subject).toBe('Weekly scorecard for Nordic IT: 67% of SLA deadlines met, 1 overdue');
    expect(card.text).toMatch(/Standing:\s+warning/);
    expect(card.text).toContain('67% of deadlines met in the last 30 days');
    expect(card.text).toMatch(/Last 7 days:\s+4 met, 1 missed/);
    expect(card.text).toMatch(/Last 30 days:\s+4 met, 2 missed/);
    expect(card.text).toMatch(/1 lead\(s\) are overdue:\n- Buyer \d+ GmbH: first contact was due by 27 February 2026, 12:00 CET\./);
    expect(card.text).toContain(`${PUBLIC_URL}/leads/${overdue.leadId}`);
    expect(card.html).toContain(`href="${PUBLIC_URL}/leads/${overdue.leadId}"`);
    expect(card.text).toContain('What to do next: log contact and give feedback on the overdue leads above.');
    expect(card.text).toContain(`See your standing: ${PUBLIC_URL}/standing`);

    const [fallback] = smtp.to('leads@baltic.test');
    expect(fallback.subject).toBe('Weekly scorecard for Baltic Systems: no score yet, 0 overdue');
    expect(fallback.text).toContain('No lead is overdue.');
  });

  it('sends the scorecard once per ISO week however often the job runs, and again the next week', async () => {
    await addUser('anna@nordic.test', 'partner_admin', nordic.id);
    await t.dataSource.query(`UPDATE partners SET active = false WHERE id = $1`, [baltic.id]);
    expect(await jobs.runNow('partner-scorecard')).toMatchObject({ partners: 1, queued: 1 });
    t.clock.set('2026-03-08T23:00:00Z'); // Sunday, same ISO week
    expect(await jobs.runNow('partner-scorecard')).toMatchObject({ partners: 1, queued: 0 });
    await delivery.deliverDue();
    expect(smtp.to('anna@nordic.test')).toHaveLength(1);

    t.clock.set('2026-03-09T07:00:00Z');
    expect(await jobs.runNow('partner-scorecard')).toMatchObject({ queued: 1 });
    await delivery.deliverDue();
    expect(smtp.to('anna@nordic.test')).toHaveLength(2);
  });

  it('sends each channel manager a daily digest of its own partners only, and admins one of every partner', async () => {
    const carla = await addUser('carla@vendor.test', 'channel_manager', null);
    const dave = await addUser('dave@vendor.test', 'channel_manager', null);
    await addUser('eve@vendor.test', 'admin', null);
    await t.dataSource.query(`UPDATE partners SET channel_manager_id = $2 WHERE id = $1`, [nordic.id, carla]);
    await t.dataSource.query(`UPDATE partners SET channel_manager_id = $2 WHERE id = $1`, [baltic.id, dave]);
    await setStanding(nordic.id, 'suspended', '4 breaches open for more than 24 hours');
    const nordicLate = await assignment(nordic.id, 6, { status: 'accepted', acceptedAt: ago(5.5) });
    await breach(nordic.id, nordicLate, 'contact', 2);
    const balticLate = await assignment(baltic.id, 6, { status: 'accepted', acceptedAt: ago(5.5) });
    await breach(baltic.id, balticLate, 'contact', 1);
    const balticOld = await assignment(baltic.id, 40, { status: 'accepted', acceptedAt: ago(39.5) });
    await breach(baltic.id, balticOld, 'contact', 30); // before the last 24 hours
    const waitingLong = await makeLead(t.dataSource, type.id, { status: 'unallocated' });
    await t.dataSource.query(`UPDATE leads SET unallocated_since = $2 WHERE id = $1`, [waitingLong, ago(4.5)]);
    const waitingShort = await makeLead(t.dataSource, type.id, { status: 'unallocated' });
    await t.dataSource.query(`UPDATE leads SET unallocated_since = $2 WHERE id = $1`, [waitingShort, ago(3.5)]);

    expect(await jobs.runNow('channel-digest')).toEqual({ job: 'channel-digest', recipients: 3, queued: 3 });
    await delivery.deliverDue();

    const [mine] = smtp.to('carla@vendor.test');
    expect(mine.subject).toBe('Daily digest: 1 new breach(es), 1 partner(s) on warning or suspended, 2 unallocated lead(s)');
    expect(mine.text).toContain('the partners you manage since 1 March 2026, 09:00 UTC');
    expect(mine.text).toMatch(/- Nordic IT: Buyer \d+ GmbH, first contact was due by 2 March 2026, 07:00 UTC\./);
    expect(mine.text).toContain(`${PUBLIC_URL}/manage/leads/${nordicLate.leadId}`);
    expect(mine.text).toContain('- Nordic IT is suspended: 4 breaches open for more than 24 hours');
    expect(mine.text).toContain(`Unallocated leads: 2 (no partner could take them; offer them by hand): ${PUBLIC_URL}/queue`);
    expect(mine.html).toContain(`href="${PUBLIC_URL}/queue"`);
    // The one waiting longer than UNALLOCATED_ATTENTION_HOURS (4) is called out.
    expect(mine.text).toContain('Waiting more than 4 hours: 1 (they need your attention)');
    expect(mine.html).toContain('<strong>Waiting more than 4 hours: 1</strong>');
    expect(mine.text).not.toContain('Baltic');

    const [his] = smtp.to('dave@vendor.test');
    expect(his.subject).toBe('Daily digest: 1 new breach(es), 0 partner(s) on warning or suspended, 2 unallocated lead(s)');
    expect(his.text).toContain(`${PUBLIC_URL}/manage/leads/${balticLate.leadId}`);
    expect(his.text).not.toContain(balticOld.leadId);
    expect(his.text).not.toContain('Nordic');

    const [admin] = smtp.to('eve@vendor.test');
    expect(admin.subject).toBe('Daily digest: 2 new breach(es), 1 partner(s) on warning or suspended, 2 unallocated lead(s)');
    expect(admin.text).toContain('all partners since');
  });

  it('sends the digest once per day however often the job runs', async () => {
    await addUser('carla@vendor.test', 'channel_manager', null);
    await addUser('gone@vendor.test', 'partner_admin', nordic.id);
    expect(await jobs.runNow('channel-digest')).toMatchObject({ recipients: 1, queued: 1 });
    t.clock.set('2026-03-02T23:59:00Z');
    expect(await jobs.runNow('channel-digest')).toMatchObject({ recipients: 1, queued: 0 });
    await delivery.deliverDue();
    expect(smtp.received.map((mail) => mail.subject)).toEqual(['Daily digest: 0 new breach(es), 0 partner(s) on warning or suspended, 0 unallocated lead(s)']);
  });
});
