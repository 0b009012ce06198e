// The reading of a long text adds nothing past the first 200,000 characters PostgreSQL indexes
// (r2-search3, docs/security.md "Hostile review of the search fold's third version"): a text whose
// hashtags' words pushed its own words past left(reading, 200000) lost them on PostgreSQL, and
// migration 45 writes such readings again on both dialects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Database } from 'better-sqlite3';
import { READING_INDEX_CHARS, searchReading, storedReading } from '../../src/search/reading.js';
import { needlesOf, snippet } from '../../src/search/highlight.js';
import { parseSearch } from '../../src/search/query.js';
import { TEXT_INDEX_CHARS } from '../../src/store/postgres/migrations/002-search.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { textEntry } from '../helpers/entries.js';

const T0 = Date.UTC(2026, 11, 1, 12);
// 160,000 characters of hashtags, then words well inside the text's first 200,000 characters.
const LONG = `${'#FreeIran '.repeat(16_000)}Zebraword closes the post.`;
// What migration 44 stored for it: every hashtag followed by its two words (320,000 characters
// before "Zebraword").
const LONG_V44 = `${'#FreeIran Free Iran '.repeat(16_000)}Zebraword closes the post.`;
const SHORT = 'Rally today #FreeIran';

const codePoints = (s: string): number => [...s].length;
const keys = async (store: Store, q: string): Promise<string[]> =>
  (await store.search.search({ ast: parseSearch(q).ast, limit: 20 })).hits.map((h) => h.entry.dedupeKey).sort();

test("the reading of a long text keeps the text's words inside the index's first characters", () => {
  assert.equal(READING_INDEX_CHARS, TEXT_INDEX_CHARS);
  const r = searchReading(LONG);
  assert.ok(codePoints(r.slice(0, r.indexOf('Zebraword'))) < READING_INDEX_CHARS, 'Zebraword inside the cut');
  assert.ok(codePoints(r) <= READING_INDEX_CHARS);
  assert.ok(r.startsWith('#FreeIran Free Iran #FreeIran Free Iran'), 'the first hashtags keep their words');
  // Enclosed numbers read as two digits: their growth counts too.
  const enclosed = `${'⒇ '.repeat(99_000)}Zebraword`;
  const re = searchReading(enclosed);
  assert.ok(codePoints(re.slice(0, re.indexOf('Zebraword'))) < READING_INDEX_CHARS);
  // A short text is read in full.
  assert.equal(searchReading(SHORT), 'Rally today #FreeIran Free Iran');
});

forEachDialect((d) => {
  test(`a word after 160,000 characters of hashtags is found on ${d.name}`, async () => {
    const store = await d.open();
    try {
      const src = (await store.sources.add({ url: 'https://a.example/feed' })).source.id;
      await store.entries.saveBatch(src, [
        textEntry({ dedupeKey: 'long', fingerprint: 'fp-long', url: 'https://a.example/long' }, 'Long post', LONG, T0),
        textEntry({ dedupeKey: 'short', fingerprint: 'fp-short', url: 'https://a.example/short' }, 'Short post', SHORT, T0 - 1),
      ]);
      assert.deepEqual(await keys(store, 'zebraword'), ['long']);
      assert.deepEqual(await keys(store, '"free iran"'), ['long', 'short']);
    } finally {
      await store.close();
    }
  });

  test(`migration 45 writes a long text's reading again (${d.name})`, async () => {
    const old = await d.at(44);
    const source =
      "INSERT INTO sources (id, url, next_check_at, interval_seconds, created_at) VALUES (1, 'https://a.example/feed', 0, 1800, 0)";
    const columns = 'source_id, dedupe_key, fingerprint, url, title, content_html, text, search_text, lang, dir, published_at, created_at';
    const rows = [
      ['long', 'fp-long', 'https://a.example/long', 'Long post', '<p>x</p>', LONG, LONG_V44, T0],
      ['short', 'fp-short', 'https://a.example/short', 'Short post', '<p>x</p>', SHORT, storedReading(SHORT), T0 - 1],
    ];
    if (old.dialect === 'sqlite') {
      old.db.exec(source);
      const insert = old.db.prepare(`INSERT INTO entries (${columns}) VALUES (1, ?, ?, ?, ?, ?, ?, ?, 'en', 'ltr', ?, 0)`);
      for (const r of rows) insert.run(...r);
    } else {
      await old.pool.query(source);
      for (const r of rows)
        await old.pool.query(`INSERT INTO entries (${columns}) VALUES (1, $1, $2, $3, $4, $5, $6, $7, 'en', 'ltr', $8, 0)`, r);
    }
    const store = await old.open();
    try {
      assert.deepEqual(await keys(store, 'zebraword'), ['long']);
      assert.deepEqual(await keys(store, '"free iran"'), ['long', 'short']);
      if (d.name === 'sqlite') {
        // SQLite indexes the whole reading; the reading itself is the one PostgreSQL can index.
        const db = (store as unknown as { db: Database }).db;
        const stored = db.prepare("SELECT search_text FROM entries WHERE dedupe_key = 'long'").pluck().get() as string;
        assert.equal(stored, storedReading(LONG));
        assert.ok(codePoints(stored) <= READING_INDEX_CHARS);
      }
    } finally {
      await store.close();
    }
  });
});

test('the snippet of a long text marks no hashtag word its reading did not add', () => {
  // Longer than the index's cut: the stored reading adds no hashtag's words, so "iran" did not
  // match the tag; the passage (read from the text's opening) must not mark it there either.
  const text = `Zebra #FreeIran ${'x '.repeat(READING_INDEX_CHARS / 2)}`;
  assert.equal(storedReading(text), null);
  const marks = { start: '[', end: ']' };
  const passage = snippet(text, needlesOf(parseSearch('zebra OR iran').ast), marks, 4);
  assert.equal(passage, '[Zebra] #FreeIran x x…');
  // A short text's passage marks them, as its index holds them.
  assert.equal(snippet('Zebra #FreeIran x x', needlesOf(parseSearch('zebra OR iran').ast), marks, 4), '[Zebra] #Free[Iran]…');
});
