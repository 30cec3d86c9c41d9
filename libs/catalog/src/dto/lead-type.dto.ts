import { ApiProperty } from '@nestjs/swagger';
import { Page, Tier, TIERS } from '@leadgate/common';
import type { LeadType } from '../lead-types.repository';

export class LeadTypeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() key: string;
  @ApiProperty() name: string;
  @ApiProperty() definition: string;
  @ApiProperty({ enum: TIERS, isArray: true }) allowedTiers: Tier[];
  @ApiProperty() slaAcceptMinutes: number;
  @ApiProperty() slaContactMinutes: number;
  @ApiProperty() slaFeedbackMinutes: number;
  @ApiProperty({ type: Number, nullable: true }) slaUpdateCadenceMinutes: number | null;
  @ApiProperty() businessTime: boolean;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;

  static from(type: LeadType): LeadTypeDto {
    return Object.assign(new LeadTypeDto(), {
      id: type.id,
      key: type.key,
      name: type.name,
      definition: type.definition,
      allowedTiers: type.allowedTiers,
      slaAcceptMinutes: type.slaAcceptMinutes,
      slaContactMinutes: type.slaContactMinutes,
      slaFeedbackMinutes: type.slaFeedbackMinutes,
      slaUpdateCadenceMinutes: type.slaUpdateCadenceMinutes,
      businessTime: type.businessTime,
      active: type.active,
      createdAt: type.createdAt,
      updatedAt: type.updatedAt,
    });
  }
}

export class LeadTypePageDto implements Page<LeadTypeDto> {
  @ApiProperty({ type: [LeadTypeDto] }) items: LeadTypeDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}
