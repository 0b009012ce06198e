import type { SqliteMigration } from '../migration.js';
import { feedKey } from '../../../domain/feed-key.js';

// One source per feed address (p-sourcekey): each source's address under feedKey (src/domain/
// feed-key.ts), the key the store's add and getByUrl find a source by, so `HTTP://Example.COM:80/feed`
// added beside `http://example.com/feed` is the source already there. The index is not unique:
// sources added twice under two spellings before this step are kept as they are (both polled, as
// before, until one is removed); an add or a lookup finds the exact spelling first, else the oldest.
export default {
  version: 46,
  name: 'source feed key',
  up(db) {
    db.exec('ALTER TABLE sources ADD COLUMN feed_key TEXT');
    const rows = db.prepare('SELECT id, url FROM sources').all() as { id: number; url: string }[];
    const set = db.prepare('UPDATE sources SET feed_key = ? WHERE id = ?');
    for (const r of rows) set.run(feedKey(r.url), r.id);
    db.exec('CREATE INDEX sources_feed_key ON sources (feed_key)');
  },
} satisfies SqliteMigration;
