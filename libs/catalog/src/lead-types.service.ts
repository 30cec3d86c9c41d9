import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError, Page, pageOffset, toPage } from '@leadgate/common';
import { CreateLeadTypeDto } from './dto/create-lead-type.dto';
import { LeadTypeDto } from './dto/lead-type.dto';
import { ListLeadTypesQuery } from './dto/list-lead-types.query';
import { UpdateLeadTypeDto } from './dto/update-lead-type.dto';
import { LeadType, LeadTypesRepository } from './lead-types.repository';
import { conflictOnDuplicate, presentFields } from './unique-violation';

@Injectable()
export class LeadTypesService {
  constructor(private readonly leadTypes: LeadTypesRepository) {}

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

  async create(dto: CreateLeadTypeDto): Promise<LeadTypeDto> {
    // Fields left out take the column defaults (all tiers, business time, active).
    const id = await conflictOnDuplicate('lead_types_key_unique', `A lead type with key "${dto.key}" already exists`, () => this.leadTypes.insert(presentFields(dto)));
    return this.get(id);
  }

  async update(id: string, dto: UpdateLeadTypeDto): Promise<LeadTypeDto> {
    if (!(await this.leadTypes.findById(id))) throw DomainError.notFound('Lead type');
    await this.leadTypes.update(id, presentFields(dto));
    return this.get(id);
  }
}
