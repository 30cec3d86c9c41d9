import { ApiProperty } from '@nestjs/swagger';
import { ASSIGNMENT_STATUSES } from '@leadgate/lifecycle';
import { LeadResponseDto, OwnerRefDto } from './lead-response.dto';

export class CatalogRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'demo-request' }) key: string;
  @ApiProperty({ example: 'Demo request' }) name: string;
}

export class TimelineEventDto {
  @ApiProperty() id: string;
  @ApiProperty() at: Date;
  @ApiProperty({ example: 'created' }) kind: string;
  @ApiProperty({ example: 'token:0b5c…', description: 'Who caused it; for a partner caller, anyone outside its own partner reads "hidden"' }) actor: string;
  @ApiProperty({ example: 'Lead received from API token "Marketing automation" as "Demo request"' }) summary: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) partnerId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
}

/** One offer of the lead to a partner, with its SLA clocks. */
export class AssignmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) partnerId: string;
  @ApiProperty({ enum: ASSIGNMENT_STATUSES }) status: string;
  @ApiProperty() offeredAt: Date;
  @ApiProperty({ nullable: true, type: Date, description: 'Null when no accept clock runs: a registered deal is held from its start' })
  acceptDueAt: Date | null;
  @ApiProperty() contactDueAt: Date;
  @ApiProperty() feedbackDueAt: Date;
  @ApiProperty({ nullable: true, type: Date }) acceptedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) firstContactAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) feedbackAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) endedAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) endReasonCode: string | null;
  @ApiProperty({ nullable: true, type: String }) endReasonText: string | null;
}

export class LeadDetailDto extends LeadResponseDto {
  @ApiProperty({ type: CatalogRefDto }) leadType: CatalogRefDto;
  @ApiProperty({ type: CatalogRefDto, nullable: true }) campaign: CatalogRefDto | null;
  @ApiProperty({ type: OwnerRefDto, nullable: true, description: 'Who works the lead inside the partner' }) owner: OwnerRefDto | null;
  @ApiProperty({ type: [TimelineEventDto], description: 'Oldest first' }) timeline: TimelineEventDto[];
  @ApiProperty({ type: [AssignmentDto], description: 'Every offer of this lead, oldest first' }) assignments: AssignmentDto[];
}
