// Rows a store holds straight after its migrations: a migration may seed a table (a one-row
// progress record, say). Such rows do not make a target "not empty", and the source's own copies
// of them replace them. They are counted on an in-memory SQLite store migrated by this version:
// the two dialects' migrations are kept in step, table for table.
import BetterSqlite3 from 'better-sqlite3';
import { migrate } from '../sqlite/migrate.js';

export async function seedRowCounts(): Promise<Map<string, number>> {
  const db = new BetterSqlite3(':memory:');
  try {
    await migrate(db);
    const tables = db.pragma('table_list') as { schema: string; name: string; type: string }[];
    const out = new Map<string, number>();
    for (const t of tables) {
      if (t.schema !== 'main' || t.type !== 'table' || t.name.startsWith('sqlite_') || t.name === 'schema_migrations') continue;
      const { n } = db.prepare(`SELECT count(*) AS n FROM "${t.name.replace(/"/g, '""')}"`).get() as { n: number };
      if (n > 0) out.set(t.name, n);
    }
    return out;
  } finally {
    db.close();
  }
}
