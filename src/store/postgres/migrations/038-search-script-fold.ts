import type { PostgresMigration } from '../migration.js';
import { SEARCH_FOLD_V1 } from '../../search-fold-frozen.js';
import { refold } from './018-search-punctuation.js';

// Search folds Arabic-script spellings as the topic matcher does (src/search/fold.ts): «ايران»
// finds «إيران», «الرئيس» finds «الـــرئيس», «ايضا» finds «أيضاً», «مدرسه» finds «مدرسة»,
// «میشود» finds «می‌شود», "1402" finds «۱۴۰۲». newsdesk_fold, which the index and every query
// word go through, now applies the same replacements as SQLite's triggers (migration 37 there);
// existing rows are reindexed as 018 did. The table is a frozen copy (src/store/search-fold-frozen.ts,
// r2-search): an edit of src/search/fold.ts must not change what this migration writes.
export default {
  version: 38,
  name: 'search: Arabic-script letters folded',
  async up(sql) {
    await refold(sql, SEARCH_FOLD_V1);
  },
} satisfies PostgresMigration;
