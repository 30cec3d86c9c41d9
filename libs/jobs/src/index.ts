export * from './fairness-decay.service';
export * from './job-runner.service';
export * from './jobs.module';
export * from './jobs.service';
export * from './pending-allocation.service';
