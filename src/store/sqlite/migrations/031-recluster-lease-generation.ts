import type { SqliteMigration } from '../migration.js';

// The re-clustering lease's generation (src/store/stories.ts ReclusterFence): every take of the
// lease raises it by one, and a run's writes (its start, the wipe of the stories, each batch's
// progress with its stories, its end) succeed only while the row still holds the generation the
// run took, checked in the same transaction. A run that stalled past its lease and was taken over
// then writes nothing more, even when the taker is a later attempt of the same job on the same
// worker (the same holder). Rows from before count from 0.
export default {
  version: 31,
  name: 'recluster lease generation',
  up(db) {
    db.exec('ALTER TABLE story_recluster ADD COLUMN lease_generation INTEGER NOT NULL DEFAULT 0');
  },
} satisfies SqliteMigration;
