export { JobRunner } from './job-runner.service';
export { JobsModule } from './jobs.module';
export { JobsService } from './jobs.service';
