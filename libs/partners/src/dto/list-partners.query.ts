import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PageQuery, QueryBoolean, Standing, STANDINGS, Tier, TIERS } from '@leadgate/common';
import { TERRITORY_PATTERN } from './create-partner.dto';

export const PARTNER_SORTS = ['name', '-name', 'createdAt', '-createdAt'] as const;
export type PartnerSort = (typeof PARTNER_SORTS)[number];

export class ListPartnersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TIERS })
  @IsOptional() @IsIn(TIERS)
  tier?: Tier;

  @ApiPropertyOptional({ enum: STANDINGS })
  @IsOptional() @IsIn(STANDINGS)
  standing?: Standing;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional() @QueryBoolean() @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ example: 'DE', description: 'Partners with this territory or one inside it ("DE" also finds "DE-80")' })
  @IsOptional() @Matches(TERRITORY_PATTERN, { message: 'territory must be a country code ("DE") or country and postal prefix ("DE-80")' })
  territory?: string;

  @ApiPropertyOptional({ description: 'Case-insensitive part of the name' })
  @IsOptional() @IsString() @Length(1, 200)
  q?: string;

  @ApiPropertyOptional({ enum: PARTNER_SORTS, default: 'name', description: 'A leading "-" sorts descending' })
  @IsOptional() @IsIn(PARTNER_SORTS)
  sort: PartnerSort = 'name';
}
