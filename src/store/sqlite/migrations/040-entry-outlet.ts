import type { SqliteMigration } from '../migration.js';

// The outlet an aggregator's item names (RSS 2.0 <source url="…">Name</source>, p-feedzoo): a news
// search feed lists many outlets' stories under one source, and readers want the teaser to name
// the outlet, not the aggregator. NULL for items that name none and for rows stored before.
export default {
  version: 40,
  name: 'entry outlet',
  up(db) {
    db.exec('ALTER TABLE entries ADD COLUMN outlet_name TEXT');
    db.exec('ALTER TABLE entries ADD COLUMN outlet_url TEXT');
  },
} satisfies SqliteMigration;
