// Fills an empty database with the demo data set: one transaction, a handful of set-based inserts.
import { DateTime } from 'luxon';
import { DataSource, EntityManager } from 'typeorm';
import { actorOf, describePrincipal, generateTokenSecret, hashTokenSecret, Principal, tokenPrefixOf } from '@leadgate/auth';
import { ComplianceRepository, DEFAULT_COMPLIANCE_CONFIG, scoreFromCounts } from '@leadgate/compliance';
import { inTransaction } from '@leadgate/database';
import { hashPassword } from '@leadgate/users';
import { DEMO_CAMPAIGNS, DEMO_LEAD_TYPES } from './data/demo-catalog';
import { DEMO_PARTNERS, DemoPartner, HOLIDAYS } from './data/demo-partners';
import { DEMO_CHANNEL_MANAGER_EMAIL, DEMO_USERS, DemoUser } from './data/demo-users';
import { generateLeads, SeedCampaign, SeedLeadType, SeedPartner } from './demo-leads';
import { insertRows } from './insert-rows';
import { Random } from './random';

const DAY = 24 * 60 * 60 * 1000;
/** The same seed gives the same data set (for the same "now"). */
const RANDOM_SEED = 20_251_124;
// Any fixed number: two processes seeding the same empty database wait for each other.
const SEED_LOCK = 76_354_002;
const SEED_ACTOR = 'system:demo-seed';

export interface DemoSeedResult {
  partners: number;
  leadTypes: number;
  campaigns: number;
  leads: number;
  users: DemoUser[];
  /** The demo intake token's secret: shown once, never stored. */
  intakeToken: string;
}

/**
 * Seeds the demo data set, but only into a database without partners: a database someone is
 * using is never touched. Returns null when it left the database alone.
 */
export async function seedDemoData(dataSource: DataSource, now: Date): Promise<DemoSeedResult | null> {
  // Hashed before the transaction to keep it short; once per distinct password, as argon2 is slow on purpose.
  const passwords = [...new Set(DEMO_USERS.map((u) => u.password))];
  const hashByPassword = new Map(await Promise.all(passwords.map(async (pw) => [pw, await hashPassword(pw)] as const)));
  const hashes = new Map(DEMO_USERS.map((u) => [u.email, hashByPassword.get(u.password)!]));
  return inTransaction(dataSource, async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    if (await hasPartners(manager)) return null;

    const random = new Random(RANDOM_SEED);
    const staff = await seedStaff(manager, random, hashes);
    const partners = await seedPartners(manager, random, now, staff.get(DEMO_CHANNEL_MANAGER_EMAIL)!);
    const partnerActors = await seedPartnerUsers(manager, random, hashes, partners);
    await seedStandingHistory(manager, random, now, partners, staff.get(DEMO_CHANNEL_MANAGER_EMAIL)!);
    const leadTypes = await seedLeadTypes(manager, random);
    const campaigns = await seedCampaigns(manager, random, now);
    const { secret, token } = await seedIntakeToken(manager, random);
    const rows = generateLeads({ now, random, partners, leadTypes, campaigns, intake: { actor: actorOf(token), source: describePrincipal(token) }, partnerActors });
    await seedLeads(manager, rows);
    await updatePartnerFigures(manager, now);
    return { partners: partners.length, leadTypes: leadTypes.length, campaigns: campaigns.length, leads: rows.leads.length, users: DEMO_USERS, intakeToken: secret };
  });
}

export async function hasPartners(manager: EntityManager): Promise<boolean> {
  const [row] = await manager.query('SELECT EXISTS (SELECT 1 FROM partners) AS found');
  return row.found;
}

/** The admin and the channel manager; returns their ids by email. */
async function seedStaff(manager: EntityManager, random: Random, hashes: Map<string, string>): Promise<Map<string, string>> {
  const staff = DEMO_USERS.filter((u) => u.partner === null).map((u) => ({ ...userRow(u, random, hashes), partner_id: null }));
  await insertRows(manager, 'users', USER_COLUMNS, staff);
  return new Map(staff.map((u) => [u.email, u.id]));
}

/** Partner admins and reps; returns, per partner, the rep who acts on its demo leads ("user:<id>"). */
async function seedPartnerUsers(manager: EntityManager, random: Random, hashes: Map<string, string>, partners: SeedPartner[]): Promise<Map<string, string>> {
  const rows = DEMO_USERS.filter((u) => u.partner !== null).map((u) => ({ ...userRow(u, random, hashes), partner_id: partners.find((p) => p.name === u.partner)!.id }));
  await insertRows(manager, 'users', USER_COLUMNS, rows);
  return new Map(rows.filter((u) => u.role === 'partner_rep').map((u) => [u.partner_id, `user:${u.id}`]));
}

const USER_COLUMNS = { id: 'uuid', email: 'text', display_name: 'text', role: 'text', partner_id: 'uuid', password_hash: 'text' };
function userRow(u: DemoUser, random: Random, hashes: Map<string, string>) {
  return { id: random.uuid(), email: u.email, display_name: u.displayName, role: u.role, password_hash: hashes.get(u.email)! };
}

async function seedPartners(manager: EntityManager, random: Random, now: Date, channelManagerId: string): Promise<SeedPartner[]> {
  const partners = buildPartners(random, now);
  await insertRows(manager, 'partners', {
    id: 'uuid', name: 'text', tier: 'text', territories: 'text[]', specialties: 'text[]', capacity: 'integer', weight: 'integer',
    timezone: 'text', business_hours: 'jsonb', holidays: 'date[]', standing: 'text', standing_changed_at: 'timestamptz',
    channel_manager_id: 'uuid', contact_email: 'text', created_at: 'timestamptz',
  }, partners.map(({ partner: p, demo }) => ({
    id: p.id, name: p.name, tier: p.tier, territories: p.territories, specialties: p.specialties, capacity: p.capacity, weight: p.weight,
    timezone: p.calendar.timezone, business_hours: p.calendar.hours, holidays: p.calendar.holidays, standing: p.standing,
    standing_changed_at: demo.standingStory ? new Date(now.getTime() - demo.standingStory.daysAgo * DAY) : null,
    channel_manager_id: demo.managed ? channelManagerId : null, contact_email: `leads@${emailDomainOf(demo)}`,
    created_at: new Date(now.getTime() - 400 * DAY),
  })));
  return partners.map(({ partner }) => partner);
}

/** The demo partners as the lead generator sees them: ids, calendars (with holidays around "now"), suspension dates. */
export function buildPartners(random: Random, now: Date): { partner: SeedPartner; demo: DemoPartner }[] {
  const years = [now.getUTCFullYear() - 1, now.getUTCFullYear(), now.getUTCFullYear() + 1];
  return DEMO_PARTNERS.map((demo) => {
    const [start, end] = demo.hours.split('-');
    const suspendedSince = demo.standing === 'suspended' && demo.standingStory ? new Date(now.getTime() - demo.standingStory.daysAgo * DAY) : null;
    const partner: SeedPartner = {
      id: random.uuid(), name: demo.name, tier: demo.tier, country: demo.country, territories: demo.territories, specialties: demo.specialties,
      capacity: demo.capacity, weight: demo.weight, standing: demo.standing, suspendedSince,
      calendar: {
        timezone: demo.timezone,
        hours: [1, 2, 3, 4, 5].map((day) => ({ day, start, end })),
        holidays: years.flatMap((y) => HOLIDAYS[demo.country].map((md) => `${y}-${md}`)),
      },
    };
    return { partner, demo };
  });
}

function emailDomainOf(p: DemoPartner): string {
  return `${p.name.toLowerCase().normalize('NFD').replace(/[^a-z0-9 ]/g, '').trim().split(/\s+/).slice(0, 2).join('-')}.test`;
}

/** Why the partners in warning or suspended got there: policy changes and one channel-manager override. */
async function seedStandingHistory(manager: EntityManager, random: Random, now: Date, partners: SeedPartner[], channelManagerId: string): Promise<void> {
  const changes: Record<string, unknown>[] = [];
  const overrides: Record<string, unknown>[] = [];
  for (const p of DEMO_PARTNERS) {
    if (!p.standingStory) continue;
    const partnerId = partners.find((s) => s.name === p.name)!.id;
    const at = new Date(now.getTime() - p.standingStory.daysAgo * DAY);
    const change = (when: Date, from: string, to: string, source: string, reason: string, actor: string) =>
      changes.push({ id: random.uuid(), partner_id: partnerId, at: when, from_standing: from, to_standing: to, source, reason, actor });
    const { override } = p.standingStory;
    if (override) {
      const actor = `user:${channelManagerId}`;
      change(at, 'good', p.standing, 'override', p.standingStory.reason, actor);
      overrides.push({ id: random.uuid(), partner_id: partnerId, standing: p.standing, reason: p.standingStory.reason, starts_at: at, ends_at: new Date(at.getTime() + override.days * DAY), created_by: actor, created_at: at });
    } else if (p.standing === 'suspended') {
      change(new Date(at.getTime() - 10 * DAY), 'good', 'warning', 'policy', 'SLA attainment over the last 90 days fell below the warning threshold', 'system');
      change(at, 'warning', 'suspended', 'policy', p.standingStory.reason, 'system');
    } else {
      change(at, 'good', p.standing, 'policy', p.standingStory.reason, 'system');
    }
  }
  await insertRows(manager, 'standing_changes', {
    id: 'uuid', partner_id: 'uuid', at: 'timestamptz', from_standing: 'text', to_standing: 'text', source: 'text', reason: 'text', actor: 'text',
  }, changes);
  await insertRows(manager, 'standing_overrides', {
    id: 'uuid', partner_id: 'uuid', standing: 'text', reason: 'text', starts_at: 'timestamptz', ends_at: 'timestamptz', created_by: 'text', created_at: 'timestamptz',
  }, overrides);
}

async function seedLeadTypes(manager: EntityManager, random: Random): Promise<SeedLeadType[]> {
  const types = DEMO_LEAD_TYPES.map((t) => ({ ...t, id: random.uuid() }));
  await insertRows(manager, 'lead_types', {
    id: 'uuid', key: 'text', name: 'text', definition: 'text', allowed_tiers: 'text[]', sla_accept_minutes: 'integer', sla_contact_minutes: 'integer',
    sla_feedback_minutes: 'integer', sla_update_cadence_minutes: 'integer', business_time: 'boolean',
  }, types.map((t) => ({
    id: t.id, key: t.key, name: t.name, definition: t.definition, allowed_tiers: t.allowedTiers, sla_accept_minutes: t.acceptMinutes,
    sla_contact_minutes: t.contactMinutes, sla_feedback_minutes: t.feedbackMinutes, sla_update_cadence_minutes: t.updateCadenceMinutes, business_time: t.businessTime,
  })));
  return types;
}

async function seedCampaigns(manager: EntityManager, random: Random, now: Date): Promise<SeedCampaign[]> {
  const campaigns = DEMO_CAMPAIGNS.map((c) => ({ ...c, id: random.uuid() }));
  const dateOf = (daysAgo: number) => DateTime.fromJSDate(now, { zone: 'UTC' }).minus({ days: daysAgo }).toISODate();
  await insertRows(manager, 'campaigns', {
    id: 'uuid', key: 'text', name: 'text', channel: 'text', cost_minor: 'bigint', currency: 'text', starts_on: 'date', ends_on: 'date',
  }, campaigns.map((c) => ({
    id: c.id, key: c.key, name: c.name, channel: c.channel, cost_minor: c.costMinor, currency: c.currency,
    starts_on: dateOf(c.startsDaysAgo), ends_on: c.endsDaysAgo === null ? null : dateOf(c.endsDaysAgo),
  })));
  return campaigns;
}

/** One intake token, so the intake API can be tried at once; its secret exists only in the result. */
async function seedIntakeToken(manager: EntityManager, random: Random): Promise<{ secret: string; token: Principal }> {
  const secret = generateTokenSecret();
  const token: Principal = { kind: 'token', id: random.uuid(), name: 'Demo marketing automation', role: 'intake', partnerId: null };
  await insertRows(manager, 'api_tokens', { id: 'uuid', name: 'text', role: 'text', token_prefix: 'text', token_hash: 'text', created_by: 'text' }, [
    { id: token.id, name: token.name, role: token.role, token_prefix: tokenPrefixOf(secret), token_hash: hashTokenSecret(secret), created_by: SEED_ACTOR },
  ]);
  return { secret, token };
}

async function seedLeads(manager: EntityManager, rows: ReturnType<typeof generateLeads>): Promise<void> {
  await insertRows(manager, 'leads', {
    id: 'uuid', lead_type_id: 'uuid', campaign_id: 'uuid', status: 'text', external_id: 'text', email: 'text', email_normalized: 'text',
    first_name: 'text', last_name: 'text', phone: 'text', job_title: 'text', company: 'text', country: 'text', postal_code: 'text',
    product_interest: 'text', score: 'integer', notes: 'text', current_partner_id: 'uuid', opportunity_amount_minor: 'bigint',
    won_amount_minor: 'bigint', currency: 'text', outcome_reason_code: 'text', outcome_reason_text: 'text',
    created_at: 'timestamptz', updated_at: 'timestamptz', closed_at: 'timestamptz',
  }, rows.leads);
  await insertRows(manager, 'allocation_decisions', {
    id: 'uuid', lead_id: 'uuid', decided_at: 'timestamptz', mode: 'text', policy_version: 'text', winner_partner_id: 'uuid', actor: 'text', reason: 'text', summary: 'text', candidates: 'jsonb',
  }, rows.decisions);
  await insertRows(manager, 'assignments', {
    id: 'uuid', lead_id: 'uuid', partner_id: 'uuid', decision_id: 'uuid', status: 'text', offered_at: 'timestamptz', accept_due_at: 'timestamptz',
    contact_due_at: 'timestamptz', feedback_due_at: 'timestamptz', accepted_at: 'timestamptz', first_contact_at: 'timestamptz',
    feedback_at: 'timestamptz', ended_at: 'timestamptz', end_reason_code: 'text', end_reason_text: 'text',
  }, rows.assignments);
  await insertRows(manager, 'breaches', {
    id: 'uuid', assignment_id: 'uuid', lead_id: 'uuid', partner_id: 'uuid', kind: 'text', due_at: 'timestamptz', detected_at: 'timestamptz', cured_at: 'timestamptz',
  }, rows.breaches);
  await insertRows(manager, 'lead_events', {
    lead_id: 'uuid', at: 'timestamptz', kind: 'text', partner_id: 'uuid', actor: 'text', summary: 'text', data: 'jsonb',
  }, rows.events);
}

/** Open-lead counts and compliance scores, derived from the rows just written so they agree with them. */
async function updatePartnerFigures(manager: EntityManager, now: Date): Promise<void> {
  await manager.query(`
    UPDATE partners p SET open_leads = held.n
    FROM (SELECT current_partner_id AS id, count(*)::int AS n FROM leads
          WHERE status IN ('offered', 'accepted', 'contacted', 'qualified', 'opportunity') GROUP BY current_partner_id) held
    WHERE held.id = p.id`);
  // Scores exactly as the compliance recompute counts them (same query, same formula).
  const rows = await new ComplianceRepository().loadCounts(manager, now, DEFAULT_COMPLIANCE_CONFIG);
  await manager.query(
    `UPDATE partners p SET compliance_score = v.score FROM unnest($1::uuid[], $2::numeric[]) AS v(id, score) WHERE p.id = v.id`,
    [rows.map((r) => r.partnerId), rows.map((r) => scoreFromCounts(r.counts).score)],
  );
}
