// Writes users.name_key again as planned by src/store/user-key-migration.ts (migration 47).
import { transientUserKey, userKeyChanges, type UserKeyRow } from '../user-key-migration.js';
import type { Sql } from './db.js';

/**
 * Keys move through a temporary one, as on SQLite (the unique index is checked row by row here
 * too), in statements of 1,000 rows as migration 46 writes (no one statement the size of the table).
 */
export async function rewriteUserKeys(sql: Sql): Promise<void> {
  const rows = (await sql.query<UserKeyRow>('SELECT id, name, name_key, created_at FROM users')).rows;
  const changes = userKeyChanges(rows.map((r) => ({ ...r, id: Number(r.id), created_at: Number(r.created_at) })));
  const write = async (keyOf: (c: (typeof changes)[number]) => string): Promise<void> => {
    for (let i = 0; i < changes.length; i += 1000) {
      const part = changes.slice(i, i + 1000);
      await sql.query('UPDATE users u SET name_key = k.key FROM unnest($1::bigint[], $2::text[]) AS k(id, key) WHERE u.id = k.id', [
        part.map((c) => c.id),
        part.map(keyOf),
      ]);
    }
  };
  await write((c) => transientUserKey(c.id));
  await write((c) => c.key);
}
