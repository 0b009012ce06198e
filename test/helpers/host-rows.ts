// The hosts with a row in host_state, read over a connection of the test's own (not the store's),
// for the prune tests of both dialects.
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { Store } from '../../src/store/store.js';
import { type Dialect, postgresTestUrl } from './dialects.js';

export async function hostRows(d: Dialect, store: Store): Promise<string[]> {
  if (d.name === 'sqlite') {
    const db = new BetterSqlite3(d.placeOf(store), { readonly: true });
    try {
      return (db.prepare('SELECT host FROM host_state ORDER BY host').all() as { host: string }[]).map((r) => r.host);
    } finally {
      db.close();
    }
  }
  const c = new pg.Client({ connectionString: postgresTestUrl() });
  await c.connect();
  try {
    const r = await c.query<{ host: string }>(`SELECT host FROM "${d.placeOf(store)}".host_state ORDER BY host COLLATE "C"`);
    return r.rows.map((x) => x.host);
  } finally {
    await c.end();
  }
}
