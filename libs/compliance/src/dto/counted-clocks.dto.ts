import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '@leadgate/common';
import { ALL_CLOCK_KINDS, ClockKind } from '../policy';

export class CountedClocksQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['met', 'missed'], description: 'Only the clocks met in time, or only the missed ones' })
  @IsOptional() @IsIn(['met', 'missed'])
  outcome?: 'met' | 'missed';
}

export class CountedClockDto {
  @ApiProperty({ format: 'uuid' }) leadId: string;
  @ApiProperty({ description: "The lead's company" }) company: string;
  @ApiProperty({ enum: ALL_CLOCK_KINDS }) kind: ClockKind;
  @ApiProperty() dueAt: Date;
  @ApiProperty({ nullable: true, type: Date, description: 'When the partner met it (late or not); null while unmet' }) metAt: Date | null;
  @ApiProperty({ description: 'Met on or before its due time' }) met: boolean;
  @ApiProperty({ description: 'The partner still holds the lead; false once it was recalled, declined or moved away' }) held: boolean;
}

/** The SLA clocks a partner's score counts in the rolling window, newest due first. */
export class CountedClocksPageDto {
  @ApiProperty({ type: [CountedClockDto] }) items: CountedClockDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}
