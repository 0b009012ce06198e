import type { SqliteMigration } from '../migration.js';

// The re-clustering lease (src/store/stories.ts ReclusterLease), on the progress row: who runs the
// re-clustering (a worker, and the job it runs; no job for `newsdesk recluster`) and until when.
// One run at a time: a second finds the lease in force and does nothing. A released lease keeps
// its holder with `lease_until` set to the release time, so the row says who ran last. Rows
// written before this migration have no lease: a run then is judged by its progress alone.
export default {
  version: 27,
  name: 'recluster lease',
  up(db) {
    db.exec(`
      ALTER TABLE story_recluster ADD COLUMN lease_owner TEXT;
      ALTER TABLE story_recluster ADD COLUMN lease_job INTEGER;
      ALTER TABLE story_recluster ADD COLUMN lease_until INTEGER;
    `);
  },
} satisfies SqliteMigration;
