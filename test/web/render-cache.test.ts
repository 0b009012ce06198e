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

  it('forgets everything when the store changes', () => {
    const cache = new RenderCache(1_000_000);
    cache.get('s1', 'none');
    cache.set('s1', 'k', page(1000));
    assert.ok(cache.bytes > 0);
    assert.equal(cache.get('s2', 'k'), undefined);
    assert.equal(cache.bytes, 0);
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
