// The desk's "Full text failed" page and its counts read the failures' partial index (migration
// 21), not every entry: without statistics SQLite would walk entries_newest and filter each row.
// The statements the store runs are captured and explained as they are.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SqliteStore } from '../../src/store/sqlite/index.js';

test('the failed teasers and their counts are read through entries_extract_failed', async () => {
  const seen: string[] = [];
  const store = await SqliteStore.open({ path: ':memory:', onQuery: (sql) => seen.push(sql) });
  try {
    const src = (await store.sources.add({ url: 'https://plan.example/feed.xml' })).source.id;
    await store.entries.saveBatch(src, []);
    seen.length = 0;
    await store.search.teasers({ limit: 25, extractFailed: true }, 100);
    await store.entries.extractFailures();
    const reads = seen.filter((s) => /extract_status = 'failed'/.test(s));
    assert.ok(reads.length >= 2, seen.join('\n'));
    for (const sql of reads) {
      const params = (sql.match(/\?/g) ?? []).map(() => 0);
      const plan = (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
      assert.match(plan, /USING (COVERING )?INDEX entries_extract_failed/, `${sql}\n${plan}`);
    }
  } finally {
    await store.close();
  }
});

test('one reason of the failed teasers, or of the pages without an article, is read through the same partial index', async () => {
  const seen: string[] = [];
  const store = await SqliteStore.open({ path: ':memory:', onQuery: (sql) => seen.push(sql) });
  try {
    seen.length = 0;
    // A named reason and each list's catch-all kind ("other", "no-article": keys not named, or none).
    await store.search.teasers({ limit: 25, extractFailed: true, extractReason: 'timeout' }, 100);
    await store.search.teasers({ limit: 25, extractFailed: true, extractReason: 'other' }, 100);
    await store.search.teasers({ limit: 25, notArticle: true, extractReason: 'refresh' }, 100);
    await store.search.teasers({ limit: 25, notArticle: true, extractReason: 'no-article' }, 100);
    const reads = seen.filter((s) => /e\.extract_error (=|IS NULL)/.test(s));
    assert.equal(reads.length, 4, seen.join('\n'));
    for (const sql of reads) {
      const params = (sql.match(/\?/g) ?? []).map(() => 0);
      const plan = (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
      const index = /'failed'/.test(sql) ? 'entries_extract_failed' : 'entries_not_article';
      assert.match(plan, new RegExp(`USING (COVERING )?INDEX ${index}`), `${sql}\n${plan}`);
    }
  } finally {
    await store.close();
  }
});
