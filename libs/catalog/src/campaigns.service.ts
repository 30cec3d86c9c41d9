import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainError, Page, pageOffset, toPage } from '@leadgate/common';
import { inTransaction } from '@leadgate/database';
import { Campaign } from './campaign.entity';
import { CampaignDto } from './dto/campaign.dto';
import { CreateCampaignDto } from './dto/create-campaign.dto';
import { ListCampaignsQuery } from './dto/list-campaigns.query';
import { UpdateCampaignDto } from './dto/update-campaign.dto';
import { conflictOnDuplicate, presentFields } from './unique-violation';

@Injectable()
export class CampaignsService {
  constructor(@InjectRepository(Campaign) private readonly campaigns: Repository<Campaign>) {}

  async list(query: ListCampaignsQuery): Promise<Page<CampaignDto>> {
    const [campaigns, total] = await this.campaigns.findAndCount({
      where: query.channel === undefined ? {} : { channel: query.channel },
      order: { key: 'ASC' },
      skip: pageOffset(query),
      take: query.pageSize,
    });
    return toPage(campaigns.map(CampaignDto.from), total, query);
  }

  async get(id: string): Promise<CampaignDto> {
    const campaign = await this.campaigns.findOneBy({ id });
    if (!campaign) throw DomainError.notFound('Campaign');
    return CampaignDto.from(campaign);
  }

  async create(dto: CreateCampaignDto): Promise<CampaignDto> {
    assertDatesOrdered(dto.startsOn ?? null, dto.endsOn ?? null);
    const { identifiers } = await conflictOnDuplicate('campaigns_key_unique', `A campaign with key "${dto.key}" already exists`, () =>
      this.campaigns.insert(presentFields(dto)),
    );
    return this.get(identifiers[0].id as string);
  }

  async update(id: string, dto: UpdateCampaignDto): Promise<CampaignDto> {
    const changes = presentFields(dto);
    await inTransaction(this.campaigns.manager.connection, async (manager) => {
      // Locked so the date order is checked against the dates that end up stored.
      const current = await manager.findOne(Campaign, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!current) throw DomainError.notFound('Campaign');
      assertDatesOrdered(changes.startsOn !== undefined ? changes.startsOn : current.startsOn, changes.endsOn !== undefined ? changes.endsOn : current.endsOn);
      if (Object.keys(changes).length > 0) await manager.update(Campaign, { id }, changes);
    });
    return this.get(id);
  }
}

function assertDatesOrdered(startsOn: string | null, endsOn: string | null): void {
  if (startsOn !== null && endsOn !== null && endsOn < startsOn) {
    throw DomainError.invalid([{ field: 'endsOn', problems: [`endsOn must be on or after startsOn (${startsOn})`] }]);
  }
}
