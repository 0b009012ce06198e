// Autodiscovery reads the page with the shared HTML decoder, so a feed link's title on a page in
// a legacy charset comes out as written.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import iconv from 'iconv-lite';
import { discoverFeeds } from '../../src/ingest/discover/index.js';
import type { HttpFetcher } from '../../src/ingest/fetch/index.js';
import { loopbackFetcher } from '../helpers/loopback-fetcher.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';

let srv: FixtureServer;
let fetcher: HttpFetcher;
before(async () => {
  srv = await startFixtureServer();
  fetcher = loopbackFetcher();
});
after(async () => {
  await fetcher.close();
  await srv.close();
});

it("a windows-1251 page's feed link title is read in the page's charset", async () => {
  const page = `<html><head><meta charset="windows-1251"><link rel="alternate" type="application/atom+xml" title="Новости дня" href="/ru/atom.xml"></head><body></body></html>`;
  srv.route('/ru/', { headers: { 'content-type': 'text/html' }, body: iconv.encode(page, 'windows-1251') });
  // A feed without a title of its own takes the link's.
  srv.route('/ru/atom.xml', {
    headers: { 'content-type': 'application/atom+xml' },
    body: '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>urn:1</id><title>x</title></entry></feed>',
  });
  const r = await discoverFeeds(fetcher, `${srv.url}/ru/`);
  assert.deepEqual(
    r.feeds.map((f) => [f.url, f.title]),
    [[`${srv.url}/ru/atom.xml`, 'Новости дня']],
  );
});
