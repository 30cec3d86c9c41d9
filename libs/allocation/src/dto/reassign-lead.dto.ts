import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  Equals, IsBoolean, IsOptional, IsString, IsUUID, Length, Validate, ValidateIf, ValidationArguments, ValidatorConstraint, ValidatorConstraintInterface,
} from 'class-validator';
import { DomainError } from '@leadgate/common';
import type { MoveTarget } from '../allocation.service';

@ValidatorConstraint({ name: 'oneDestination' })
class OneDestination implements ValidatorConstraintInterface {
  validate(_: unknown, args: ValidationArguments): boolean {
    const dto = args.object as ReassignLeadDto;
    return !dto.partnerId !== !dto.toAllocation;
  }
  defaultMessage(): string {
    return 'Give either partnerId or toAllocation: true, not both';
  }
}

export class ReassignLeadDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The partner to give the lead to; or send toAllocation' })
  // Checked when given, or when neither destination is.
  @ValidateIf((dto: ReassignLeadDto) => dto.partnerId !== undefined || dto.toAllocation === undefined)
  @IsUUID() @Validate(OneDestination)
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

/** The validated destination; force is an admin's call. */
export function moveTargetOf(dto: ReassignLeadDto, mayForce: boolean): MoveTarget {
  if (dto.force && !mayForce) throw DomainError.invalid([{ field: 'force', problems: ['Only an admin may force a reassignment'] }]);
  return dto.partnerId ? { partnerId: dto.partnerId } : { toAllocation: true };
}
