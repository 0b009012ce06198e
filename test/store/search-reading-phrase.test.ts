// A hashtag named without its "#" inside a phrase, and a word broken at a line end in a highlight
// (p-search4, docs/security.md "Search fold, fourth round"). The index reads "#FreeIran2026 rally"
// as "#FreeIran2026 Free Iran 2026 rally", so the phrase "FreeIran2026 rally" had the tag's words
// between its two words and missed the post on both dialects; it is now searched by its own
// reading and by the reading with the word typed as a hashtag. The highlighter showed
// "Mojahe-\ndin", read as one word, as "Mojahe- din", a space inside the mark: it now shows the
// word's characters without the line end.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { highlightHits } from '../../src/search/highlight-hits.js';
import { MARK_END, MARK_START, markAll, needlesOf, snippet } from '../../src/search/highlight.js';
import { parseSearch } from '../../src/search/query.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { searchKeys, withRows } from '../helpers/search-table.js';

const T0 = Date.UTC(2026, 11, 1, 12);
const [S, E] = [MARK_START, MARK_END];
const m = { start: '[', end: ']' };

/** [key, title, text]. */
const STORED: [string, string, string][] = [
  ['tag', 'Rally', 'Crowds at the #FreeIran2026 rally in Paris.'],
  ['plain', 'Rally', 'Crowds at the FreeIran2026 rally in Rome.'],
  ['apart', 'Post', 'Crowds and a FreeIran2026 post about a rally.'],
  ['two', 'Tags', 'Posts under #FreeIran #NoWar tonight.'],
  ['cased', 'Phones', 'Apple said #iPhone sales rose.'],
];

/** Each query with the entries it must find. */
const QUERIES: [string, string[]][] = [
  ['"FreeIran2026 rally"', ['plain', 'tag']],
  ['FreeIran2026-rally', ['plain', 'tag']],
  ['"crowds at the FreeIran2026 rally"', ['plain', 'tag']],
  ['"FreeIran NoWar tonight"', ['two']],
  ['"under FreeIran NoWar tonight"', ['two']],
  ['"iPhone sales"', ['cased']],
  // What p-search3 found stays found, and no more.
  ['"#FreeIran2026 rally"', ['tag']],
  ['"free iran 2026 rally"', ['tag']],
  ['"2026 rally"', ['tag']],
  ['"FreeIran2026 post"', ['apart']],
  ['crowds -"FreeIran2026 rally"', ['apart']],
];

async function storeOf(open: () => Promise<Store>): Promise<Store> {
  return withRows(await open(), STORED, T0);
}

forEachDialect((d) => {
  test(`a phrase naming a hashtag without its "#" finds the tagged post (${d.name})`, async () => {
    const store = await storeOf(() => d.open());
    try {
      const got: Record<string, string[]> = {};
      for (const [q] of QUERIES) got[q] = await searchKeys(store, q);
      assert.deepEqual(got, Object.fromEntries(QUERIES.map(([q, k]) => [q, [...k].sort()])));
      const ast = parseSearch('"FreeIran2026 rally"').ast;
      const hit = highlightHits((await store.search.search({ ast, limit: 20 })).hits, ast).find((h) => h.entry.dedupeKey === 'tag');
      assert.equal(hit?.snippetMarked, `Crowds at the #${S}FreeIran2026 rally${E} in Paris.`);
    } finally {
      await store.close();
    }
  });
});

test('the highlighter marks a hashtag named without its "#" in a phrase, and the phrase written plainly', () => {
  const needles = needlesOf(parseSearch('"FreeIran NoWar tonight"').ast);
  assert.equal(markAll('Posts under #FreeIran #NoWar tonight.', needles, m), 'Posts under #[FreeIran #NoWar tonight].');
  assert.equal(markAll('Posts under FreeIran NoWar tonight.', needles, m), 'Posts under [FreeIran NoWar tonight].');
  assert.equal(markAll('Posts under #FreeIran NoWar tonight.', needles, m), 'Posts under #[FreeIran NoWar tonight].');
});

test('a word broken at a line end is shown and marked without the line end', () => {
  const mojahedin = needlesOf(parseSearch('mojahedin').ast);
  assert.equal(snippet('The People’s Mojahe-\ndin Organization met.', mojahedin, m), 'The People’s [Mojahe-din] Organization met.');
  // Spaces around the line end, and a Windows line end, are the line end too.
  assert.equal(snippet('The Mojahe- \r\n  din met.', mojahedin, m), 'The [Mojahe-din] met.');
  // A soft hyphen where the line was broken: the word reads joined (the soft hyphen shows nothing).
  assert.equal(snippet('A Moja\u00ad\nhedin line.', mojahedin, m), 'A [Moja\u00adhedin] line.');
  // Unmarked, the word reads the same, in a passage and in a title.
  assert.equal(snippet('The Mojahe-\ndin met.', needlesOf(parseSearch('met').ast), m), 'The Mojahe-din [met].');
  assert.equal(markAll('Mojahe-\ndin met', needlesOf(parseSearch('met').ast), m), 'Mojahe-din [met]');
  // A line end between two words stays a space: "Jean-\nPaul" (a capital after it) is two words.
  assert.equal(snippet('Jean-\nPaul met.', needlesOf(parseSearch('paul').ast), m), 'Jean- [Paul] met.');
  assert.equal(snippet('One line.\nAnother line.', needlesOf(parseSearch('another').ast), m), 'One line. [Another] line.');
});

forEachDialect((d) => {
  test(`a word broken at a line end across a snippet's cut is left out, not marked as half a word (r2-search4, ${d.name})`, async () => {
    // The snippet reads a long text's first 20,000 characters: the cut falls after "Mojahe-" or
    // after its line end, where the index reads "mojahedin" and holds no word "mojahe".
    const pad = 'word '.repeat(4000);
    const rows: [string, string, string][] = [
      ['hyphen', 'Mojahe notes', `${pad.slice(0, 19_992)} Mojahe-\ndin met.`],
      ['lineend', 'Mojahe notes', `${pad.slice(0, 19_991)} Mojahe-\ndin met.`],
      ['crlf', 'Mojahe notes', `${pad.slice(0, 19_989)} Mojahe- \r\ndin met.`],
    ];
    const store = await withRows(await d.open(), rows, T0);
    try {
      const ast = parseSearch('mojahe').ast;
      const hits = highlightHits((await store.search.search({ ast, limit: 20 })).hits, ast);
      assert.deepEqual(hits.map((h) => h.entry.dedupeKey).sort(), ['crlf', 'hyphen', 'lineend']);
      for (const h of hits) {
        assert.equal(h.snippetMarked.includes(S), false, h.entry.dedupeKey);
        assert.equal(h.snippetMarked.includes('Mojahe'), false, h.entry.dedupeKey);
      }
    } finally {
      await store.close();
    }
  });
});
