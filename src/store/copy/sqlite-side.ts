// A SQLite store as a side of a copy. The source is opened read-only, so migrate-store can never
// change the store it is moving away from.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import { loadMigrations, migrate } from '../sqlite/migrate.js';
import { decodeKey, encodeKey } from './keys.js';
import {
  CopyError,
  PROGRESS_TABLE,
  type Batch,
  type ColumnInfo,
  type MigrationLevel,
  type ProgressRow,
  type Side,
  type TableInfo,
  type Value,
} from './types.js';
import { sqliteKind, toSqlite } from './values.js';
import { LANGUAGE_COUNTS_TABLE } from '../language-counts.js';
import { SEARCH_FOLD_LOOKUP } from '../sqlite/migrations/042-search-fold-v2.js';

const q = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * Tables that belong to the migration machinery, not to the store's content, and tables derived
 * from the content by triggers (the counts per language, migration 30), which the target's own
 * triggers rebuild as the entries arrive: copied as well, they would count twice. The search
 * fold's lookup table (migration 40) is written by the migration, the same in every store, and
 * SQLite's alone.
 */
const BOOKKEEPING = new Set(['schema_migrations', PROGRESS_TABLE, LANGUAGE_COUNTS_TABLE, SEARCH_FOLD_LOOKUP]);

export class SqliteSide implements Side {
  readonly dialect = 'sqlite' as const;
  private readonly inserts = new Map<string, Statement>();
  private readonly tableCache = new Map<string, TableInfo>();

  private constructor(
    private readonly db: Database,
    readonly label: string,
  ) {}

  /** The source: an existing file, read-only. */
  static openSource(path: string, label: string): SqliteSide {
    if (!existsSync(path)) throw new CopyError(`${label}: there is no SQLite database at ${path}`);
    let db: Database;
    try {
      db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
      db.pragma('busy_timeout = 5000');
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
    } catch (err) {
      throw new CopyError(`${label}: cannot read ${path} as a SQLite database: ${(err as Error).message}`);
    }
    return new SqliteSide(db, label);
  }

  /** The target: created when missing; foreign keys are not enforced while rows arrive table by table. */
  static openTarget(path: string, label: string): SqliteSide {
    try {
      mkdirSync(dirname(path), { recursive: true });
      const db = new BetterSqlite3(path);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = OFF');
      return new SqliteSide(db, label);
    } catch (err) {
      throw new CopyError(`${label}: cannot open ${path} for writing: ${(err as Error).message}`);
    }
  }

  async migrationLevel(): Promise<MigrationLevel> {
    const known = (await loadMigrations()).map((m) => ({ version: m.version, name: m.name }));
    const has = this.db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'").get();
    if (!has) return { applied: undefined, known };
    const applied = (this.db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map(
      (r) => r.version,
    );
    return { applied, known };
  }

  migrate(): Promise<number[]> {
    return migrate(this.db);
  }

  async tables(): Promise<TableInfo[]> {
    const list = this.db.pragma('table_list') as { schema: string; name: string; type: string; wr: number }[];
    const out: TableInfo[] = [];
    for (const t of list) {
      if (t.schema !== 'main' || t.type !== 'table' || t.name.startsWith('sqlite_') || BOOKKEEPING.has(t.name)) continue;
      out.push(this.describe(t.name, t.wr === 1));
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  private describe(name: string, withoutRowid: boolean): TableInfo {
    const cols = this.db.pragma(`table_xinfo(${q(name)})`) as { name: string; type: string; pk: number; hidden: number }[];
    const columns: ColumnInfo[] = cols
      .filter((c) => c.hidden !== 1)
      .map((c) => ({ name: c.name, kind: sqliteKind(c.type), declared: c.type, generated: c.hidden === 2 || c.hidden === 3 }));
    const pk = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    const fks = this.db.pragma(`foreign_key_list(${q(name)})`) as { table: string }[];
    const info: TableInfo = {
      name,
      columns,
      key: pk.length > 0 ? pk.map((c) => c.name) : withoutRowid ? [] : ['rowid'],
      rowidKey: pk.length === 0 && !withoutRowid,
      references: [...new Set(fks.map((f) => f.table).filter((t) => t !== name))],
    };
    this.tableCache.set(name, info);
    return info;
  }

  async count(table: string): Promise<number> {
    const row = this.db.prepare(`SELECT count(*) AS n FROM ${q(table)}`).get() as { n: number };
    return row.n;
  }

  async read(table: TableInfo, columns: string[], after: Value[] | undefined, _offset: number, limit: number): Promise<Batch> {
    const keyCols = table.key.map((k) => (table.rowidKey ? 'rowid' : q(k)));
    const where = after ? ` WHERE (${keyCols.join(', ')}) > (${keyCols.map(() => '?').join(', ')})` : '';
    const sql = `SELECT ${[...columns.map(q), ...keyCols].join(', ')} FROM ${q(table.name)}${where} ORDER BY ${keyCols.join(', ')} LIMIT ?`;
    const stmt = this.db.prepare(sql).raw(true).safeIntegers(true);
    const params = [...(after ?? []).map((v) => toSqlite(v, 'any', 'any')), limit];
    const all = stmt.all(...params) as Value[][];
    const n = columns.length;
    const last = all[all.length - 1];
    return { rows: all.map((r) => r.slice(0, n)), lastKey: last ? last.slice(n) : undefined };
  }

  async beginSnapshot(): Promise<void> {
    // A read transaction: in WAL mode every later read sees the database as of the first one.
    this.db.exec('BEGIN');
    this.db.prepare('SELECT count(*) FROM sqlite_schema').get();
  }

  async endSnapshot(): Promise<void> {
    if (this.db.inTransaction) this.db.exec('COMMIT');
  }

  async write(table: TableInfo, columns: ColumnInfo[], rows: Value[][], progress: ProgressRow): Promise<void> {
    const target = this.tableCache.get(table.name);
    const affinity = columns.map((c) => target?.columns.find((t) => t.name === c.name)?.kind ?? 'any');
    const cacheKey = `${table.name}\u0000${columns.map((c) => c.name).join('\u0000')}`;
    let insert = this.inserts.get(cacheKey);
    if (!insert) {
      insert = this.db.prepare(
        `INSERT INTO ${q(table.name)} (${columns.map((c) => q(c.name)).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
      this.inserts.set(cacheKey, insert);
    }
    const stmt = insert;
    const mark = this.db.prepare(`UPDATE ${PROGRESS_TABLE} SET last_key = ?, copied = ?, done = ?, updated_at = ? WHERE table_name = ?`);
    this.db.transaction(() => {
      for (const row of rows) stmt.run(...row.map((v, i) => toSqlite(v, columns[i]!.kind, affinity[i]!)));
      mark.run(encodeKey(progress.lastKey), progress.copied, progress.done ? 1 : 0, Date.now(), progress.table);
    })();
  }

  async readProgress(): Promise<{ source: string; rows: ProgressRow[] } | undefined> {
    const has = this.db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(PROGRESS_TABLE);
    if (!has) return undefined;
    const rows = this.db.prepare(`SELECT table_name, last_key, copied, done, source FROM ${PROGRESS_TABLE} ORDER BY table_name`).all() as {
      table_name: string;
      last_key: string | null;
      copied: number;
      done: number;
      source: string;
    }[];
    return {
      source: rows[0]?.source ?? '',
      rows: rows.map((r) => ({
        table: r.table_name,
        lastKey: decodeKey(r.last_key),
        copied: r.copied,
        done: r.done === 1,
      })),
    };
  }

  async startProgress(source: string, tables: string[]): Promise<void> {
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${PROGRESS_TABLE} (
      table_name TEXT PRIMARY KEY, last_key TEXT, copied INTEGER NOT NULL DEFAULT 0,
      done INTEGER NOT NULL DEFAULT 0, source TEXT NOT NULL, updated_at INTEGER NOT NULL)`);
    const add = this.db.prepare(`INSERT INTO ${PROGRESS_TABLE} (table_name, source, updated_at) VALUES (?, ?, ?)`);
    this.db.transaction(() => {
      this.db.exec(`DELETE FROM ${PROGRESS_TABLE}`);
      for (const t of tables) add.run(t, source, Date.now());
    })();
  }

  async dropProgress(): Promise<void> {
    this.db.exec(`DROP TABLE IF EXISTS ${PROGRESS_TABLE}`);
  }

  async empty(tables: string[]): Promise<void> {
    const hasSeq = this.db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_sequence'").get();
    this.db.transaction(() => {
      for (const t of tables) this.db.exec(`DELETE FROM ${q(t)}`);
      if (hasSeq) this.db.exec('DELETE FROM sqlite_sequence');
    })();
  }

  async highestIds(): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (!this.db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_sequence'").get()) return out;
    for (const r of this.db.prepare('SELECT name, seq FROM sqlite_sequence').all() as { name: string; seq: number | null }[]) {
      if (typeof r.seq === 'number') out.set(r.name, r.seq);
    }
    return out;
  }

  async finish(tables: TableInfo[], highest: Map<string, number>): Promise<void> {
    // INTEGER PRIMARY KEY continues from the highest rowid by itself, and an AUTOINCREMENT table's
    // sequence was raised by the copied ids; it is raised further to the highest id the source
    // ever handed out (ids of rows deleted there before the copy are not given again).
    const autoincrement = this.db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?").pluck();
    const current = this.db.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').pluck();
    this.db.transaction(() => {
      for (const t of tables) {
        const most = highest.get(t.name);
        if (most === undefined || !/\bAUTOINCREMENT\b/i.test(String(autoincrement.get(t.name) ?? ''))) continue;
        const seq = current.get(t.name) as number | undefined;
        if (seq === undefined) this.db.prepare('INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)').run(t.name, most);
        else if (seq < most) this.db.prepare('UPDATE sqlite_sequence SET seq = ? WHERE name = ?').run(most, t.name);
      }
    })();
    // Statistics for the planner.
    this.db.exec('PRAGMA optimize');
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
