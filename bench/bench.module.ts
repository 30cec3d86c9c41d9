import { Module } from '@nestjs/common';
import { AllocationModule } from '@leadgate/allocation';
import { ClockModule } from '@leadgate/common';
import { ComplianceModule } from '@leadgate/compliance';
import { ConfigModule } from '@leadgate/config';
import { DatabaseModule } from '@leadgate/database';
import { WebhookOutboxModule } from '@leadgate/webhooks';

/** The services under measurement, without HTTP. */
@Module({ imports: [ConfigModule.forRoot(), ClockModule, DatabaseModule.forRoot(), WebhookOutboxModule, AllocationModule, ComplianceModule] })
export class BenchModule {}
