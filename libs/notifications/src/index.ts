export { AcceptReminderService } from './accept-reminder.service';
export { EmailDeliveryService } from './email-delivery.service';
export { NotificationsModule } from './notifications.module';
export { NotificationsService } from './notifications.service';
export type { OutboundMessage } from './notifications.service';
export { RecipientsRepository } from './recipients.repository';
export type { RecipientRow } from './recipients.repository';
export type { ClockTally, TemplateData, TemplateName } from './templates/messages';
export { OWNED_LEAD_COPIES } from './templates/messages';
