import type { PostgresMigration } from '../migration.js';
import { SEARCH_FOLD_V2 } from '../../search-fold-frozen.js';
import { refold } from './018-search-punctuation.js';

// Search folds compatibility forms, as the topic matcher does (p-fold2, src/search/fold.ts's second
// version): full-width «ｍｅｋ» and «ＭＥＫ» find "mek", «ﬁnance» finds "finance", an article typed
// in Arabic presentation forms (old PDFs, some CMSs: «ﺍﻟﻜﺘﺎﺏ») is found by «الكتاب» and the other
// way round. unaccent (where installed) folded some Latin forms and SQLite none, so the dialects
// disagreed; both now apply the same frozen table (SQLite's migration 42). newsdesk_fold applies
// each stage only to text holding one of its characters (a regular-expression test of the
// unfolded text), and every live entry is reindexed in batches with progress, as 018 did.
export default {
  version: 42,
  name: 'search: compatibility forms folded (fold version 2)',
  async up(sql) {
    await refold(sql, SEARCH_FOLD_V2);
  },
} satisfies PostgresMigration;
