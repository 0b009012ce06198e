// Hostile search queries through the store, on both dialects (r-search, docs/security.md "Hostile
// review of search"): what a reader types is searched as text or is no query, never a database
// error. The site and the API clean control characters out of their input first; the parser must
// not rely on that.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { highlightHits } from '../../src/search/highlight-hits.js';
import { MARK_END, MARK_START } from '../../src/search/highlight.js';
import { parseSearch } from '../../src/search/query.js';
import { forEachDialect } from '../helpers/dialects.js';
import { textEntry } from '../helpers/entries.js';

const T0 = Date.UTC(2026, 11, 1, 12);

forEachDialect((d) => {
  test(`control characters and words that fold to nothing are no query syntax and no database error (${d.name})`, async () => {
    const store = await d.open();
    try {
      const src = (await store.sources.add({ url: 'https://a.example/feed' })).source.id;
      await store.entries.saveBatch(src, [
        textEntry({ dedupeKey: 'ab', fingerprint: 'fp-ab', url: 'https://a.example/ab' }, 'alpha beta', 'تصريح الرئيس', T0),
      ]);
      const keys = async (q: string): Promise<string[]> =>
        (await store.search.search({ ast: parseSearch(q).ast, limit: 5 })).hits.map((h) => h.entry.dedupeKey);
      // A NUL or another control character inside a word cuts it, as a space does.
      assert.deepEqual(await keys('alpha\u0000beta'), ['ab']);
      assert.deepEqual(await keys('"alpha\u0000beta"'), ['ab']);
      assert.deepEqual(await keys('alp*\u0007bet*'), ['ab']);
      assert.deepEqual(await keys('\u0000'), []);
      // A tatweel or marks alone fold to nothing: no word, alone or beside one.
      for (const q of ['\u0640*', '\u0640', '"\u0640\u064b"', '-\u0640 alpha', 'alpha \u0640*', 'alpha OR \u0640*']) {
        assert.deepEqual(await keys(q), q.includes('alpha') ? ['ab'] : [], JSON.stringify(q));
      }
      assert.equal(parseSearch('\u0640*').ast, undefined);
      assert.deepEqual(parseSearch('alpha \u0640* "\u064b"').ast, parseSearch('alpha').ast);
    } finally {
      await store.close();
    }
  });
});

test('a snippet from a text past the part it reads never ends in half a character, half a word or a cut combining sequence', () => {
  const ast = parseSearch('needle').ast;
  const snippetOf = (text: string): string => highlightHits([{ entry: { title: 'T', text } }], ast)[0]!.snippetMarked;
  const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;
  // The reading stops at 20,000 characters: inside the emoji's surrogate pair here…
  const pair = `${'lorem '.repeat(3332)}needle \u{1f600}\u{1f600} and more text`;
  assert.equal(pair.slice(19_999, 20_001), '\ud83d\ude00');
  const a = snippetOf(pair);
  assert.ok(!LONE.test(a), JSON.stringify(a.slice(-12)));
  assert.ok(a.endsWith(`${MARK_START}needle${MARK_END}…`), JSON.stringify(a.slice(-12)));
  // …between a letter and its accent, and inside a word.
  const accent = `${'lorem '.repeat(3331)}needle abccafe\u0301 society`;
  assert.equal(accent.slice(19_999, 20_001), 'e\u0301');
  assert.ok(snippetOf(accent).endsWith(`${MARK_START}needle${MARK_END}…`), JSON.stringify(snippetOf(accent).slice(-12)));
  const word = `${'lorem '.repeat(3331)}needle moreover`;
  assert.ok(snippetOf(word).endsWith(`${MARK_START}needle${MARK_END}…`), JSON.stringify(snippetOf(word).slice(-12)));
  // A text within the bound is shown to its end, with no "…".
  assert.ok(snippetOf('lorem needle moreover').endsWith('moreover'));
});
