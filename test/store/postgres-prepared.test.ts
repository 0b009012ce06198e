// The statements a feed check sends are prepared per connection (src/store/postgres/db.ts
// prepared()): each connection holds one server-side statement per fixed text, however many checks
// it serves, and a prepared statement gives the same answers as the text sent unnamed.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import pg from 'pg';
import { prepared } from '../../src/store/postgres/db.js';
import { PostgresStore } from '../../src/store/postgres/index.js';
import { item } from './contract.js';

test('prepared(): one name per text, a fresh object per call (node-postgres writes the values into it)', () => {
  const a = prepared('SELECT 1 AS x WHERE $1::int > 0');
  const b = prepared('SELECT 1 AS x WHERE $1::int > 0');
  const c = prepared('SELECT 2 AS x WHERE $1::int > 0');
  assert.equal(a.name, b.name);
  assert.notEqual(a.name, c.name);
  assert.notEqual(a, b);
  (a as { values?: unknown[] }).values = [1];
  assert.equal((b as { values?: unknown[] }).values, undefined);
  assert.equal(a.text, 'SELECT 1 AS x WHERE $1::int > 0');
});

const url = process.env.NEWSDESK_TEST_POSTGRES_URL;

test('PostgreSQL: checks reuse their prepared statements; the count on a connection stops growing', async (t) => {
  if (!url) return t.skip('NEWSDESK_TEST_POSTGRES_URL is not set');
  const schema = `newsdesk_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  // One connection, so every statement below runs on it and pg_prepared_statements shows its own.
  const store = await PostgresStore.open({ url, schema, poolSize: 1 });
  try {
    const { source: src } = await store.sources.add({ url: 'https://example.org/feed.xml' });
    const preparedCount = async (): Promise<number> =>
      Number((await store.pool.query<{ n: string }>('SELECT count(*) AS n FROM pg_prepared_statements')).rows[0]!.n);
    const check = async (k: number): Promise<void> => {
      const items = [item(2 * k), item(2 * k + 1)];
      const saved = await store.entries.saveBatch(src.id, items);
      assert.equal(saved.inserted.length, 2);
      const ids = saved.inserted.map((e) => e.id);
      await store.topics.setEntriesTopics(
        saved.inserted.map((e) => ({ entryId: e.id, publishedAt: e.publishedAt, tags: [{ topicId: 't', matches: [] }] })),
      );
      await store.stories.assign(ids.map((id) => ({ entryId: id, storyKey: `story-${k}` })));
      // The same batch again: nothing new (the prepared look-ups find what the prepared insert stored).
      const again = await store.entries.saveBatch(src.id, items);
      assert.equal(again.inserted.length, 0);
      assert.equal(again.unchanged, 2);
    };
    await check(0);
    const afterFirst = await preparedCount();
    assert.ok(afterFirst >= 5, `the check's statements are prepared on the connection (${afterFirst})`);
    for (let k = 1; k <= 5; k++) await check(k);
    assert.equal(await preparedCount(), afterFirst, 'no new server-side statement per check');
    assert.equal(await store.entries.count(), 12);
    const stories = await store.stories.list({ limit: 10 });
    assert.equal(stories.items.length, 6);
    for (const s of stories.items) assert.equal(s.size, 2);
    assert.equal((await store.topics.counts()).find((c) => c.topicId === 't')?.count, 12);
  } finally {
    await store.close();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  }
});
