import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditActor, AuditService } from '@leadgate/audit';
import { Clock, DomainError, FieldProblem, holidayRuleProblems, holidaysOfYear, Page, pageOffset, toPage } from '@leadgate/common';
import { conflictOnDuplicate, inTransaction } from '@leadgate/database';
import { WaitingLeadsSignal } from '@leadgate/lifecycle';
import {
  CreateHolidayCalendarDto, HolidayCalendarDetailDto, HolidayCalendarDto, ListHolidayCalendarsQuery, UpdateHolidayCalendarDto,
} from './dto/holiday-calendar.dto';
import { HolidayCalendar, HolidayCalendarFields, HolidayCalendarsRepository } from './holiday-calendars.repository';

/** Shared holiday calendars for admins: each year's days off are generated when asked, so nothing is retyped each year. */
@Injectable()
export class HolidayCalendarsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calendars: HolidayCalendarsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly waiting: WaitingLeadsSignal,
  ) {}

  async list(query: ListHolidayCalendarsQuery): Promise<Page<HolidayCalendarDto>> {
    const { calendars, total } = await this.calendars.list(pageOffset(query), query.pageSize);
    return toPage(calendars.map(HolidayCalendarDto.from), total, query);
  }

  /** Every calendar, for the partner form's select (there are a handful, not thousands). */
  async all(): Promise<HolidayCalendar[]> {
    return (await this.calendars.list(0, 1000)).calendars;
  }

  /** The calendar with its days off in `year` (default this year, UTC). */
  async get(id: string, year?: number): Promise<HolidayCalendarDetailDto> {
    const calendar = await this.calendars.findById(id);
    if (!calendar) throw DomainError.notFound('Holiday calendar');
    const listed = year ?? this.clock.now().getUTCFullYear();
    return Object.assign(HolidayCalendarDto.from(calendar), { year: listed, holidays: holidaysOfYear(calendar, listed) });
  }

  async create(dto: CreateHolidayCalendarDto, actor: AuditActor): Promise<HolidayCalendarDetailDto> {
    const fields = checked({ name: dto.name.trim(), country: dto.country ?? null, region: dto.region ?? null, customDates: [...(dto.customDates ?? [])].sort() });
    const id = await this.writing(fields.name, () =>
      inTransaction(this.dataSource, async (tx) => {
        const created = await this.calendars.insert(tx, fields);
        await this.audit.record(tx, { entity: 'holiday_calendar', entityId: created, action: 'created', actor, at: this.clock.now(), before: null, after: fields });
        return created;
      }),
    );
    return this.get(id);
  }

  /** Partners using the calendar count its new days off from their next offer; open offers keep their due times. */
  async update(id: string, dto: UpdateHolidayCalendarDto, actor: AuditActor): Promise<HolidayCalendarDetailDto> {
    await this.writing(dto.name, () =>
      inTransaction(this.dataSource, async (tx) => {
        const current = await this.calendars.findById(id, tx, true);
        if (!current) throw DomainError.notFound('Holiday calendar');
        const before = fieldsOf(current);
        const country = dto.country === undefined ? before.country : dto.country;
        // A new country drops the old country's region unless a region is given too.
        const region = dto.region !== undefined ? dto.region : country === before.country ? before.region : null;
        const after = checked({
          name: dto.name?.trim() ?? before.name, country, region,
          customDates: dto.customDates ? [...dto.customDates].sort() : before.customDates,
        });
        await this.calendars.update(tx, id, after);
        await this.audit.record(tx, { entity: 'holiday_calendar', entityId: id, action: 'changed', actor, at: this.clock.now(), before, after });
      }),
    );
    // Fewer days off may let a partner whose calendar could not time an SLA take waiting leads again.
    this.waiting.changed();
    return this.get(id);
  }

  /** Runs a write, turning the unique-name violation into a 409 a person can act on. */
  private writing<T>(name: string | undefined, write: () => Promise<T>): Promise<T> {
    return conflictOnDuplicate('holiday_calendars_name_unique', `A holiday calendar named "${name}" already exists; choose another name`, write);
  }

}

const fieldsOf = (calendar: HolidayCalendar): Required<HolidayCalendarFields> => ({
  name: calendar.name, country: calendar.country, region: calendar.region, customDates: calendar.customDates,
});

/** 400 naming the field when date-holidays knows no such country or region. */
function checked(fields: Required<HolidayCalendarFields>): Required<HolidayCalendarFields> {
  const problems: FieldProblem[] = holidayRuleProblems(fields.country, fields.region).map((p) => ({ field: p.field, problems: [p.problem] }));
  if (problems.length > 0) throw DomainError.invalid(problems);
  return fields;
}
