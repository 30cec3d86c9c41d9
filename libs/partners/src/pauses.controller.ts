import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize, CurrentPrincipal, Principal } from '@leadgate/auth';
import { UuidParam } from '@leadgate/common';
import { CreatePauseDto, PartnerPauseDto } from './dto/pause.dto';
import { PausesService } from './pauses.service';

const KEEP_RUNNING =
  'During a pause the partner is offered no new leads (allocation records it as excluded: paused), and misses no clock for offers it did not get. ' +
  'The clocks of leads it already holds keep running: accept, contact and give feedback on them as usual. ' +
  'Afterwards it re-enters level with its peers (no catch-up burst).';

@ApiTags('partners')
@Controller('api/v1/partners/:id/pauses')
@ApiNotFoundResponse({ description: 'No such partner (or not yours)' })
export class PausesController {
  constructor(private readonly pauses: PausesService) {}

  @Get()
  @Authorize('admin', 'channel_manager', 'partner_admin', 'partner_rep')
  @ApiOperation({ summary: 'A partner’s pauses, the latest first', description: KEEP_RUNNING })
  @ApiOkResponse({ type: [PartnerPauseDto] })
  list(@Param('id', UuidParam('Partner')) id: string, @CurrentPrincipal() principal: Principal): Promise<PartnerPauseDto[]> {
    return this.pauses.list(id, principal);
  }

  @Post()
  @HttpCode(201)
  @Authorize('admin', 'channel_manager', 'partner_admin')
  @ApiOperation({
    summary: 'Pause a partner from a date until a date, with a reason (at most 60 days; pauses may not overlap)',
    description: KEEP_RUNNING,
  })
  @ApiCreatedResponse({ type: PartnerPauseDto })
  create(@Param('id', UuidParam('Partner')) id: string, @Body() dto: CreatePauseDto, @CurrentPrincipal() principal: Principal): Promise<PartnerPauseDto> {
    return this.pauses.create(id, dto, principal);
  }

  @Delete(':pauseId')
  @Authorize('admin', 'channel_manager', 'partner_admin')
  @ApiOperation({ summary: 'End a running pause now, or call off one still to come; offers resume at once' })
  @ApiOkResponse({ type: PartnerPauseDto })
  end(
    @Param('id', UuidParam('Partner')) id: string,
    @Param('pauseId', UuidParam('Pause')) pauseId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PartnerPauseDto> {
    return this.pauses.end(id, pauseId, principal);
  }
}
