import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf, Authorize, CurrentPrincipal, describePrincipal, partnerScopeOf, Principal } from '@leadgate/auth';
import { UuidParam } from '@leadgate/common';
import type { AllocationDecision } from '@leadgate/lifecycle';
import { AllocationOutcome, AllocationService } from './allocation.service';
import { AllocationHistoryService } from './allocation-history.service';
import { AllocationDecisionDto, AllocationOutcomeDto } from './dto/allocation-answer.dto';
import { AssignLeadDto } from './dto/assign-lead.dto';
import { moveTargetOf, ReassignLeadDto } from './dto/reassign-lead.dto';

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
    return this.allocation.assignManually(id, dto.partnerId, dto.reason, actorOf(principal), partnerScopeOf(principal), { by: describePrincipal(principal) });
  }

  @Post('reassign')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move an offered or accepted lead to another partner, or return it to allocation, with a reason',
    description:
      'The holder\'s assignment ends as reassigned (history kept), the new holder\'s clocks start now and the previous holder is emailed. ' +
      '409 when the partner is inactive, paused, suspended or declined this lead before; an admin may force the last two (force: true).',
  })
  @ApiOkResponse({ type: AllocationOutcomeDto })
  reassign(@Param('id', UuidParam('Lead')) id: string, @Body() dto: ReassignLeadDto, @CurrentPrincipal() principal: Principal): Promise<AllocationOutcome> {
    const target = moveTargetOf(dto, principal.role === 'admin');
    return this.allocation.reassign(id, target, {
      reason: dto.reason, actor: actorOf(principal), by: describePrincipal(principal), scope: partnerScopeOf(principal), force: dto.force ?? false,
    });
  }
}
