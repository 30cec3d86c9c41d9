import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsUrl, MaxLength } from 'class-validator';
import { WEBHOOK_EVENT_TYPES, WebhookEventType } from '../policy';
import type { WebhookEndpoint } from '../webhook-endpoints.repository';

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
  @ApiPropertyOptional({ description: 'Signs every delivery (X-LeadGate-Signature); shown this once' }) secret: string;
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
