import { Module } from '@nestjs/common';
import { CatalogModule } from '@leadgate/catalog';
import { LifecycleModule } from '@leadgate/lifecycle';
import { NotificationsModule } from '@leadgate/notifications';
import { DealProtectionModule } from './deal-protection.module';
import { DealsController } from './deals.controller';
import { DealsService } from './deals.service';

/** Deal registration: partners register buyers they found, channel managers review them, approved ones are protected. */
@Module({
  imports: [DealProtectionModule, CatalogModule, LifecycleModule, NotificationsModule],
  controllers: [DealsController],
  providers: [DealsService],
  exports: [DealsService],
})
export class DealsModule {}
