export * from './data-source';
export * from './database.module';
export * from './embedded-postgres';
export * from './transaction';
export * from './column-transformers';
