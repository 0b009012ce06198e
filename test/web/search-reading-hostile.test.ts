// Hostile review of p-search4 (r2-search4, docs/security.md): a phrase is searched by its own
// reading and by readings with its words typed as hashtags. What holds, pinned on both dialects
// through the public page and the JSON API: quotes, backslashes and tsquery/FTS5 operators in the
// words a tag scanner splits reach the database as text (no error, no widened match); a reading
// finds no post that only has the tag's words; exclusions remove every reading; 32 phrases of 3
// tag-like words each (8 readings apiece) and a 1,000-character query run; the marks escape HTML.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checked } from '../api/contract.js';
import { forEachDialect } from '../helpers/dialects.js';
import { BASE_TIME, entry, HOUR, makeApp } from './helpers.js';

/** [key, title, text]. */
const ROWS: [string, string, string][] = [
  ['tag', 'Rally <b>"live"</b> & more', 'Crowds at the #FreeIran2026 rally in Paris.'],
  ['plain', 'Rally', 'Crowds at the FreeIran2026 rally in Rome.'],
  ['phone', 'Phones', 'A new #iPhone case shown.'],
  ['spaced', 'Phones', 'A new i phone case shown.'],
  ['words', 'Phones', 'Posts about Free Iran 2026 rally downtown.'],
  ['ops', 'Ops', 'Marked a1&b2|c3 under #x9 as <script>alert(1)</script>.'],
];

/** Each query with the keys it must find, the same on both dialects. */
const QUERIES: [string, string[]][] = [
  ['"iPhone case"', ['phone']],
  ['"i phone case"', ['phone', 'spaced']],
  ['"FreeIran2026 rally"', ['plain', 'tag']],
  // The tag's words written as words are no hashtag: the reading with the "#" needs the tag itself.
  ['"FreeIran2026 rally downtown"', []],
  ['rally -"FreeIran2026 rally"', ['words']],
  ['rally -FreeIran2026-rally', ['words']],
  ['"Iran2026 rally"', []],
  // A prefix word is read as typed (r2-search3), not by the hashtag readings.
  ['FreeIran2026-ral*', ['plain']],
  // Operators of both query languages inside words the tag scanner splits: searched as text.
  ['"a1&b2|c3 under"', ['ops']],
  ['"a1:*&!b2<->c3 under"', ['ops']],
  ['"a1\'b2\\\\c3 under"', ['ops']],
  ['"a1" b2" c3 under"', ['ops']],
  ['"x9\' | \'rally"', []],
  ['"x9 as script"', ['ops']],
];

forEachDialect((d) => {
  describe('hashtag readings of a phrase under attack (p-search4 review)', () => {
    it('hold on the page and through the API', async () => {
      const store = await d.open();
      try {
        const src = (await store.sources.add({ url: 'https://wire.example/feed.xml', title: 'Wire' })).source.id;
        await store.entries.saveBatch(
          src,
          ROWS.map(([k, title, text], i) => entry(k, title, text, BASE_TIME - (i + 1) * HOUR)),
        );
        const app = checked(makeApp(store));
        const api = async (q: string) => {
          const res = await app.request(`/api/v1/search?q=${encodeURIComponent(q)}`);
          assert.equal(res.status, 200, q);
          return ((await res.json()) as { items: { url: string; titleHtml: string; snippetHtml: string }[] }).items;
        };
        const got: Record<string, string[]> = {};
        for (const [q] of QUERIES) got[q] = (await api(q)).map((h) => h.url.replace(/^.*\//, '')).sort();
        assert.deepEqual(got, Object.fromEntries(QUERIES.map(([q, k]) => [q, [...k].sort()])));

        // 32 phrases (the parser's term limit) of three tag-like words each: 8 readings apiece.
        const many = Array.from({ length: 32 }, (_, i) => `"Aa${i}Bb Cc${i}Dd Ee${i}Ff z"`).join(' ');
        assert.equal((await api(many)).length, 0);
        const others = Array.from({ length: 31 }, (_, i) => `"Aa${i}Bb Cc${i}Dd Ee${i}Ff z"`).join(' ');
        assert.equal((await api(`"FreeIran2026 rally" OR (${others})`)).length, 2);
        // A 1,000-character query (the parser reads no further) of tag-like words in one phrase.
        assert.equal((await api(`"${'FreeIran2026 '.repeat(80)}rally"`)).length, 0);

        // Marks over a title with HTML in it: escaped, each mark whole.
        const [tag] = await api('"FreeIran2026 rally" live');
        assert.equal(tag?.titleHtml, 'Rally &lt;b&gt;&quot;<mark>live</mark>&quot;&lt;/b&gt; &amp; more');
        assert.equal(tag?.snippetHtml, 'Crowds at the #<mark>FreeIran2026 rally</mark> in Paris.');
        const [ops] = await api('"x9 as script"');
        assert.equal(ops?.snippetHtml, '…b2|c3 under #<mark>x9 as &lt;script</mark>&gt;alert(1)&lt;/script&gt;.');
        const page = await (await app.request(`/search?q=${encodeURIComponent('"a1:*&!b2<->c3 under"')}`)).text();
        assert.ok(page.includes('<mark>a1&amp;b2|c3 under</mark>'), 'the page marks the words as written, escaped');
      } finally {
        await store.close();
      }
    });
  });
});
