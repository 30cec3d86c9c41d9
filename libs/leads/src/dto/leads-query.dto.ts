import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { Transform } from 'class-transformer';
import { PageQuery, QueryBoolean } from '@leadgate/common';
import { LEAD_STATUSES, LeadStatus, WORK_STAGES, WorkStage } from '@leadgate/lifecycle';

const OWNER_FILTER = /^(me|none|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** Filters for the lead list; every filter narrows, and partners only ever see their own leads. */
export class LeadsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: LEAD_STATUSES })
  @IsOptional() @IsIn(LEAD_STATUSES)
  status?: LeadStatus;

  @ApiPropertyOptional({ description: 'Lead type key', example: 'demo-request' })
  @IsOptional() @IsString() @MaxLength(100)
  leadType?: string;

  @ApiPropertyOptional({ description: 'Campaign key', example: 'spring-webinar' })
  @IsOptional() @IsString() @MaxLength(100)
  campaign?: string;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2 country of the buyer', example: 'DE' })
  @IsOptional() @Matches(/^[A-Za-z]{2}$/, { message: 'country must be a two-letter country code such as DE' })
  country?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The partner currently holding the lead' })
  @IsOptional() @IsUUID()
  partnerId?: string;

  @ApiPropertyOptional({ description: 'The lead’s owner inside the partner: `me` (the caller), `none` (unowned) or a user id', example: 'me' })
  // The inbox's filter form sends an empty owner for "Everyone".
  @Transform(({ value }) => (value === '' ? undefined : value))
  @IsOptional() @Matches(OWNER_FILTER, { message: 'owner must be me, none or a user id' })
  owner?: string;

  @ApiPropertyOptional({ description: 'Created at or after this instant (ISO 8601)', example: '2026-03-01T00:00:00Z' })
  @IsOptional() @IsISO8601({ strict: true })
  createdFrom?: string;

  @ApiPropertyOptional({ description: 'Created before this instant (ISO 8601)', example: '2026-04-01T00:00:00Z' })
  @IsOptional() @IsISO8601({ strict: true })
  createdTo?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'Only leads whose open assignment has a clock past due and not met (accept while offered; contact or feedback once accepted)' })
  @IsOptional() @QueryBoolean() @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ enum: WORK_STAGES, description: 'What the partner does next: open (every lead it still works), to_accept (offered), to_contact (accepted), awaiting_feedback (contacted), opportunities (qualified, opportunity), closed (won, lost, disqualified)' })
  @IsOptional() @IsIn(WORK_STAGES, { message: `stage must be one of: ${WORK_STAGES.join(', ')}` })
  stage?: WorkStage;

  @ApiPropertyOptional({ description: 'Part of the company, the person’s name, the email or the external id (any case)', example: 'müller' })
  @IsOptional() @IsString() @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: ['newest', 'urgent'], description: 'newest (default): received last first; urgent: nearest open deadline first' })
  @IsOptional() @IsIn(['newest', 'urgent'], { message: 'sort must be newest or urgent' })
  sort?: 'newest' | 'urgent';

  // The CRM change feed (LeadChangesService): the other filters do not apply to it.
  @ApiPropertyOptional({
    description: 'Change feed: an ISO 8601 instant for the first read, then the nextCursor of the page before. Answers LeadChangesPageDto instead of a page: leads changed since, in the order their changes committed, never missing one that commits late. Combine only with pageSize.',
    example: '2026-03-01T00:00:00Z',
  })
  @IsOptional() @IsString() @MaxLength(300)
  updatedSince?: string;
}
