// Rows stored before a rule changed, brought up to it by a migration, on both dialects (probe of
// 2026-12-05, "Seen and left alone"; docs/security.md, "Probe leftovers fixed (p-parity)"):
// - names and titles stored before ingest bounded them (src/text/short-text.ts) keep no more than
//   their bound, and a source named by the sanitiser's markup is named by its text;
// - entries indexed before search cut words at punctuation are found by their parts on PostgreSQL.
// Each test stores rows as an older build would have, marks the migration as not yet applied and
// reopens the store (a restart on a new build).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Database } from 'better-sqlite3';
import type pg from 'pg';
import { parseSearch } from '../../src/search/query.js';
import type { Store } from '../../src/store/store.js';
import { MAX_CATEGORIES, MAX_CATEGORY_CHARS, MAX_NAME_CHARS, MAX_TITLE_CHARS } from '../../src/text/short-text.js';
import { type Dialect, forEachDialect } from '../helpers/dialects.js';
import { textEntry } from '../helpers/entries.js';

const T0 = Date.UTC(2026, 11, 1, 12);

/** Runs one statement on the store's own database (its file or schema). */
async function exec(store: Store, statement: string): Promise<void> {
  if (store.dialect === 'sqlite') (store as unknown as { db: Database }).db.prepare(statement).run();
  else await (store as unknown as { pool: pg.Pool }).pool.query(statement);
}

/** The first row a query answers, on the store's own database. */
async function first<T>(store: Store, query: string): Promise<T | undefined> {
  if (store.dialect === 'sqlite') return (store as unknown as { db: Database }).db.prepare(query).get() as T | undefined;
  return (await (store as unknown as { pool: pg.Pool }).pool.query(query)).rows[0] as T | undefined;
}

/** Forgets that migration `version` ran and reopens the store, which applies it again. */
async function rerun(d: Dialect, store: Store, version: number): Promise<Store> {
  await exec(store, `DELETE FROM schema_migrations WHERE version = ${version}`);
  await store.close();
  return d.reopen(store);
}

const words = (n: number, w: string): string => Array.from({ length: n }, (_, i) => `${w}${i}`).join(' ');

forEachDialect((d) => {
  test(`names and titles stored before their bounds are bounded by a migration, and again changes nothing (${d.name})`, async () => {
    let store = await d.open();
    const markup = '<b>Tom &amp; Jerry</b> <img src="https://evil.example/x.png" /> Wire';
    const a = (await store.sources.add({ url: 'https://a.example/feed', title: markup })).source.id;
    const b = (await store.sources.add({ url: 'https://b.example/feed', title: `Long ${words(2_000, 'name')}` })).source.id;
    const plain = (await store.sources.add({ url: 'https://c.example/feed', title: 'Q & A <weekly>' })).source.id;
    const longTitle = `Headline ${words(3_000, 'word')}`;
    const item = (title: string) =>
      textEntry({ dedupeKey: 'k1', fingerprint: 'fp1', url: 'https://a.example/1' }, title, 'Body text.', T0, {
        author: `Author ${words(1_000, 'a')}`,
        canonicalUrl: 'https://a.example/1',
        categories: Array.from({ length: 80 }, (_, i) => `cat${i} ${words(200, 'c')}`),
      });
    const [e] = (await store.entries.saveBatch(a, [item(longTitle)])).inserted;
    // A changed headline is kept as an edit; a second source's copy as a sighting.
    await store.entries.saveBatch(a, [item(`${longTitle} updated`)]);
    await store.entries.saveBatch(b, [{ ...item(`Copy ${words(3_000, 'copy')}`), dedupeKey: 'k2', fingerprint: 'fp2' }]);
    const ok = textEntry({ dedupeKey: 'k3', fingerprint: 'fp3', url: 'https://a.example/3' }, 'A short title', 'Short.', T0, {
      author: 'Ann',
      categories: ['world', 'europe'],
    });
    const [short] = (await store.entries.saveBatch(a, [ok])).inserted;
    assert.ok((await store.entries.get(e!.id))!.title.length > 20_000);
    // A story headlined by the long title, as clustering names one.
    await exec(store, `INSERT INTO stories (key, headline, created_at, updated_at) VALUES ('s1', '${longTitle}', 0, 0)`);

    store = await rerun(d, store, 19);
    try {
      assert.equal((await store.sources.get(a))!.title, 'Tom & Jerry Wire');
      const nameB = (await store.sources.get(b))!.title!;
      assert.ok(nameB.length <= MAX_NAME_CHARS && nameB.startsWith('Long name0 name1') && nameB.endsWith('…'), nameB);
      // A name that does not read as HTML (no close tag, no entity) keeps its characters.
      assert.equal((await store.sources.get(plain))!.title, 'Q & A <weekly>');
      const got = (await store.entries.get(e!.id))!;
      assert.ok(got.title.length <= MAX_TITLE_CHARS && got.title.startsWith('Headline word0 word1') && got.title.endsWith('…'), got.title);
      assert.ok(
        got.author !== null && got.author.length <= MAX_NAME_CHARS && got.author.startsWith('Author a0 a1'),
        String(got.author?.length),
      );
      assert.equal(got.categories?.length, MAX_CATEGORIES);
      for (const c of got.categories ?? []) assert.ok(c.length <= MAX_CATEGORY_CHARS, c);
      assert.equal(got.categories?.[0]?.slice(0, 10), 'cat0 c0 c1');
      const [edit] = await store.stories.history(e!.id);
      assert.ok(edit && edit.titleBefore.length <= MAX_TITLE_CHARS && edit.titleAfter.length <= MAX_TITLE_CHARS);
      const sightings = [...(await store.stories.sightings([e!.id])).values()].flat();
      assert.ok(sightings.length >= 1);
      for (const s of sightings) assert.ok(s.title.length <= MAX_TITLE_CHARS, s.title.slice(0, 40));
      assert.ok(sightings.some((s) => s.title.startsWith('Copy copy0 copy1')));
      const story = await first<{ headline: string }>(store, "SELECT headline FROM stories WHERE key = 's1'");
      assert.ok(
        story && story.headline.length <= MAX_TITLE_CHARS && story.headline.startsWith('Headline word0'),
        story?.headline.slice(0, 40),
      );
      // Untouched: a row within its bounds.
      const same = (await store.entries.get(short!.id))!;
      assert.equal(same.title, 'A short title');
      assert.equal(same.author, 'Ann');
      assert.deepEqual(same.categories, ['world', 'europe']);
      // The search index follows the cut title.
      const hits = await store.search.search({ ast: parseSearch('word5').ast, limit: 5 });
      assert.deepEqual(
        hits.hits.map((h) => h.entry.id),
        [e!.id],
      );
      assert.equal((await store.search.search({ ast: parseSearch('word2999').ast, limit: 5 })).hits.length, 0);

      // Again: nothing changes.
      const before = JSON.stringify([await store.sources.list(), await store.entries.get(e!.id), await store.stories.history(e!.id)]);
      store = await rerun(d, store, 19);
      const after = JSON.stringify([await store.sources.list(), await store.entries.get(e!.id), await store.stories.history(e!.id)]);
      assert.equal(after, before);
    } finally {
      await store.close();
    }
  });

  test(`entries indexed before search cut words at punctuation are found by their parts after the migration (${d.name})`, async (t) => {
    if (d.name !== 'postgres') return t.skip('SQLite always cut words at punctuation (FTS5 unicode61)');
    let store = await d.open();
    const src = (await store.sources.add({ url: 'https://a.example/feed' })).source.id;
    await store.entries.saveBatch(src, [
      textEntry(
        { dedupeKey: 'p1', fingerprint: 'f1', url: 'https://a.example/p1' },
        'Attachment invoice.txt.exe',
        'Version v1.2.3 of covid-19 data.',
        T0,
      ),
      textEntry({ dedupeKey: 'p2', fingerprint: 'f2', url: 'https://a.example/p2' }, 'Le «Monde» du jour', 'Deleted later.', T0),
    ]);
    const [gone] = (
      await store.entries.saveBatch(src, [
        textEntry({ dedupeKey: 'p3', fingerprint: 'f3', url: 'https://a.example/p3' }, 'Removed report.exe', 'x', T0),
      ])
    ).inserted;
    await store.entries.remove(gone!.id);
    // As an older build indexed them: the fold of migration 006, then every row indexed by it.
    const old = (await import('../../src/store/postgres/migrations/006-search-brackets.js')).default;
    const client = await (store as unknown as { pool: pg.Pool }).pool.connect();
    try {
      await client.query('BEGIN');
      await old.up(client);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const keys = async (s: Store, q: string) =>
      (await s.search.search({ ast: parseSearch(q).ast, limit: 5 })).hits.map((h) => h.entry.dedupeKey);
    assert.deepEqual(await keys(store, 'exe'), []);
    assert.deepEqual(await keys(store, 'invoice'), []);

    store = await rerun(d, store, 18);
    try {
      for (const q of ['exe', 'txt.exe', 'invoice.txt.exe', '19', 'covid-19', 'v1.2.3', '2'])
        assert.deepEqual(await keys(store, q), ['p1'], q);
      assert.deepEqual(await keys(store, 'monde'), ['p2']);
      assert.deepEqual(await keys(store, 'report'), []);
    } finally {
      await store.close();
    }
  });
});
