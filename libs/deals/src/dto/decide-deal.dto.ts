import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '@leadgate/common';
import { DEAL_STATUSES, DealStatus } from '../deal';

const optionalText = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || undefined : value);

export class ApproveDealDto {
  @ApiPropertyOptional({ description: 'Required when the check at approval finds conflicts: you have compared them and approve anyway' })
  @IsOptional() @IsBoolean()
  acknowledgeConflicts?: boolean;
}

export class RejectDealDto {
  @ApiProperty({ description: 'One of the configured rejection reasons (GET /api/v1/reason-codes)', example: 'existing_customer' })
  @Matches(/^[a-z][a-z0-9_]*$/, { message: 'reasonCode is required, as a reason code such as existing_customer' })
  reasonCode: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @Transform(optionalText) @IsOptional() @IsString() @MaxLength(2000)
  reasonText?: string;
}

export class ExtensionRequestDto {
  @ApiPropertyOptional({ description: 'Why the deal needs more time', maxLength: 2000 })
  @Transform(optionalText) @IsOptional() @IsString() @MaxLength(2000)
  note?: string;
}

export class DealsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DEAL_STATUSES })
  @IsOptional() @IsIn(DEAL_STATUSES)
  status?: DealStatus;
}
