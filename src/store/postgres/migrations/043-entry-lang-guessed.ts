import type { PostgresMigration } from '../migration.js';

// Whether an entry's language was guessed from its text, as the SQLite dialect's migration 43 (see there).
export default {
  version: 43,
  name: 'entry language guessed',
  async up(sql) {
    await sql.query('ALTER TABLE entries ADD COLUMN lang_guessed BOOLEAN NOT NULL DEFAULT false');
  },
} satisfies PostgresMigration;
