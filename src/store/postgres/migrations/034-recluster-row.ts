import type { PostgresMigration } from '../migration.js';

// The re-clustering progress row exists from the start (it was written by the first run's take of
// the lease). The pipeline's checked write of new entries' stories (`assign` with the generation it
// saw) locks that row FOR SHARE so that a take of the lease, which must lock it to update it, waits
// for the write or is seen by it; with no row yet, the lock locked nothing and the very first take
// did not wait. Seeded idle, with no lease and generation 0: read exactly as no row (toRecluster).
// SQLite's migration 33 seeds it too (its checked writes take the database's write lock, so it had
// no such gap, but the two dialects' seeded rows stay in step for the store copy: src/store/copy/seed-rows.ts).
export default {
  version: 34,
  name: 'recluster progress row',
  async up(sql) {
    await sql.query('INSERT INTO story_recluster (id) VALUES (1) ON CONFLICT (id) DO NOTHING');
  },
} satisfies PostgresMigration;
