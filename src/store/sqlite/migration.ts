import type { Database } from 'better-sqlite3';

/** One schema step. Files in ./migrations export one as default; versions are unique and ordered. */
export interface SqliteMigration {
  version: number;
  name: string;
  /**
   * The step rebuilds tables (a new table, the rows copied, the old one dropped, the new renamed):
   * foreign keys must not be enforced meanwhile, or dropping a parent table would delete or null
   * its children's rows by their ON DELETE actions. The runner turns them off before the step's
   * transaction (the pragma does nothing inside one) and back on after, whatever happened; the
   * step checks the keys itself (PRAGMA foreign_key_check) before its transaction commits.
   */
  foreignKeysOff?: boolean;
  up(db: Database): void;
}
