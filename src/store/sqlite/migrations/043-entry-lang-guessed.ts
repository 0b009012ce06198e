import type { SqliteMigration } from '../migration.js';

// Whether an entry's language was guessed from its text (src/pipeline/detect-language.ts) rather
// than declared by its item, feed or page (r2-ingest): a page read in full that declares one is
// then believed over the guess. Rows stored before are taken as declared (0).
export default {
  version: 43,
  name: 'entry language guessed',
  up(db) {
    db.exec('ALTER TABLE entries ADD COLUMN lang_guessed INTEGER NOT NULL DEFAULT 0');
  },
} satisfies SqliteMigration;
