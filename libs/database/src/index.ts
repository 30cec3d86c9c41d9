export { migrate } from './data-source';
export { DATABASE_MODE } from './database-mode';
export type { DatabaseMode } from './database-mode';
export { DatabaseModule } from './database.module';
export { EmbeddedPostgres } from './embedded-postgres';
export { PreparedStatements } from './prepared-statements';
export type { PreparedStatement } from './prepared-statements';
export { inSavepoint, inTransaction } from './transaction';
export { isTransientFailure } from './transient-failure';
