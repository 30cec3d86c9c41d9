import { ApiProperty } from '@nestjs/swagger';
import { PARTNER_USER_ROLES, PartnerUserRole } from './invite-user.dto';

export class PartnerUserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: PARTNER_USER_ROLES }) role: PartnerUserRole;
  @ApiProperty() active: boolean;
  @ApiProperty({ description: 'False until the invited user has set a password' }) passwordSet: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastLoginAt: Date | null;
}
