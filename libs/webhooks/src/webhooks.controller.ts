import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize, CurrentPrincipal, Principal } from '@leadgate/auth';
import { UuidParam } from '@leadgate/common';
import { CreatedWebhookDto, CreateWebhookDto, DeliveriesQuery, ReplayDto, ReplayedDto, WebhookDeliveriesPageDto, WebhookDto } from './dto/webhook.dto';
import { WebhooksService } from './webhooks.service';

// Channel managers register none: their scope (the partners they manage) changes over time, and a
// program-wide feed is the admins' decision.
@ApiTags('webhooks')
@Controller('api/v1/webhooks')
@Authorize('admin', 'partner_admin')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperation({ summary: 'Register an endpoint for events; the response holds its signing secret, shown this once' })
  @ApiCreatedResponse({ type: CreatedWebhookDto })
  register(@Body() dto: CreateWebhookDto, @CurrentPrincipal() principal: Principal): Promise<CreatedWebhookDto> {
    return this.webhooks.register(dto, principal);
  }

  @Get()
  @ApiOperation({ summary: 'The endpoints in your scope (admins: program-wide ones too; partner admins: their partner’s)' })
  @ApiOkResponse({ type: [WebhookDto] })
  list(@CurrentPrincipal() principal: Principal): Promise<WebhookDto[]> {
    return this.webhooks.list(principal);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an endpoint; its undelivered events are dropped' })
  @ApiNoContentResponse()
  remove(@Param('id', UuidParam('Webhook')) id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    return this.webhooks.remove(id, principal);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'The endpoint’s delivery log, latest event first: status, attempts, latency, an excerpt of the last answer' })
  @ApiOkResponse({ type: WebhookDeliveriesPageDto })
  deliveries(
    @Param('id', UuidParam('Webhook')) id: string,
    @Query() query: DeliveriesQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<WebhookDeliveriesPageDto> {
    return this.webhooks.deliveries(id, principal, query);
  }

  @Post(':id/deliveries/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send one failed delivery (deliveryId) or all failed deliveries again; enables a disabled endpoint' })
  @ApiOkResponse({ type: ReplayedDto })
  replay(@Param('id', UuidParam('Webhook')) id: string, @Body() dto: ReplayDto, @CurrentPrincipal() principal: Principal): Promise<ReplayedDto> {
    return this.webhooks.replay(id, principal, dto);
  }
}
