export * from './accept-reminder.service';
export * from './email-delivery.service';
export * from './notifications.module';
export * from './notifications.service';
export * from './recipients.query';
export * from './template-renderer';
export * from './templates/messages';
