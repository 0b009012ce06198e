// Finding 4 of issue 9: the render cache is bounded by bytes (compressed copies included), keyed
// by what a page reads (parameters it ignores make no new entries), and keeps no outliers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import type { Store } from '../../src/store/store.js';
import { RenderCache, rendered } from '../../src/web/respond.js';
import { entry, BASE_TIME, makeApp, populatedStore } from './helpers.js';

/** A cache that has seen the store stamp 's' (entries are kept only for the stamp it last saw). */
function cacheOf(maxBytes: number, maxEntryBytes?: number): RenderCache {
  const c = new RenderCache(maxBytes, maxEntryBytes);
  c.get('s', 'none');
  return c;
}

const page = (bytes: number, seed = 0) => rendered(Buffer.alloc(bytes, 97 + (seed % 26)), 'text/html; charset=utf-8');

describe('RenderCache', () => {
  it('holds at most its byte budget, evicting the least recently used', () => {
    const cache = cacheOf(100_000, 50_000);
    for (let i = 0; i < 50; i++) {
      cache.set('s', `k${i}`, page(9_000, i));
      assert.ok(cache.bytes <= 100_000, `after ${i + 1} pages: ${cache.bytes} bytes`);
    }
    assert.ok(cache.size >= 9 && cache.size <= 11, `about ten pages of 9 kB fit: ${cache.size}`);
    assert.ok(cache.get('s', 'k49'));
    assert.equal(cache.get('s', 'k0'), undefined);
  });

  it('does not keep an entry larger than its per-entry limit (a sixteenth of the budget by default)', () => {
    const cache = cacheOf(1_600_000);
    assert.equal(cache.maxEntryBytes, 100_000);
    cache.set('s', 'small', page(1000));
    cache.set('s', 'big', page(200_000));
    assert.equal(cache.get('s', 'big'), undefined);
    assert.ok(cache.get('s', 'small'), 'an outlier does not push ordinary pages out');
  });

  it('counts compressed copies added after the entry was stored', () => {
    const cache = cacheOf(1_000_000, 1_000_000);
    const r = page(10_000);
    cache.set('s', 'k', r);
    const before_ = cache.bytes;
    r.gzip = Buffer.alloc(3000);
    r.br = Buffer.alloc(2000);
    cache.recount('k');
    assert.equal(cache.bytes, before_ + 5000);
  });

  it('answers get() only for the current store, latest() with the last rendering and its age', () => {
    const cache = new RenderCache(1_000_000);
    cache.set('s1', 'k', page(1000), 1_000);
    assert.ok(cache.get('s1', 'k'));
    assert.equal(cache.get('s2', 'k'), undefined, 'a rendering of an older store is not current');
    const kept = cache.latest('k');
    assert.equal(kept?.stamp, 's1');
    assert.equal(kept?.at, 1_000);
  });

  it('keeps the rendering begun last, even when an older one finishes after it', () => {
    const cache = new RenderCache(1_000_000);
    cache.set('s2', 'k', page(1000, 2), 2_000);
    cache.set('s1', 'k', page(1000, 1), 1_000);
    assert.equal(cache.latest('k')?.stamp, 's2');
    cache.set('s3', 'k', page(1000, 3), 3_000);
    assert.equal(cache.latest('k')?.stamp, 's3');
  });
});

describe('render cache in the site', () => {
  let store: Store;
  let app: Hono;
  before(async () => {
    store = (await populatedStore()).store;
    app = makeApp(store, { renderCacheBytes: 4 * 1024 * 1024 });
  });
  after(() => store.close());

  const gauge = async (name: string): Promise<number> => {
    const m = /\n(\S+) (\d+)/.exec((await (await app.request('/metrics')).text()).split(`# TYPE ${name} gauge`)[1] ?? '');
    return Number(m?.[2] ?? NaN);
  };

  it('parameters a page does not read make no new entries', async () => {
    await app.request('/entries/1');
    await app.request('/');
    const entries = await gauge('newsdesk_render_cache_entries');
    for (let i = 0; i < 40; i++) {
      assert.equal((await app.request(`/entries/1?v=${i}`)).status, 200);
      assert.equal((await app.request(`/?utm_source=${i}&x=${'y'.repeat(i)}`)).status, 200);
      assert.equal((await app.request(`/search?q=court&from=junk${i}`)).status, 200);
      assert.equal((await app.request(`/feed.rss?n=${i}`)).status, 200);
    }
    // The search page and the feed are new pages; the forty variants of each are not.
    assert.equal(await gauge('newsdesk_render_cache_entries'), entries + 2);
  });

  it('the bytes gauge never exceeds the configured budget', async () => {
    const wire = (await store.sources.list())[0]!.id;
    await store.entries.saveBatch(
      wire,
      Array.from({ length: 30 }, (_, i) => entry(`big${i}`, `Long story ${i}`, `Paragraph ${i}. `.repeat(8000), BASE_TIME - i * 1000)),
    );
    for (let i = 1; i <= 36; i++) await app.request(`/entries/${i}`, { headers: { 'accept-encoding': 'br, gzip' } });
    const bytes = await gauge('newsdesk_render_cache_bytes');
    assert.ok(bytes > 0 && bytes <= 4 * 1024 * 1024, `${bytes} bytes`);
  });
});

describe('stale-while-revalidate under store changes', () => {
  const newest = async (app: Hono): Promise<string> => {
    const body = await (await app.request('/')).text();
    return /Fresh wire story \d+/.exec(body)?.[0] ?? 'none';
  };
  const add = async (store: Store, n: number): Promise<void> => {
    const wire = (await store.sources.list())[0]!.id;
    await store.entries.saveBatch(wire, [entry(`fresh${n}`, `Fresh wire story ${n}`, 'Filed just now.', Date.now() + n)]);
  };

  it('serves the last rendering at once after another process writes, and the new entry on a following read', async () => {
    const { store } = await populatedStore();
    try {
      const app = makeApp(store, { renderCacheBytes: 4 * 1024 * 1024, renderStaleMs: 60_000 });
      await add(store, 1);
      assert.equal(await newest(app), 'Fresh wire story 1');
      await add(store, 2); // as a worker would: straight to the store, not through this app
      assert.equal(await newest(app), 'Fresh wire story 1', 'the kept page is served while a fresh one renders');
      let seen = 'none';
      for (let i = 0; i < 750 && seen !== 'Fresh wire story 2'; i++) {
        await new Promise((r) => setTimeout(r, 20));
        seen = await newest(app);
      }
      assert.equal(seen, 'Fresh wire story 2', 'the rendering started beside it is served next');
    } finally {
      await store.close();
    }
  });

  it('asks the store for its change stamp at most once a refresh interval while a page is read', async () => {
    const { store } = await populatedStore();
    try {
      // The render cache reads a stepped clock: the refresh interval (a second) is judged on it, not
      // on how fast this machine answers twenty requests.
      let now = Date.UTC(2026, 10, 1);
      const app = makeApp(store, { renderCacheBytes: 4 * 1024 * 1024, renderStaleMs: 60_000 }, { renderClock: () => now });
      await app.request('/');
      let asked = 0;
      const changeStamp = store.search.changeStamp.bind(store.search);
      store.search.changeStamp = () => {
        asked++;
        return changeStamp();
      };
      const read20 = async (): Promise<void> => {
        for (let i = 0; i < 20; i++) assert.equal((await app.request('/')).status, 200);
      };
      await read20();
      now += 999;
      await read20();
      assert.equal(asked, 0, 'within the interval the kept page is served without asking');
      now += 2;
      await read20();
      assert.equal(asked, 1, 'past it, asked once (in the background) for twenty reads');
      now += 500;
      await read20();
      assert.equal(asked, 1, 'the answer confirmed the kept page: its interval starts again');
    } finally {
      await store.close();
    }
  });

  it('never serves a rendering older than renderStaleMs after the store changed', async () => {
    const { store } = await populatedStore();
    try {
      const app = makeApp(store, { renderCacheBytes: 4 * 1024 * 1024, renderStaleMs: 150 });
      await add(store, 1);
      assert.equal(await newest(app), 'Fresh wire story 1');
      await new Promise((r) => setTimeout(r, 300));
      await add(store, 2);
      assert.equal(await newest(app), 'Fresh wire story 2', 'past the bound the reader waits for a fresh page');
      const off = makeApp(store, { renderCacheBytes: 4 * 1024 * 1024, renderStaleMs: 0 });
      assert.equal(await newest(off), 'Fresh wire story 2');
      await add(store, 3);
      assert.equal(await newest(off), 'Fresh wire story 3', '0: every change is rendered before it is served');
    } finally {
      await store.close();
    }
  });

  it('a write through this process (the API) is shown on the next read, whatever the bound', async () => {
    const { store } = await populatedStore();
    try {
      const app = makeApp(store, { renderCacheBytes: 4 * 1024 * 1024, renderStaleMs: 60_000 });
      await add(store, 1);
      assert.equal(await newest(app), 'Fresh wire story 1');
      await add(store, 2);
      // Any non-GET request counts as this process's write, whatever its answer.
      await app.request('/api/v1/sources', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      assert.equal(await newest(app), 'Fresh wire story 2');
    } finally {
      await store.close();
    }
  });
});
