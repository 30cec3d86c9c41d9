import { Module } from '@nestjs/common';
import { LifecycleModule } from '@leadgate/lifecycle';
import { ClockAlertsRepository } from './clock-alerts.repository';
import { ClockAlertsService } from './clock-alerts.service';
import { EmailDeliveryService } from './email-delivery.service';
import { MailTransport } from './mail-transport';
import { NotificationFactsRepository } from './notification-facts.repository';
import { NotificationsService } from './notifications.service';
import { OutboundEmailsRepository } from './outbound-emails.repository';
import { RecipientsRepository } from './recipients.repository';

/** Email: the outbox written in business transactions, and its delivery (the deliver-email job). */
@Module({
  imports: [LifecycleModule],
  providers: [
    NotificationsService, EmailDeliveryService, MailTransport, ClockAlertsService,
    ClockAlertsRepository, OutboundEmailsRepository, NotificationFactsRepository, RecipientsRepository,
  ],
  exports: [NotificationsService, EmailDeliveryService, ClockAlertsService, RecipientsRepository],
})
export class NotificationsModule {}
