import { LEAD_STATUSES, OPEN_PARTNER_STATUSES } from '@leadgate/leads';
import { DEMO_CAMPAIGNS, DEMO_LEAD_TYPES } from './data/demo-catalog';
import { buildPartners } from './demo-seeder';
import { generateLeads, LeadRows, STATUS_QUOTAS } from './demo-leads';
import { Random } from './random';

const NOW = new Date('2026-03-02T09:00:00Z');

function generate(seed = 7, now = NOW): LeadRows {
  const random = new Random(seed);
  const partners = buildPartners(random, now).map((p) => p.partner);
  const leadTypes = DEMO_LEAD_TYPES.map((t) => ({ ...t, id: random.uuid() }));
  const campaigns = DEMO_CAMPAIGNS.map((c) => ({ ...c, id: random.uuid() }));
  return generateLeads({ now, random, partners, leadTypes, campaigns, intake: { actor: 'token:demo', source: 'API token "Demo"' }, partnerActors: new Map() });
}

const time = (value: unknown) => (value as Date).getTime();

describe('demo lead generation', () => {
  const rows = generate();

  it('is reproducible: the same seed and "now" give the same rows', () => {
    expect(JSON.stringify(generate())).toBe(JSON.stringify(rows));
    expect(JSON.stringify(generate(8))).not.toBe(JSON.stringify(rows));
  });

  it.each(['2026-03-07T23:30:00Z', '2025-12-25T12:00:00Z', '2026-07-13T05:00:00Z'])('can be built whatever the day and hour of "now" (%s)', (now) => {
    expect(generate(7, new Date(now)).leads).toHaveLength(Object.values(STATUS_QUOTAS).reduce((a, b) => a + b, 0));
  });

  it('puts the quota of leads in every status, all within the last ~120 days and none in the future', () => {
    for (const status of LEAD_STATUSES) expect(rows.leads.filter((l) => l.status === status)).toHaveLength(STATUS_QUOTAS[status]);
    expect(rows.leads.length).toBeGreaterThanOrEqual(300);
    for (const lead of rows.leads) {
      expect(time(lead.created_at)).toBeGreaterThan(NOW.getTime() - 160 * 86_400_000);
      expect(time(lead.updated_at)).toBeLessThanOrEqual(NOW.getTime());
    }
    for (const event of rows.events) expect(time(event.at)).toBeLessThanOrEqual(NOW.getTime());
  });

  it('gives partner-held leads exactly one open assignment to their current partner, and others none', () => {
    for (const lead of rows.leads) {
      const open = rows.assignments.filter((a) => a.lead_id === lead.id && ['offered', 'accepted'].includes(a.status as string));
      if ((OPEN_PARTNER_STATUSES as readonly unknown[]).includes(lead.status)) {
        expect(open).toHaveLength(1);
        expect(open[0].partner_id).toBe(lead.current_partner_id);
        expect(open[0].status).toBe(lead.status === 'offered' ? 'offered' : 'accepted');
      } else {
        expect(open).toHaveLength(0);
      }
    }
  });

  it('never leaves an offer open past its accept time, since the sweep would have recalled it', () => {
    for (const a of rows.assignments.filter((x) => x.status === 'offered')) expect(time(a.accept_due_at)).toBeGreaterThanOrEqual(NOW.getTime());
  });

  it('records a breach exactly for the clocks met late or still open past their due time', () => {
    for (const a of rows.assignments) {
      const breached = (kind: string) => rows.breaches.some((b) => b.assignment_id === a.id && b.kind === kind);
      const late = (due: unknown, done: unknown) => (done ? time(done) > time(due) : ['accepted'].includes(a.status as string) && time(due) < NOW.getTime());
      expect(breached('contact')).toBe(a.status !== 'declined' && a.status !== 'recalled' && late(a.contact_due_at, a.first_contact_at));
      expect(breached('feedback')).toBe(!!a.first_contact_at && late(a.feedback_due_at, a.feedback_at));
      expect(breached('accept')).toBe(a.status === 'recalled');
    }
  });

  it('gives closed and lost leads their outcome: amounts for opportunities and wins, reasons for losses and disqualifications', () => {
    for (const lead of rows.leads) {
      if (lead.status === 'won') expect(lead.won_amount_minor).toEqual(expect.any(Number));
      if (lead.status === 'opportunity' || lead.status === 'won') expect(lead.opportunity_amount_minor).toEqual(expect.any(Number));
      if (lead.status === 'lost' || lead.status === 'disqualified') expect(lead.outcome_reason_code).toEqual(expect.any(String));
      expect(lead.closed_at !== null).toBe(['won', 'lost', 'disqualified'].includes(lead.status as string));
    }
  });
});
