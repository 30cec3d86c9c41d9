import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Standing, STANDINGS } from '@leadgate/common';
import { ALL_CLOCK_KINDS, ClockKind, StandingSource } from '../policy';
import { StandingOverrideDto } from './standing-override.dto';

const SOURCES: StandingSource[] = ['policy', 'override', 'override_ended'];

export class MissedByKindDto {
  @ApiProperty() accept: number;
  @ApiProperty() contact: number;
  @ApiProperty() feedback: number;
  @ApiProperty({ description: 'Update-cadence clocks missed (while a qualified lead stays open)' }) update: number;
}

export class ComplianceCountsDto {
  @ApiProperty({ description: 'SLA clocks in the window that were met or came due' }) clocksDue: number;
  @ApiProperty({ description: 'Of those, met in time' }) clocksMet: number;
  @ApiProperty({ description: 'Contact, feedback and update breaches not yet cured on leads the partner holds' }) openBreaches: number;
  @ApiProperty({ description: 'Open breaches detected longer ago than the grace period' }) openBreachesOlderThanGrace: number;
  @ApiProperty({ type: MissedByKindDto }) missedByKind: MissedByKindDto;
  @ApiProperty({ description: 'Of clocksDue, update-cadence clocks; each weighs UPDATE_CLOCK_WEIGHT in the score' }) updateClocksDue: number;
}

export class OpenBreachDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) leadId: string;
  @ApiProperty({ description: "The lead's company" }) company: string;
  @ApiProperty({ enum: ALL_CLOCK_KINDS }) kind: ClockKind;
  @ApiProperty() dueAt: Date;
  @ApiProperty() detectedAt: Date;
}

export class StandingChangeDto {
  @ApiProperty() at: Date;
  @ApiProperty({ enum: STANDINGS }) from: Standing;
  @ApiProperty({ enum: STANDINGS }) to: Standing;
  @ApiProperty({ nullable: true, type: Number }) score: number | null;
  @ApiProperty({ enum: SOURCES }) source: StandingSource;
  @ApiProperty({ description: 'Why, in plain English' }) reason: string;
  @ApiProperty() actor: string;
}

export class WayBackDto {
  @ApiProperty({ description: 'Plain English: what brings the partner back to good standing, or how much room it has' }) summary: string;
  @ApiProperty({ nullable: true, type: Number, description: 'More SLAs to meet in time, without a miss, to reach the good-standing line; null when only time helps' })
  metClocksNeeded: number | null;
  @ApiProperty({ description: 'Breaches open past the grace period to resolve first' }) breachesToResolve: number;
  @ApiProperty({ nullable: true, type: Number, description: 'In good standing: missed SLAs in a row that would bring a warning; null when unscored' })
  missesToWarning: number | null;
}

/** Every standing change of a partner, newest first. */
export class StandingHistoryPageDto {
  @ApiProperty({ type: [StandingChangeDto] }) items: StandingChangeDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

/** A partner's scorecard: standing, score over the rolling window, what is open, and how it got here. */
export class PartnerComplianceDto {
  @ApiProperty({ format: 'uuid' }) partnerId: string;
  @ApiProperty() partnerName: string;
  @ApiProperty({ enum: STANDINGS }) standing: Standing;
  @ApiProperty({ description: 'Why the partner stands where it stands, from the facts as of now, in plain English' }) standingReason: string;
  @ApiProperty({ type: WayBackDto }) wayBack: WayBackDto;
  @ApiProperty({ nullable: true, type: Date }) standingChangedAt: Date | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Share of SLA clocks met in the window, 0..1; null when none came due' })
  score: number | null;
  @ApiProperty() windowDays: number;
  @ApiProperty({ type: ComplianceCountsDto }) counts: ComplianceCountsDto;
  @ApiPropertyOptional({ type: StandingOverrideDto, nullable: true, description: 'The override in force, if any' })
  override: StandingOverrideDto | null;
  @ApiProperty({ type: [OpenBreachDto], description: 'Oldest first (at most 200)' }) openBreaches: OpenBreachDto[];
  @ApiProperty({ type: [StandingChangeDto], description: 'Newest first (the last 50)' }) history: StandingChangeDto[];
}
