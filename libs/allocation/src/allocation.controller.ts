import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf, Authorize, CurrentPrincipal, partnerScopeOf, Principal } from '@leadgate/auth';
import { UuidParam } from '@leadgate/common';
import type { AllocationDecision } from '@leadgate/lifecycle';
import { AllocationOutcome, AllocationService } from './allocation.service';
import { AllocationHistoryService } from './allocation-history.service';
import { AllocationDecisionDto, AllocationOutcomeDto } from './dto/allocation-answer.dto';
import { AssignLeadDto } from './dto/assign-lead.dto';

@ApiTags('allocation')
@Controller('api/v1/leads/:id')
@Authorize('admin', 'channel_manager')
export class AllocationController {
  constructor(
    private readonly allocation: AllocationService,
    private readonly history: AllocationHistoryService,
  ) {}

  @Get('allocation')
  @ApiOperation({ summary: 'Every allocation decision for a lead: who was considered, who was excluded and why, who won' })
  @ApiOkResponse({ type: [AllocationDecisionDto] })
  decisions(@Param('id', UuidParam('Lead')) id: string, @CurrentPrincipal() principal: Principal): Promise<AllocationDecision[]> {
    return this.history.decisionsFor(id, partnerScopeOf(principal));
  }

  @Post('assign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Assign a lead to a partner by hand, with a reason (recorded as a manual decision)' })
  @ApiOkResponse({ type: AllocationOutcomeDto })
  assign(@Param('id', UuidParam('Lead')) id: string, @Body() dto: AssignLeadDto, @CurrentPrincipal() principal: Principal): Promise<AllocationOutcome> {
    return this.allocation.assignManually(id, dto.partnerId, dto.reason, actorOf(principal), partnerScopeOf(principal));
  }
}
