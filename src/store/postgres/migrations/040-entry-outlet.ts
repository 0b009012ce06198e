import type { PostgresMigration } from '../migration.js';

// The outlet an aggregator's item names, as the SQLite dialect's migration 40 (see there).
export default {
  version: 40,
  name: 'entry outlet',
  async up(sql) {
    await sql.query('ALTER TABLE entries ADD COLUMN outlet_name TEXT, ADD COLUMN outlet_url TEXT');
  },
} satisfies PostgresMigration;
