import type { PostgresMigration } from '../migration.js';

// Full-text search over entries(title, text): a generated tsvector column (title weighted A,
// text B) with a GIN index. Being generated, it follows every writer — this process, another
// worker, a hand-run SQL fix — and a tombstone (deleted_at set) leaves the index.
//
// Words are cut by the 'simple' configuration (no stemming, no stop words: the desk reads many
// languages) after newsdesk_fold: accents decomposed and dropped as the highlighter does
// (src/search/highlight.ts), then unaccent where installed, then lower case. Arabic
// vowel marks stay inside their word, so fragments of a vowelled word are not words of their own.
//
// Only the first TEXT_INDEX_CHARS characters of the text are indexed: a tsvector holds at most
// 1 MB, and an entry larger than that must still save.
export const TEXT_INDEX_CHARS = 200_000;

export default {
  version: 2,
  name: 'full-text search',
  async up(sql) {
    const ext = await sql.query<{ nspname: string }>(
      `SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent'`,
    );
    const ns = ext.rows[0]?.nspname;
    const decomposed = `regexp_replace(normalize(t, NFD), '[\\u0300-\\u036f]', '', 'g')`;
    const folded = ns ? `"${ns}".unaccent('"${ns}".unaccent'::regdictionary, ${decomposed})` : decomposed;
    await sql.query(`
      CREATE FUNCTION newsdesk_fold(t text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT lower(${folded}) $$;
      ALTER TABLE entries ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        CASE WHEN deleted_at IS NULL THEN
          setweight(to_tsvector('simple'::regconfig, newsdesk_fold(title)), 'A') ||
          setweight(to_tsvector('simple'::regconfig, newsdesk_fold(left(text, ${TEXT_INDEX_CHARS}))), 'B')
        END) STORED;
      CREATE INDEX entries_search ON entries USING gin (search_vector);
    `);
  },
} satisfies PostgresMigration;
