import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsISO8601, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import type { PartnerPause } from '../pauses.repository';

const isoMessage = (field: string) => ({ message: `${field} must be an ISO 8601 date-time such as 2026-04-01T00:00:00Z` });
const timeMessage = (field: string) => ({ message: `${field} must include a time of day, such as 2026-04-01T00:00:00Z` });

export class CreatePauseDto {
  @ApiProperty({ example: '2026-04-01T00:00:00Z', description: 'When the pause begins (ISO 8601); a time already past begins it now' })
  @IsISO8601({ strict: true }, isoMessage('from')) @Matches(/T/, timeMessage('from'))
  from: string;

  @ApiProperty({ example: '2026-04-08T00:00:00Z', description: 'When the pause ends (ISO 8601): after from, in the future, at most PAUSE_MAX_DAYS (60) days after its start' })
  @IsISO8601({ strict: true }, isoMessage('until')) @Matches(/T/, timeMessage('until'))
  until: string;

  @ApiProperty({ example: 'Trade fair week' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString() @IsNotEmpty({ message: 'reason must say why the partner pauses' }) @MaxLength(500)
  reason: string;
}

export const PAUSE_STATES = ['scheduled', 'running', 'over', 'called_off'] as const;
export type PauseState = (typeof PAUSE_STATES)[number];

/** A partner pause: no offers from `from` until `until`; the clocks of leads the partner already holds keep running. */
export class PartnerPauseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) partnerId: string;
  @ApiProperty() from: Date;
  @ApiProperty({ description: 'When it stops: as asked, or earlier when it was ended early' }) until: Date;
  @ApiProperty({ description: 'The end first asked for' }) plannedUntil: Date;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: PAUSE_STATES, description: 'scheduled, running, over, or called_off (ended before it began)' }) state: PauseState;
  @ApiProperty({ description: 'Who set it' }) createdBy: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date, description: 'When it was ended early, if it was' }) endedEarlyAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) endedBy: string | null;

  static from(pause: PartnerPause, now: Date): PartnerPauseDto {
    const until = pause.endedAt && pause.endedAt < pause.endsAt ? pause.endedAt : pause.endsAt;
    const state: PauseState =
      until <= pause.startsAt ? 'called_off' : until <= now ? 'over' : pause.startsAt <= now ? 'running' : 'scheduled';
    return {
      id: pause.id,
      partnerId: pause.partnerId,
      from: pause.startsAt,
      until,
      plannedUntil: pause.endsAt,
      reason: pause.reason,
      state,
      createdBy: pause.createdBy,
      createdAt: pause.createdAt,
      endedEarlyAt: pause.endedAt && pause.endedAt < pause.endsAt ? pause.endedAt : null,
      endedBy: pause.endedBy,
    };
  }
}
