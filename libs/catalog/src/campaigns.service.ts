import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, Page, pageOffset, toPage } from '@leadgate/common';
import { conflictOnDuplicate, inTransaction } from '@leadgate/database';
import { Campaign, CampaignsRepository } from './campaigns.repository';
import { CampaignDto } from './dto/campaign.dto';
import { CreateCampaignDto } from './dto/create-campaign.dto';
import { ListCampaignsQuery } from './dto/list-campaigns.query';
import { UpdateCampaignDto } from './dto/update-campaign.dto';
import { presentFields } from './present-fields';

@Injectable()
export class CampaignsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly campaigns: CampaignsRepository,
  ) {}

  async list(query: ListCampaignsQuery): Promise<Page<CampaignDto>> {
    const { campaigns, total } = await this.campaigns.list({ channel: query.channel }, pageOffset(query), query.pageSize);
    return toPage(campaigns.map(CampaignDto.from), total, query);
  }

  async get(id: string): Promise<CampaignDto> {
    return CampaignDto.from(await this.findById(id));
  }

  /** The campaign, or a not-found error. */
  async findById(id: string, tx?: EntityManager): Promise<Campaign> {
    const campaign = await this.campaigns.findById(id, tx);
    if (!campaign) throw DomainError.notFound('Campaign');
    return campaign;
  }

  findByKey(tx: EntityManager, key: string): Promise<Campaign | null> {
    return this.campaigns.findByKey(tx, key);
  }

  async create(dto: CreateCampaignDto): Promise<CampaignDto> {
    assertDatesOrdered(dto.startsOn ?? null, dto.endsOn ?? null);
    const id = await conflictOnDuplicate('campaigns_key_unique', `A campaign with key "${dto.key}" already exists`, () => this.campaigns.insert(presentFields(dto)));
    return this.get(id);
  }

  async update(id: string, dto: UpdateCampaignDto): Promise<CampaignDto> {
    const changes = presentFields(dto);
    await inTransaction(this.dataSource, async (tx) => {
      // Locked so the date order is checked against the dates that end up stored.
      const current = await this.campaigns.findById(id, tx, true);
      if (!current) throw DomainError.notFound('Campaign');
      assertDatesOrdered(changes.startsOn !== undefined ? changes.startsOn : current.startsOn, changes.endsOn !== undefined ? changes.endsOn : current.endsOn);
      await this.campaigns.update(tx, id, changes);
    });
    return this.get(id);
  }
}

function assertDatesOrdered(startsOn: string | null, endsOn: string | null): void {
  if (startsOn !== null && endsOn !== null && endsOn < startsOn) {
    throw DomainError.invalid([{ field: 'endsOn', problems: [`endsOn must be on or after startsOn (${startsOn})`] }]);
  }
}
