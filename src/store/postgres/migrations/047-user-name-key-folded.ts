import type { PostgresMigration } from '../migration.js';
import { rewriteUserKeys } from '../user-key-rewrite.js';

// users.name_key as sign-in folds a name, as the SQLite dialect's migration 47 (see there).
export default {
  version: 47,
  name: 'user name key folded as sign-in folds',
  async up(sql) {
    await rewriteUserKeys(sql);
  },
} satisfies PostgresMigration;
