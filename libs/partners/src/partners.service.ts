import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@leadgate/audit';
import { AccessService, auditActorOf, PartnerUsersService, partnerScopeOf, type Principal } from '@leadgate/auth';
import { Clock, DomainError, Page, pageOffset, PartnerScope, toPage } from '@leadgate/common';
import { conflictOnDuplicate, inTransaction } from '@leadgate/database';
import { WaitingLeadsSignal } from '@leadgate/lifecycle';
import { UsersService } from '@leadgate/users';
import { CreatePartnerDto, MIN_WEEKLY_BUSINESS_MINUTES } from './dto/create-partner.dto';
import { LeadRoutingDto } from './dto/lead-routing.dto';
import { ListPartnersQuery } from './dto/list-partners.query';
import { PartnerDto } from './dto/partner.dto';
import { UpdatePartnerDto } from './dto/update-partner.dto';
import { HolidayCalendarsRepository } from './holiday-calendars/holiday-calendars.repository';
import { BusinessHoursWindow, Partner, PartnerFields, PartnerFilter, PartnersRepository } from './partners.repository';

/** Partner records for admins and channel managers; a caller sees only the partners in its scope (partnerScopeOf). */
@Injectable()
export class PartnersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly partners: PartnersRepository,
    private readonly users: UsersService,
    private readonly access: AccessService,
    private readonly clock: Clock,
    private readonly waiting: WaitingLeadsSignal,
    private readonly audit: AuditService,
    private readonly partnerUsers: PartnerUsersService,
    private readonly calendars: HolidayCalendarsRepository,
  ) {}

  async list(query: ListPartnersQuery, viewer: Principal): Promise<Page<PartnerDto>> {
    const filter: PartnerFilter = { ...visibleTo(viewer), tier: query.tier, standing: query.standing, active: query.active, territory: query.territory, nameContains: query.q };
    const sort = query.sort.replace(/^-/, '') as 'name' | 'createdAt';
    const { partners, total } = await this.partners.list(filter, { by: sort, descending: query.sort.startsWith('-') }, pageOffset(query), query.pageSize);
    return toPage(partners.map(PartnerDto.from), total, query);
  }

  async get(id: string, viewer: Principal): Promise<PartnerDto> {
    const partner = await this.partners.findOne({ ...visibleTo(viewer), id });
    if (!partner) throw DomainError.notFound('Partner');
    return PartnerDto.from(partner);
  }

  /** The partner's routing, for its own users and vendor staff who see it. */
  async leadRouting(id: string, viewer: Principal): Promise<LeadRoutingDto> {
    await this.get(id, viewer);
    return { mode: (await this.partners.leadRouting(id))! };
  }

  /** A partner admin (of this partner) or a vendor admin chooses how offers get an owner. */
  async setLeadRouting(id: string, dto: LeadRoutingDto, viewer: Principal): Promise<LeadRoutingDto> {
    await this.get(id, viewer);
    await this.partners.setLeadRouting(id, dto.mode);
    return { mode: dto.mode };
  }

  /** The partner and, when given, its first admin's invitation (user, one-time link, email): all in one transaction. */
  async create(dto: CreatePartnerDto, actor: Principal): Promise<PartnerDto> {
    assertCalendar({ businessHours: dto.businessHours ?? DEFAULT_HOURS, aroundTheClock: dto.aroundTheClock ?? false });
    await this.assertChannelManager(dto.channelManagerId);
    const { firstAdmin, ...fields } = dto;
    const partner = await this.writing(dto.name, () =>
      inTransaction(this.dataSource, async (tx) => {
        await this.assertHolidayCalendar(tx, dto.holidayCalendarId);
        // Fields left out take the column defaults (no territories, weight 1, Mon-Fri 09:00-17:00, active).
        const created = await this.partners.insert(tx, fields);
        const now = this.clock.now();
        const partner = (await this.partners.findOne({ id: created }, tx))!;
        await this.audit.record(tx, { entity: 'partner', entityId: created, action: 'created', actor: auditActorOf(actor), at: now, before: null, after: audited(partner) });
        if (firstAdmin) {
          await this.partnerUsers.inviteIn(tx, { id: created, name: partner.name }, { ...firstAdmin, role: 'partner_admin' }, actor, now);
        }
        return partner;
      }),
    );
    // A new partner (or, below, a changed one: territory, capacity, reactivated) may take waiting leads.
    this.waiting.changed();
    return PartnerDto.from(partner);
  }

  /**
   * Deactivating ends the partner's access in the same transaction: its API tokens are revoked and
   * its users' sessions ended, and its users cannot sign in or reset a password while it is inactive.
   */
  async update(id: string, dto: UpdatePartnerDto, actor: Principal): Promise<PartnerDto> {
    const current = await this.partners.findOne({ id });
    if (!current) throw DomainError.notFound('Partner');
    if (dto.businessHours !== undefined || dto.aroundTheClock !== undefined) {
      assertCalendar({ businessHours: dto.businessHours ?? current.businessHours, aroundTheClock: dto.aroundTheClock ?? current.aroundTheClock });
    }
    await this.assertChannelManager(dto.channelManagerId);
    const after = await this.writing(dto.name, () =>
      inTransaction(this.dataSource, async (tx) => {
        const before = await this.partners.lock(tx, id);
        if (!before) throw DomainError.notFound('Partner');
        await this.assertHolidayCalendar(tx, dto.holidayCalendarId);
        await this.partners.update(tx, id, dto as PartnerFields);
        const after = (await this.partners.findOne({ id }, tx))!;
        const now = this.clock.now();
        if (dto.active === false) await this.access.endForPartner(tx, id, now);
        const action = before.active && !after.active ? 'deactivated' : !before.active && after.active ? 'reactivated' : 'changed';
        await this.audit.record(tx, { entity: 'partner', entityId: id, action, actor: auditActorOf(actor), at: now, before: audited(before), after: audited(after) });
        return after;
      }),
    );
    this.waiting.changed();
    return PartnerDto.from(after);
  }

  /** A partner by id, or by exact name when the argument is not a uuid (the CLI's way of naming one). */
  findByIdOrName(idOrName: string): Promise<Partner | null> {
    return UUID.test(idOrName) ? this.partners.findOne({ id: idOrName }) : this.partners.findByName(idOrName);
  }

  /** Names of the given partners, by id. */
  namesByIds(ids: string[]): Promise<Map<string, string>> {
    return this.partners.namesByIds(ids);
  }


  private async assertHolidayCalendar(tx: EntityManager, calendarId: string | null | undefined): Promise<void> {
    if (!calendarId || (await this.calendars.exists(tx, calendarId))) return;
    throw DomainError.invalid([{ field: 'holidayCalendarId', problems: ['holidayCalendarId must be the id of a holiday calendar (GET /api/v1/holiday-calendars)'] }]);
  }

  private async assertChannelManager(userId: string | null | undefined): Promise<void> {
    if (!userId) return;
    if (await this.users.isActiveChannelManager(userId)) return;
    throw DomainError.invalid([{ field: 'channelManagerId', problems: ['channelManagerId must be the id of an active user with role channel_manager'] }]);
  }

  /** Runs a write, turning the unique-name violation into a 409 a person can act on. */
  private writing<T>(name: string | undefined, write: () => Promise<T>): Promise<T> {
    return conflictOnDuplicate('partners_name_unique', `A partner named "${name}" already exists; choose another name`, write);
  }

}

/** The settings an admin changes, as the audit trail keeps them (not standing, counters or timestamps). */
function audited(partner: Partner): Record<string, unknown> {
  return {
    name: partner.name, tier: partner.tier, territories: partner.territories, specialties: partner.specialties, capacity: partner.capacity,
    weight: partner.weight, timezone: partner.timezone, businessHours: partner.businessHours, aroundTheClock: partner.aroundTheClock,
    holidayCalendarId: partner.holidayCalendarId, active: partner.active, channelManagerId: partner.channelManagerId, contactEmail: partner.contactEmail,
  };
}

/** The column default: Monday to Friday, 09:00 to 17:00. */
const DEFAULT_HOURS: BusinessHoursWindow[] = [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' }));

/**
 * A calendar SLA clocks can be counted in quickly: at least MIN_WEEKLY_BUSINESS_MINUTES of business time a
 * week, or explicitly around the clock. Without this, one partner with a minute a week would push due
 * times into the next millennium and hold up every request while they are computed.
 */
function assertCalendar(calendar: { businessHours: BusinessHoursWindow[]; aroundTheClock: boolean }): void {
  if (calendar.aroundTheClock) return;
  const weekly = weeklyMinutes(calendar.businessHours);
  if (calendar.businessHours.length === 0) {
    throw DomainError.invalid([
      { field: 'businessHours', problems: ['businessHours must list at least one window; for clocks that run day and night set aroundTheClock to true'] },
    ]);
  }
  if (weekly < MIN_WEEKLY_BUSINESS_MINUTES) {
    throw DomainError.invalid([
      {
        field: 'businessHours',
        problems: [`businessHours must add up to at least ${MIN_WEEKLY_BUSINESS_MINUTES / 60} hour a week (they add up to ${weekly} minutes)`],
      },
    ]);
  }
}

/** Business minutes in a week, overlapping windows counted once. */
function weeklyMinutes(windows: BusinessHoursWindow[]): number {
  const minute = (time: string) => (time === '24:00' ? 1440 : Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5)));
  let total = 0;
  for (let day = 1; day <= 7; day++) {
    const spans = windows.filter((w) => w.day === day).map((w) => [minute(w.start), minute(w.end)]).sort((a, b) => a[0] - b[0]);
    let reached = 0;
    for (const [start, end] of spans) {
      const from = Math.max(start, reached);
      if (end > from) total += end - from;
      reached = Math.max(reached, end);
    }
  }
  return total;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A partner role without a partner (never issued) compares with NULL and so sees nothing. */
function filterOf(scope: PartnerScope): PartnerFilter {
  // The same rule as PartnerScopeRepository (lifecycle), as a filter of this library's list.
  if (scope.kind === 'partner') return { onlyId: scope.partnerId };
  if (scope.kind === 'managed') return { managedBy: scope.managerId };
  return {};
}

export const visibleTo = (viewer: Principal): PartnerFilter => filterOf(partnerScopeOf(viewer));
