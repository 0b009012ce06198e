// Adding a site at the desk reads every candidate discovery finds in the parser pool, not on the
// thread that serves pages. The desk listens on 127.0.0.1; a site there advertises one feed, a
// hostile one (24 MB of items, which take some 500 MB to hold parsed). While the preview's
// discovery is parsing it, another page of the desk is asked for and answers; the pool's memory
// limit (64 MB here, which the document passes on any machine, fast or slow) then abandons the
// candidate, and the preview names it and why. The order of the events is the test, never their
// durations; the 120 s `timeout` is a hang guard.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CandidateParser } from '../../src/ingest/discover/index.js';
import { ParsePool } from '../../src/pipeline/parse-pool.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { forEachDialect } from '../helpers/dialects.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { CSRF, deskConfig, mountDesk } from './helpers.js';
import { hugeFeed } from '../helpers/huge-feed.js';

const LIMIT_MB = 64;

let srv: FixtureServer;
let pool: ParsePool;
before(async () => {
  const huge = hugeFeed(120_000);
  srv = await startFixtureServer({
    '/site': {
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: '<!doctype html><html><head><title>Site</title><link rel="alternate" type="application/rss+xml" title="All" href="/hostile.xml"></head><body><p>Welcome.</p></body></html>',
    },
    '/hostile.xml': { headers: { 'content-type': 'application/rss+xml' }, body: huge },
  });
  pool = new ParsePool({ size: 1, maxHeapMb: LIMIT_MB });
});
after(async () => {
  await pool.close();
  await srv.close();
});

forEachDialect((d) => {
  test('the desk answers other pages while discovery parses a hostile candidate, and names it', { timeout: 120_000 }, async () => {
    const store = await d.open();
    const events: string[] = [];
    let hostileStarted!: () => void;
    const started = new Promise<void>((r) => {
      hostileStarted = r;
    });
    // The pool, noting when the hostile candidate's read starts and settles.
    const candidates: CandidateParser = {
      read: (job, signal) => {
        const p = pool.read(job, signal);
        if (job.op === 'feed' && job.doc.url.endsWith('/hostile.xml')) {
          events.push('parse-start');
          hostileStarted();
          p.then(
            () => events.push('parse-end'),
            () => events.push('parse-end'),
          );
        }
        return p;
      },
    };
    const desk = await mountDesk(store, {
      config: deskConfig({ maxBodyBytes: 64 * 1024 * 1024, totalTimeoutMs: 60_000, discoveryTimeoutMs: 110_000 }),
      candidates,
    });
    let server: RunningServer | undefined;
    try {
      server = await listen(desk.app, { host: '127.0.0.1', port: 0 });
      const preview = fetch(`${server.url}/desk/sources/preview`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' },
        body: new URLSearchParams({ url: `${srv.url}/site`, _csrf: CSRF }),
      }).then(async (r) => ({ status: r.status, text: await r.text() }));
      const first = await Promise.race([started.then(() => 'started'), preview.then((a) => `answered ${a.status}: ${a.text}`)]);
      assert.equal(first, 'started', 'the preview answered without reading the candidate through the desk’s parser');

      const other = await fetch(`${server.url}/desk/sources`);
      const otherText = await other.text();
      events.push('page-answered');
      assert.equal(other.status, 200);
      assert.match(otherText, /<form method="post" action="\/desk\/sources\/preview">/);

      const answer = await preview;
      assert.deepEqual(events, ['parse-start', 'page-answered', 'parse-end'], 'the other page waited for the parse');
      assert.equal(answer.status, 422, 'nothing usable: a failed preview');
      assert.match(answer.text, /site is a web page, not a feed/);
      assert.match(
        answer.text,
        new RegExp(
          `feed: ${srv.url.replace(/[.]/g, '\\.')}/hostile\\.xml abandoned: parsing the feed needed more than ${LIMIT_MB} MB of memory; document abandoned`,
        ),
      );
      assert.equal((await store.sources.list()).length, 0, 'the preview stored a source');
    } finally {
      await server?.close(1000);
      await desk.stop();
      await store.close();
    }
  });
});
