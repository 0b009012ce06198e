import type { SqliteMigration } from '../migration.js';

// The removals counter (c-live): every removal of entries (an entry deleted, a source removed with
// its entries) raises it by one in its own transaction. The pipeline's story step reads it in the
// check it already makes before each batch (StoryRepo.clusterCheck), as it reads the curation
// counter of migration 34, and when it moved forgets the entries its clusterer holds that are gone,
// so a later article no longer joins a story through a deleted entry's text. On the same one-row
// table, so no new table and no new seeded row; rows from before count from 0.
export default {
  version: 35,
  name: 'story removals counter',
  up(db) {
    db.exec('ALTER TABLE story_recluster ADD COLUMN removals INTEGER NOT NULL DEFAULT 0');
  },
} satisfies SqliteMigration;
