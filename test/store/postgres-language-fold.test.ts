// PostgreSQL keeps the language counts as changes appended by the entries' triggers (migration
// 31). p-selector moved their fold into a row per language off the search page's read: the read
// is one SELECT and writes nothing, however many changes there are; the writer whose append
// passes the bound folds them in its own transaction (migration 33), and a writer that finds a
// fold in progress goes on without it rather than waiting. The list equals a count of the live
// entries throughout. Runs when NEWSDESK_TEST_POSTGRES_URL names a database, in a schema of its
// own, dropped after.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { textEntry } from '../helpers/entries.js';
import { withRecordedPostgres } from '../helpers/recorded-postgres.js';

const url = process.env.NEWSDESK_TEST_POSTGRES_URL;

interface Rows {
  /** Rows of entry_language_counts. */
  parts(): Promise<number>;
  /** The live entries counted per language, as the list orders them. */
  live(): Promise<string[]>;
  query(sql: string): Promise<pg.QueryResultRow[]>;
}

async function withCounts(
  run: (store: Parameters<Parameters<typeof withRecordedPostgres>[2]>[0], seen: string[], rows: Rows, schema: string) => Promise<void>,
): Promise<void> {
  await withRecordedPostgres(url!, 'newsdesk_langfold', async (store, seen, schema) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`SET search_path TO "${schema}"`);
      const query = async (sql: string) => (await client.query(sql)).rows;
      await run(
        store,
        seen,
        {
          query,
          parts: async () => Number((await query('SELECT COUNT(*) AS n FROM entry_language_counts'))[0]!.n),
          live: async () =>
            (
              await query(
                'SELECT lang FROM entries WHERE deleted_at IS NULL AND lang IS NOT NULL GROUP BY lang ORDER BY COUNT(*) DESC, lang COLLATE "C"',
              )
            ).map((r) => r.lang as string),
        },
        schema,
      );
    } finally {
      await client.end();
    }
  });
}

/** Entries `from` … `from + n - 1` of one source, in `lang`, a minute apart. */
function saveNumbered(
  store: Parameters<Parameters<typeof withRecordedPostgres>[2]>[0],
  sourceId: number,
  from: number,
  n: number,
  lang: string,
) {
  return store.entries.saveBatch(
    sourceId,
    Array.from({ length: n }, (_, i) => ({
      ...textEntry(
        { dedupeKey: `k${from + i}`, fingerprint: `f${from + i}`, url: `https://fold.example/${from + i}` },
        `Story ${from + i}`,
        'The council met.',
        1e12 + (from + i) * 60_000,
      ),
      lang,
    })),
  );
}

/** `n` changes that sum to nothing, as a language counted up and down again by many writes. */
const churn = (n: number) =>
  `INSERT INTO entry_language_counts (lang, n) SELECT 'xx', CASE WHEN i % 2 = 0 THEN -1 ELSE 1 END FROM generate_series(1, ${n}) i`;

if (!url) {
  test('PostgreSQL language counts folded by writers', (t) => {
    t.skip('NEWSDESK_TEST_POSTGRES_URL is not set');
  });
} else {
  test('the language list is one read that writes nothing, past the bound too; the next writer folds', async () => {
    await withCounts(async (store, seen, rows) => {
      const { source } = await store.sources.add({ url: 'https://fold.example/feed.xml' });
      const save = (from: number, n: number, lang: string) => saveNumbered(store, source.id, from, n, lang);
      const { inserted } = await save(0, 6, 'en');
      await save(6, 3, 'ar');
      await rows.query(churn(1200));
      const before = await rows.parts();
      assert.ok(before > 1200, String(before));

      seen.length = 0;
      assert.deepEqual(await store.search.languages(), ['en', 'ar']);
      assert.equal(seen.length, 1, seen.join('\n'));
      // One statement over the counts, less what editors hid (p-edges: hidden-live.ts shownLanguagesSql).
      assert.match(seen[0]!, /^WITH hidden AS MATERIALIZED [\s\S]*\bcounts AS \(SELECT lang, SUM\(n\) AS n FROM entry_language_counts\b/);
      assert.equal(await rows.parts(), before, 'the read folded nothing');
      assert.deepEqual(await store.search.languages(), await rows.live());

      // A writer: a removal (the row trigger) appends its change and folds, in its transaction.
      assert.ok(await store.entries.remove(inserted[0]!.id));
      assert.deepEqual(
        (await rows.query('SELECT lang, n FROM entry_language_counts ORDER BY lang')).map((r) => ({ lang: r.lang, n: Number(r.n) })),
        [
          { lang: 'ar', n: 3 },
          { lang: 'en', n: 5 },
        ],
      );
      assert.deepEqual(await store.search.languages(), await rows.live());

      // A poll's batch (the statement trigger) folds too, and a language gone leaves no row.
      await rows.query("UPDATE entries SET deleted_at = 1 WHERE lang = 'ar'");
      await rows.query(churn(1200));
      await save(10, 4, 'fa');
      assert.deepEqual(
        (await rows.query('SELECT lang, n FROM entry_language_counts ORDER BY lang')).map((r) => ({ lang: r.lang, n: Number(r.n) })),
        [
          { lang: 'en', n: 5 },
          { lang: 'fa', n: 4 },
        ],
      );
      assert.deepEqual(await store.search.languages(), ['en', 'fa']);
      assert.deepEqual(await store.search.languages(), await rows.live());
    });
  });

  test('a writer that finds a fold in progress appends and goes on without waiting; a later one folds', async () => {
    await withCounts(async (store, _seen, rows, schema) => {
      const { source } = await store.sources.add({ url: 'https://fold.example/feed.xml' });
      const save = (from: number, n: number) => saveNumbered(store, source.id, from, n, 'en');
      await rows.query(churn(1200));
      // Another transaction holds the fold's lock (a fold in progress) until it ends.
      const other = new pg.Client({ connectionString: url });
      await other.connect();
      try {
        await other.query('BEGIN');
        await other.query(`SELECT pg_advisory_xact_lock(hashtext('${schema}' || '.entry_language_counts'))`);
        // Completes while the lock is held: it did not wait for it.
        await save(0, 2);
        assert.ok((await rows.parts()) > 1200, 'not folded while another fold holds the lock');
        assert.deepEqual(await store.search.languages(), ['en']);
        await other.query('COMMIT');
      } finally {
        await other.end();
      }
      await save(2, 1);
      assert.deepEqual(
        (await rows.query('SELECT lang, n FROM entry_language_counts')).map((r) => ({ lang: r.lang, n: Number(r.n) })),
        [{ lang: 'en', n: 3 }],
      );
    });
  });
}
