// The desk's curation list names who published each row, as the public teaser does: the source
// (a link to its desk page) and, for an aggregator's item, its outlet first ("Outlet · via
// Source"). An editor deciding what to pin or hide judges a headline by its outlet; until this
// round the row showed only the headline and the date.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BASE_TIME, HOUR, entry } from '../web/helpers.js';
import { setLanguage, withDesk } from './helpers.js';

/** Each row of the curation list, by its entry id. */
function rows(page: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const m of page.matchAll(/<li id="e(\d+)" class="curation-row[^"]*">[\s\S]*?<\/li>/g)) out.set(Number(m[1]), m[0]);
  return out;
}

test('each curation row names its source, and an aggregator item its outlet "via" the source, in the editor language', async () => {
  await withDesk(async (desk, store) => {
    const { source: agg } = await store.sources.add({ url: 'https://aggregator.example/search.rss', title: 'Aggregator <Feed>' });
    const { source: plain } = await store.sources.add({ url: 'https://www.harbour.example/feed.xml' });
    const a = await store.entries.saveBatch(agg.id, [
      entry('g1', 'Harbour berth opens to the largest ships', 'The port opened a berth.', BASE_TIME - HOUR, {
        outletName: 'The Coastline Courier',
        outletUrl: 'javascript:alert(1)',
      }),
    ]);
    const p = await store.entries.saveBatch(plain.id, [entry('h1', 'Ferry timetable changes', 'The ferry changed.', BASE_TIME - 2 * HOUR)]);
    const outletRow = a.inserted[0]!.id;
    const plainRow = p.inserted[0]!.id;

    const en = rows(await (await desk.request('/desk/curation')).text());
    const aggLink = `<bdi><a href="/desk/sources/${agg.id}">Aggregator &lt;Feed&gt;</a></bdi>`;
    // The outlet's stored javascript: address is no link; the source's name is escaped.
    assert.match(
      en.get(outletRow)!,
      /<p class="meta"><bdi><span class="outlet">The Coastline Courier<\/span><\/bdi> · <span class="via" lang="en" dir="ltr">via /,
    );
    assert.ok(en.get(outletRow)!.includes(aggLink), en.get(outletRow));
    assert.doesNotMatch(en.get(outletRow)!, /javascript:/i);
    // A source with no title is named by its site's host, as on the public pages.
    assert.match(
      en.get(plainRow)!,
      new RegExp(`<p class="meta"><bdi><a href="/desk/sources/${plain.id}">harbour.example</a></bdi> · <time`),
    );
    assert.doesNotMatch(en.get(plainRow)!, /class="via"/);

    await setLanguage(store, 'Edith Editor', 'ar');
    const ar = rows(await (await desk.request('/desk/curation')).text());
    assert.match(ar.get(outletRow)!, /<span class="via" lang="ar" dir="rtl">عبر /);
  });
});
