import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsBoolean, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { DomainError, FieldProblem } from '@leadgate/common';
import type { MoveTarget } from '../allocation.service';

export class ReassignLeadDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The partner to give the lead to; or send toAllocation' })
  @IsOptional() @IsUUID()
  partnerId?: string;

  @ApiPropertyOptional({ description: 'true: return the lead to allocation (the policy picks again, without the partners that had it)' })
  @IsOptional() @Equals(true, { message: 'toAllocation must be true when given' })
  toAllocation?: true;

  @ApiProperty({ example: 'The buyer asked for a partner with a local office' })
  @IsString() @Length(3, 2000)
  reason: string;

  @ApiPropertyOptional({ description: 'Admins only: move the lead to a suspended partner, or one that declined it before; the reason records it' })
  @IsOptional() @IsBoolean()
  force?: boolean;
}

/** Exactly one destination; force is an admin's call. */
export function moveTargetOf(dto: ReassignLeadDto, mayForce: boolean): MoveTarget {
  const problems: FieldProblem[] = [];
  if (!dto.partnerId === !dto.toAllocation) problems.push({ field: 'partnerId', problems: ['Give either partnerId or toAllocation: true, not both'] });
  if (dto.force && !mayForce) problems.push({ field: 'force', problems: ['Only an admin may force a reassignment'] });
  if (problems.length > 0) throw DomainError.invalid(problems);
  return dto.partnerId ? { partnerId: dto.partnerId } : { toAllocation: true };
}
