import { BOUND_BATCH, SCAN, boundedAuthor, boundedCategories, boundedSourceName, boundedTitle, sameList } from '../../bound-names.js';
import { MigrationProgress } from '../../migration-progress.js';
import type { SqliteMigration } from '../migration.js';

// Names and titles stored before ingest bounded them (src/store/bound-names.ts), as PostgreSQL's
// migration 19 (numbered alike; 17 and 18 are PostgreSQL's own): source names (also their
// markup), entry titles, authors and categories, sightings', history's and stories' titles.
// Entries are walked by id range, BOUND_BATCH ids at a time, reading only values that may be over
// their bound; only changed values are written (the search index follows a changed title through
// its trigger). Running it again changes nothing.
export default {
  version: 19,
  name: 'bound stored names and titles',
  up(db) {
    const sources = db
      .prepare(
        `SELECT id, title FROM sources WHERE title IS NOT NULL AND (length(title) > ? OR instr(title, '<') > 0 OR instr(title, '&') > 0)`,
      )
      .all(SCAN.name) as { id: number; title: string }[];
    const setSource = db.prepare('UPDATE sources SET title = ? WHERE id = ?');
    for (const s of sources) {
      const name = boundedSourceName(s.title);
      if (name !== s.title) setSource.run(name, s.id);
    }

    // Stories' headlines are their lead entry's title, copied.
    const stories = db.prepare('SELECT id, headline FROM stories WHERE id > ? AND length(headline) > ? ORDER BY id LIMIT ?');
    const setStory = db.prepare('UPDATE stories SET headline = ? WHERE id = ?');
    for (let after = 0; ; ) {
      const rows = stories.all(after, SCAN.title, BOUND_BATCH) as { id: number; headline: string }[];
      if (rows.length === 0) break;
      for (const r of rows) {
        const headline = boundedTitle(r.headline);
        if (headline !== r.headline) setStory.run(headline, r.id);
      }
      after = rows[rows.length - 1]!.id;
    }

    const span = db.prepare('SELECT min(id) AS lo, max(id) AS hi FROM entries').get() as { lo: number | null; hi: number | null };
    if (span.lo === null || span.hi === null) return;
    const entries = db.prepare(
      `SELECT id, title, author, categories FROM entries
        WHERE id >= ? AND id < ? AND (length(title) > ? OR length(author) > ? OR length(categories) > ?)`,
    );
    const setEntry = db.prepare('UPDATE entries SET title = ?, author = ?, categories = ? WHERE id = ?');
    const sightings = db.prepare(
      'SELECT entry_id, source_id, title FROM sightings WHERE entry_id >= ? AND entry_id < ? AND length(title) > ?',
    );
    const setSighting = db.prepare('UPDATE sightings SET title = ? WHERE entry_id = ? AND source_id = ?');
    const history = db.prepare(
      'SELECT id, title_before, title_after FROM entry_history WHERE entry_id >= ? AND entry_id < ? AND (length(title_before) > ? OR length(title_after) > ?)',
    );
    const setHistory = db.prepare('UPDATE entry_history SET title_before = ?, title_after = ? WHERE id = ?');
    const progress = new MigrationProgress('bounding stored names', span.hi - span.lo + 1, 'entry ids');
    let changed = 0;
    for (let lo = span.lo; lo <= span.hi; lo += BOUND_BATCH) {
      const hi = lo + BOUND_BATCH;
      for (const e of entries.all(lo, hi, SCAN.title, SCAN.name, SCAN.categoriesJson) as {
        id: number;
        title: string;
        author: string | null;
        categories: string;
      }[]) {
        const title = boundedTitle(e.title);
        const author = e.author === null ? null : boundedAuthor(e.author);
        let stored: unknown;
        try {
          stored = JSON.parse(e.categories);
        } catch {
          stored = [];
        }
        const categories = boundedCategories(stored);
        const sameCategories = sameList(stored, categories);
        if (title === e.title && author === e.author && sameCategories) continue;
        setEntry.run(title, author, sameCategories ? e.categories : JSON.stringify(categories), e.id);
        changed++;
      }
      for (const s of sightings.all(lo, hi, SCAN.title) as { entry_id: number; source_id: number; title: string }[]) {
        const title = boundedTitle(s.title);
        if (title !== s.title) setSighting.run(title, s.entry_id, s.source_id);
      }
      for (const h of history.all(lo, hi, SCAN.title, SCAN.title) as { id: number; title_before: string; title_after: string }[]) {
        const before = boundedTitle(h.title_before);
        const after = boundedTitle(h.title_after);
        if (before !== h.title_before || after !== h.title_after) setHistory.run(before, after, h.id);
      }
      progress.step(Math.min(BOUND_BATCH, span.hi - lo + 1));
    }
    progress.end({ changed });
  },
} satisfies SqliteMigration;
