import type { SqliteMigration } from '../migration.js';
import { SEARCH_FOLD_BY_CHAR, SEARCH_FOLD_LOOKUP } from './042-search-fold-v2.js';

// Fold version 2's lookup (migration 42) walks search_fold_v2 in code-point order: each step asks
// for min(ch) above the last character found, and then for that character's row. The table's key
// is (stage, ch), which serves neither, so SQLite built an automatic index of the whole table for
// every folded column of every saved row (EXPLAIN QUERY PLAN: "AUTOMATIC COVERING INDEX (ch=?)"),
// and looked for each next character in every row above it. Keyed by the character,
// and covering the stage and the folded text, both steps read this index in order and stop at the
// first row: a text in presentation forms folds about five times faster (r2-fold,
// docs/security.md). The triggers and the view name nothing new, so nothing else changes. Migration
// 42 now makes the index before its refill (31 s → 6 s for 30,000 entries); this one makes it in a
// store that ran 42 as first merged.

export default {
  version: 43,
  name: 'search: fold lookup keyed by character',
  up(db) {
    db.exec(`CREATE INDEX IF NOT EXISTS ${SEARCH_FOLD_BY_CHAR} ON ${SEARCH_FOLD_LOOKUP} (ch, stage, folded)`);
  },
} satisfies SqliteMigration;
