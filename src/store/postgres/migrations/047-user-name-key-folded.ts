import { transientUserKey, userKeyChanges, type UserKeyRow } from '../../user-key-migration.js';
import type { PostgresMigration } from '../migration.js';

// users.name_key as sign-in folds a name, as the SQLite dialect's migration 47 (see there). The
// unique index is checked row by row here too: keys move through a temporary one.
export default {
  version: 47,
  name: 'user name key folded as sign-in folds',
  async up(sql) {
    const rows = (await sql.query<UserKeyRow>('SELECT id, name, name_key, created_at FROM users')).rows;
    const changes = userKeyChanges(rows.map((r) => ({ ...r, id: Number(r.id), created_at: Number(r.created_at) })));
    const write = async (keys: string[]): Promise<void> => {
      if (!changes.length) return;
      await sql.query('UPDATE users u SET name_key = k.key FROM unnest($1::bigint[], $2::text[]) AS k(id, key) WHERE u.id = k.id', [
        changes.map((c) => c.id),
        keys,
      ]);
    };
    await write(changes.map((c) => transientUserKey(c.id)));
    await write(changes.map((c) => c.key));
  },
} satisfies PostgresMigration;
