// The Arabic-script fold in the search index (r-search's migrations 37/38) checked on an upgraded
// store (r2-search, docs/security.md "Hostile review of r-search"): a SQLite store made at schema
// 36, holding Arabic, Persian and Latin entries, is migrated; FTS5's own integrity check (index
// against its content) passes after the migration, after rows indexed before it are updated and
// deleted, and after FTS5's 'rebuild'; every entry is still found. And the migrations' frozen fold
// is the one search applies now: an edit of src/search/fold.ts needs a new migration.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SEARCH_FOLD_TABLE } from '../../src/search/fold.js';
import { parseSearch } from '../../src/search/query.js';
import { SEARCH_FOLD_V2, SEARCH_FOLD_V3 } from '../../src/store/search-fold-frozen.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { sqliteAt } from '../helpers/schema-at.js';

const T0 = Date.UTC(2026, 11, 1, 12);

test('the fold search applies is the frozen one the newest fold migrations wrote', () => {
  assert.deepEqual(
    SEARCH_FOLD_TABLE,
    SEARCH_FOLD_V2,
    'src/search/fold.ts changed: freeze the new table and add a migration on each dialect',
  );
});

/**
 * Fold version 3's reading (p-search3) as migrations 44 wrote it into stored rows: [text, reading].
 * The reading runs the topic reader's rules (src/text), so an edit there that changes one of these
 * needs a fold version 4 and a migration that writes every row's reading again.
 */
const READINGS_V3: [string, string][] = [
  ['Crowds marched. #FreeIran2026 #مجاهدین_خلق', 'Crowds marched. #FreeIran2026 Free Iran 2026 #مجاهدین_خلق'],
  ['#NGOReport and #NGOs, #MEK_Iran, #StopMEK', '#NGOReport NGO Report and #NGOs, #MEK_Iran, #StopMEK Stop MEK'],
  ['page/#top &#39; 支持#FreeIran 🔥#FreeIran', 'page/#top &#39; 支持#FreeIran Free Iran 🔥#FreeIran Free Iran'],
  [
    'The People’s Mojahe-\ndin Organization; Jean-\nPaul; well-\n\nknown',
    'The People’s Mojahedin Organization; Jean-\nPaul; well-\n\nknown',
  ],
  ['Moja­hedin, Mu­jahe­\ndin, ­ alone, Mo​ja‍hedin', 'Mojahedin, Mujahedin, ­ alone, Mojahedin'],
  ['MЕK, МЕК, Москва, Ελλάδα, cаfe, Ιran', 'MEK, МЕК, Москва, Ελλάδα, cafe, Iran'],
  ['𝐌𝐄𝐊 𝑃𝑎𝑟𝑖𝑠 𝓜𝓔𝓚 𝕄𝔼𝕂 𝟏𝟐 ℳ ℓ ℃ ℡', 'MEK Paris MEK MEK 12 M l ℃ ℡'],
  ['ⓂⒺⓀ ⒨⒠⒦ ① ⑽ ⒈ 🄼🄴🄺 🅼 🇮🇷 😀', 'MEK mek 1 10 1 MEK 🅼 🇮🇷 😀'],
  ['مجاهدین خلق، ایران ۱۴۰۲ می‌شود', 'مجاهدین خلق، ایران ۱۴۰۲ می‌شود'],
  ['M2\u0415K, Москва и Ελλάδα', 'M2EK, Москва и Ελλάδα'],
  ['#', '#'],
  ['##', '##'],
  ['#AbAbAbAbAbAbAbAb', '#AbAbAbAbAbAbAbAb Ab Ab Ab Ab Ab Ab Ab Ab'],
];

test('fold version 3 reads as migrations 44 wrote the readings', () => {
  for (const [text, reading] of READINGS_V3) assert.equal(SEARCH_FOLD_V3.reading(text), reading, JSON.stringify(text));
  assert.equal(SEARCH_FOLD_V3.stages, SEARCH_FOLD_V2, "version 3's characters are version 2's");
});

test('a SQLite store indexed at schema 36 passes FTS5 integrity-check after the fold migrations, updates, deletes and a rebuild', async () => {
  // A store at schema 36 as an older build left it (002's index and triggers, its columns), its
  // entries written and indexed then; the store's open runs every migration after 36.
  const { path, db } = await sqliteAt(36);
  db.prepare(
    "INSERT INTO sources (id, url, next_check_at, interval_seconds, created_at) VALUES (1, 'https://a.example/feed', 0, 1800, ?)",
  ).run(T0);
  const insert = db.prepare(
    `INSERT INTO entries (source_id, dedupe_key, fingerprint, url, title, content_html, text, lang, dir, published_at, created_at)
     VALUES (1, ?, ?, ?, ?, ?, ?, 'en', 'ltr', ?, ?) RETURNING id`,
  );
  const e = (k: string, title: string, text: string, i: number): [string, number] => [
    k,
    insert.pluck().get(k, `fp-${k}`, `https://a.example/${k}`, title, `<p>${text}</p>`, text, T0 - i, T0) as number,
  ];
  const ids = new Map([
    e('hamza', 'زيارة إيران الرسمية', 'نصّ الخبر', 0),
    e('tatweel', 'تصريح الـــرئيس', 'افتتاح مدرسة', 1),
    e('latin', 'Camp Liberty café', 'Water pumps repaired.', 2),
    e('zwnj', 'این خبر منتشر می‌شود', 'بودجه سال ۱۴۰۲', 3),
    e('tanween', 'قال أيضاً إن', 'القرآن', 4),
  ]);
  db.close();
  const store = await SqliteStore.open({ path });
  try {
    const check = store.db.prepare("INSERT INTO entries_fts (entries_fts, rank) VALUES ('integrity-check', 1)");
    const keys = async (q: string) =>
      (await store.search.search({ ast: parseSearch(q).ast, limit: 20 })).hits.map((h) => h.entry.dedupeKey);
    const found = async () => ({
      ايران: await keys('ايران'),
      الرئيس: await keys('الرئيس'),
      میشود: await keys('میشود'),
      '1402': await keys('1402'),
      ايضا: await keys('ايضا'),
      cafe: await keys('cafe'),
      pumps: await keys('pumps'),
    });
    assert.doesNotThrow(() => check.run(), 'after the migrations');
    assert.deepEqual(await found(), {
      ايران: ['hamza'],
      الرئيس: ['tatweel'],
      میشود: ['zwnj'],
      '1402': ['zwnj'],
      ايضا: ['tanween'],
      cafe: ['latin'],
      pumps: ['latin'],
    });
    // Rows indexed before the migrations, changed after them: the triggers' 'delete' values are the indexed ones.
    store.db.prepare('UPDATE entries SET text = ? WHERE id = ?').run('أخبار مدرسة جديدة', ids.get('hamza'));
    await store.entries.remove(ids.get('tatweel')!);
    store.db.prepare('DELETE FROM entries WHERE id = ?').run(ids.get('tanween'));
    assert.doesNotThrow(() => check.run(), 'after an update and deletes');
    // FTS5's own repair reads the content: the same index again.
    store.db.exec("INSERT INTO entries_fts (entries_fts) VALUES ('rebuild')");
    assert.doesNotThrow(() => check.run(), 'after a rebuild');
    assert.deepEqual(await found(), {
      ايران: ['hamza'],
      الرئيس: [],
      میشود: ['zwnj'],
      '1402': ['zwnj'],
      ايضا: [],
      cafe: ['latin'],
      pumps: ['latin'],
    });
    assert.deepEqual(await keys('مدرسه'), ['hamza']);
    assert.equal(store.db.prepare('SELECT count(*) FROM entries_fts_docsize').pluck().get(), 3, 'one index row per live entry');
  } finally {
    await store.close();
  }
});
