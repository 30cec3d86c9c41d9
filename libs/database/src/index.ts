export * from './data-source';
export * from './database-mode';
export * from './database.module';
export * from './open-clocks';
export * from './prepared-statements';
export * from './embedded-postgres';
export * from './transaction';
export * from './column-transformers';
