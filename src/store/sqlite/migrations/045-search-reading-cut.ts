import { READING_INDEX_CHARS } from '../../../search/reading.js';
import { MigrationProgress } from '../../migration-progress.js';
import { SEARCH_FOLD_V3 } from '../../search-fold-frozen.js';
import type { SqliteMigration } from '../migration.js';

// The reading of a long text adds nothing past the cut of PostgreSQL's index (r2-search3,
// docs/security.md): migration 44 wrote a long text's reading with every hashtag's words, so the
// reading, longer than the text, put the text's own words past PostgreSQL's left(…, 200000) and
// they were not found there. The readings of both dialects stay one (a copy between them carries
// them as they are), so SQLite's are written again too. Only a row whose text and reading are
// together longer than the cut can read otherwise now (what a reading adds is in it); the
// update fires 44's trigger, which indexes the row again.
const BATCH_ROWS = 500;

export default {
  version: 45,
  name: "search: a long text's reading keeps its words inside the index's first 200,000 characters",
  up(db) {
    const where = `search_text IS NOT NULL AND length(search_text) + length(text) > ${READING_INDEX_CHARS}`;
    const total = db.prepare(`SELECT count(*) FROM entries WHERE ${where}`).pluck().get() as number;
    const progress = new MigrationProgress('search reading cut', total);
    const batch = db.prepare(`SELECT id, text, search_text FROM entries WHERE ${where} AND id > ? ORDER BY id LIMIT ${BATCH_ROWS}`);
    const write = db.prepare('UPDATE entries SET search_text = ? WHERE id = ?');
    let after = 0;
    for (;;) {
      const rows = batch.all(after) as { id: number; text: string; search_text: string }[];
      const last = rows[rows.length - 1];
      if (!last) break;
      for (const r of rows) {
        const reading = SEARCH_FOLD_V3.stored(r.text);
        if (reading !== r.search_text) write.run(reading, r.id);
      }
      progress.step(rows.length);
      after = last.id;
    }
    progress.end();
  },
} satisfies SqliteMigration;
