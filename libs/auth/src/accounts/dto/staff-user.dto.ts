import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsString, Length, Matches } from 'class-validator';

export const STAFF_ROLES = ['admin', 'channel_manager'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** An admin or channel manager (vendor staff), as an admin sees them. */
export class StaffUserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: STAFF_ROLES }) role: StaffRole;
  @ApiProperty() active: boolean;
  @ApiProperty({ description: 'False until the invited user sets a password' }) passwordSet: boolean;
}

export class InviteStaffDto {
  @ApiProperty({ example: 'chris@vendor.example' })
  @IsString() @IsEmail({}, { message: 'email must be an email address' })
  email: string;

  @ApiProperty({ example: 'Chris Channel' })
  @IsString() @Length(1, 200) @Matches(/\S/, { message: 'displayName must not be blank' })
  displayName: string;

  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES, { message: `role must be one of: ${STAFF_ROLES.join(', ')}` })
  role: StaffRole;
}

export class ChangeStaffRoleDto {
  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES, { message: `role must be one of: ${STAFF_ROLES.join(', ')}` })
  role: StaffRole;
}
