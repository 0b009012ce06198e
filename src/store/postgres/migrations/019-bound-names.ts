import { BOUND_BATCH, SCAN, boundedAuthor, boundedCategories, boundedSourceName, boundedTitle, sameList } from '../../bound-names.js';
import { MigrationProgress } from '../../migration-progress.js';
import { jsonb } from '../db.js';
import type { PostgresMigration } from '../migration.js';

// Names and titles stored before ingest bounded them (src/store/bound-names.ts), as in the SQLite
// dialect's migration 19: source names (also their markup), entry titles, authors and
// categories, sightings', history's and stories' titles. Entries are walked by id range,
// BOUND_BATCH ids at a time, reading only values that may be over their bound; only changed values
// are written (a changed title recomputes the row's search_vector). Running it again changes
// nothing.
export default {
  version: 19,
  name: 'bound stored names and titles',
  async up(sql) {
    const sources = await sql.query<{ id: number; title: string }>(
      `SELECT id, title FROM sources WHERE title IS NOT NULL AND (length(title) > $1 OR strpos(title, '<') > 0 OR strpos(title, '&') > 0)`,
      [SCAN.name],
    );
    for (const s of sources.rows) {
      const name = boundedSourceName(s.title);
      if (name !== s.title) await sql.query('UPDATE sources SET title = $1 WHERE id = $2', [name, s.id]);
    }

    // Stories' headlines are their lead entry's title, copied.
    for (let after = 0; ; ) {
      const rows = (
        await sql.query<{ id: number; headline: string }>(
          'SELECT id, headline FROM stories WHERE id > $1 AND length(headline) > $2 ORDER BY id LIMIT $3',
          [after, SCAN.title, BOUND_BATCH],
        )
      ).rows;
      if (rows.length === 0) break;
      for (const r of rows) {
        const headline = boundedTitle(r.headline);
        if (headline !== r.headline) await sql.query('UPDATE stories SET headline = $1 WHERE id = $2', [headline, r.id]);
      }
      after = rows[rows.length - 1]!.id;
    }

    const span = (await sql.query<{ lo: number | null; hi: number | null }>('SELECT min(id) AS lo, max(id) AS hi FROM entries')).rows[0];
    if (!span || span.lo === null || span.hi === null) return;
    const progress = new MigrationProgress('bounding stored names', span.hi - span.lo + 1, 'entry ids');
    let changed = 0;
    for (let lo = span.lo; lo <= span.hi; lo += BOUND_BATCH) {
      const hi = lo + BOUND_BATCH;
      const entries = await sql.query<{ id: number; title: string; author: string | null; categories: unknown }>(
        `SELECT id, title, author, categories FROM entries
          WHERE id >= $1 AND id < $2 AND (length(title) > $3 OR length(author) > $4 OR length(categories::text) > $5)`,
        [lo, hi, SCAN.title, SCAN.name, SCAN.categoriesJson],
      );
      for (const e of entries.rows) {
        const title = boundedTitle(e.title);
        const author = e.author === null ? null : boundedAuthor(e.author);
        const categories = boundedCategories(e.categories);
        const sameCategories = sameList(e.categories, categories);
        if (title === e.title && author === e.author && sameCategories) continue;
        await sql.query(
          sameCategories
            ? 'UPDATE entries SET title = $1, author = $2 WHERE id = $3'
            : 'UPDATE entries SET title = $1, author = $2, categories = $4::jsonb WHERE id = $3',
          sameCategories ? [title, author, e.id] : [title, author, e.id, jsonb(categories)],
        );
        changed++;
      }
      const sightings = await sql.query<{ entry_id: number; source_id: number; title: string }>(
        'SELECT entry_id, source_id, title FROM sightings WHERE entry_id >= $1 AND entry_id < $2 AND length(title) > $3',
        [lo, hi, SCAN.title],
      );
      for (const s of sightings.rows) {
        const title = boundedTitle(s.title);
        if (title !== s.title)
          await sql.query('UPDATE sightings SET title = $1 WHERE entry_id = $2 AND source_id = $3', [title, s.entry_id, s.source_id]);
      }
      const history = await sql.query<{ id: number; title_before: string; title_after: string }>(
        'SELECT id, title_before, title_after FROM entry_history WHERE entry_id >= $1 AND entry_id < $2 AND (length(title_before) > $3 OR length(title_after) > $3)',
        [lo, hi, SCAN.title],
      );
      for (const h of history.rows) {
        const before = boundedTitle(h.title_before);
        const after = boundedTitle(h.title_after);
        if (before !== h.title_before || after !== h.title_after)
          await sql.query('UPDATE entry_history SET title_before = $1, title_after = $2 WHERE id = $3', [before, after, h.id]);
      }
      progress.step(Math.min(BOUND_BATCH, span.hi - lo + 1));
    }
    progress.end({ changed });
  },
} satisfies PostgresMigration;
