import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize, CurrentPrincipal, Principal } from '@leadgate/auth';
import { PageQuery, UuidParam } from '@leadgate/common';
import { ComplianceService } from './compliance.service';
import { CountedClocksPageDto, CountedClocksQuery } from './dto/counted-clocks.dto';
import { PartnerComplianceDto, StandingHistoryPageDto } from './dto/partner-compliance.dto';
import { SetOverrideDto } from './dto/set-override.dto';
import { StandingOverrideDto } from './dto/standing-override.dto';

@ApiTags('compliance')
@Controller('api/v1/partners/:id')
@ApiNotFoundResponse({ description: 'No such partner (or not yours)' })
export class ComplianceController {
  constructor(private readonly compliance: ComplianceService) {}

  @Get('compliance')
  @Authorize('admin', 'channel_manager', 'partner_admin', 'partner_rep')
  @ApiOperation({ summary: 'A partner’s standing, SLA score over the rolling window, open breaches and standing history' })
  @ApiOkResponse({ type: PartnerComplianceDto })
  scorecard(@Param('id', UuidParam('Partner')) id: string, @CurrentPrincipal() principal: Principal): Promise<PartnerComplianceDto> {
    return this.compliance.complianceFor(id, principal);
  }

  @Get('compliance/clocks')
  @Authorize('admin', 'channel_manager', 'partner_admin', 'partner_rep')
  @ApiOperation({ summary: 'The SLA clocks the score counts in the rolling window, each with its lead, newest due first (paged)' })
  @ApiOkResponse({ type: CountedClocksPageDto })
  clocks(
    @Param('id', UuidParam('Partner')) id: string,
    @Query() query: CountedClocksQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CountedClocksPageDto> {
    return this.compliance.countedClocks(id, principal, query);
  }

  @Get('compliance/history')
  @Authorize('admin', 'channel_manager', 'partner_admin', 'partner_rep')
  @ApiOperation({ summary: 'Every standing change of the partner, with its reason, source and time, newest first (paged)' })
  @ApiOkResponse({ type: StandingHistoryPageDto })
  history(@Param('id', UuidParam('Partner')) id: string, @Query() query: PageQuery, @CurrentPrincipal() principal: Principal): Promise<StandingHistoryPageDto> {
    return this.compliance.standingHistory(id, principal, query);
  }

  @Post('overrides')
  @HttpCode(201)
  @Authorize('admin', 'channel_manager')
  @ApiOperation({ summary: 'Set a partner’s standing until a date, with a reason; takes effect at once and is audited' })
  @ApiCreatedResponse({ type: StandingOverrideDto })
  setOverride(
    @Param('id', UuidParam('Partner')) id: string,
    @Body() dto: SetOverrideDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<StandingOverrideDto> {
    return this.compliance.setOverride(id, dto, principal);
  }
}
