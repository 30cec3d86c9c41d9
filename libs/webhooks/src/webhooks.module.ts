import { Global, Module } from '@nestjs/common';
import { TimelineOutbox } from '@leadgate/lifecycle';
import { NotificationsModule } from '@leadgate/notifications';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { WebhookOutbox } from './webhook-outbox.service';
import { WebhookOutboxRepository } from './webhook-outbox.repository';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/**
 * The event outbox, global so the lifecycle's timeline (and compliance) write to it in their own transactions
 * without importing this library: every app that changes leads imports this module once.
 */
@Global()
@Module({
  providers: [WebhookOutboxRepository, WebhookOutbox, { provide: TimelineOutbox, useExisting: WebhookOutbox }],
  exports: [WebhookOutbox, TimelineOutbox],
})
export class WebhookOutboxModule {}

/** Webhook endpoints (API) and their delivery (the deliver-webhooks job). */
@Module({
  imports: [NotificationsModule],
  controllers: [WebhooksController],
  providers: [WebhooksService, WebhookDeliveryService, WebhookEndpointsRepository, WebhookOutboxRepository],
  exports: [WebhookDeliveryService, WebhooksService],
})
export class WebhooksModule {}
