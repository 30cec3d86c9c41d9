import { ApiProperty } from '@nestjs/swagger';

const STAFF_ROLES = ['admin', 'channel_manager'] as const;

/** An admin or channel manager (vendor staff), as an admin sees them. */
export class StaffUserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: STAFF_ROLES }) role: (typeof STAFF_ROLES)[number];
  @ApiProperty() active: boolean;
}
