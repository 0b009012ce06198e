// An aggregator's item (Google News-style RSS, `<source url="…">Outlet</source>`) names its outlet
// on the site, with the aggregator feed as "via" (p-outlet): on the teaser, the article page and the
// story page (its article list and the coverage lines). The outlet's address is a link only when it
// is a web one; an item with no outlet, or whose outlet is the source itself, reads as before.
// Both dialects: the story page's coverage reads the outlet in the stories queries.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { BASE_TIME, HOUR, entry, makeApp } from './helpers.js';

async function aggregator(store: Store) {
  const { source } = await store.sources.add({ url: 'https://aggregator.example/search.rss', title: 'Aggregator Feed' });
  const saved = await store.entries.saveBatch(source.id, [
    entry('o1', 'Harbour berth opens to the largest ships', 'The port opened a berth on Monday.', BASE_TIME - 1 * HOUR, {
      outletName: 'The Coastline Courier',
      outletUrl: 'https://courier.example/',
    }),
    // Stored by an older ingest or another path: the address is checked again when rendered.
    entry('o2', 'Storm warning issued for the coast', 'Forecasters issued a warning.', BASE_TIME - 2 * HOUR, {
      outletName: 'Estuary <Gazette>',
      outletUrl: 'javascript:alert(1)',
    }),
    entry('o3', 'Ferry timetable changes next week', 'The ferry company changed its timetable.', BASE_TIME - 3 * HOUR),
    entry('o4', 'Aggregator names itself', 'An item whose outlet is the feed itself.', BASE_TIME - 4 * HOUR, {
      outletName: ' aggregator FEED ',
      outletUrl: 'https://aggregator.example/',
    }),
  ]);
  const [courier, gazette, plain, self] = saved.inserted.map((e) => e.id) as [number, number, number, number];
  return { sourceId: source.id, courier, gazette, plain, self };
}

/** Each teaser of a page, by its entry id. */
function teasers(page: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const m of page.matchAll(/<article class="teaser[^"]*"[^>]*aria-labelledby="t(\d+)">[\s\S]*?<\/article>/g))
    out.set(Number(m[1]), m[0]);
  return out;
}

forEachDialect((d) => {
  describe('outlet names on the site', () => {
    it('a teaser names the outlet and "via" the source, in English and Arabic; a javascript: address is no link; others read as before', async () => {
      const store = await d.open();
      const ids = await aggregator(store);
      const app = makeApp(store);
      const read = async (lang: string) => (await app.request('/', { headers: { 'accept-language': lang } })).text();
      const src = `<bdi><a href="/sources/${ids.sourceId}">Aggregator Feed</a></bdi>`;
      const en = teasers(await read('en'));
      assert.match(
        en.get(ids.courier)!,
        new RegExp(
          `<p class="meta"><bdi><a class="outlet" href="https://courier.example/" rel="noopener noreferrer">The Coastline Courier</a></bdi> · <span class="via" lang="en" dir="ltr">via ${src}</span>`,
        ),
      );
      const ar = teasers(await read('ar'));
      assert.match(
        ar.get(ids.courier)!,
        new RegExp(`The Coastline Courier</a></bdi> · <span class="via" lang="ar" dir="rtl">عبر ${src}</span>`),
      );
      const fa = teasers(await read('fa'));
      assert.match(fa.get(ids.courier)!, new RegExp(`<span class="via" lang="fa" dir="rtl">از طریق ${src}</span>`));

      // The name escaped and shown as text: the stored javascript: address never becomes a link.
      const gazette = en.get(ids.gazette)!;
      assert.match(gazette, /<bdi><span class="outlet">Estuary &lt;Gazette&gt;<\/span><\/bdi> · <span class="via"/);
      assert.doesNotMatch(gazette, /javascript:/i);

      // No outlet: the source alone, as on main; an outlet that is the source: named once.
      for (const id of [ids.plain, ids.self]) {
        const t = en.get(id)!;
        assert.match(t, new RegExp(`<p class="meta">${src} <bdi`));
        assert.doesNotMatch(t, /class="via"|class="outlet"/);
      }
    });

    it('the article page names the outlet, "via" the source, and reads the original at the outlet', async () => {
      const store = await d.open();
      const ids = await aggregator(store);
      const app = makeApp(store);
      const page = await (await app.request(`/entries/${ids.courier}`, { headers: { 'accept-language': 'en' } })).text();
      assert.match(
        page,
        new RegExp(
          `From <bdi><a class="outlet" href="https://courier.example/" rel="noopener noreferrer">The Coastline Courier</a></bdi> · <span class="via" lang="en" dir="ltr">via <bdi><a href="/sources/${ids.sourceId}">Aggregator Feed</a></bdi></span>`,
        ),
      );
      assert.match(page, /Read the original at The Coastline Courier/);
      const plain = await (await app.request(`/entries/${ids.plain}`, { headers: { 'accept-language': 'en' } })).text();
      assert.match(plain, new RegExp(`From <bdi><a href="/sources/${ids.sourceId}">Aggregator Feed</a></bdi></span>`));
      assert.doesNotMatch(plain, /class="via"/);
    });

    it('the story page lists the outlet with its article, and a coverage line names it', async () => {
      const store = await d.open();
      const ids = await aggregator(store);
      const key = String(ids.courier);
      await store.stories.assign([
        { entryId: ids.courier, storyKey: key },
        { entryId: ids.plain, storyKey: key },
      ]);
      const storyId = (await store.entries.get(ids.courier))!.storyId!;
      const app = makeApp(store);
      const story = await (await app.request(`/stories/${storyId}`, { headers: { 'accept-language': 'en' } })).text();
      assert.match(
        story,
        new RegExp(
          `· <bdi><a class="outlet" href="https://courier.example/" rel="noopener noreferrer">The Coastline Courier</a></bdi> · <span class="via" lang="en" dir="ltr">via <bdi><a href="/sources/${ids.sourceId}">Aggregator Feed</a></bdi></span></p>`,
        ),
      );
      // The plain article's "Related stories" lists the courier's: its coverage line names the outlet, as text.
      const related = await (await app.request(`/entries/${ids.plain}`, { headers: { 'accept-language': 'en' } })).text();
      assert.match(
        related,
        /<span class="meta"><bdi><span class="outlet">The Coastline Courier<\/span><\/bdi> · <span class="via" lang="en" dir="ltr">via <bdi>Aggregator Feed<\/bdi><\/span>/,
      );
    });
  });
});
