// The desk's preview and fetch now parse feeds in the composition root's ParsePool, not on the
// thread that serves pages: buildDeskFunctions given a real pool (wrapped only to note the thread
// each parse ran on) against a feed on 127.0.0.1.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { threadId } from 'node:worker_threads';
import { createLogger } from '../../src/log/logger.js';
import { ParsePool, type DocumentParser } from '../../src/pipeline/parse-pool.js';
import { buildDeskFunctions } from '../../src/server/desk.js';
import { forEachDialect } from '../helpers/dialects.js';
import { rssFeed, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { deskConfig } from './helpers.js';

let srv: FixtureServer;
let pool: ParsePool;
before(async () => {
  srv = await startFixtureServer({
    '/feed.xml': {
      headers: { 'content-type': 'application/rss+xml' },
      body: rssFeed('Wire', [
        { guid: 'a', title: 'Ferry timetable changes', link: 'https://news.example/a' },
        { guid: 'b', title: 'Bridge repairs begin', link: 'https://news.example/b' },
      ]),
    },
  });
  pool = new ParsePool({ size: 1 });
});
after(async () => {
  await pool.close();
  await srv.close();
});

forEachDialect((d) => {
  test('preview teasers and fetch now are parsed in the pool’s worker', { timeout: 60_000 }, async () => {
    const store = await d.open();
    const threads: number[] = [];
    const parser: DocumentParser = {
      parse: async (job, signal) => {
        const doc = await pool.parse(job, signal);
        threads.push(doc.threadId);
        return doc;
      },
      close: async () => undefined,
    };
    try {
      const desk = buildDeskFunctions({ store, config: deskConfig(), log: createLogger('silent'), parser });
      assert.ok(desk.previewSource && desk.fetchNow);
      const p = await desk.previewSource({ url: `${srv.url}/feed.xml` });
      assert.ok(p.ok, JSON.stringify(p));
      assert.deepEqual(
        p.teasers.map((t) => t.title),
        ['Ferry timetable changes', 'Bridge repairs begin'],
      );
      assert.equal(threads.length, 1, 'the preview did not parse in the pool');

      const { source } = await store.sources.add({ url: `${srv.url}/feed.xml`, kind: 'feed', title: null, siteUrl: null });
      const r = await desk.fetchNow(source.id);
      assert.ok(r.ok, r.message);
      assert.equal(r.inserted, 2);
      assert.equal(threads.length, 2, 'fetch now did not parse in the pool');
      for (const t of threads) assert.notEqual(t, threadId, 'parsed on the calling thread');
    } finally {
      await store.close();
    }
  });
});
