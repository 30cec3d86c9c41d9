import { Module } from '@nestjs/common';
import { AcceptReminderService } from './accept-reminder.service';
import { EmailDeliveryService } from './email-delivery.service';
import { MailTransport } from './mail-transport';
import { NotificationsService } from './notifications.service';
import { RecipientsRepository } from './recipients.repository';

/** Email: the outbox written in business transactions, and its delivery (the deliver-email job). */
@Module({
  providers: [NotificationsService, EmailDeliveryService, MailTransport, AcceptReminderService, RecipientsRepository],
  exports: [NotificationsService, EmailDeliveryService, AcceptReminderService, RecipientsRepository],
})
export class NotificationsModule {}
