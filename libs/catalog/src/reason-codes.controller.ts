// The coded reasons partners choose from when they decline a lead or give a verdict: readable by every signed-in role.
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@leadgate/auth';
import { ROLES } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';

export class ReasonCodeDto {
  @ApiProperty({ example: 'no_capacity' }) code: string;
  @ApiProperty({ example: 'no capacity' }) label: string;
}

export class ReasonCodesDto {
  @ApiProperty({ type: [ReasonCodeDto], description: 'For POST /leads/:id/decline (DECLINE_REASONS)' }) decline: ReasonCodeDto[];
  @ApiProperty({ type: [ReasonCodeDto], description: 'For a disqualified verdict (DISQUALIFY_REASONS)' }) disqualified: ReasonCodeDto[];
  @ApiProperty({ type: [ReasonCodeDto], description: 'For a lost verdict (LOST_REASONS)' }) lost: ReasonCodeDto[];
  @ApiProperty({ type: [ReasonCodeDto], description: 'For POST /deals/:id/reject (DEAL_REJECT_REASONS)' }) dealRejection: ReasonCodeDto[];
  @ApiProperty({ type: [ReasonCodeDto], description: 'For a recycled verdict: not sales-ready, back to marketing (RECYCLE_REASONS)' })
  recycled: ReasonCodeDto[];
}

const toCodes = (codes: string[]): ReasonCodeDto[] => codes.map((code) => ({ code, label: code.replace(/_/g, ' ') }));

@ApiTags('reason-codes')
@Controller('api/v1/reason-codes')
export class ReasonCodesController {
  constructor(private readonly config: AppConfig) {}

  @Get()
  @Authorize(...ROLES)
  @ApiOperation({ summary: 'The reason codes for declines, for disqualified, lost and recycled verdicts, and for rejecting a deal registration' })
  @ApiOkResponse({ type: ReasonCodesDto })
  list(): ReasonCodesDto {
    const { DECLINE_REASONS, DISQUALIFY_REASONS, LOST_REASONS, RECYCLE_REASONS, DEAL_REJECT_REASONS } = this.config.env;
    return {
      decline: toCodes(DECLINE_REASONS),
      disqualified: toCodes(DISQUALIFY_REASONS),
      lost: toCodes(LOST_REASONS),
      recycled: toCodes(RECYCLE_REASONS),
      dealRejection: toCodes(DEAL_REJECT_REASONS),
    };
  }
}
