// Hostile review of p-edges (r-edges): every "older"/"newer" link the API, the site and the desk
// write must be read back by the same server. Entries published before 1970 have negative times,
// and a story's last publication then too: the API's story cursor (`-86400000.3`) was refused as
// cursor.storyInvalid, so a client paging the stories stopped at the first story dated before 1970.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { asViewer, editor } from '../helpers/as-viewer.js';
import { forEachDialect } from '../helpers/dialects.js';
import { BASE_TIME, entry, makeApp } from './helpers.js';

const DAY = 86_400_000;
// Recent, 1 Jan 1970 minus a day, 1900, 1969: the order the listings walk is newest first.
const TIMES = [BASE_TIME, -DAY, Date.UTC(1900, 0, 1), Date.UTC(1969, 6, 20)];

async function oldStore(open: () => Promise<Store>): Promise<Store> {
  const store = await open();
  const src = (await store.sources.add({ url: 'https://archive.example/feed.xml', title: 'Archive' })).source.id;
  const saved = (
    await store.entries.saveBatch(
      src,
      TIMES.map((t, i) => entry(`old-${i}`, `Archive piece ${i}`, `Archived text number ${i} about the harbour.`, t)),
    )
  ).inserted;
  await store.stories.assign(saved.map((e, i) => ({ entryId: e.id, storyKey: `old-${i}` })));
  return store;
}

/** Follows `next(page)` from `first` until none; every page must answer 200; returns the pages read. */
async function walk<T>(first: string, read: (path: string) => Promise<{ status: number; page: T }>, next: (p: T) => string | undefined) {
  const seen: T[] = [];
  let path: string | undefined = first;
  while (path && seen.length < 20) {
    const { status, page } = await read(path);
    assert.equal(status, 200, path);
    seen.push(page);
    path = next(page);
  }
  return seen;
}

forEachDialect((d) => {
  describe("the desk's curation list pages through entries dated before 1970 (r-edges)", () => {
    it('its older link (a negative cursor) reads the next page', async () => {
      const store = await d.open();
      try {
        const src = (await store.sources.add({ url: 'https://archive.example/feed.xml', title: 'Archive' })).source.id;
        // More than the desk's page (25), every one before 1970.
        const n = 30;
        await store.entries.saveBatch(
          src,
          Array.from({ length: n }, (_, i) => entry(`d-${i}`, `Dated piece ${i}`, `Old text ${i}.`, -(i + 1) * DAY)),
        );
        const app = asViewer(makeApp(store), store, () => editor());
        const read = async (path: string) => {
          const res = await app.request(path);
          return { status: res.status, page: await res.text() };
        };
        const next = (page: string) => /<a href="([^"]+)" rel="next"/.exec(page)?.[1]?.replaceAll('&amp;', '&');
        const pages = await walk('/desk/curation', read, next);
        assert.equal(pages.length, 2);
        assert.match(next(pages[0]!) ?? '', /older=-\d+\.\d+/);
        const titles = pages.join('').match(/Dated piece \d+/g) ?? [];
        assert.equal(new Set(titles).size, n, 'every entry listed');
      } finally {
        await store.close();
      }
    });
  });

  describe('a cursor past 2^53 names no page (r-edges)', () => {
    it('is 400 notCanonical: Number() read it as another, so two addresses named one page', async () => {
      const store = await oldStore(d.open);
      try {
        const app = makeApp(store, { pageSize: 1 });
        const req = (path: string) => app.request(path, { headers: { host: 'localhost' } });
        const big = '9007199254740993'; // 2^53 + 1: Number() reads 2^53
        for (const path of [`/api/v1/entries?after=1.${big}`, `/api/v1/entries?before=${big}.1`, `/api/v1/stories?after=-${big}.1`]) {
          const res = await req(path);
          assert.equal(res.status, 400, path);
          assert.equal(((await res.json()) as { key: string }).key, 'cursor.notCanonical', path);
        }
        const site = await req(`/?older=1.${big}`);
        assert.equal(site.status, 400);
        assert.match(await site.text(), /written otherwise than this site writes its links/);
        // The largest exact numbers are still cursors.
        assert.equal((await req('/api/v1/entries?after=9007199254740991.9007199254740991')).status, 200);
        assert.equal((await req('/api/v1/stories?after=-9007199254740991.1')).status, 200);
      } finally {
        await store.close();
      }
    });
  });

  describe('every page link the server writes is one it reads (r-edges)', () => {
    it('API stories, API entries both ways, the site and the desk page through entries dated before 1970', async () => {
      const store = await oldStore(d.open);
      try {
        const app = makeApp(store, { pageSize: 1 });
        const json = async (path: string) => {
          const res = await app.request(path, { headers: { host: 'localhost' } });
          return {
            status: res.status,
            page: (await res.json()) as { items: unknown[]; cursors: { older: string | null; newer?: string | null } },
          };
        };
        const stories = await walk('/api/v1/stories?limit=1', json, (p) =>
          p.cursors.older ? `/api/v1/stories?limit=1&after=${p.cursors.older}` : undefined,
        );
        assert.equal(stories.flatMap((p) => p.items).length, TIMES.length, 'every story reached');
        const older = await walk('/api/v1/entries?limit=1', json, (p) =>
          p.cursors.older ? `/api/v1/entries?limit=1&after=${p.cursors.older}` : undefined,
        );
        assert.equal(older.flatMap((p) => p.items).length, TIMES.length, 'every entry reached');
        const last = older.at(-1)?.cursors.newer;
        assert.ok(last);
        const newer = await walk(`/api/v1/entries?limit=1&before=${last}`, json, (p) =>
          p.cursors.newer ? `/api/v1/entries?limit=1&before=${p.cursors.newer}` : undefined,
        );
        assert.equal(newer.flatMap((p) => p.items).length, TIMES.length - 1, 'back to the newest');

        const html = async (path: string) => {
          const res = await viewerApp.request(path, { headers: { host: 'localhost' } });
          return { status: res.status, page: await res.text() };
        };
        const link = (rel: string) => (page: string) =>
          new RegExp(`<a href="([^"]+)" rel="${rel}"`).exec(page)?.[1]?.replaceAll('&amp;', '&');
        const viewerApp = asViewer(makeApp(store, { pageSize: 1 }), store, () => editor());
        const site = await walk('/', html, link('next'));
        assert.equal(site.length, TIMES.length, 'the front page reaches every entry');
        const back = site.at(-1);
        assert.ok(back);
        assert.equal((await walk(link('prev')(back) ?? '/', html, link('prev'))).length, TIMES.length - 1);
        const desk = await walk('/desk/curation', html, link('next'));
        assert.ok(desk.length >= 1);
      } finally {
        await store.close();
      }
    });
  });
});
