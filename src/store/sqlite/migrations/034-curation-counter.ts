import type { SqliteMigration } from '../migration.js';

// The editors' curation counter (p-splitgen): every merge and split of stories raises it by one in
// its own transaction (they are the only writes that lock entries to a story). The pipeline's story
// step reads it in the check it already makes before each batch (StoryRepo.clusterCheck) and rebuilds
// its window when it moved, so a long-running worker files new articles by the editor's split or
// merge from its next batch on, not only after a re-clustering run. On the one-row progress table
// the check reads (seeded by migration 33), so no new table and no new seeded row; rows from before
// count from 0.
export default {
  version: 34,
  name: 'story curation counter',
  up(db) {
    db.exec('ALTER TABLE story_recluster ADD COLUMN curation INTEGER NOT NULL DEFAULT 0');
  },
} satisfies SqliteMigration;
