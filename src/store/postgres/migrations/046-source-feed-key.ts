import type { PostgresMigration } from '../migration.js';
import { feedKey } from '../../../domain/feed-key.js';

// Each source's address under feedKey, as the SQLite dialect's migration 46 (see there). The index
// holds newsdesk_index_key(feed_key) (migration 17: keys of any length), not unique: sources added
// twice under two spellings before this step stay.
export default {
  version: 46,
  name: 'source feed key',
  async up(sql) {
    await sql.query('ALTER TABLE sources ADD COLUMN feed_key TEXT');
    const rows = (await sql.query<{ id: string; url: string }>('SELECT id, url FROM sources ORDER BY id')).rows;
    for (let i = 0; i < rows.length; i += 1000) {
      const part = rows.slice(i, i + 1000);
      await sql.query(`UPDATE sources s SET feed_key = k.key FROM unnest($1::bigint[], $2::text[]) AS k(id, key) WHERE s.id = k.id`, [
        part.map((r) => r.id),
        part.map((r) => feedKey(r.url)),
      ]);
    }
    await sql.query('CREATE INDEX sources_feed_key ON sources (newsdesk_index_key(feed_key))');
  },
} satisfies PostgresMigration;
