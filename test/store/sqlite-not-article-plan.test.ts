// The desk's "No article on the page" list and its counts read the partial index of such pages
// (migration 22), not every entry. The statements the store runs are captured and explained.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SqliteStore } from '../../src/store/sqlite/index.js';

test('the teasers without an article and their counts are read through entries_not_article', async () => {
  const seen: string[] = [];
  const store = await SqliteStore.open({ path: ':memory:', onQuery: (sql) => seen.push(sql) });
  try {
    await store.sources.add({ url: 'https://plan.example/feed.xml' });
    seen.length = 0;
    await store.search.teasers({ limit: 25, notArticle: true }, 100);
    await store.entries.notArticles();
    const reads = seen.filter((s) => /extract_status = 'not-article'/.test(s));
    assert.ok(reads.length >= 2, seen.join('\n'));
    for (const sql of reads) {
      const params = (sql.match(/\?/g) ?? []).map(() => 0);
      const plan = (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
      assert.match(plan, /USING (COVERING )?INDEX entries_not_article/, `${sql}\n${plan}`);
    }
  } finally {
    await store.close();
  }
});
