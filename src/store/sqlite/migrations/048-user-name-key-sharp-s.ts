import type { SqliteMigration } from '../migration.js';
import { rewriteUserKeys } from '../user-key-rewrite.js';

// The plan of 47 once more, after the fold settled capital sharp "ẞ" (r2-userkey): 47 keyed a
// name with "ẞ" as its small "ß" ("STRAẞE" as "straße"), which the fold now writes "ss"; without
// this step such a user found by the new key would not sign in. Users 47 kept apart stay so, and
// a row whose name begins with the mark loses the key it took (src/store/user-key-migration.ts).
export default {
  version: 48,
  name: 'user name key folded again (capital sharp s)',
  up(db) {
    rewriteUserKeys(db, 48);
  },
} satisfies SqliteMigration;
