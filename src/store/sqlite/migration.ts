import type { Database } from 'better-sqlite3';

/** One schema step. Files in ./migrations export one as default; versions are unique and ordered. */
export interface SqliteMigration {
  version: number;
  name: string;
  up(db: Database): void;
}
