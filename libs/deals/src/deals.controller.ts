import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiExtraModels, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Authorize, CurrentPrincipal, Principal } from '@leadgate/auth';
import { Page, UuidParam } from '@leadgate/common';
import { DealsService } from './deals.service';
import { CreateDealDto } from './dto/create-deal.dto';
import { ApproveDealDto, DealsQuery, ExtensionRequestDto, RejectDealDto } from './dto/decide-deal.dto';
import { DealPageDto, DealView, ManagedDealView } from './dto/deal-view.dto';

/** Deal registration over JSON. Another partner's registration (or one outside a manager's partners) is a 404. */
@ApiTags('deals')
@ApiExtraModels(DealView, ManagedDealView)
@Controller('api/v1/deals')
@ApiNotFoundResponse({ description: 'No such registration in your scope' })
export class DealsController {
  constructor(private readonly deals: DealsService) {}

  @Post()
  @HttpCode(201)
  @Authorize('partner_admin', 'partner_rep')
  @ApiOperation({ summary: 'Register a deal your partner found; conflicts are checked at once (you learn only whether there are any)' })
  @ApiCreatedResponse({ type: DealView })
  @ApiConflictResponse({ description: 'Your partner is suspended and DEAL_ALLOW_SUSPENDED is off' })
  submit(@Body() dto: CreateDealDto, @CurrentPrincipal() principal: Principal): Promise<DealView> {
    return this.deals.submit(principal, dto);
  }

  @Get()
  @Authorize('admin', 'channel_manager', 'partner_admin', 'partner_rep')
  @ApiOperation({ summary: 'Registrations in your scope, newest first; ?status=submitted is the review queue, oldest first' })
  @ApiOkResponse({ type: DealPageDto })
  list(@Query() query: DealsQuery, @CurrentPrincipal() principal: Principal): Promise<Page<DealView | ManagedDealView>> {
    return this.deals.list(principal, query);
  }

  @Get(':id')
  @Authorize('admin', 'channel_manager', 'partner_admin', 'partner_rep')
  @ApiOperation({ summary: 'One registration; channel managers also see each conflict and why it matched' })
  @ApiOkResponse({ schema: { oneOf: [{ $ref: getSchemaPath(DealView) }, { $ref: getSchemaPath(ManagedDealView) }] } })
  get(@Param('id', UuidParam('Deal registration')) id: string, @CurrentPrincipal() principal: Principal): Promise<DealView | ManagedDealView> {
    return this.deals.get(principal, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Authorize('admin', 'channel_manager')
  @ApiOperation({ summary: 'Approve: the buyer becomes the partner’s lead and is protected for DEAL_EXCLUSIVITY_DAYS' })
  @ApiOkResponse({ type: ManagedDealView })
  @ApiConflictResponse({ description: 'Not submitted, or another partner’s approved registration protects the buyer' })
  approve(@Param('id', UuidParam('Deal registration')) id: string, @Body() dto: ApproveDealDto, @CurrentPrincipal() principal: Principal): Promise<ManagedDealView> {
    return this.deals.approve(principal, id, dto);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Authorize('admin', 'channel_manager')
  @ApiOperation({ summary: 'Reject with a coded reason (DEAL_REJECT_REASONS) and an optional note' })
  @ApiOkResponse({ type: ManagedDealView })
  reject(@Param('id', UuidParam('Deal registration')) id: string, @Body() dto: RejectDealDto, @CurrentPrincipal() principal: Principal): Promise<ManagedDealView> {
    return this.deals.reject(principal, id, dto);
  }

  @Post(':id/extension-request')
  @HttpCode(200)
  @Authorize('partner_admin', 'partner_rep')
  @ApiOperation({ summary: 'Ask your channel manager for more time on an approved registration' })
  @ApiOkResponse({ type: DealView })
  requestExtension(@Param('id', UuidParam('Deal registration')) id: string, @Body() dto: ExtensionRequestDto, @CurrentPrincipal() principal: Principal): Promise<DealView> {
    return this.deals.requestExtension(principal, id, dto);
  }

  @Post(':id/extend')
  @HttpCode(200)
  @Authorize('admin', 'channel_manager')
  @ApiOperation({ summary: 'Extend an approved registration’s protection by DEAL_EXTENSION_DAYS' })
  @ApiOkResponse({ type: ManagedDealView })
  extend(@Param('id', UuidParam('Deal registration')) id: string, @CurrentPrincipal() principal: Principal): Promise<ManagedDealView> {
    return this.deals.extend(principal, id);
  }
}
