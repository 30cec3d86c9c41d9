export { migrate } from './data-source';
export { DatabaseModule } from './database.module';
export { EmbeddedDatabaseError, EmbeddedPostgres } from './embedded-postgres';
export { PreparedStatements } from './prepared-statements.repository';
export type { PreparedStatement } from './prepared-statements.repository';
export { inSavepoint, inTransaction } from './transaction';
export { isTransientFailure } from './transient-failure';
export { numberOrNull } from './row-values';
