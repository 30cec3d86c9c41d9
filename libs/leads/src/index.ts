export * from './lead-event.entity';
export * from './lead-status';
export * from './lead.entity';
export * from './leads.module';
