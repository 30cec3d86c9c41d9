import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageQuery, QueryBoolean } from '@leadgate/common';

export class ListLeadTypesQuery extends PageQuery {
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional() @QueryBoolean() @IsBoolean()
  active?: boolean;
}
