// API edges noticed and left alone by earlier rounds (p-edges), each a defect fixed at its cause:
// on a private site the OpenAPI document, unknown addresses and 405s answered anonymous clients;
// a DELETE's audit row named the source as the route read it, not as the removal removed it; a
// source's `url` gave javascript:, data: and file: addresses to clients that render it as a link;
// and, from a hostile probe, a repeated query parameter and a date filter Date.parse misread were
// answered with a 200 as if the filter had been applied.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openApiDocument } from '../../src/api/openapi.js';
import { queryTime } from '../../src/api/query-time.js';
import { auditCount, hooked } from '../desk/scenes.js';
import { forEachDialect } from '../helpers/dialects.js';
import { makeApp, populatedStore } from '../web/helpers.js';
import { checked } from './contract.js';

const TOKEN = 'sekrit-token-123';
const auth = { authorization: `Bearer ${TOKEN}` };

forEachDialect((d) => {
  describe('a private site’s API answers nothing but 401 to an anonymous client (p-edges)', () => {
    it('the OpenAPI document, unknown addresses and 405s need a token too; a public site’s document stays open', async () => {
      const { store } = await populatedStore(d.open);
      try {
        for (const config of [{ siteAccess: 'private' as const }, { publicApi: false }]) {
          const app = makeApp(store, { apiToken: TOKEN, ...config });
          const asked: [string, string][] = [
            ['GET', '/api/openapi.json'],
            ['HEAD', '/api/openapi.json'],
            ['GET', '/api/nothing/%3Cb%3E'],
            ['GET', '/api/v1'],
            ['PATCH', '/api/v1/sources'],
            ['POST', '/api/openapi.json'],
            ['OPTIONS', '/api/v1/entries'],
          ];
          for (const [method, path] of asked) {
            const res = await app.request(path, { method });
            assert.equal(res.status, 401, `${method} ${path}`);
            assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/, `${method} ${path}`);
            const text = await res.text();
            assert.ok(!text.includes('openapi') || text.includes('"key"'), `${method} ${path} answered the document`);
            assert.ok(!text.includes('<b>'), `${method} ${path} echoed the path`);
          }
          // A bad token is refused as on every other read.
          assert.equal((await app.request('/api/openapi.json', { headers: { authorization: 'Bearer nope' } })).status, 401);
          // With the token: the document, and the API's own 404 and 405 as before.
          const doc = await app.request('/api/openapi.json', { headers: auth });
          assert.equal(doc.status, 200);
          assert.equal(doc.headers.get('cache-control'), 'private, no-cache');
          assert.equal(((await doc.json()) as { openapi: string }).openapi, '3.1.0');
          assert.equal((await app.request('/api/nothing', { headers: auth })).status, 404);
          const patch = await app.request('/api/v1/sources', { method: 'PATCH', headers: auth });
          assert.equal(patch.status, 405);
          assert.equal(patch.headers.get('allow'), 'GET, HEAD, POST');
        }
        // A public site: the document is open, a bad token not looked at (desk.md finding 15).
        const open = makeApp(store, { apiToken: TOKEN });
        assert.equal((await open.request('/api/openapi.json')).status, 200);
        assert.equal((await open.request('/api/openapi.json', { headers: { authorization: 'Bearer nope' } })).status, 200);
        assert.equal((await open.request('/api/nothing')).status, 404);
      } finally {
        await store.close();
      }
    });
  });

  describe('API DELETE: the audit row’s "before" is the source as removed (p-edges)', () => {
    it('a rename landing between the route’s read and the removal is the title recorded, with and without If-Match: *', async () => {
      const { store, ids } = await populatedStore(d.open);
      try {
        for (const [id, headers] of [
          [ids.wire, auth],
          [ids.arabic, { ...auth, 'if-match': '*' }],
        ] as const) {
          const other = async (): Promise<void> => {
            await store.sources.update(id, { title: `Renamed meanwhile ${id}` });
          };
          const app = checked(makeApp(hooked(store, 'sources', ['remove'], other), { apiToken: TOKEN }));
          const res = await app.request(`/api/v1/sources/${id}`, { method: 'DELETE', headers });
          assert.equal(res.status, 204);
          assert.equal(await store.sources.get(id), undefined);
          const rows = (await store.curation.audit({ action: 'source.remove', limit: 50 })).items.filter(
            (r) => r.target === `source:${id}`,
          );
          assert.equal(rows.length, 1);
          assert.deepEqual(rows[0]!.before, {
            url: id === ids.wire ? 'https://wire.example/feed.xml' : 'https://rafidain.example/rss',
            kind: 'feed',
            title: `Renamed meanwhile ${id}`,
          });
        }
        assert.equal(await auditCount(store, 'source.remove'), 2);
      } finally {
        await store.close();
      }
    });

    it('the store’s removal returns the row it removed; a false condition and a missing source return none', async () => {
      const { store, ids } = await populatedStore(d.open);
      try {
        assert.deepEqual(await store.sources.remove(ids.persian, () => false), { outcome: 'unmet' });
        await store.sources.update(ids.persian, { title: 'Last title' });
        const done = await store.sources.remove(ids.persian, () => true);
        assert.equal(done.outcome, 'removed');
        assert.equal(done.outcome === 'removed' ? done.before.title : undefined, 'Last title');
        assert.deepEqual(await store.sources.remove(ids.persian, () => true), { outcome: 'missing' });
      } finally {
        await store.close();
      }
    });
  });

  describe('API sources: an address that is not http(s) is never given as `url` (p-edges)', () => {
    it('javascript:, data: and file: addresses are null with urlWithheld; web ones unchanged; all as documented', async () => {
      const { store, ids } = await populatedStore(d.open);
      try {
        const bad = [
          'javascript:alert(document.domain)//',
          ' JaVa\tScRiPt:alert(1)',
          'data:text/html,<script>alert(1)</script>',
          'file:///srv/private/feeds/local.xml',
        ];
        const badIds: number[] = [];
        for (const url of bad) badIds.push((await store.sources.add({ url, title: 'Odd' })).source.id);
        await store.sources.update(ids.wire, {
          previousUrls: [
            { url: 'javascript:alert(2)', movedAt: Date.UTC(2026, 0, 1) },
            { url: 'https://old.example/feed.xml', movedAt: Date.UTC(2026, 0, 2) },
          ],
        });
        const app = checked(makeApp(store, { apiToken: TOKEN }));
        for (const id of badIds) {
          const res = await app.request(`/api/v1/sources/${id}`);
          assert.equal(res.status, 200);
          const text = await res.text();
          const body = JSON.parse(text) as { url: string | null; urlWithheld: boolean; links: { page: string } };
          assert.equal(body.url, null, text);
          assert.equal(body.urlWithheld, true);
          assert.equal(body.links.page, `http://localhost/sources/${id}`);
          assert.ok(!/javascript:|data:text|file:/i.test(text), text);
        }
        const list = (await (await app.request('/api/v1/sources')).json()) as {
          items: { id: number; url: string | null; urlWithheld: boolean; previousUrls: { url: string | null }[] }[];
        };
        const wire = list.items.find((s) => s.id === ids.wire)!;
        assert.equal(wire.url, 'https://wire.example/feed.xml');
        assert.equal(wire.urlWithheld, false);
        assert.deepEqual(
          wire.previousUrls.map((m) => m.url),
          [null, 'https://old.example/feed.xml'],
        );
        for (const s of list.items) assert.equal(s.urlWithheld, badIds.includes(s.id));
        // The document says so where a client reads the field.
        const doc = openApiDocument('http://localhost') as {
          components: { schemas: Record<string, { properties: Record<string, unknown> }> };
        };
        const url = doc.components.schemas.SourceFields!.properties.url as { type: string[]; description: string };
        assert.deepEqual(url.type, ['string', 'null']);
        assert.match(url.description, /never given/);
      } finally {
        await store.close();
      }
    });
  });
});

forEachDialect((d) => {
  describe('API queries: a repeated parameter or a misread date is a 400, not another filter (p-edges)', () => {
    it('a parameter given twice is refused on every route that reads it, in either order', async () => {
      const { store, ids } = await populatedStore(d.open);
      try {
        const app = checked(makeApp(store, { apiToken: TOKEN }));
        const ids0 = (await store.entries.list({ limit: 2 })).items.map((e) => e.id);
        await store.stories.assign(ids0.map((entryId) => ({ entryId, storyKey: 'edges' })));
        const story = (await store.entries.getMany([ids0[0]!]))[0]!.storyId!;
        const asked = [
          `/api/v1/entries?source=${ids.wire}&source=abc`,
          `/api/v1/entries?source=abc&source=${ids.wire}`,
          `/api/v1/entries?source=${ids.wire}&source=${ids.arabic}`,
          '/api/v1/entries?limit=1&limit=500',
          '/api/v1/entries?since=2026-01-01&since=2020-01-01',
          '/api/v1/stories?limit=1&limit=2',
          `/api/v1/stories/${story}?offset=0&offset=1`,
          '/api/v1/search?q=court&q=harbour',
          '/api/v1/search?q=court&lang=en&lang=ar',
        ];
        for (const path of asked) {
          const res = await app.request(path);
          assert.equal(res.status, 400, path);
          const body = (await res.json()) as { key: string; error: string };
          assert.equal(body.key, 'query.repeated', path);
          assert.match(body.error, /is given more than once/, path);
        }
        // Unknown parameters stay ignored, and one of each still reads.
        assert.equal((await app.request(`/api/v1/entries?source=${ids.wire}&x=1&x=2`)).status, 200);
        assert.equal((await app.request(`/api/v1/stories/${story}?offset=0`)).status, 200);
      } finally {
        await store.close();
      }
    });

    it('since/until take an ISO date or an RFC 3339 date-time only, a real one', async () => {
      const { store } = await populatedStore(d.open);
      try {
        const app = checked(makeApp(store, { apiToken: TOKEN }));
        // Each was a 200 filtered by something else: "1" and "-1" read as 2001, "0" as 2000,
        // "2026-02-30" as 2 March.
        for (const v of [
          '1',
          '0',
          '-1',
          '2026',
          '2026-03',
          'March 7, 2026',
          '2026-02-30',
          '2026-02-29',
          '2026-04-31T00:00:00Z',
          '2026-03-07T24:00:00Z',
        ]) {
          for (const name of ['since', 'until']) {
            for (const route of ['/api/v1/entries', '/api/v1/search?q=court&']) {
              const path = `${route}${route.includes('?') ? '' : '?'}${name}=${encodeURIComponent(v)}`;
              const res = await app.request(path);
              assert.equal(res.status, 400, path);
              assert.equal(((await res.json()) as { key: string }).key, 'date.invalid', path);
            }
          }
        }
        for (const v of ['2024-02-29', '2026-03-07', '2026-03-07T10:00:00Z', '2026-03-07 10:00', '2026-03-07T10:00:00.5+03:30']) {
          assert.equal((await app.request(`/api/v1/entries?since=${encodeURIComponent(v)}`)).status, 200, v);
        }
      } finally {
        await store.close();
      }
    });
  });
});

describe('queryTime: the instant each accepted form names (p-edges)', () => {
  it('dates are midnight UTC, date-times without an offset UTC, offsets applied', () => {
    assert.equal(queryTime(undefined), undefined);
    assert.equal(queryTime(''), undefined);
    assert.equal(queryTime('2026-03-07'), Date.UTC(2026, 2, 7));
    assert.equal(queryTime('2026-03-07T10:00:00'), Date.UTC(2026, 2, 7, 10));
    assert.equal(queryTime('2026-03-07t10:00z'), Date.UTC(2026, 2, 7, 10));
    assert.equal(queryTime('2026-03-07T10:00:00.123456789Z'), Date.UTC(2026, 2, 7, 10, 0, 0, 123));
    assert.equal(queryTime('2026-03-07T10:00:00+03:30'), Date.UTC(2026, 2, 7, 6, 30));
    assert.equal(queryTime('2026-03-07T10:00:00-05:00'), Date.UTC(2026, 2, 7, 15));
    assert.equal(queryTime('2026-03-07T10:00:00+0330'), Date.UTC(2026, 2, 7, 6, 30), 'an offset without its colon');
    assert.equal(queryTime('2026-03-07T10:00:00+2400'), 'bad');
    assert.equal(queryTime('0001-01-01'), -62135596800000, 'year 1, not 1901');
    assert.equal(queryTime('2000-02-29'), Date.UTC(2000, 1, 29));
    for (const bad of [
      '1900-02-29',
      '2026-00-10',
      '2026-13-01',
      '2026-01-32',
      '2026-03-07T10:60:00Z',
      '2026-03-07T10:00:60Z',
      '2026-03-07T10:00:00+24:00',
      '2026-03-07T10:00:00+030',
      '2026-03-07T10:00:00+03:0',
      ' 2026-03-07',
      '2026-03-07T10',
      '1e3',
    ]) {
      assert.equal(queryTime(bad), 'bad', bad);
    }
  });
});

// r-edges: RFC 3339's fraction is "." 1*DIGIT; a tenth digit was a 400 (Date.parse had read it), and
// a fraction read as a Number rounds a run of nines up to a whole second (.99999999999999999 = 1).
describe('queryTime at the edges (r-edges)', () => {
  it('takes a fraction of any length, counting its milliseconds only; years 0000–9999 with any offset', () => {
    assert.equal(queryTime('2026-03-07T10:00:00.1234567891Z'), Date.UTC(2026, 2, 7, 10, 0, 0, 123));
    assert.equal(queryTime('2026-03-07T10:00:00.000000000001Z'), Date.UTC(2026, 2, 7, 10));
    assert.equal(queryTime(`2026-12-31T23:59:59.${'9'.repeat(30)}Z`), Date.UTC(2026, 11, 31, 23, 59, 59, 999), 'not the next year');
    assert.equal(queryTime('2026-03-07T10:00:00.5Z'), Date.UTC(2026, 2, 7, 10, 0, 0, 500));
    assert.equal(queryTime('2024-02-29T12:00:00+14:00'), Date.UTC(2024, 1, 28, 22));
    assert.equal(queryTime('2024-02-29T12:00:00-12:00'), Date.UTC(2024, 1, 30 - 1, 24));
    assert.equal(queryTime('0000-02-29'), -62162121600000, 'year 0 is a leap year (proleptic Gregorian)');
    assert.equal(queryTime('9999-12-31T23:59:59-12:00'), 253402343999000);
    for (const bad of ['2026-03-07T10:00:00.Z', '2026-03-07T10:00.5Z', '2026-03-07T24:00:00Z', '2023-02-29']) {
      assert.equal(queryTime(bad), 'bad', bad);
    }
  });
});
