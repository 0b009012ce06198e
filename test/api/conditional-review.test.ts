// Hostile review of the API's conditional requests (r-http). Two defects of p-http, each fixed at
// its cause: a DELETE whose If-Match is already stale entered the store's removal (on PostgreSQL:
// the story gate taken exclusively, every story of the source's entries locked, the sightings
// handed over, then all rolled back) before being refused; and the OpenAPI document described
// search's ETag as a strong validator of the bytes, which it is not (it is weak, and If-Match never
// matches it).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openApiDocument } from '../../src/api/openapi.js';
import type { Store } from '../../src/store/store.js';
import { auditCount } from '../desk/scenes.js';
import { forEachDialect } from '../helpers/dialects.js';
import { makeApp, populatedStore } from '../web/helpers.js';

const TOKEN = 'sekrit-token-123';
const auth = { authorization: `Bearer ${TOKEN}` };

/** `store` with its sources.remove calls counted. */
function countingRemovals(store: Store): { store: Store; removals: () => number } {
  let n = 0;
  const sources = new Proxy(store.sources, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function') return v;
      if (prop !== 'remove') return v.bind(target);
      return (...args: unknown[]) => {
        n++;
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: new Proxy(store, { get: (t, p, r) => (p === 'sources' ? sources : Reflect.get(t, p, r)) }), removals: () => n };
}

forEachDialect((d) => {
  describe('API conditional DELETE (r-http)', () => {
    it('a stale If-Match is refused on the route’s own read, without entering the store’s removal', async () => {
      const { store, ids } = await populatedStore(d.open);
      const counted = countingRemovals(store);
      const app = makeApp(counted.store, { apiToken: TOKEN });
      const res0 = await app.request(`/api/v1/sources/${ids.wire}`);
      const tag = res0.headers.get('etag') ?? '';
      await res0.arrayBuffer();
      for (const h of ['"stale"', `W/${tag}`, 'not-a-tag']) {
        const res = await app.request(`/api/v1/sources/${ids.wire}`, { method: 'DELETE', headers: { ...auth, 'if-match': h } });
        assert.equal(res.status, 412, h);
        assert.equal(((await res.json()) as { key: string }).key, 'precondition.failed');
      }
      const inm = await app.request(`/api/v1/sources/${ids.wire}`, { method: 'DELETE', headers: { ...auth, 'if-none-match': tag } });
      assert.equal(inm.status, 412);
      await inm.arrayBuffer();
      assert.equal(counted.removals(), 0, 'the removal’s transaction was entered for a condition already false');
      assert.ok(await store.sources.get(ids.wire));
      // The current tag still removes, through the store's checked removal.
      const ok = await app.request(`/api/v1/sources/${ids.wire}`, { method: 'DELETE', headers: { ...auth, 'if-match': tag } });
      assert.equal(ok.status, 204);
      assert.equal(counted.removals(), 1);
      assert.equal(await store.sources.get(ids.wire), undefined);
      assert.equal(await auditCount(store, 'source.remove'), 1);
      await store.close();
    });
  });
});

describe('OpenAPI: the ETag each read documents is the one it sends (r-http)', () => {
  it('search documents a weak tag, the other reads a strong one, and the answers match', async () => {
    const doc = openApiDocument('http://localhost') as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { headers?: Record<string, { description: string; schema: { pattern?: string } }> }> }>
      >;
    };
    const etagOf = (path: string, status: string) => doc.paths[path]!.get!.responses[status]!.headers!.ETag!;
    const search = etagOf('/search', '200');
    assert.match(search.description, /weak/i);
    assert.doesNotMatch(search.description, /strong validator/i);
    assert.equal(etagOf('/search', '304').schema.pattern, search.schema.pattern);
    const strong = etagOf('/sources/{id}', '200');
    assert.match(strong.description, /strong/i);

    const { store, ids } = await populatedStore();
    const app = makeApp(store, { apiToken: TOKEN });
    for (const [path, documented] of [
      ['/api/v1/search?q=court', search],
      [`/api/v1/sources/${ids.wire}`, strong],
      ['/api/v1/sources', etagOf('/sources', '200')],
    ] as const) {
      const res = await app.request(path);
      assert.equal(res.status, 200, path);
      await res.arrayBuffer();
      assert.ok(documented.schema.pattern, path);
      assert.match(res.headers.get('etag') ?? '', new RegExp(documented.schema.pattern), path);
    }
    await store.close();
  });
});
