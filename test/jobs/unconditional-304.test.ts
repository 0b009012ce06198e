// A server (or a cache in front of it) that answers 304 Not Modified to a request that carried no
// validators: there is nothing the answer can be "unchanged" from. Taken as not modified, the first
// check of a feed or a listing page stored nothing and the source read "ok" forever. Now the check
// fails with the HTTP status as its reason and is retried with backoff; a real conditional 304
// (validators stored and sent) is still "not modified". Real HTTP on 127.0.0.1, both dialects.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Scheduler } from '../../src/jobs/scheduler.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { type FixtureServer, rssFeed, startFixtureServer } from '../helpers/fixture-server.js';
import { silentLog, testConfig } from '../ingest/harness.js';

const FEED = rssFeed('Feed', [{ guid: 'g1', title: 'One', link: 'https://news.example/1', description: 'One.' }]);

forEachDialect((d) => {
  describe(`304 to an unconditional request (${d.name})`, () => {
    let srv: FixtureServer;
    before(async () => {
      srv = await startFixtureServer({
        '/always-304.xml': { status: 304 },
        '/listing/': { status: 304 },
        // An honest server: 304 only when the ETag it gave is sent back.
        '/honest.xml': (req, res) => {
          if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, { etag: '"v1"' }).end();
          res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(FEED);
        },
      });
    });
    after(async () => {
      await srv.close();
    });

    async function poll(store: Store): Promise<void> {
      const config = testConfig(join(mkdtempSync(join(tmpdir(), 'newsdesk-304-')), 'unused.db'));
      const scheduler = new Scheduler({ store, config, log: silentLog });
      try {
        await scheduler.pollOnce();
      } finally {
        await scheduler.close();
      }
    }

    test('a feed and a listing page answered 304 on their first check fail with the status, not "ok"', { timeout: 60_000 }, async () => {
      const store = await d.open();
      const now = await store.clock.now();
      const feed = (await store.sources.add({ url: `${srv.url}/always-304.xml` }, now)).source;
      const page = (await store.sources.add({ url: `${srv.url}/listing/`, kind: 'page' }, now)).source;
      await poll(store);
      for (const s of [feed, page]) {
        const after = await store.sources.get(s.id);
        assert.equal(after?.lastErrorKey, 'http:304', s.url);
        assert.match(after?.lastError ?? '', /not conditional/);
        assert.equal(after?.lastSuccessAt, null, `${s.url} never read, never a success`);
        assert.equal(after?.errorCount, 1);
      }
    });

    test('a conditional 304 is still "not modified"', { timeout: 60_000 }, async () => {
      const store = await d.open();
      const { source } = await store.sources.add({ url: `${srv.url}/honest.xml` }, await store.clock.now());
      await poll(store);
      await store.sources.update(source.id, { nextCheckAt: (await store.clock.now()) - 1 });
      srv.requests.length = 0;
      await poll(store);
      assert.equal(srv.requests[0]?.headers['if-none-match'], '"v1"');
      const after = await store.sources.get(source.id);
      assert.equal(after?.status, 'ok');
      assert.equal(after?.lastError, null);
      assert.equal(await store.entries.count({ sourceId: source.id }), 1);
    });
  });
});
