import type { PostgresMigration } from '../migration.js';

// When a host's row last mattered, indexed, as the SQLite dialect's migration 48 (see there).
export default {
  version: 48,
  name: 'host state quiet index',
  async up(sql) {
    await sql.query('CREATE INDEX host_state_quiet ON host_state ((GREATEST(updated_at, hold_until, COALESCE(next_turn, 0))))');
  },
} satisfies PostgresMigration;
