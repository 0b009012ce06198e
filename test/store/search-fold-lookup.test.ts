// Fold version 2's lookup on SQLite (migration 42) reads its table through an index by character
// (made by migration 42 before its refill, r2-fold, docs/security.md "Hostile review of the search fold's second version"):
// without it SQLite built an automatic index of the whole table for every folded column of every
// saved row. The plan names no automatic index, and the folded text is still searchFold's.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SEARCH_FOLD_TABLE, searchFold } from '../../src/search/fold.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';

// A text of each stage's characters, every one of them (each stage's targets, in a random-free order).
const texts = (): string[] => {
  const out: string[] = [];
  for (const s of SEARCH_FOLD_TABLE) {
    const chars = s.pairs.map(([from]) => from);
    out.push(chars.join(' '), chars.join(''), `plain ${chars.slice(0, 9).join('')} words ${chars.slice(-9).join('')}`);
  }
  out.push('nothing to fold here', 'ＭＥＫ ﬁnance ｶﾀｶﾅ ﷺ ﺍﻟﻜﺘﺎﺏ ２０２６ ﬡ جاۓ');
  return out;
};

test('SQLite folds a saved row through the lookup by character, not an automatic index of the table, with the same text', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fold-lookup-'));
  const store = await SqliteStore.open({ path: join(dir, 's.db') });
  try {
    const db = store.db;
    // The index's content view folds each column as the triggers do (the same expression).
    const plan = (db.prepare('EXPLAIN QUERY PLAN SELECT title, text FROM entries_search_source').all() as { detail: string }[]).map(
      (r) => r.detail,
    );
    assert.ok(
      plan.some((d) => /search_fold_v2_by_char/.test(d)),
      plan.join('\n'),
    );
    assert.ok(!plan.some((d) => /AUTOMATIC/.test(d)), plan.join('\n'));

    const src = (await store.sources.add({ url: 'https://fold.example/feed' })).source.id;
    const all = texts();
    const insert = db.prepare(
      `INSERT INTO entries (source_id, dedupe_key, fingerprint, url, title, text, published_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 0, 0)`,
    );
    for (const [i, t] of all.entries()) insert.run(src, `k${i}`, `f${i}`, `https://fold.example/${i}`, t.slice(0, 40), t);
    const folded = db.prepare('SELECT text FROM entries_search_source ORDER BY id').pluck().all() as string[];
    assert.equal(folded.length, all.length);
    for (const [i, t] of all.entries()) assert.equal(folded[i], searchFold(t), `text ${i}`);
    const check = db.prepare("INSERT INTO entries_fts (entries_fts, rank) VALUES ('integrity-check', 1)");
    assert.doesNotThrow(() => check.run());
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
