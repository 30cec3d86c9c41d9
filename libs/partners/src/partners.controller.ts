import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '@leadgate/common';
import { Authorize, CurrentPrincipal, Principal } from '@leadgate/auth';
import { CreatePartnerDto } from './dto/create-partner.dto';
import { LeadRoutingDto } from './dto/lead-routing.dto';
import { ListPartnersQuery } from './dto/list-partners.query';
import { PartnerDto, PartnerPageDto } from './dto/partner.dto';
import { UpdatePartnerDto } from './dto/update-partner.dto';
import { PartnersService } from './partners.service';

@ApiTags('partners')
@Controller('api/v1/partners')
export class PartnersController {
  constructor(private readonly partners: PartnersService) {}

  @Get()
  @Authorize('admin', 'channel_manager', 'partner_admin', 'partner_rep')
  @ApiOperation({ summary: 'List partners (a partner-scoped caller sees only its own)' })
  @ApiOkResponse({ type: PartnerPageDto })
  list(@Query() query: ListPartnersQuery, @CurrentPrincipal() principal: Principal): Promise<PartnerPageDto> {
    return this.partners.list(query, principal);
  }

  @Get(':id')
  @Authorize('admin', 'channel_manager', 'partner_admin', 'partner_rep')
  @ApiOperation({ summary: 'One partner' })
  @ApiOkResponse({ type: PartnerDto })
  @ApiNotFoundResponse({ description: 'Unknown partner, or another partner than the caller' })
  get(@Param('id', UuidParam('Partner')) id: string, @CurrentPrincipal() principal: Principal): Promise<PartnerDto> {
    return this.partners.get(id, principal);
  }

  @Get(':id/lead-routing')
  @Authorize('admin', 'channel_manager', 'partner_admin', 'partner_rep')
  @ApiOperation({ summary: 'How the partner’s new offers get an owner' })
  @ApiOkResponse({ type: LeadRoutingDto })
  @ApiNotFoundResponse({ description: 'Unknown partner, or another partner than the caller' })
  leadRouting(@Param('id', UuidParam('Partner')) id: string, @CurrentPrincipal() principal: Principal): Promise<LeadRoutingDto> {
    return this.partners.leadRouting(id, principal);
  }

  @Put(':id/lead-routing')
  @Authorize('admin', 'partner_admin')
  @ApiOperation({ summary: 'Choose manual owners or round robin among the reps who are not away' })
  @ApiOkResponse({ type: LeadRoutingDto })
  @ApiNotFoundResponse({ description: 'Unknown partner, or another partner than the caller' })
  setLeadRouting(@Param('id', UuidParam('Partner')) id: string, @Body() dto: LeadRoutingDto, @CurrentPrincipal() principal: Principal): Promise<LeadRoutingDto> {
    return this.partners.setLeadRouting(id, dto, principal);
  }

  @Post()
  @Authorize('admin')
  @ApiOperation({ summary: 'Create a partner; with firstAdmin, its first admin is invited by email in the same transaction' })
  @ApiCreatedResponse({ type: PartnerDto })
  create(@Body() dto: CreatePartnerDto, @CurrentPrincipal() principal: Principal): Promise<PartnerDto> {
    return this.partners.create(dto, principal);
  }

  @Patch(':id')
  @Authorize('admin')
  @ApiOperation({ summary: 'Change a partner; deactivate with {"active": false} (partners are never deleted)' })
  @ApiOkResponse({ type: PartnerDto })
  update(@Param('id', UuidParam('Partner')) id: string, @Body() dto: UpdatePartnerDto, @CurrentPrincipal() principal: Principal): Promise<PartnerDto> {
    return this.partners.update(id, dto, principal);
  }
}
