import type { PostgresMigration } from '../migration.js';
import { TEXT_INDEX_CHARS } from './002-search.js';

// PostgreSQL's text parser reads "<storm>" as an XML tag and "&amp;" as an entity, and the
// 'simple' configuration indexes neither: a story headlined 'warns of <storm>' could not be
// found by "storm" (SQLite's FTS5 finds it). Plain text is not markup, so newsdesk_fold now turns
// <, > and & into spaces before the parser sees them; queries go through the same function, so
// both sides cut words alike. The generated column is rebuilt, which rewrites the table once.
export default {
  version: 6,
  name: 'search: words in angle brackets',
  async up(sql) {
    const ext = await sql.query<{ nspname: string }>(
      `SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent'`,
    );
    const ns = ext.rows[0]?.nspname;
    const decomposed = `regexp_replace(normalize(translate(t, '<>&', '   '), NFD), '[\\u0300-\\u036f]', '', 'g')`;
    const folded = ns ? `"${ns}".unaccent('"${ns}".unaccent'::regdictionary, ${decomposed})` : decomposed;
    await sql.query(`
      ALTER TABLE entries DROP COLUMN search_vector;
      CREATE OR REPLACE FUNCTION newsdesk_fold(t text) RETURNS text
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
