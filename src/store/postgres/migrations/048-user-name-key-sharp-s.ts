import type { PostgresMigration } from '../migration.js';
import { rewriteUserKeys } from '../user-key-rewrite.js';

// The plan of 47 once more, after the fold settled capital sharp "ẞ", as the SQLite dialect's 48 (see there).
export default {
  version: 48,
  name: 'user name key folded again (capital sharp s)',
  async up(sql) {
    await rewriteUserKeys(sql, 48);
  },
} satisfies PostgresMigration;
