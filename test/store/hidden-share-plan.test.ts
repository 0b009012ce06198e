// StoryRepo.hiddenShare answers what editors hid of a story at a cost that follows the hidden part,
// not the story's size (c-hiddencost): the check "does a shown entry of this story come from this
// source" probes the story's entries by source, and the shown first and last dates are read from
// both ends of the story's entries by date. The statement the store runs is captured and its plan
// read (SQLite: the probes name their indexes). Timing is bench/hidden-share.ts's, not a test's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SqliteStore } from '../../src/store/sqlite/index.js';

test('hiddenShare probes a story by source and by date, never walking its entries per source', async () => {
  const seen: string[] = [];
  const store = await SqliteStore.open({ path: ':memory:', onQuery: (sql) => seen.push(sql) });
  try {
    const t0 = Date.UTC(2026, 10, 1);
    const db = store.db;
    db.prepare(
      "INSERT INTO sources (id, url, next_check_at, interval_seconds, created_at) VALUES (1, 'https://a.example/f', 0, 900, 0), (2, 'https://b.example/f', 0, 900, 0)",
    ).run();
    db.prepare("INSERT INTO stories (id, key, created_at, updated_at) VALUES (1, 'big', 0, 0)").run();
    const entry = db.prepare(
      "INSERT INTO entries (id, source_id, dedupe_key, fingerprint, title, lang, published_at, created_at, story_id) VALUES (?, ?, ?, 'f', 't', 'en', ?, 0, 1)",
    );
    const sighting = db.prepare("INSERT INTO sightings (entry_id, source_id, first_seen, title) VALUES (?, ?, 0, 't')");
    for (let i = 1; i <= 400; i++) {
      entry.run(i, i <= 200 ? 1 : 2, `k${i}`, t0 + i * 60_000);
      sighting.run(i, i <= 200 ? 1 : 2);
    }
    db.prepare(
      "INSERT INTO curation_overrides (entry_id, hidden, updated_by_name, updated_at) VALUES (1, 1, 'ed', 0), (201, 1, 'ed', 0)",
    ).run();
    db.exec('ANALYZE');
    seen.length = 0;
    const share = (await store.stories.hiddenShare([1])).get(1);
    assert.deepEqual(share && [share.size, share.sources, share.firstPublished, share.lastPublished], [
      2,
      0,
      t0 + 2 * 60_000,
      t0 + 400 * 60_000,
    ]);
    const sql = seen.find((s) => s.includes('WITH own AS'));
    assert.ok(sql, seen.join('\n'));
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(sql.match(/\?/g) ?? []).map(() => '[1]')) as { detail: string }[]).map(
      (r) => r.detail,
    );
    const text = plan.join('\n');
    assert.match(text, /SEARCH e USING INDEX entries_story_source \(story_id=\? AND source_id=\?\)/, text);
    assert.match(text, /SEARCH e USING INDEX entries_story_published \(story_id=\?\)/, text);
    assert.doesNotMatch(text, /SCAN e\b/, text);
  } finally {
    await store.close();
  }
});
