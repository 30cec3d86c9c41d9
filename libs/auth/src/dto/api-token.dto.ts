import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '@leadgate/common';

/** An API token as listed: never its secret, nor its hash. */
export class ApiTokenDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Partner tokens see only this partner' }) partnerId: string | null;
  @ApiProperty({ description: 'The first characters of the secret, to recognise it', example: 'lg_3f9a' }) tokenPrefix: string;
  @ApiProperty({ description: 'user:<id> or token:<id>' }) createdBy: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) lastUsedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) revokedAt: Date | null;
}

export class CreatedApiTokenDto extends ApiTokenDto {
  @ApiProperty({ description: 'The opaque bearer secret (lg_…), shown this once', example: 'lg_3f9a…' }) secret: string;
}
