import { Module } from '@nestjs/common';
import { ClockModule, LoggingModule } from '@leadgate/common';
import { ConfigModule } from '@leadgate/config';
import { DatabaseModule } from '@leadgate/database';
import { JobsModule } from '@leadgate/jobs';

/** The background worker: no HTTP, only the scheduled jobs. */
@Module({
  imports: [ConfigModule.forRoot(), LoggingModule.forRoot(), ClockModule, DatabaseModule.forRoot(), JobsModule.forRoot({ workers: 'always' })],
})
export class WorkerModule {}
