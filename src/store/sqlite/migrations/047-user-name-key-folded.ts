import { transientUserKey, userKeyChanges, type UserKeyRow } from '../../user-key-migration.js';
import type { SqliteMigration } from '../migration.js';

// users.name_key as sign-in folds a name (userNameKey, p-userkey): "οδοσ" signs in typed "ΟΔΟΣ",
// "admın" typed "ADMIN", "straße" typed "STRASSE". Users whose names now fold alike keep apart
// (src/store/user-key-migration.ts). Keys move through a temporary one, as the unique index is
// checked row by row.
export default {
  version: 47,
  name: 'user name key folded as sign-in folds',
  up(db) {
    const rows = db.prepare('SELECT id, name, name_key, created_at FROM users').all() as UserKeyRow[];
    const changes = userKeyChanges(rows);
    const set = db.prepare('UPDATE users SET name_key = ? WHERE id = ?');
    for (const c of changes) set.run(transientUserKey(c.id), c.id);
    for (const c of changes) set.run(c.key, c.id);
  },
} satisfies SqliteMigration;
