// A PostgreSQL store (one schema of one database) as a side of a copy. Values are read with the
// driver's own parsers, except that 64-bit integers stay decimal text (exact past 2^53) and times
// stay PostgreSQL's text (a JavaScript Date would drop microseconds).
import pg from 'pg';
import { loadMigrations, migrate } from '../postgres/migrate.js';
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
import { postgresKind, toPostgres } from './values.js';
import { LANGUAGE_COUNTS_TABLE } from '../language-counts.js';

const q = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * The migration machinery's tables, and those the entries' triggers derive (the counts per
 * language, migration 31), which the target's triggers rebuild as the entries arrive.
 */
const BOOKKEEPING = new Set(['schema_migrations', PROGRESS_TABLE, LANGUAGE_COUNTS_TABLE]);

/** date, time, timestamp, timestamptz, timetz: kept as the server's text. */
const TIME_OIDS = new Set([1082, 1083, 1114, 1184, 1266]);
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    TIME_OIDS.has(oid) && format !== 'binary'
      ? (v: string) => v
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/** Bind parameters per statement stay well under PostgreSQL's limit of 65,535. */
const MAX_PARAMS = 60_000;

export class PostgresSide implements Side {
  readonly dialect = 'postgres' as const;
  private snapshot: pg.PoolClient | undefined;
  private readonly identity = new Map<string, Set<string>>();

  private constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string | undefined,
    readonly label: string,
  ) {}

  static async open(url: string, schema: string | undefined, label: string, role: 'source' | 'target'): Promise<PostgresSide> {
    const pool = new pg.Pool({
      connectionString: url,
      max: 2,
      types,
      connectionTimeoutMillis: 15_000,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // A dropped idle connection is replaced on the next query; the copy itself reports its own errors.
    pool.on('error', () => {});
    try {
      await pool.query('SELECT 1');
    } catch (err) {
      await pool.end().catch(() => {});
      throw new CopyError(`cannot connect to ${label}: ${(err as Error).message}`);
    }
    if (role === 'source' && schema) {
      const found = await pool.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
      if (!found.rowCount) {
        await pool.end().catch(() => {});
        throw new CopyError(`${label}: the database has no schema ${JSON.stringify(schema)}`);
      }
    }
    return new PostgresSide(pool, schema, label);
  }

  private reader(): Pick<pg.PoolClient, 'query'> {
    return this.snapshot ?? this.pool;
  }

  async migrationLevel(): Promise<MigrationLevel> {
    const known = (await loadMigrations()).map((m) => ({ version: m.version, name: m.name }));
    const has = await this.reader().query<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t");
    if (!has.rows[0]?.t) return { applied: undefined, known };
    const rows = await this.reader().query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    return { applied: rows.rows.map((r) => r.version), known };
  }

  migrate(): Promise<number[]> {
    return migrate(this.pool, this.schema);
  }

  async tables(): Promise<TableInfo[]> {
    const db = this.reader();
    const names = await db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname`,
    );
    const cols = await db.query<{ table_name: string; column_name: string; data_type: string; is_generated: string; is_identity: string }>(
      `SELECT table_name, column_name, data_type, is_generated, is_identity FROM information_schema.columns
       WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
    );
    const pks = await db.query<{ table_name: string; column_name: string }>(
      `SELECT c.relname AS table_name, a.attname AS column_name
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
       WHERE i.indisprimary AND n.nspname = current_schema() ORDER BY c.relname, k.ord`,
    );
    const fks = await db.query<{ table_name: string; ref: string }>(
      `SELECT c.relname AS table_name, f.relname AS ref
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class f ON f.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE k.contype = 'f' AND n.nspname = current_schema()`,
    );
    const out: TableInfo[] = [];
    for (const { name } of names.rows) {
      if (BOOKKEEPING.has(name)) continue;
      const mine = cols.rows.filter((c) => c.table_name === name);
      const columns: ColumnInfo[] = mine.map((c) => ({
        name: c.column_name,
        kind: postgresKind(c.data_type),
        declared: c.data_type,
        generated: c.is_generated === 'ALWAYS',
      }));
      this.identity.set(name, new Set(mine.filter((c) => c.is_identity === 'YES').map((c) => c.column_name)));
      out.push({
        name,
        columns,
        key: pks.rows.filter((k) => k.table_name === name).map((k) => k.column_name),
        rowidKey: false,
        references: [...new Set(fks.rows.filter((f) => f.table_name === name && f.ref !== name).map((f) => f.ref))],
      });
    }
    return out;
  }

  async count(table: string): Promise<number> {
    const r = await this.reader().query<{ n: string }>(`SELECT count(*) AS n FROM ${q(table)}`);
    return Number(r.rows[0]?.n ?? 0);
  }

  async read(table: TableInfo, columns: string[], after: Value[] | undefined, offset: number, limit: number): Promise<Batch> {
    const n = columns.length;
    let text: string;
    let values: unknown[];
    if (table.key.length === 0) {
      // No key to continue from: the whole row's text gives a stable order within one snapshot.
      text = `SELECT ${columns.map(q).join(', ')} FROM ${q(table.name)} AS _nd_row_ ORDER BY _nd_row_::text OFFSET $1 LIMIT $2`;
      values = [offset, limit];
    } else {
      const keys = table.key.map(q);
      const params = keys.map((_, i) => `$${i + 1}`);
      const where = after ? ` WHERE (${keys.join(', ')}) > (${params.join(', ')})` : '';
      values = after ? [...after.map((v) => (typeof v === 'bigint' ? v.toString() : v)), limit] : [limit];
      text = `SELECT ${[...columns.map(q), ...keys].join(', ')} FROM ${q(table.name)}${where} ORDER BY ${keys.join(', ')} LIMIT $${values.length}`;
    }
    const res = await this.reader().query<Value[]>({ text, values, rowMode: 'array' });
    const last = res.rows[res.rows.length - 1];
    return {
      rows: table.key.length === 0 ? res.rows : res.rows.map((r) => r.slice(0, n)),
      lastKey: last ? (table.key.length === 0 ? [] : last.slice(n)) : undefined,
    };
  }

  async beginSnapshot(): Promise<void> {
    this.snapshot = await this.pool.connect();
    await this.snapshot.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  async endSnapshot(): Promise<void> {
    const c = this.snapshot;
    this.snapshot = undefined;
    if (!c) return;
    await c.query('COMMIT').catch(() => {});
    c.release();
  }

  async write(table: TableInfo, columns: ColumnInfo[], rows: Value[][], progress: ProgressRow): Promise<void> {
    const ident = this.identity.get(table.name);
    const overriding = columns.some((c) => ident?.has(c.name)) ? ' OVERRIDING SYSTEM VALUE' : '';
    const head = `INSERT INTO ${q(table.name)} (${columns.map((c) => q(c.name)).join(', ')})${overriding} VALUES `;
    const perStatement = Math.max(1, Math.floor(MAX_PARAMS / Math.max(1, columns.length)));
    await this.inTransaction(async (client) => {
      for (let start = 0; start < rows.length; start += perStatement) {
        const chunk = rows.slice(start, start + perStatement);
        const values: unknown[] = [];
        const tuples = chunk.map((row) => {
          const slots = row.map((v, i) => {
            values.push(toPostgres(v, columns[i]!.kind));
            return `$${values.length}`;
          });
          return `(${slots.join(', ')})`;
        });
        await client.query(head + tuples.join(', '), values);
      }
      await client.query(`UPDATE ${PROGRESS_TABLE} SET last_key = $1, copied = $2, done = $3, updated_at = $4 WHERE table_name = $5`, [
        encodeKey(progress.lastKey),
        progress.copied,
        progress.done ? 1 : 0,
        Date.now(),
        progress.table,
      ]);
    });
  }

  async readProgress(): Promise<{ source: string; rows: ProgressRow[] } | undefined> {
    const has = await this.pool.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [PROGRESS_TABLE]);
    if (!has.rows[0]?.t) return undefined;
    const res = await this.pool.query<{ table_name: string; last_key: string | null; copied: string; done: number; source: string }>(
      `SELECT table_name, last_key, copied, done, source FROM ${PROGRESS_TABLE} ORDER BY table_name`,
    );
    return {
      source: res.rows[0]?.source ?? '',
      rows: res.rows.map((r) => ({
        table: r.table_name,
        lastKey: decodeKey(r.last_key),
        copied: Number(r.copied),
        done: r.done === 1,
      })),
    };
  }

  async startProgress(source: string, tables: string[]): Promise<void> {
    await this.inTransaction(async (client) => {
      await client.query(`CREATE TABLE IF NOT EXISTS ${PROGRESS_TABLE} (
        table_name TEXT PRIMARY KEY, last_key TEXT, copied BIGINT NOT NULL DEFAULT 0,
        done INTEGER NOT NULL DEFAULT 0, source TEXT NOT NULL, updated_at BIGINT NOT NULL)`);
      await client.query(`DELETE FROM ${PROGRESS_TABLE}`);
      for (const t of tables) {
        await client.query(`INSERT INTO ${PROGRESS_TABLE} (table_name, source, updated_at) VALUES ($1, $2, $3)`, [t, source, Date.now()]);
      }
    });
  }

  /** Runs `fn` on one connection between BEGIN and COMMIT, rolled back if it throws. */
  private async inTransaction(fn: (client: pg.PoolClient) => Promise<void>): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await fn(client);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  async dropProgress(): Promise<void> {
    await this.pool.query(`DROP TABLE IF EXISTS ${PROGRESS_TABLE}`);
  }

  /** No CASCADE: a table outside the copy that refers to these stops the emptying rather than losing its rows. */
  async empty(tables: string[]): Promise<void> {
    if (tables.length > 0) await this.pool.query(`TRUNCATE ${tables.map(q).join(', ')} RESTART IDENTITY`);
  }

  /** The identity or serial sequences of a table's integer columns, by column. */
  private async sequences(t: TableInfo): Promise<{ column: string; sequence: string }[]> {
    const out: { column: string; sequence: string }[] = [];
    for (const c of t.columns) {
      if (c.kind !== 'int') continue;
      const seq = await this.pool.query<{ s: string | null }>(
        "SELECT pg_get_serial_sequence(format('%I.%I', current_schema(), $1::text), $2) AS s",
        [t.name, c.name],
      );
      const s = seq.rows[0]?.s;
      if (s) out.push({ column: c.name, sequence: s });
    }
    return out;
  }

  async highestIds(tables: TableInfo[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const t of tables) {
      for (const { sequence } of await this.sequences(t)) {
        // Reading the sequence relation itself: last_value counts only once it was handed out.
        const r = await this.pool.query<{ last_value: string; is_called: boolean }>(`SELECT last_value, is_called FROM ${sequence}`);
        const row = r.rows[0];
        if (row?.is_called) out.set(t.name, Math.max(out.get(t.name) ?? 0, Number(row.last_value)));
      }
    }
    return out;
  }

  async finish(tables: TableInfo[], highest: Map<string, number>): Promise<void> {
    // Rows arrived with their ids; each identity or serial sequence must continue after the
    // highest one, or the next insert would collide with a copied row, and after the highest the
    // source ever handed out, or ids of rows deleted there before the copy would be given again.
    for (const t of tables) {
      for (const { column, sequence } of await this.sequences(t)) {
        await this.pool.query(
          `SELECT setval($1::regclass, GREATEST(COALESCE((SELECT max(${q(column)}) FROM ${q(t.name)}), 0), $2::bigint) + 1, false)`,
          [sequence, highest.get(t.name) ?? 0],
        );
      }
      await this.pool.query(`ANALYZE ${q(t.name)}`);
    }
  }

  async close(): Promise<void> {
    await this.endSnapshot();
    await this.pool.end().catch(() => {});
  }
}
