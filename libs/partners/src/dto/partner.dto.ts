import { ApiProperty } from '@nestjs/swagger';
import { Page, Standing, STANDINGS, Tier, TIERS } from '@leadgate/common';
import type { Partner } from '../partners.repository';
import { BusinessHoursDto } from './business-hours.dto';

/** A partner as the API shows it: the whole record, nothing in it is secret. */
export class PartnerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: TIERS }) tier: Tier;
  @ApiProperty({ type: [String] }) territories: string[];
  @ApiProperty({ type: [String] }) specialties: string[];
  @ApiProperty() capacity: number;
  @ApiProperty({ description: 'Leads currently offered to or accepted by the partner' }) openLeads: number;
  @ApiProperty() weight: number;
  @ApiProperty() timezone: string;
  @ApiProperty({ type: [BusinessHoursDto] }) businessHours: BusinessHoursDto[];
  @ApiProperty({ description: 'SLA clocks run in calendar time; businessHours are not used' }) aroundTheClock: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The holiday calendar its clocks skip (GET /api/v1/holiday-calendars/:id)' })
  holidayCalendarId: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ enum: STANDINGS }) standing: Standing;
  @ApiProperty({ type: Number, nullable: true, description: 'Share of SLA clocks met in the compliance window, 0..1' }) complianceScore: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) standingChangedAt: Date | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) channelManagerId: string | null;
  @ApiProperty({ type: String, nullable: true }) contactEmail: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;

  static from(partner: Partner): PartnerDto {
    return Object.assign(new PartnerDto(), {
      id: partner.id,
      name: partner.name,
      tier: partner.tier,
      territories: partner.territories,
      specialties: partner.specialties,
      capacity: partner.capacity,
      openLeads: partner.openLeads,
      weight: partner.weight,
      timezone: partner.timezone,
      businessHours: partner.businessHours,
      aroundTheClock: partner.aroundTheClock,
      holidayCalendarId: partner.holidayCalendarId,
      active: partner.active,
      standing: partner.standing,
      complianceScore: partner.complianceScore,
      standingChangedAt: partner.standingChangedAt,
      channelManagerId: partner.channelManagerId,
      contactEmail: partner.contactEmail,
      createdAt: partner.createdAt,
      updatedAt: partner.updatedAt,
    });
  }
}

export class PartnerPageDto implements Page<PartnerDto> {
  @ApiProperty({ type: [PartnerDto] }) items: PartnerDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}
