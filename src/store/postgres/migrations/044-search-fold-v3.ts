import { MigrationProgress } from '../../migration-progress.js';
import { SEARCH_FOLD_V3 } from '../../search-fold-frozen.js';
import type { Sql } from '../db.js';
import type { PostgresMigration } from '../migration.js';
import { TEXT_INDEX_CHARS } from './002-search.js';

// Search reads what the topic matcher reads (fold version 3), as the SQLite dialect's migration 44
// (see there): the store keeps each row's reading, search_title and search_text, where it differs
// from the title or text, and search_vector indexes the reading in its place through
// newsdesk_fold, unchanged (version 2's characters). Readings are written in batches of live
// entries with progress in the log (the rules are the topic reader's, in the application: the
// database cannot apply them), with search_vector dropped meanwhile so that no batch recomputes
// it; it is then made again from the readings, once, with its index.
const BATCH_ROWS = 2_000;

async function writeReadings(sql: Sql): Promise<void> {
  const total = Number((await sql.query<{ n: string }>('SELECT count(*) AS n FROM entries WHERE deleted_at IS NULL')).rows[0]?.n ?? 0);
  const progress = new MigrationProgress('search reading', total);
  let after: string | null = null;
  for (;;) {
    const rows: { id: string; title: string; text: string }[] = (
      await sql.query<{ id: string; title: string; text: string }>(
        `SELECT id::text AS id, title, text FROM entries
         WHERE deleted_at IS NULL AND ($1::bigint IS NULL OR id > $1::bigint) ORDER BY id LIMIT ${BATCH_ROWS}`,
        [after],
      )
    ).rows;
    const last = rows[rows.length - 1];
    if (!last) break;
    const ids: string[] = [];
    const titles: (string | null)[] = [];
    const texts: (string | null)[] = [];
    for (const r of rows) {
      const title = SEARCH_FOLD_V3.stored(r.title);
      const text = SEARCH_FOLD_V3.stored(r.text);
      if (title === null && text === null) continue;
      ids.push(r.id);
      titles.push(title);
      texts.push(text);
    }
    if (ids.length) {
      await sql.query(
        `UPDATE entries e SET search_title = v.t, search_text = v.x
         FROM unnest($1::bigint[], $2::text[], $3::text[]) AS v(id, t, x) WHERE e.id = v.id`,
        [ids, titles, texts],
      );
    }
    progress.step(rows.length);
    after = last.id;
  }
  progress.end();
}

export default {
  version: 44,
  name: 'search: hashtags, broken words, look-alike letters and letter-like forms read (fold version 3)',
  async up(sql) {
    await sql.query(`
      ALTER TABLE entries ADD COLUMN search_title text, ADD COLUMN search_text text;
      ALTER TABLE entries DROP COLUMN search_vector;
    `);
    await writeReadings(sql);
    await sql.query(`
      ALTER TABLE entries ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        CASE WHEN deleted_at IS NULL THEN
          setweight(to_tsvector('simple'::regconfig, newsdesk_fold(coalesce(search_title, title))), 'A') ||
          setweight(to_tsvector('simple'::regconfig, newsdesk_fold(left(coalesce(search_text, text), ${TEXT_INDEX_CHARS}))), 'B')
        END) STORED;
      CREATE INDEX entries_search ON entries USING gin (search_vector);
    `);
  },
} satisfies PostgresMigration;
