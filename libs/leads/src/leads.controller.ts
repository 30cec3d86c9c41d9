import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiExtraModels, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Authorize, CurrentPrincipal, Principal } from '@leadgate/auth';
import { DomainError, Page, PageQuery, UuidParam } from '@leadgate/common';
import { LeadChangesPageDto } from './dto/lead-changes.dto';
import { LeadDetailDto } from './dto/lead-detail.dto';
import { LeadPageDto, ListedLeadDto } from './dto/lead-response.dto';
import { LeadsQuery } from './dto/leads-query.dto';
import { LeftLeadDto, LeftLeadPageDto } from './dto/left-lead.dto';
import { leadReadScopeOf } from './lead-read-scope';
import { LeadChangesService } from './lead-changes.service';
import { LeadsQueryService } from './leads-query.service';

@ApiTags('leads')
@Controller('api/v1/leads')
@Authorize('admin', 'channel_manager', 'partner_admin', 'partner_rep')
export class LeadsController {
  constructor(
    private readonly leads: LeadsQueryService,
    private readonly changes: LeadChangesService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'List leads, newest first; or, with updatedSince, the leads changed since a cursor',
    description: 'Partner callers see only the leads their partner holds. With updatedSince (a CRM syncing) the answer is a LeadChangesPageDto.',
  })
  @ApiExtraModels(LeadPageDto, LeadChangesPageDto)
  @ApiOkResponse({ schema: { oneOf: [{ $ref: getSchemaPath(LeadPageDto) }, { $ref: getSchemaPath(LeadChangesPageDto) }] } })
  list(@Query() query: LeadsQuery, @CurrentPrincipal() principal: Principal): Promise<Page<ListedLeadDto> | LeadChangesPageDto> {
    if (query.updatedSince !== undefined) return this.changes.changes(query, leadReadScopeOf(principal));
    return this.leads.list(query, leadReadScopeOf(principal), principal.kind === 'user' ? principal.id : null);
  }

  @Get('history')
  @Authorize('partner_admin', 'partner_rep')
  @ApiOperation({ summary: 'Leads that left the caller’s partner', description: 'Declined, recalled (not accepted in time) or moved to another partner, the latest first: what happened and why, without the buyer’s contact details.' })
  @ApiOkResponse({ type: LeftLeadPageDto })
  history(@Query() query: PageQuery, @CurrentPrincipal() principal: Principal): Promise<Page<LeftLeadDto>> {
    if (!principal.partnerId) throw DomainError.notFound('Partner');
    return this.leads.leftLeads(principal.partnerId, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One lead with its timeline and its assignments (SLA due times)' })
  @ApiOkResponse({ type: LeadDetailDto })
  @ApiNotFoundResponse({ description: 'No such lead, or not one the caller may see' })
  findOne(@Param('id', UuidParam('Lead')) id: string, @CurrentPrincipal() principal: Principal): Promise<LeadDetailDto> {
    return this.leads.findOne(id, leadReadScopeOf(principal));
  }
}
