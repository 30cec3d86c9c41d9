import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FieldProblem } from '@leadgate/common';
import { INTAKE_ITEM_OUTCOMES, IntakeItemOutcome } from '../intake-result';
import { LeadResponseDto } from '@leadgate/leads';

export class IntakeResponseDto extends LeadResponseDto {
  @ApiProperty({ description: 'True when the same email and lead type arrived inside the duplicate window; this is the first lead' })
  duplicate: boolean;

  @ApiProperty({
    description:
      "True when this caller's Idempotency-Key already named this lead after its first answer was forgotten (IDEMPOTENCY_KEY_TTL_HOURS); a retry within that time gets the first answer itself, with the header Idempotent-Replayed: true",
  })
  idempotentReplay: boolean;
}

class FieldProblemDto implements FieldProblem {
  @ApiProperty({ example: 'email' }) field: string;
  @ApiProperty({ type: [String], example: ['email must be a valid email address'] }) problems: string[];
}

export class BulkIntakeItemDto {
  @ApiProperty({ description: 'Position of the lead in the request, from 0' }) index: number;
  @ApiProperty({ enum: INTAKE_ITEM_OUTCOMES }) outcome: IntakeItemOutcome;
  @ApiPropertyOptional({ format: 'uuid' }) leadId?: string;
  @ApiPropertyOptional({ type: [FieldProblemDto] }) errors?: FieldProblem[];
}

export class BulkIntakeResponseDto {
  @ApiProperty({ type: [BulkIntakeItemDto] }) results: BulkIntakeItemDto[];
  @ApiProperty({ description: 'New leads saved' }) created: number;
  @ApiProperty({ description: 'Leads that were duplicates or idempotent replays of existing leads' }) duplicates: number;
  @ApiProperty({ description: 'Leads not saved because of the problems listed with them' }) rejected: number;
}
