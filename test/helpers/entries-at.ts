// A place at an older schema holding entries written with that build's columns by the test's own
// SQL: one source (id 1) and each [key, title, text] as an entry of it, newest first from `t0`.
// For tests of a migration that rewrites stored entries (the search folds): the store opened
// after it applies the later migrations to rows of the old shape, as an upgrade does.
import type { Dialect, StoreAt } from './dialects.js';

/** The columns every schema since the first writes an entry with (the later ones have defaults). */
const COLUMNS = 'source_id, dedupe_key, fingerprint, url, title, content_html, text, lang, dir, published_at, created_at';
const SOURCE =
  "INSERT INTO sources (id, url, next_check_at, interval_seconds, created_at) VALUES (1, 'https://a.example/feed', 0, 1800, 0)";

export async function entriesAt(d: Dialect, version: number, stored: readonly [string, string, string][], t0: number): Promise<StoreAt> {
  const old = await d.at(version);
  const rows = stored.map(([key, title, text], i) => [key, `fp-${key}`, `https://a.example/${key}`, title, `<p>${text}</p>`, text, t0 - i]);
  if (old.dialect === 'sqlite') {
    old.db.exec(SOURCE);
    const insert = old.db.prepare(`INSERT INTO entries (${COLUMNS}) VALUES (1, ?, ?, ?, ?, ?, ?, 'en', 'ltr', ?, 0)`);
    for (const r of rows) insert.run(...r);
  } else {
    await old.pool.query(SOURCE);
    for (const r of rows)
      await old.pool.query(`INSERT INTO entries (${COLUMNS}) VALUES (1, $1, $2, $3, $4, $5, $6, 'en', 'ltr', $7, 0)`, r);
  }
  return old;
}
