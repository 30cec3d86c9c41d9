import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export const LEAD_ROUTINGS = ['manual', 'round_robin'] as const;
export type LeadRouting = (typeof LEAD_ROUTINGS)[number];

/** How a partner's new offers get an owner: by its admin (manual), or in turn among its reps who are not away. */
export class LeadRoutingDto {
  @ApiProperty({ enum: LEAD_ROUTINGS, description: 'manual: the partner admin assigns; round_robin: each offer goes to the next active rep who is not away' })
  @IsIn(LEAD_ROUTINGS, { message: 'Choose manual or round robin routing.' })
  mode: LeadRouting;
}
