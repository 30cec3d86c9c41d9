export * from './follow-up.module';
export * from './follow-up.service';
export * from './policy/lead-actions';
