import type { Sql } from './db.js';

/** One schema step. Files in ./migrations export one as default; versions are unique and ordered. */
export interface PostgresMigration {
  version: number;
  name: string;
  /** Runs inside the migration's transaction, with the store's schema first on the search path. */
  up(sql: Sql): Promise<void>;
}
