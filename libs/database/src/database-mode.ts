/** Tells other modules whether we run on the embedded database (single instance, demo data). */
export const DATABASE_MODE = Symbol('DATABASE_MODE');
export interface DatabaseMode {
  embedded: boolean;
}
