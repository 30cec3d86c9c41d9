import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditService } from '@leadgate/audit';
import { Clock, DomainError, Page, pageOffset, toPage } from '@leadgate/common';
import { conflictOnDuplicate, inTransaction } from '@leadgate/database';
import { CreateLeadTypeDto } from './dto/create-lead-type.dto';
import { LeadTypeDto } from './dto/lead-type.dto';
import { ListLeadTypesQuery } from './dto/list-lead-types.query';
import { UpdateLeadTypeDto } from './dto/update-lead-type.dto';
import { LeadType, LeadTypesRepository } from './lead-types.repository';
import { presentFields } from './present-fields';

@Injectable()
export class LeadTypesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly leadTypes: LeadTypesRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(query: ListLeadTypesQuery): Promise<Page<LeadTypeDto>> {
    const { leadTypes, total } = await this.leadTypes.list({ active: query.active }, pageOffset(query), query.pageSize);
    return toPage(leadTypes.map(LeadTypeDto.from), total, query);
  }

  async get(id: string): Promise<LeadTypeDto> {
    return LeadTypeDto.from(await this.findById(id));
  }

  /** The lead type, or a not-found error. */
  async findById(id: string, tx?: EntityManager): Promise<LeadType> {
    const type = await this.leadTypes.findById(id, tx);
    if (!type) throw DomainError.notFound('Lead type');
    return type;
  }

  findByKey(tx: EntityManager, key: string): Promise<LeadType | null> {
    return this.leadTypes.findByKey(tx, key);
  }

  async create(dto: CreateLeadTypeDto, actor: AuditActor): Promise<LeadTypeDto> {
    assertDefinitionWithoutDurations(dto.definition);
    // Fields left out take the column defaults (all tiers, business time, active).
    const id = await conflictOnDuplicate('lead_types_key_unique', `A lead type with key "${dto.key}" already exists`, () =>
      inTransaction(this.dataSource, async (tx) => {
        const created = await this.leadTypes.insert(tx, presentFields(dto));
        const after = (await this.leadTypes.findById(created, tx))!;
        await this.audit.record(tx, { entity: 'lead_type', entityId: created, action: 'created', actor, at: this.clock.now(), before: null, after: audited(after) });
        return created;
      }),
    );
    return this.get(id);
  }

  /**
   * Due times are fixed when a lead is offered, so new SLA numbers apply to offers made from now on;
   * offers already open keep the due times they were given (the admin form says so).
   */
  async update(id: string, dto: UpdateLeadTypeDto, actor: AuditActor): Promise<LeadTypeDto> {
    await inTransaction(this.dataSource, async (tx) => {
      const before = await this.leadTypes.findById(id, tx, true);
      if (!before) throw DomainError.notFound('Lead type');
      assertDefinitionWithoutDurations(dto.definition ?? before.definition);
      await this.leadTypes.update(tx, id, presentFields(dto));
      const after = (await this.leadTypes.findById(id, tx))!;
      await this.audit.record(tx, { entity: 'lead_type', entityId: id, action: after.active !== before.active ? (after.active ? 'reactivated' : 'retired') : 'changed', actor, at: this.clock.now(), before: audited(before), after: audited(after) });
    });
    return this.get(id);
  }
}

/** The settings the audit trail keeps (not timestamps). */
function audited(type: LeadType): Record<string, unknown> {
  const { id: _id, createdAt: _created, updatedAt: _updated, ...settings } = type;
  return settings;
}

/** "within 2 hours", "4 business days", "180 min": a duration written into the text. */
const DURATION = /\b\d+(?:[.,]\d+)?\s*(?:-\s*)?(?:business\s+|working\s+|calendar\s+)?(?:minutes?|mins?|hours?|hrs?|h|days?|weeks?)\b/i;

/**
 * The definition says what the lead is; its SLA is said in words made from the numbers (describeClock), so the
 * two can never disagree. A definition that states durations of its own would go stale at the next SLA change.
 */
function assertDefinitionWithoutDurations(definition: string): void {
  const found = DURATION.exec(definition);
  if (!found) return;
  throw DomainError.invalid([{
    field: 'definition',
    problems: [`Leave durations out of the definition ("${found[0]}"): the SLA is stated from the SLA fields, so it always matches them.`],
  }]);
}
