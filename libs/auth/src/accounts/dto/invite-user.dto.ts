import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsString, Length, Matches } from 'class-validator';

export const PARTNER_USER_ROLES = ['partner_admin', 'partner_rep'] as const;
export type PartnerUserRole = (typeof PARTNER_USER_ROLES)[number];

export class InviteUserDto {
  @ApiProperty({ example: 'anna@acme.example' })
  @IsString() @IsEmail({}, { message: 'email must be an email address' })
  email: string;

  @ApiProperty({ example: 'Anna Berg' })
  @IsString() @Length(1, 200) @Matches(/\S/, { message: 'displayName must not be blank' })
  displayName: string;

  @ApiProperty({ enum: PARTNER_USER_ROLES })
  @IsIn(PARTNER_USER_ROLES)
  role: PartnerUserRole;
}
