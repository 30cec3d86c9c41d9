import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Length } from 'class-validator';

export class AssignLeadDto {
  @ApiProperty()
  @IsUUID()
  partnerId: string;

  @ApiProperty({ example: 'Existing customer of this partner; agreed with the account manager' })
  @IsString() @Length(3, 2000)
  reason: string;
}
