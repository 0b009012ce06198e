// The shapes shared by the store copier (migrate-store) and its two sides. A side is one store,
// SQLite or PostgreSQL, seen as plain tables: the copier knows no Newsdesk table by name, so tables
// that later migrations add are copied without touching this code.

/**
 * What a column holds, as far as copying and comparing go. The same logical value is written
 * differently by each dialect (a boolean is 0/1 in SQLite, JSON is TEXT there and JSONB in
 * PostgreSQL), so values are converted and compared by kind, not by their stored form.
 */
export type ColumnKind = 'int' | 'real' | 'bool' | 'json' | 'bytes' | 'timestamp' | 'text' | 'any';

export interface ColumnInfo {
  name: string;
  kind: ColumnKind;
  /** The declared type, for messages. */
  declared: string;
  /** Computed by the database (PostgreSQL GENERATED ALWAYS AS): never written, never compared. */
  generated: boolean;
}

export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  /**
   * The columns rows are read in order of (the primary key). ['rowid'] for a SQLite table without
   * one; empty for a PostgreSQL table without one (read in order of the whole row's text).
   */
  key: string[];
  /** Whether `key` is SQLite's hidden rowid rather than declared columns. */
  rowidKey: boolean;
  /** Tables this one's foreign keys point at (itself excluded). */
  references: string[];
}

/** A value as read from either driver. */
export type Value = null | string | number | bigint | boolean | Buffer | Date | object;

/** Where a table's copy stands: the last key copied, in the source's order. */
export type KeyValues = Value[];

export interface Batch {
  /** Values in the order of the columns asked for. */
  rows: Value[][];
  /** The key of the last row (undefined when the batch is empty). */
  lastKey: KeyValues | undefined;
}

/** One table's line in the target's `_migrate_progress`. */
export interface ProgressRow {
  table: string;
  lastKey: KeyValues | undefined;
  copied: number;
  done: boolean;
}

export interface MigrationLevel {
  /** Versions recorded in the store's schema_migrations; undefined when it has no such table. */
  applied: number[] | undefined;
  /** The versions this build of Newsdesk knows for the dialect, with their names. */
  known: { version: number; name: string }[];
}

/** One store, seen as tables. Every method is async so the two dialects share the shape. */
export interface Side {
  readonly dialect: 'sqlite' | 'postgres';
  /** The store's address with any password hidden, for messages and the progress record. */
  readonly label: string;
  migrationLevel(): Promise<MigrationLevel>;
  /** Applies pending migrations (the project's own runners); returns the versions applied. */
  migrate(): Promise<number[]>;
  /** The store's tables, without the migration bookkeeping and internal ones (FTS shadow tables…). */
  tables(): Promise<TableInfo[]>;
  count(table: string): Promise<number>;
  /**
   * Up to `limit` rows after `after` in key order (`offset` for a table without a key), with the
   * values of `columns`.
   */
  read(table: TableInfo, columns: string[], after: KeyValues | undefined, offset: number, limit: number): Promise<Batch>;
  /** Keeps every read on one consistent snapshot until `endSnapshot` (the source side). */
  beginSnapshot(): Promise<void>;
  endSnapshot(): Promise<void>;

  // Target side.
  /** Writes rows and the table's new progress in one transaction, so an interruption loses neither alone. */
  write(table: TableInfo, columns: ColumnInfo[], rows: Value[][], progress: ProgressRow): Promise<void>;
  readProgress(): Promise<{ source: string; rows: ProgressRow[] } | undefined>;
  startProgress(source: string, tables: string[]): Promise<void>;
  dropProgress(): Promise<void>;
  /** Deletes every row of these tables (--force). */
  empty(tables: string[]): Promise<void>;
  /**
   * The highest id each table's sequence ever handed out (SQLite: sqlite_sequence of the
   * AUTOINCREMENT tables; PostgreSQL: the identity or serial sequence), by table name: above the
   * highest id left when the newest rows were deleted. Tables without a sequence are left out.
   */
  highestIds(tables: TableInfo[]): Promise<Map<string, number>>;
  /**
   * After the copy: each sequence past the highest id copied and past the highest the source
   * ever handed out (`highest`), so no id the source gave away is given again; statistics.
   */
  finish(tables: TableInfo[], highest: Map<string, number>): Promise<void>;
  close(): Promise<void>;
}

/** Name of the target's table that records how far a copy got (dropped once it is verified). */
export const PROGRESS_TABLE = '_migrate_progress';

/** A problem the user can act on: printed as it is, without a stack. */
export class CopyError extends Error {
  override name = 'CopyError';
}
