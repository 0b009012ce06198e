import type { SqliteMigration } from '../migration.js';

// When a host's row last mattered: the latest of its last write, its hold's end and its next free
// Crawl-delay start (NULL: none). A row whose mark is before the retention cut-off constrains
// nothing and is pruned (HostStateRepo.prune); indexed, a prune finds its batch without scanning
// the table (one with nothing to delete reads no row), so every process that writes host_state
// (a cron `poll` too, not only the leader) can prune it as it goes (p-smalls).
export default {
  version: 48,
  name: 'host state quiet index',
  up(db) {
    db.exec('CREATE INDEX host_state_quiet ON host_state (max(updated_at, hold_until, coalesce(next_turn, 0)))');
  },
} satisfies SqliteMigration;
