// An unfiltered PostgreSQL search ranks the newest RANK_CAP matches. It used to find them by
// reading the row of every match (the GIN index does not give them in id order): ~200 ms for a
// word in 42,000 of 300,000 entries (bench/desk-scale.ts). It now looks for them in windows of
// ids, newest first, reading only the rows of matches in each window. Here, with a cap of 70 and
// matches dense among the newest entries and sparse among older ones (so that several windows
// are needed), the hits are exactly the newest 70 matches ranked as before, and the statements
// the store runs are windowed. Runs when NEWSDESK_TEST_POSTGRES_URL names a database, in a schema
// of its own, dropped after.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSearch } from '../../src/search/query.js';
import type { Db } from '../../src/store/postgres/db.js';
import { PostgresSearchRepo } from '../../src/store/postgres/search.js';
import { textEntry } from '../helpers/entries.js';
import { withRecordedPostgres } from '../helpers/recorded-postgres.js';

const url = process.env.NEWSDESK_TEST_POSTGRES_URL;

if (!url) {
  test('PostgreSQL search windows', (t) => {
    t.skip('NEWSDESK_TEST_POSTGRES_URL is not set');
  });
} else {
  test('an unfiltered search ranks exactly the newest matches, found window by window', async () => {
    await withRecordedPostgres(url, 'newsdesk_win', async (store, seen) => {
      const { source } = await store.sources.add({ url: 'https://win.example/feed.xml' });
      const matches = (i: number) => (i >= 300 ? i % 2 === 0 : i % 10 === 0);
      const { inserted } = await store.entries.saveBatch(
        source.id,
        Array.from({ length: 400 }, (_, i) =>
          textEntry(
            { dedupeKey: `k${i}`, fingerprint: `f${i}`, url: `https://win.example/${i}` },
            matches(i) ? `Harbour works, day ${i}` : `Council meeting, day ${i}`,
            `The town met on day ${i}. ${'More words follow here. '.repeat(1 + (i % 7))}`,
            1e12 + i * 3_600_000,
          ),
        ),
      );
      await store.entries.remove(inserted[390]!.id);
      const db = (store.search as unknown as { db: Db }).db;
      const capped = new PostgresSearchRepo(db, 70);
      const { ast } = parseSearch('harbour');
      const live = inserted.filter((_, i) => i !== 390);
      const matching = live.filter((e) => /harbour/i.test(`${e.title} ${e.text}`));
      assert.ok(matching.length > 70);
      // The newest 70 matches (by id), ranked as the uncapped search ranks them.
      const newest = new Set(
        matching
          .map((e) => e.id)
          .sort((a, b) => b - a)
          .slice(0, 70),
      );
      const all = await store.search.search({ ast, limit: 200 });
      assert.equal(all.hits.length, matching.length);
      const expected = all.hits.filter((h) => newest.has(h.entry.id)).map((h) => h.entry.id);
      seen.length = 0;
      const got: number[] = [];
      for (let offset = 0; ; ) {
        const page = await capped.search({ ast, limit: 20, offset });
        got.push(...page.hits.map((h) => h.entry.id));
        if (page.nextOffset === undefined) break;
        offset = page.nextOffset;
      }
      assert.deepEqual(got, expected);
      const windows = seen.filter((s) => /search_vector @@/.test(s) && /e\.id >/.test(s));
      assert.ok(windows.length >= 4 * 2, seen.join('\n')); // four pages, each more than one window
    });
  });

  test('a run of entries without the word below a nearly full window is crossed in few windows', async () => {
    await withRecordedPostgres(url, 'newsdesk_win', async (store, seen) => {
      const { source } = await store.sources.add({ url: 'https://gap.example/feed.xml' });
      // Oldest first: 10 matches, 3,000 entries without the word, then 69 matches among the newest.
      const matches = (i: number) => i < 10 || i >= 3010;
      const { inserted } = await store.entries.saveBatch(
        source.id,
        Array.from({ length: 3079 }, (_, i) =>
          textEntry(
            { dedupeKey: `k${i}`, fingerprint: `f${i}`, url: `https://gap.example/${i}` },
            matches(i) ? `Harbour works, day ${i}` : `Council meeting, day ${i}`,
            `The town met on day ${i}.`,
            1e12 + i * 60_000,
          ),
        ),
      );
      const db = (store.search as unknown as { db: Db }).db;
      const { ast } = parseSearch('harbour');
      seen.length = 0;
      const page = await new PostgresSearchRepo(db, 70).search({ ast, limit: 200 });
      const newest = inserted
        .filter((_, i) => matches(i))
        .map((e) => e.id)
        .sort((a, b) => b - a)
        .slice(0, 70);
      assert.deepEqual(
        page.hits.map((h) => h.entry.id).sort((a, b) => b - a),
        newest,
      );
      const windows = seen.filter((s) => /search_vector @@/.test(s) && /e\.id [<>]/.test(s));
      assert.ok(windows.length <= 12, `${windows.length} windows`);
    });
  });
}
