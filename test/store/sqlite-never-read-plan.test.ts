// The desk-wide count of entries never read in full and its newest-first read (the sources page,
// "Read them in full") walk the partial index of such entries (migration 25), not every live entry.
// The statements the store runs are captured and explained.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SqliteStore } from '../../src/store/sqlite/index.js';

test('the never-read entries of every source reading full text are read through entries_never_read', async () => {
  const seen: string[] = [];
  const store = await SqliteStore.open({ path: ':memory:', onQuery: (sql) => seen.push(sql) });
  try {
    await store.sources.add({ url: 'https://plan.example/feed.xml' });
    seen.length = 0;
    const q = { shortChars: 500, pendingPrefix: 'extract-entry:' };
    await store.entries.unreadCountAll(q);
    await store.entries.unreadIdsAll(q, 500);
    const reads = seen.filter((s) => /JOIN sources s/.test(s) && /extract_status = 'none'/.test(s));
    assert.equal(reads.length, 2, seen.join('\n'));
    for (const sql of reads) {
      const params = (sql.match(/\?/g) ?? []).map(() => 0);
      const plan = (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
      assert.match(plan, /SCAN e USING (COVERING )?INDEX entries_never_read/, `${sql}\n${plan}`);
    }
  } finally {
    await store.close();
  }
});

test('the never-read list (every page variant) and the counts per source walk entries_never_read, not every live entry', async () => {
  const seen: string[] = [];
  const store = await SqliteStore.open({ path: ':memory:', onQuery: (sql) => seen.push(sql) });
  try {
    await store.sources.add({ url: 'https://plan.example/feed.xml' });
    seen.length = 0;
    const q = { shortChars: 500, pendingPrefix: 'extract-entry:' };
    await store.entries.unreadCountsBySource(q);
    await store.entries.unreadPage({ ...q, limit: 51 });
    await store.entries.unreadPage({ ...q, limit: 51, beforeId: 5 });
    await store.entries.unreadPage({ ...q, limit: 51, sourceId: 1 });
    await store.entries.unreadPage({ ...q, limit: 51, sourceId: 1, beforeId: 5 });
    const reads = seen.filter((s) => /JOIN sources s/.test(s) && /extract_status = 'none'/.test(s));
    assert.equal(reads.length, 5, seen.join('\n'));
    for (const sql of reads) {
      const params = (sql.match(/\?/g) ?? []).map(() => 0);
      const plan = (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
      assert.match(plan, /(SCAN|SEARCH) e USING (COVERING )?INDEX entries_never_read/, `${sql}\n${plan}`);
      assert.doesNotMatch(plan, /entries_source_newest|entries_newest/, `${sql}\n${plan}`);
      // A page comes in the index's order: no sort of the rows.
      if (/LIMIT \?$/.test(sql)) assert.doesNotMatch(plan, /TEMP B-TREE FOR ORDER BY/, `${sql}\n${plan}`);
    }
  } finally {
    await store.close();
  }
});
