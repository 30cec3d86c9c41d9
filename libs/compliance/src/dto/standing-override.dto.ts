import { ApiProperty } from '@nestjs/swagger';
import { Standing, STANDINGS } from '@leadgate/common';

/** A channel manager's override of a partner's standing, in force from startsAt until endsAt. */
export class StandingOverrideDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) partnerId: string;
  @ApiProperty({ enum: STANDINGS }) standing: Standing;
  @ApiProperty() reason: string;
  @ApiProperty() startsAt: Date;
  @ApiProperty() endsAt: Date;
  @ApiProperty({ description: 'Who set it' }) createdBy: string;
}
