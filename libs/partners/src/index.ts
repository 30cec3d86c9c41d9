export * from './partner.entity';
export * from './partners.module';
