import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** What a manual assignment did (the OpenAPI shape of AllocationOutcome). */
export class AllocationOutcomeDto {
  @ApiProperty({ enum: ['offered', 'unallocated', 'waiting', 'skipped'] }) kind: string;
  @ApiProperty({ format: 'uuid' }) leadId: string;
  @ApiPropertyOptional({ format: 'uuid' }) partnerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) assignmentId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) decisionId?: string;
  @ApiPropertyOptional({ description: 'The decision in words' }) summary?: string;
  @ApiPropertyOptional({ description: 'Why nothing was done (skipped)' }) reason?: string;
}

/** One allocation decision (the OpenAPI shape of AllocationDecision). */
export class AllocationDecisionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) leadId: string;
  @ApiProperty() decidedAt: Date;
  @ApiProperty({ enum: ['automatic', 'manual'] }) mode: string;
  @ApiProperty() policyVersion: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) winnerPartnerId: string | null;
  @ApiProperty({ description: 'Who decided: system, user:<id> or token:<id>' }) actor: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty() summary: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Every partner considered: excluded ones with why, eligible ones with their score' })
  candidates: object;
}
