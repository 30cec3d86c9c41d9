export * from './accept-reminder.service';
export * from './email-delivery.service';
export * from './notifications.module';
export * from './notifications.service';
export type { FailedEmail } from './outbound-emails.repository';
export { RecipientsRepository } from './recipients.repository';
export type { Recipient, RecipientRow } from './recipients.repository';
export * from './template-renderer';
export * from './templates/messages';
