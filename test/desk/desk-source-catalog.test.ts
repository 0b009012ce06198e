// Desk pages that name sources (the curation list's "Outlet · via Source" rows, the never-read
// list's source filter, the sources page's table) read them from the site's SourceCatalog, once per
// store change, as the public pages do: a view of an unchanged store reads no source list, so a
// newsroom's 3,000 sources are not read on every page view. A change (a source renamed) is shown
// at the next view. Counted with the store's onQuery hook, both dialects. The store's change stamp
// is the test's own, moved by the test's changes: PostgreSQL's moves with any transaction on the
// server (other tests' too), which would make "unchanged" a race; that a write moves the real one
// is the store contract's test (test/store/contract-search.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { forEachDialect, QueryCounter } from '../helpers/dialects.js';
import { newEntry } from '../helpers/entries.js';
import { mountDesk, type TestDesk } from './helpers.js';

const AT = Date.UTC(2026, 11, 1);
const SOURCES = 40;

/** Statements that read the sources table whole (no WHERE): the read of every source. */
const wholeSourceReads = (q: QueryCounter): string[] => q.statements.filter((s) => /\bFROM\s+sources\b/i.test(s) && !/\bWHERE\b/i.test(s));

async function fixture(store: Store): Promise<number> {
  let first = 0;
  for (let i = 0; i < SOURCES; i++) {
    const { source } = await store.sources.add({ url: `https://s${i}.example/feed.xml`, title: `Wire ${i}`, extractMode: 'always' });
    if (i === 0) first = source.id;
  }
  // An aggregator's item names its outlet: its row reads "Outlet · via Wire 0".
  await store.entries.saveBatch(first, [
    { ...newEntry('Aggregated story', 'A short teaser.', AT), outletName: 'The Outlet', outletUrl: 'https://outlet.example/' },
    newEntry('Own story', 'Short.', AT + 1),
  ]);
  return first;
}

/** Views `path` twice after a first (warm) view; returns the whole-source reads of the last two. */
async function viewsOf(desk: TestDesk, q: QueryCounter, path: string): Promise<{ reads: string[]; page: string }> {
  await (await desk.request(path)).text();
  q.reset();
  let page = '';
  for (let i = 0; i < 2; i++) {
    const res = await desk.request(path);
    assert.equal(res.status, 200, path);
    page = await res.text();
  }
  return { reads: wholeSourceReads(q), page };
}

forEachDialect((d) => {
  test('desk pages naming sources read them once per store change, not on every view', async () => {
    const q = new QueryCounter();
    const store = await d.open({ onQuery: q.onQuery });
    let stamp = 0;
    store.search.changeStamp = async () => `test-${stamp}`;
    const desk = await mountDesk(store);
    try {
      const first = await fixture(store);
      stamp++;
      for (const path of ['/desk/curation', '/desk/sources/never-read', '/desk/sources']) {
        const { reads, page } = await viewsOf(desk, q, path);
        assert.deepEqual(reads, [], `${path}: an unchanged store's view read every source`);
        assert.match(page, /Wire 0/, path);
      }
      const curation = await (await desk.request('/desk/curation')).text();
      assert.match(curation, /The Outlet/);
      // A change is seen at the next view: the catalog is read again, once.
      await store.sources.update(first, { title: 'Renamed wire' });
      stamp++;
      q.reset();
      const renamed = await (await desk.request('/desk/curation')).text();
      assert.match(renamed, /Renamed wire/);
      assert.equal(wholeSourceReads(q).length, 1);
    } finally {
      await desk.stop();
    }
  });
});
