import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsNumberString, IsOptional, IsUrl, MaxLength } from 'class-validator';
import { PageQuery } from '@leadgate/common';
import { WEBHOOK_EVENT_TYPES, WebhookEventType } from '../policy';
import type { WebhookEndpoint } from '../webhook-endpoints.repository';
import { DELIVERY_STATUSES, DeliveryStatus } from '../webhook-outbox.repository';

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://crm.example.com/leadgate-events', description: 'http or https; localhost and private addresses only when WEBHOOK_ALLOW_PRIVATE_URLS' })
  @MaxLength(2000)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'url must be an absolute http:// or https:// URL' })
  url: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true })
  @IsArray() @ArrayNotEmpty() @ArrayUnique() @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true, message: `each value in events must be one of: ${WEBHOOK_EVENT_TYPES.join(', ')}` })
  events: WebhookEventType[];
}

export class WebhookDto {
  @ApiProperty() id: string;
  @ApiProperty() url: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true }) events: WebhookEventType[];
  @ApiProperty({ nullable: true, type: String, description: 'The partner whose events it receives; null: every partner (program-wide)' }) partnerId: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date, description: 'Set when delivery gave up: it receives no more events' }) disabledAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) disabledReason: string | null;
}

export class CreatedWebhookDto extends WebhookDto {
  @ApiProperty({ description: 'Signs every delivery (X-LeadGate-Signature); shown this once' }) secret: string;
}

export const toWebhookDto = (endpoint: WebhookEndpoint): WebhookDto => ({
  id: endpoint.id,
  url: endpoint.url,
  events: endpoint.events,
  partnerId: endpoint.partnerId,
  createdAt: endpoint.createdAt,
  disabledAt: endpoint.disabledAt,
  disabledReason: endpoint.disabledReason,
});

export class DeliveriesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional() @IsIn(DELIVERY_STATUSES, { message: `status must be one of: ${DELIVERY_STATUSES.join(', ')}` })
  status?: DeliveryStatus;
}

export class WebhookDeliveryDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'The event id the receiver sees (stable across retries)' }) eventId: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES }) type: WebhookEventType;
  @ApiProperty() occurredAt: Date;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status: DeliveryStatus;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true, type: Date, description: 'While pending: the next attempt' }) nextAttemptAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) deliveredAt: Date | null;
  @ApiProperty({ nullable: true, type: Number, description: 'The last attempt’s HTTP status; null when there was no answer' }) lastStatusCode: number | null;
  @ApiProperty({ nullable: true, type: Number }) lastLatencyMs: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why the last attempt got no answer (refused, timed out)' }) lastError: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The first 500 characters of the last answer' }) responseExcerpt: string | null;
}

export class WebhookDeliveriesPageDto {
  @ApiProperty({ type: [WebhookDeliveryDto] }) items: WebhookDeliveryDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export class ReplayDto {
  @ApiPropertyOptional({ description: 'One failed delivery to send again; without it, every failed delivery of the endpoint' })
  @IsOptional() @IsNumberString({ no_symbols: true }, { message: 'deliveryId must be a delivery id from the delivery log' }) @MaxLength(18)
  deliveryId?: string;
}

export class ReplayedDto {
  @ApiProperty({ description: 'Failed deliveries queued again (the endpoint is enabled again too)' }) replayed: number;
}
