import type { SqliteMigration } from '../migration.js';

// A host's next free start under the Crawl-delay its robots.txt asks (p-polite2): every worker
// takes its crawler's turns from the same row, as it reads the host's hold there. NULL: no turn
// was ever taken (no Crawl-delay met); a row made for turns alone holds nothing (hold_until 0).
export default {
  version: 41,
  name: 'host crawl turns',
  up(db) {
    db.exec('ALTER TABLE host_state ADD COLUMN next_turn INTEGER');
  },
} satisfies SqliteMigration;
