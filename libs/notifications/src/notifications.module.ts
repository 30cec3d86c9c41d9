import { Module } from '@nestjs/common';
import { AcceptReminderService } from './accept-reminder.service';
import { EmailDeliveryService } from './email-delivery.service';
import { MailTransport } from './mail-transport';
import { NotificationsService } from './notifications.service';

/** Email: the outbox written in business transactions, and its delivery (the deliver-email job). */
@Module({
  providers: [NotificationsService, EmailDeliveryService, MailTransport, AcceptReminderService],
  exports: [NotificationsService, EmailDeliveryService, AcceptReminderService],
})
export class NotificationsModule {}
