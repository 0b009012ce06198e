import type { SqliteMigration } from '../migration.js';
import { rewriteUserKeys } from '../user-key-rewrite.js';

// users.name_key as sign-in folds a name (userNameKey, p-userkey): "οδοσ" signs in typed "ΟΔΟΣ",
// "admın" typed "ADMIN", "straße" typed "STRASSE". Users whose names now fold alike keep apart
// (src/store/user-key-migration.ts).
export default {
  version: 47,
  name: 'user name key folded as sign-in folds',
  up(db) {
    rewriteUserKeys(db);
  },
} satisfies SqliteMigration;
