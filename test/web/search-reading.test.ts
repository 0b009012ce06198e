// The public search page and the JSON API find what the topic page shows (p-search3, fold version
// 3): a hashtag's words, a word broken at a line end, a Latin word in Cyrillic look-alike letters
// and mathematical letters, and mark the words as written. Both dialects.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checked } from '../api/contract.js';
import { forEachDialect } from '../helpers/dialects.js';
import { BASE_TIME, entry, HOUR, makeApp } from './helpers.js';

forEachDialect((d) => {
  describe('search reads hashtags, broken words and disguised letters', () => {
    it('finds them on the page and through the API, marked as written', async () => {
      const store = await d.open();
      try {
        const src = (await store.sources.add({ url: 'https://wire.example/feed.xml', title: 'Harbour Wire' })).source.id;
        await store.entries.saveBatch(src, [
          entry('tag', 'Rally in Paris', 'Thousands marched under #FreeIran2026 banners.', BASE_TIME - HOUR),
          entry('broken', 'Opposition congress', 'Delegates of the Mojahe-\ndin met on Saturday.', BASE_TIME - 2 * HOUR),
          entry('disguised', 'M\u0415K statement', 'Posted as 𝐌𝐄𝐊 on social media.', BASE_TIME - 3 * HOUR),
        ]);
        const app = checked(makeApp(store));
        const page = await (await app.request(`/search?q=${encodeURIComponent('"free iran"')}`)).text();
        assert.ok(page.includes('#<mark>FreeIran</mark>2026'), 'the page marks the hashtag’s words');
        const api = async (q: string) =>
          (
            (await (await app.request(`/api/v1/search?q=${encodeURIComponent(q)}`)).json()) as {
              items: { titleHtml: string; snippetHtml: string }[];
            }
          ).items;
        const broken = await api('mojahedin');
        assert.equal(broken.length, 1);
        // Shown without its line end, so no space inside the mark (p-search4).
        assert.equal(broken[0]!.snippetHtml, 'Delegates of the <mark>Mojahe-din</mark> met on Saturday.');
        // The hashtag named without its "#" in a phrase (p-search4).
        const tag = await api('"FreeIran2026 banners"');
        assert.equal(tag.length, 1);
        assert.equal(tag[0]!.snippetHtml, 'Thousands marched under #<mark>FreeIran2026 banners</mark>.');
        const mek = await api('MEK');
        assert.equal(mek.length, 1);
        assert.equal(mek[0]!.titleHtml, '<mark>M\u0415K</mark> statement');
        assert.equal(mek[0]!.snippetHtml, 'Posted as <mark>𝐌𝐄𝐊</mark> on social media.');
        // "#" alone is no search: the API refuses it as it refuses an empty query.
        assert.equal((await app.request(`/api/v1/search?q=${encodeURIComponent('##')}`)).status, 400);
      } finally {
        await store.close();
      }
    });
  });
});
