import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '@leadgate/common';
import { auditActorOf, Authorize, CurrentPrincipal, Principal } from '@leadgate/auth';
import { CreateLeadTypeDto } from './dto/create-lead-type.dto';
import { LeadTypeDto, LeadTypePageDto } from './dto/lead-type.dto';
import { ListLeadTypesQuery } from './dto/list-lead-types.query';
import { UpdateLeadTypeDto } from './dto/update-lead-type.dto';
import { LeadTypesService } from './lead-types.service';

@ApiTags('lead-types')
@Controller('api/v1/lead-types')
export class LeadTypesController {
  constructor(private readonly leadTypes: LeadTypesService) {}

  @Get()
  // Intake tokens may list, so a marketing system can discover the keys it should send.
  @Authorize('admin', 'channel_manager', 'intake')
  @ApiOperation({ summary: 'List lead types with their SLAs, by key' })
  @ApiOkResponse({ type: LeadTypePageDto })
  list(@Query() query: ListLeadTypesQuery): Promise<LeadTypePageDto> {
    return this.leadTypes.list(query);
  }

  @Get(':id')
  @Authorize('admin', 'channel_manager')
  @ApiOperation({ summary: 'One lead type' })
  @ApiOkResponse({ type: LeadTypeDto })
  get(@Param('id', UuidParam('Lead type')) id: string): Promise<LeadTypeDto> {
    return this.leadTypes.get(id);
  }

  @Post()
  @Authorize('admin')
  @ApiOperation({ summary: 'Create a lead type' })
  @ApiCreatedResponse({ type: LeadTypeDto })
  create(@Body() dto: CreateLeadTypeDto, @CurrentPrincipal() principal: Principal): Promise<LeadTypeDto> {
    return this.leadTypes.create(dto, auditActorOf(principal));
  }

  @Patch(':id')
  @Authorize('admin')
  @ApiOperation({ summary: 'Change a lead type (not its key); retire it with {"active": false}. New SLAs apply to offers made from now on; open offers keep their due times' })
  @ApiOkResponse({ type: LeadTypeDto })
  update(@Param('id', UuidParam('Lead type')) id: string, @Body() dto: UpdateLeadTypeDto, @CurrentPrincipal() principal: Principal): Promise<LeadTypeDto> {
    return this.leadTypes.update(id, dto, auditActorOf(principal));
  }
}
