import { READING_INDEX_CHARS } from '../../../search/reading.js';
import { MigrationProgress } from '../../migration-progress.js';
import { SEARCH_FOLD_V3 } from '../../search-fold-frozen.js';
import type { PostgresMigration } from '../migration.js';

// The reading of a long text adds nothing past the index's cut, left(…, 200000) (r2-search3; the
// SQLite dialect's migration 45, see there): the rows whose text and reading are together longer
// than the cut get their reading written again, which recomputes search_vector for them alone.
const BATCH_ROWS = 500;

export default {
  version: 45,
  name: "search: a long text's reading keeps its words inside the index's first 200,000 characters",
  async up(sql) {
    const where = `search_text IS NOT NULL AND length(search_text) + length(text) > ${READING_INDEX_CHARS}`;
    const total = Number((await sql.query<{ n: string }>(`SELECT count(*) AS n FROM entries WHERE ${where}`)).rows[0]?.n ?? 0);
    const progress = new MigrationProgress('search reading cut', total);
    let after: string | null = null;
    for (;;) {
      const rows: { id: string; text: string; search_text: string }[] = (
        await sql.query<{ id: string; text: string; search_text: string }>(
          `SELECT id::text AS id, text, search_text FROM entries
           WHERE ${where} AND ($1::bigint IS NULL OR id > $1::bigint) ORDER BY id LIMIT ${BATCH_ROWS}`,
          [after],
        )
      ).rows;
      const last = rows[rows.length - 1];
      if (!last) break;
      for (const r of rows) {
        const reading = SEARCH_FOLD_V3.stored(r.text);
        if (reading !== r.search_text) await sql.query('UPDATE entries SET search_text = $1 WHERE id = $2::bigint', [reading, r.id]);
      }
      progress.step(rows.length);
      after = last.id;
    }
    progress.end();
  },
} satisfies PostgresMigration;
