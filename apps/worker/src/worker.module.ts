import { Module } from '@nestjs/common';
import { ClockModule, LoggingModule } from '@leadgate/common';
import { ConfigModule } from '@leadgate/config';
import { DatabaseModule } from '@leadgate/database';
import { JobsModule } from '@leadgate/jobs';
import { WebhookOutboxModule } from '@leadgate/webhooks';

/** The background worker: no HTTP, only the scheduled jobs. */
@Module({
  imports: [ConfigModule.forRoot(), LoggingModule.forRoot(), ClockModule, DatabaseModule.forRoot(), WebhookOutboxModule, JobsModule.forRoot({ workers: 'always' })],
})
export class WorkerModule {}
