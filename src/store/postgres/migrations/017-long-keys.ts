import type { PostgresMigration } from '../migration.js';

// Identities of any length, as in SQLite. A B-tree entry holds at most 2,704 bytes, so an item whose
// GUID or link ran to a few kilobytes of incompressible text (a tracking blob, base64 state in a
// query string) failed its whole batch on PostgreSQL, at every poll, and a source added by such an
// address could not be added at all; SQLite stored both. The unique indexes on these columns now
// hold newsdesk_index_key(value): the value itself up to 1,000 bytes, so ordinary keys are indexed
// as before, and past that its first 100 characters and its MD5. MD5 is enough here: two different
// keys collide only if one party chose both, and whoever writes a feed can already claim any
// address by publishing it first. Lookups ask the same expression (postgres/entries.ts, sources.ts)
// and compare the value itself too, so equality stays exact.
export default {
  version: 17,
  name: 'long keys',
  async up(sql) {
    await sql.query(`
      CREATE FUNCTION newsdesk_index_key(t text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT CASE WHEN octet_length(t) <= 1000 THEN t ELSE left(t, 100) || ' md5:' || md5(t) END $$;
      DROP INDEX entries_source_key;
      CREATE UNIQUE INDEX entries_source_key ON entries (source_id, newsdesk_index_key(dedupe_key));
      DROP INDEX entries_canonical_url;
      CREATE UNIQUE INDEX entries_canonical_url ON entries (newsdesk_index_key(canonical_url));
      ALTER TABLE sources DROP CONSTRAINT sources_url_key;
      CREATE UNIQUE INDEX sources_url_key ON sources (newsdesk_index_key(url));
    `);
  },
} satisfies PostgresMigration;
