import type { SqliteMigration } from '../migration.js';

// How many matches a tag stands for (p-matchcap). The matcher keeps the first few matches of a
// topic in an entry, not every one (a 1 MB article naming an entity 170,000 times stored 18.7 MB
// of matches in one tag row), so the count of them all is stored beside the kept ones. NULL on
// rows written before, which kept every match: their count is their length (storedTag).
export default {
  version: 39,
  name: 'tag match total',
  up(db) {
    db.exec('ALTER TABLE entry_topics ADD COLUMN match_total INTEGER');
  },
} satisfies SqliteMigration;
