import type { SqliteMigration } from '../migration.js';

// The re-clustering progress row exists from the start, as PostgreSQL's migration 34 makes it (see
// there: its checked writes lock that row). SQLite has no such gap (a checked write is an IMMEDIATE
// transaction, holding the database's write lock whether the row exists or not); the row is seeded
// here so that the two dialects' migrations seed the same rows, which the store copy relies on
// (src/store/copy/seed-rows.ts counts them on a SQLite store). Idle, no lease, generation 0: read
// exactly as no row.
export default {
  version: 33,
  name: 'recluster progress row',
  up(db) {
    db.exec('INSERT INTO story_recluster (id) VALUES (1) ON CONFLICT (id) DO NOTHING');
  },
} satisfies SqliteMigration;
