import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainError, Page, pageOffset, toPage } from '@leadgate/common';
import { CreateLeadTypeDto } from './dto/create-lead-type.dto';
import { LeadTypeDto } from './dto/lead-type.dto';
import { ListLeadTypesQuery } from './dto/list-lead-types.query';
import { UpdateLeadTypeDto } from './dto/update-lead-type.dto';
import { LeadType } from './lead-type.entity';
import { conflictOnDuplicate, presentFields } from './unique-violation';

@Injectable()
export class LeadTypesService {
  constructor(@InjectRepository(LeadType) private readonly leadTypes: Repository<LeadType>) {}

  async list(query: ListLeadTypesQuery): Promise<Page<LeadTypeDto>> {
    const [types, total] = await this.leadTypes.findAndCount({
      where: query.active === undefined ? {} : { active: query.active },
      order: { key: 'ASC' },
      skip: pageOffset(query),
      take: query.pageSize,
    });
    return toPage(types.map(LeadTypeDto.from), total, query);
  }

  async get(id: string): Promise<LeadTypeDto> {
    const type = await this.leadTypes.findOneBy({ id });
    if (!type) throw DomainError.notFound('Lead type');
    return LeadTypeDto.from(type);
  }

  async create(dto: CreateLeadTypeDto): Promise<LeadTypeDto> {
    // Fields left out take the column defaults (all tiers, business time, active).
    const { identifiers } = await conflictOnDuplicate('lead_types_key_unique', `A lead type with key "${dto.key}" already exists`, () =>
      this.leadTypes.insert(presentFields(dto)),
    );
    return this.get(identifiers[0].id as string);
  }

  async update(id: string, dto: UpdateLeadTypeDto): Promise<LeadTypeDto> {
    if (!(await this.leadTypes.existsBy({ id }))) throw DomainError.notFound('Lead type');
    const changes = presentFields(dto);
    if (Object.keys(changes).length > 0) await this.leadTypes.update({ id }, changes);
    return this.get(id);
  }
}
