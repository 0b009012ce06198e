// Writes users.name_key again as planned by src/store/user-key-migration.ts (migration 47).
import type { Database } from 'better-sqlite3';
import { transientUserKey, userKeyChanges, type UserKeyRow } from '../user-key-migration.js';

/** Keys move through a temporary one: the unique index is checked row by row, and one row's new key may be another's old one. */
export function rewriteUserKeys(db: Database): void {
  const rows = db.prepare('SELECT id, name, name_key, created_at FROM users').all() as UserKeyRow[];
  const changes = userKeyChanges(rows);
  const set = db.prepare('UPDATE users SET name_key = ? WHERE id = ?');
  for (const c of changes) set.run(transientUserKey(c.id), c.id);
  for (const c of changes) set.run(c.key, c.id);
}
