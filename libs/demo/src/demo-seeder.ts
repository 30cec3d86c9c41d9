// Fills an empty database with the demo: the cast made through the admin services, then the story played through the lead services.
import { Type } from '@nestjs/common';
import { DateTime } from 'luxon';
import { ApiTokensService, Principal } from '@leadgate/auth';
import { CampaignsService, LeadTypesService } from '@leadgate/catalog';
import { DomainError, DomainErrorCode, holidaySetOf, withQuietLogs } from '@leadgate/common';
import { HolidayCalendarsService, ListPartnersQuery, PartnersService } from '@leadgate/partners';
import { User, UsersService } from '@leadgate/users';
import { DEMO_CAMPAIGNS, DEMO_LEAD_TYPES } from './data/demo-catalog';
import { COUNTRY_NAMES, DEMO_PARTNERS, DemoPartner } from './data/demo-partners';
import { DEMO_ADMIN_EMAIL, DEMO_CHANNEL_MANAGER_EMAIL, DEMO_USERS, DemoUser } from './data/demo-users';
import { DemoHost } from './demo-context';
import { playDemoStory, StoryCast } from './demo-story';
import { Random } from './random';

/** The same seed gives the same data set (for the same "now"). */
const RANDOM_SEED = 20_251_124;
const SEED_ACTOR = 'system:demo-seed';
const SEEDER: Principal = { kind: 'user', id: '00000000-0000-4000-8000-000000000000', name: 'Demo seed', role: 'admin', partnerId: null, timeZone: 'UTC' };

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
export async function seedDemoData(host: DemoHost, now: Date): Promise<DemoSeedResult | null> {
  const get = <T>(type: Type<T>): T => host.get(type, { strict: false });
  const partnersService = get(PartnersService);
  if (await hasPartners(partnersService)) return null;
  const users = get(UsersService);
  // The demo admin's address is unique: a second seeder running at the same time stops here.
  const admin = await createUser(users, DEMO_USERS.find((u) => u.email === DEMO_ADMIN_EMAIL)!, null).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === DomainErrorCode.Conflict) return null;
    throw error;
  });
  if (!admin) return null;
  const manager = await createUser(users, DEMO_USERS.find((u) => u.email === DEMO_CHANNEL_MANAGER_EMAIL)!, null);

  // One shared public-holiday calendar per country, generated year by year.
  const calendarsService = get(HolidayCalendarsService);
  const calendarIds = new Map<string, string>();
  for (const country of [...new Set(DEMO_PARTNERS.map((p) => p.country))]) {
    const calendar = await calendarsService.create({ name: `${COUNTRY_NAMES[country]} public holidays`, country }, { ref: SEED_ACTOR, name: SEEDER.name });
    calendarIds.set(country, calendar.id);
  }
  const partners: StoryCast['partners'] = [];
  for (const demo of DEMO_PARTNERS) {
    const created = await partnersService.create({
      name: demo.name, tier: demo.tier, territories: demo.territories, specialties: demo.specialties, capacity: demo.capacity,
      weight: demo.weight, timezone: demo.timezone, businessHours: businessHours(demo), holidayCalendarId: calendarIds.get(demo.country)!,
      contactEmail: `leads@${emailDomainOf(demo)}`, channelManagerId: demo.managed ? manager.id : null,
    }, SEEDER);
    const holidays = holidaySetOf({ country: demo.country, region: null, customDates: [] });
    partners.push({ id: created.id, demo, calendar: { timezone: demo.timezone, hours: businessHours(demo), holidays } });
  }

  const reps = new Map<string, Principal>();
  for (const { id, demo } of partners) {
    for (const u of DEMO_USERS.filter((d) => d.partner === demo.name)) {
      const user = await createUser(users, u, id);
      if (u.role === 'partner_rep') reps.set(id, principalOf(user));
    }
    // A partner with demo logins routes its offers round robin, so its rep's "My leads" has leads.
    if (reps.has(id)) await partnersService.setLeadRouting(id, { mode: 'round_robin' }, SEEDER);
    // The other partners' reps have no demo login: invited users who never set a password.
    if (!reps.has(id)) {
      const rep = await users.createUser({ email: `sales@${emailDomainOf(demo)}`, displayName: `${demo.name} sales desk`, role: 'partner_rep', partnerId: id });
      reps.set(id, principalOf(rep));
    }
  }

  const leadTypes = get(LeadTypesService);
  for (const t of DEMO_LEAD_TYPES) {
    await leadTypes.create({
      key: t.key, name: t.name, definition: t.definition, allowedTiers: t.allowedTiers, slaAcceptMinutes: t.acceptMinutes,
      slaContactMinutes: t.contactMinutes, slaFeedbackMinutes: t.feedbackMinutes, slaUpdateCadenceMinutes: t.updateCadenceMinutes, businessTime: t.businessTime,
    }, { ref: SEED_ACTOR, name: SEEDER.name });
  }
  const campaigns = get(CampaignsService);
  const dateOf = (daysAgo: number) => DateTime.fromJSDate(now, { zone: 'UTC' }).minus({ days: daysAgo }).toISODate()!;
  for (const c of DEMO_CAMPAIGNS) {
    await campaigns.create({
      key: c.key, name: c.name, channel: c.channel, costMinor: c.costMinor, currency: c.currency,
      startsOn: dateOf(c.startsDaysAgo), endsOn: c.endsDaysAgo === null ? null : dateOf(c.endsDaysAgo),
    });
  }

  // One intake token, so the intake API can be tried at once; its secret exists only in the result.
  const { token, secret } = await get(ApiTokensService).create({ name: 'Demo marketing automation', role: 'intake', createdBy: SEED_ACTOR });
  const intake: Principal = { kind: 'token', id: token.id, name: token.name, role: 'intake', partnerId: null, timeZone: 'UTC' };

  // The 90 days' standing changes and sweeps are in the timelines and standing histories; the log keeps to warnings.
  const cast: StoryCast = { partners, reps, channelManager: principalOf(manager), admin: principalOf(admin), intake };
  const story = await withQuietLogs(() => playDemoStory(host, now, cast, new Random(RANDOM_SEED)));
  return {
    partners: partners.length, leadTypes: DEMO_LEAD_TYPES.length, campaigns: DEMO_CAMPAIGNS.length, leads: story.leads,
    users: DEMO_USERS, intakeToken: secret,
  };
}

async function hasPartners(partners: PartnersService): Promise<boolean> {
  const page = await partners.list(Object.assign(new ListPartnersQuery(), { pageSize: 1 }), SEEDER);
  return page.total > 0;
}

function createUser(users: UsersService, u: DemoUser, partnerId: string | null): Promise<User> {
  return users.createUser({ email: u.email, displayName: u.displayName, role: u.role, partnerId, password: u.password });
}

function principalOf(user: User): Principal {
  return { kind: 'user', id: user.id, name: user.displayName, role: user.role, partnerId: user.partnerId, timeZone: user.timeZone };
}

function businessHours(p: DemoPartner) {
  const [start, end] = p.hours.split('-');
  return [1, 2, 3, 4, 5].map((day) => ({ day, start, end }));
}

function emailDomainOf(p: DemoPartner): string {
  return `${p.name.toLowerCase().normalize('NFD').replace(/[^a-z0-9 ]/g, '').trim().split(/\s+/).slice(0, 2).join('-')}.test`;
}
