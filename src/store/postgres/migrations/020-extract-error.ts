import type { PostgresMigration } from '../migration.js';

// The same column as the SQLite dialect's migration 20 (see there for why).
export default {
  version: 20,
  name: 'extract error',
  async up(sql) {
    await sql.query('ALTER TABLE entries ADD COLUMN extract_error TEXT');
  },
} satisfies PostgresMigration;
