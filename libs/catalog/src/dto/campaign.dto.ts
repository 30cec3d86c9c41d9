import { ApiProperty } from '@nestjs/swagger';
import { Page } from '@leadgate/common';
import type { Campaign } from '../campaigns.repository';

export class CampaignDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() key: string;
  @ApiProperty() name: string;
  @ApiProperty() channel: string;
  @ApiProperty({ description: 'Minor units (cents)' }) costMinor: number;
  @ApiProperty() currency: string;
  @ApiProperty({ type: String, nullable: true }) startsOn: string | null;
  @ApiProperty({ type: String, nullable: true }) endsOn: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;

  static from(campaign: Campaign): CampaignDto {
    return Object.assign(new CampaignDto(), {
      id: campaign.id,
      key: campaign.key,
      name: campaign.name,
      channel: campaign.channel,
      costMinor: campaign.costMinor,
      currency: campaign.currency,
      startsOn: campaign.startsOn,
      endsOn: campaign.endsOn,
      createdAt: campaign.createdAt,
      updatedAt: campaign.updatedAt,
    });
  }
}

export class CampaignPageDto implements Page<CampaignDto> {
  @ApiProperty({ type: [CampaignDto] }) items: CampaignDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}
