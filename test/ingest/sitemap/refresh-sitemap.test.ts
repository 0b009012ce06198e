// A `sitemap` source through the real refresh pipeline: SQLite store, HTTP client, fixture site
// on 127.0.0.1. The lastmod cursor is stored in the source's settings and narrows later polls.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import type { HttpFetcher } from '../../../src/ingest/fetch/index.js';
import { loopbackFetcher } from '../../helpers/loopback-fetcher.js';
import type { SchedulePolicy } from '../../../src/pipeline/next-check.js';
import { refreshSource } from '../../../src/pipeline/index.js';
import { SqliteStore } from '../../../src/store/sqlite/index.js';
import type { Store } from '../../../src/store/store.js';
import { startFixtureServer, type FixtureServer } from '../../helpers/fixture-server.js';

const policy: SchedulePolicy = {
  defaultIntervalSeconds: 1800,
  minIntervalSeconds: 300,
  maxIntervalSeconds: 86400,
  maxBackoffSeconds: 6 * 3600,
};

const urlset = (base: string, items: Array<[string, string, string]>): string =>
  `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">${items
    .map(
      ([p, d, t]) =>
        `<url><loc>${base}${p}</loc><lastmod>${d}</lastmod><news:news><news:publication><news:name>Valley Courier</news:name><news:language>en</news:language></news:publication>` +
        `<news:publication_date>${d}</news:publication_date><news:title>${t}</news:title></news:news></url>`,
    )
    .join('')}</urlset>`;

describe('refreshSource for a sitemap source', () => {
  let srv: FixtureServer;
  let fetcher: HttpFetcher;
  let store: Store;
  before(async () => {
    srv = await startFixtureServer();
    const b = srv.url;
    srv.route('/sitemap_index.xml', {
      headers: { 'content-type': 'application/xml' },
      body: `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <sitemap><loc>${b}/s/may.xml.gz</loc><lastmod>2025-05-31T22:00:00Z</lastmod></sitemap>
        <sitemap><loc>${b}/s/june.xml.gz</loc><lastmod>2025-06-10T10:00:00Z</lastmod></sitemap></sitemapindex>`,
    });
    srv.route('/s/may.xml.gz', {
      body: gzipSync(urlset(b, [['/news/council-budget-agreed', '2025-05-31T22:00:00Z', 'Council budget agreed after a long night']])),
    });
    srv.route('/s/june.xml.gz', {
      body: gzipSync(
        urlset(b, [
          ['/news/mill-bridge-reopens', '2025-06-10T10:00:00Z', 'Mill bridge reopens after eight months of repairs'],
          ['/news/cherry-harvest-early', '2025-06-09T08:00:00Z', 'Cherry growers expect an early harvest'],
        ]),
      ),
    });
    fetcher = loopbackFetcher(1 << 22);
    store = await SqliteStore.open({ path: join(mkdtempSync(join(tmpdir(), 'newsdesk-sitemap-')), 'test.db') });
  });
  after(async () => {
    await store.close();
    await fetcher.close();
    await srv.close();
  });

  it('stores the news URLs, keeps the cursor in settings, and skips unchanged children later', async () => {
    const { source } = await store.sources.add({ url: `${srv.url}/sitemap_index.xml`, kind: 'sitemap' });
    const deps = { store, fetcher, policy, log: pino({ level: 'silent' }) };
    const first = await refreshSource(source, deps);
    assert.equal(first.outcome.kind, 'fetched', JSON.stringify(first.outcome));
    assert.deepEqual(first.inserted.map((e) => e.title).sort(), [
      'Cherry growers expect an early harvest',
      'Council budget agreed after a long night',
      'Mill bridge reopens after eight months of repairs',
    ]);
    const stored = await store.sources.get(source.id);
    assert.equal(stored!.settings.sitemapCursor, '2025-06-10T10:00:00Z');
    assert.equal(stored!.title, 'Valley Courier');

    const mayHits = srv.hits('/s/may.xml.gz');
    const second = await refreshSource(stored!, deps);
    assert.equal(second.inserted.length, 0);
    assert.equal(srv.hits('/s/may.xml.gz'), mayHits, 'an unchanged child sitemap was read again');
  });

  it('capped by maxNewEntriesPerCheck, keeps the cursor where it was so the next checks take the rest', async () => {
    const b = srv.url;
    const items: Array<[string, string, string]> = Array.from({ length: 7 }, (_, i) => [
      `/big/${i}`,
      `2025-07-0${i + 1}T10:00:00Z`,
      `Big story number ${i}`,
    ]);
    srv.route('/big-sitemap.xml', { headers: { 'content-type': 'application/xml' }, body: urlset(b, items) });
    const { source } = await store.sources.add({ url: `${srv.url}/big-sitemap.xml`, kind: 'sitemap' });
    const deps = { store, fetcher, policy, log: pino({ level: 'silent' }), maxNewEntriesPerCheck: 3 };
    const first = await refreshSource(source, deps);
    assert.equal(first.capped, true);
    assert.deepEqual(first.inserted.map((e) => e.title).sort(), ['Big story number 4', 'Big story number 5', 'Big story number 6']);
    assert.equal((await store.sources.get(source.id))!.settings.sitemapCursor, undefined, 'cursor advanced past entries not taken');
    const second = await refreshSource((await store.sources.get(source.id))!, deps);
    assert.equal(second.inserted.length, 3);
    const third = await refreshSource((await store.sources.get(source.id))!, deps);
    assert.equal(third.inserted.length, 1);
    assert.equal(third.capped, undefined);
    assert.equal(await store.entries.count({ sourceId: source.id }), 7);
    assert.equal((await store.sources.get(source.id))!.settings.sitemapCursor, '2025-07-07T10:00:00Z');
  });
});
