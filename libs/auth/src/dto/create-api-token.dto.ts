import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { Role, ROLES } from '@leadgate/common';

export class CreateApiTokenDto {
  @ApiProperty({ example: 'HubSpot intake' })
  @IsString() @Length(1, 200)
  name: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({ description: 'Required for partner_admin and partner_rep tokens' })
  @IsOptional() @IsUUID()
  partnerId?: string;
}
