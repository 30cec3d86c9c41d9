import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize, CurrentPrincipal, Principal } from '@leadgate/auth';
import { UuidParam } from '@leadgate/common';
import { SentLeadDto, SentLeadPageDto, SentLeadsQuery } from './dto/sent-lead.dto';
import { SentLeadsService } from './sent-leads.service';

/**
 * Marketing's feedback loop: an intake token reads what became of the leads it sent (status, verdicts with
 * reason codes, amounts, dates), never another sender's leads, the partner holding them or its notes.
 */
@ApiTags('leads')
@Controller('api/v1/intake/leads')
@Authorize('intake')
export class SentLeadsController {
  constructor(private readonly sent: SentLeadsService) {}

  @Get()
  @ApiOperation({ summary: 'The leads this intake token sent, newest first (filter by externalId)' })
  @ApiOkResponse({ type: SentLeadPageDto })
  list(@Query() query: SentLeadsQuery, @CurrentPrincipal() principal: Principal): Promise<SentLeadPageDto> {
    return this.sent.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One lead this intake token sent: its status and verdicts' })
  @ApiOkResponse({ type: SentLeadDto })
  @ApiNotFoundResponse({ description: 'No such lead, or one another source sent' })
  findOne(@Param('id', UuidParam('Lead')) id: string, @CurrentPrincipal() principal: Principal): Promise<SentLeadDto> {
    return this.sent.findOne(principal, id);
  }
}
