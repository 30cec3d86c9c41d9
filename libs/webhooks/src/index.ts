export { WebhookDeliveryService } from './webhook-delivery.service';
export type { WebhookDeliveryResult } from './webhook-delivery.service';
export { WebhookOutbox } from './webhook-outbox.service';
export { WEBHOOK_QUEUED } from './webhook-outbox.repository';
export { WebhookOutboxModule, WebhooksModule } from './webhooks.module';
export { WEBHOOK_EVENT_TYPES } from './policy';
export type { DealChange, WebhookEventType } from './policy';
export { signatureHeader } from './signature';
