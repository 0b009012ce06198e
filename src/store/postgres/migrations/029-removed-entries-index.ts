import type { PostgresMigration } from '../migration.js';

// The topic counts (every public page's topic navigation and the start page's cards, recomputed
// at every store change) joined each tag with its entry to leave out removed ones: at 300,000
// entries and 30,000 tags, ~45 ms of reading every live entry's index entry (bench/desk-scale.ts).
// Removed entries (tombstones, one per removal by an editor) are few: the counts now count the
// tags and leave out those of the entries in this index, which holds the tombstones only.
export default {
  version: 29,
  name: 'removed entries index',
  async up(sql) {
    await sql.query('CREATE INDEX entries_removed ON entries (id) WHERE deleted_at IS NOT NULL');
  },
} satisfies PostgresMigration;
