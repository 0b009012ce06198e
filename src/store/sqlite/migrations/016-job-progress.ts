import type { SqliteMigration } from '../migration.js';

// A job's progress beside it (jobs.progress, JSON text): long jobs such as an OPML import record
// how far they got, so the desk's progress page works from any process and a runner that takes
// a job over resumes where the last one stopped. Same column as PostgreSQL's migration 16.
export default {
  version: 16,
  name: 'job progress',
  up(db) {
    db.exec('ALTER TABLE jobs ADD COLUMN progress TEXT');
  },
} satisfies SqliteMigration;
