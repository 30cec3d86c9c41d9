export * from './allocation-decision.entity';
export * from './allocation-history.service';
export * from './allocation.module';
export * from './allocation.service';
export * from './assignment.entity';
export * from './policy';
