import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { PageQuery } from '@leadgate/common';

export class ListCampaignsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'webinar' })
  @IsOptional() @IsString() @Length(1, 100)
  channel?: string;
}
