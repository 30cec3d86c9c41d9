// The SLA sweep over 1,000,000 open offers of which 1 % are overdue: set-based SQL on partial indexes.
import { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { SlaSweepService } from '@leadgate/compliance';
import { ClockAlertsService } from '@leadgate/notifications';
import { COUNTRIES } from './fixtures';
import { fmt, timed } from './measure';

export interface SweepFigures {
  openOffers: number;
  overdue: number;
  seconds: number;
  recalled: number;
  breaches: number;
  /** One run of the clock warnings and escalations over the offers still open (each minute in production). */
  alertSeconds: number;
  warned: number;
  /** The next run, with nothing new to warn of: the cost every minute. */
  idleAlertSeconds: number;
}

/** Offers spread over the bench's partners; every 100th one is past its accept due time. */
async function insertOpenOffers(db: Client, count: number): Promise<void> {
  const [{ rows: [leadType] }, { rows: [{ partners }] }] = await Promise.all([
    db.query(`SELECT id FROM lead_types LIMIT 1`),
    db.query(`SELECT array_agg(id ORDER BY id) AS partners FROM partners`),
  ]);
  await db.query(`ALTER TABLE leads SET (autovacuum_enabled = false)`);
  await db.query(
    `INSERT INTO leads (lead_type_id, status, email, email_normalized, company, country, current_partner_id, created_at)
     SELECT $1, 'offered', 's' || i || '@sweep.example', 's' || i || '@sweep.example', 'Buyer ' || i,
            ($2::text[])[1 + i % 25], ($3::uuid[])[1 + i % array_length($3::uuid[], 1)], now() - interval '1 hour'
       FROM generate_series(1, $4) AS i`,
    [leadType.id, COUNTRIES, partners, count],
  );
  await db.query(
    `INSERT INTO assignments (lead_id, partner_id, status, offered_at, accept_due_at, contact_due_at, feedback_due_at)
     SELECT id, current_partner_id, 'offered', now() - interval '1 hour',
            CASE WHEN row_number() OVER () % 100 = 0 THEN now() - interval '5 minutes' ELSE now() + interval '3 hours' END,
            now() + interval '1 day', now() + interval '10 days'
       FROM leads WHERE email LIKE '%@sweep.example'`,
  );
  // Each offer holds a slot of its partner's capacity, as a real offer claims one.
  await db.query(
    `UPDATE partners p SET open_leads = p.open_leads + held.n
       FROM (SELECT partner_id, count(*)::int AS n FROM assignments a
               JOIN leads l ON l.id = a.lead_id WHERE l.email LIKE '%@sweep.example' GROUP BY partner_id) held
      WHERE p.id = held.partner_id`,
  );
  await db.query(`ALTER TABLE leads RESET (autovacuum_enabled)`);
  await db.query(`VACUUM ANALYZE leads`);
  await db.query(`VACUUM ANALYZE assignments`);
}

export async function benchSweep(url: string, app: INestApplicationContext, openOffers: number): Promise<SweepFigures> {
  const db = new Client({ connectionString: url });
  await db.connect();
  await insertOpenOffers(db, openOffers);
  const [{ overdue }] = (await db.query(`SELECT count(*)::int AS overdue FROM assignments WHERE status = 'offered' AND accept_due_at <= now()`)).rows;
  const sweep = app.get(SlaSweepService);
  const { seconds, result } = await timed(async () => {
    const accept = await sweep.sweepAcceptClocks();
    const contact = await sweep.sweepContactClocks();
    const feedback = await sweep.sweepFeedbackClocks();
    return { recalled: accept.recalled, breaches: accept.breachesRecorded + contact.breachesRecorded + feedback.breachesRecorded };
  });
  // Every 100th offer still open is past 75 % of its window: a minute's worth of warnings, found among all of them.
  await db.query(
    `UPDATE assignments SET offered_at = now() - interval '50 minutes', accept_due_at = now() + interval '10 minutes'
      WHERE id IN (SELECT id FROM assignments WHERE status = 'offered' AND accept_due_at > now() ORDER BY id LIMIT $1)`,
    [Math.floor(openOffers / 100)],
  );
  await db.query(`VACUUM ANALYZE assignments`);
  await db.end();
  const alerts = await timed(() => app.get(ClockAlertsService).sendDue());
  const idle = await timed(() => app.get(ClockAlertsService).sendDue());
  return { openOffers, overdue, seconds, ...result, alertSeconds: alerts.seconds, warned: alerts.result.warned, idleAlertSeconds: idle.seconds };
}

export function printSweep(f: SweepFigures): void {
  console.log(`\nSLA sweep (${fmt(f.openOffers)} open offers, ${fmt(f.overdue)} overdue)`);
  console.log(`  time to sweep:  ${fmt(f.seconds, 2)} s  (target < 2 s)`);
  console.log(`  recalled:       ${fmt(f.recalled)}; breaches recorded: ${fmt(f.breaches)}`);
  console.log(`  clock warnings: ${fmt(f.alertSeconds, 2)} s for one run finding ${fmt(f.warned)} offers past 75 % of their window, ${fmt(f.idleAlertSeconds, 2)} s for the next (nothing new)`);
}
