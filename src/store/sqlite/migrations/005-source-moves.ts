import type { SqliteMigration } from '../migration.js';

// The addresses a source had before a permanent redirect moved it (JSON array of {url, movedAt},
// oldest first). The source is fetched at its new address; the old ones stay for the record.
export default {
  version: 5,
  name: 'previous source addresses',
  up(db) {
    db.exec(`ALTER TABLE sources ADD COLUMN previous_urls TEXT NOT NULL DEFAULT '[]'`);
  },
} satisfies SqliteMigration;
