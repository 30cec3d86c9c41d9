export * from './data-source';
export * from './database-mode';
export * from './database.module';
export * from './prepared-statements';
export * from './embedded-postgres';
export * from './transaction';
export * from './transient-failure';
export * from './column-transformers';
