// Raw statements for benches that seed a store at a scale the store's own writes would take
// minutes to reach, and time single statements outside the store's methods. Both dialects.
import type pg from 'pg';
import type { PostgresStore } from '../../src/store/postgres/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/store.js';

/** Runs one statement; its rows when it reads (on PostgreSQL on `client` when given, else the pool). */
export async function execRaw<R = Record<string, unknown>>(
  store: Store,
  sql: string,
  params: unknown[] = [],
  client?: pg.PoolClient,
): Promise<R[]> {
  if (store instanceof SqliteStore) {
    const st = store.db.prepare(sql);
    if (!st.reader) {
      st.run(...params);
      return [];
    }
    return st.all(...params) as R[];
  }
  return (await (client ?? (store as PostgresStore).pool).query(sql, params)).rows as R[];
}

/** Inserts rows in chunks (one multi-row INSERT per 500 on PostgreSQL, one transaction on SQLite). */
export async function insertRows(store: Store, table: string, cols: string[], rows: unknown[][]): Promise<void> {
  if (store instanceof SqliteStore) {
    const st = store.db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
    store.db.transaction(() => {
      for (const r of rows) st.run(...r);
    })();
    return;
  }
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const values = chunk.map((_, j) => `(${cols.map((__, k) => `$${j * cols.length + k + 1}`).join(', ')})`).join(', ');
    await execRaw(store, `INSERT INTO ${table} (${cols.join(', ')}) VALUES ${values}`, chunk.flat());
  }
}
