// A `page` source through the real refresh pipeline: SQLite store, HTTP client, fixture site on
// 127.0.0.1. First import follows "next page"; a later poll reads the first page only.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import type { HttpFetcher } from '../../../src/ingest/fetch/index.js';
import { loopbackFetcher } from '../../helpers/loopback-fetcher.js';
import type { SchedulePolicy } from '../../../src/pipeline/next-check.js';
import { refreshSource } from '../../../src/pipeline/index.js';
import { SqliteStore } from '../../../src/store/sqlite/index.js';
import type { Store } from '../../../src/store/store.js';
import { startFixtureServer, type FixtureServer } from '../../helpers/fixture-server.js';
import { readFixture } from './fixtures.js';

const policy: SchedulePolicy = {
  defaultIntervalSeconds: 1800,
  minIntervalSeconds: 300,
  maxIntervalSeconds: 86400,
  maxBackoffSeconds: 6 * 3600,
};

describe('refreshSource for a page source', () => {
  let srv: FixtureServer;
  let fetcher: HttpFetcher;
  let store: Store;
  before(async () => {
    srv = await startFixtureServer();
    const page = readFixture('listing', 'ellipsis-flat.html').replace('<base href="http://lakesiderail.example/news/" />', '');
    // Page 2: other articles (other URLs and headlines; the store would merge same-headline items).
    const older = page
      .replace(/href="([a-z-]+)\/"/g, 'href="older-$1/"')
      .replace(/(<h3 class="storytitle"><a [^>]+>)/g, '$1Earlier: ')
      .replace('http://lakesiderail.example/news/page/2/', '/news/page/3/');
    srv.route('/news/', {
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: page.replace('http://lakesiderail.example/news/page/2/', '/news/page/2/'),
    });
    srv.route('/news/page/2/', { headers: { 'content-type': 'text/html; charset=utf-8' }, body: older });
    fetcher = loopbackFetcher(1 << 22);
    store = await SqliteStore.open({ path: join(mkdtempSync(join(tmpdir(), 'newsdesk-listing-')), 'test.db') });
  });
  after(async () => {
    await store.close();
    await fetcher.close();
    await srv.close();
  });

  it('stores the teasers of the listing and the next page, then only new ones', async () => {
    const { source } = await store.sources.add({ url: `${srv.url}/news/`, kind: 'page', settings: { firstImportPages: 2 } });
    const deps = { store, fetcher, policy, log: pino({ level: 'silent' }) };
    const first = await refreshSource(source, deps);
    assert.equal(first.outcome.kind, 'fetched', JSON.stringify(first.outcome));
    assert.equal(first.inserted.length, 10);
    const titles = first.inserted.map((e) => e.title);
    assert.ok(titles.includes('Steam engine returns to the branch line after overhaul'));
    assert.ok(titles.includes('Earlier: Steam engine returns to the branch line after overhaul'));
    const steam = first.inserted.find((e) => e.url === `${srv.url}/news/steam-engine-returns-to-the-branch-line/`);
    assert.ok(steam, 'entry with the absolute article URL');
    assert.ok(steam.text.endsWith('most of its boiler tubes'), steam.text);
    assert.equal(srv.hits('/news/page/2/'), 1);

    const again = await store.sources.get(source.id);
    assert.equal(again!.title, 'Lakeside Rail Society » News');
    const second = await refreshSource(again!, deps);
    assert.equal(second.inserted.length, 0);
    assert.equal(srv.hits('/news/page/2/'), 1, 'a later poll read past the first page');
  });
});
