import type { PostgresMigration } from '../migration.js';

// The same column as the SQLite dialect's migration 16 (see there for why).
export default {
  version: 16,
  name: 'job progress',
  async up(sql) {
    await sql.query('ALTER TABLE jobs ADD COLUMN progress JSONB');
  },
} satisfies PostgresMigration;
