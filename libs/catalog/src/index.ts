export * from './campaign.entity';
export * from './catalog.module';
export * from './lead-type.entity';
