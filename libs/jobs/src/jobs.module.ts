import { DynamicModule, Module } from '@nestjs/common';
import { AllocationModule } from '@leadgate/allocation';
import { ComplianceModule } from '@leadgate/compliance';
import { DealsModule } from '@leadgate/deals';
import { NotificationsModule } from '@leadgate/notifications';
import { ReportingModule } from '@leadgate/reporting';
import { WebhooksModule } from '@leadgate/webhooks';
import { JobQueueRepository } from './job-queue.repository';
import { JOBS_MODULE_OPTIONS, JobRunner, JobsModuleOptions } from './job-runner.service';
import { JobsController } from './jobs.controller';
import { JobsService } from './jobs.service';

/** The background jobs: run on demand anywhere, and on their schedules in the worker (or the portal, when configured). */
@Module({})
export class JobsModule {
  static forRoot(options: JobsModuleOptions = { workers: 'if-configured' }): DynamicModule {
    return {
      module: JobsModule,
      imports: [ComplianceModule, AllocationModule, NotificationsModule, ReportingModule, WebhooksModule, DealsModule],
      controllers: [JobsController],
      providers: [{ provide: JOBS_MODULE_OPTIONS, useValue: options }, JobsService, JobRunner, JobQueueRepository],
      exports: [JobsService, JobRunner],
    };
  }
}
