// The desk's pool has `deskParseWorkers` workers (default 2; the composition root's deskParser),
// so a second editor's preview is not queued behind a parse in progress. Editor A previews a big
// sitemap; while its teasers are being parsed, editor B previews a small one, and B's answer comes
// first. With the setting at 1, B's reads wait for A's parse and B answers after it: the order of
// the events is the test, never their durations (the `timeout`s are hang guards).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadConfig } from '../../src/config/load.js';
import type { CandidateParser } from '../../src/ingest/discover/candidates.js';
import { deskParser } from '../../src/server/runtime.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { newsSitemap } from '../helpers/huge-feed.js';
import { CSRF, deskConfig, mountDesk } from './helpers.js';

const xml = { 'content-type': 'application/xml' };
let srv: FixtureServer;
before(async () => {
  srv = await startFixtureServer({
    '/big-sitemap.xml': { headers: xml, body: newsSitemap(100_000) },
    '/small-sitemap.xml': { headers: xml, body: newsSitemap(3, 500) },
  });
});
after(() => srv.close());

test('deskParseWorkers: 2 by default, from 1 to 16', () => {
  assert.equal(loadConfig({ env: {} }).deskParseWorkers, 2);
  assert.equal(loadConfig({ env: { NEWSDESK_DESK_PARSE_WORKERS: '4' } }).deskParseWorkers, 4);
  assert.throws(() => loadConfig({ env: { NEWSDESK_DESK_PARSE_WORKERS: '0' } }), /deskParseWorkers.*from 1 to 16/);
});

/** Editor A's big preview and editor B's small one, through the pool deskParser builds from `env`; the events in order. */
async function twoEditors(env: Record<string, string>): Promise<string[]> {
  const config = deskConfig({ maxBodyBytes: 64 * 1024 * 1024, totalTimeoutMs: 60_000, discoveryTimeoutMs: 170_000 });
  const pool = deskParser(loadConfig({ env, overrides: { totalTimeoutMs: config.totalTimeoutMs } }));
  const events: string[] = [];
  let bigStarted!: () => void;
  const started = new Promise<void>((r) => {
    bigStarted = r;
  });
  // The pool, noting when the big sitemap's teaser parse starts and settles.
  const candidates: CandidateParser = {
    read: (job, signal) => {
      const p = pool.read(job, signal);
      if ((job.op as string) === 'sitemap-file' && job.doc.url.endsWith('/big-sitemap.xml')) {
        events.push('A parse starts');
        bigStarted();
        p.then(
          () => events.push('A parse ends'),
          () => events.push('A parse ends'),
        );
      }
      return p;
    },
  };
  const store = await SqliteStore.open({ path: ':memory:' });
  const desk = await mountDesk(store, { config, candidates });
  const preview = (url: string): Promise<{ status: number; text: string }> =>
    Promise.resolve(
      desk.request('/desk/sources/preview', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' },
        body: new URLSearchParams({ url, kind: 'sitemap', _csrf: CSRF }),
      }),
    ).then(async (r) => ({ status: r.status, text: await r.text() }));
  try {
    const a = preview(`${srv.url}/big-sitemap.xml`);
    const first = await Promise.race([started.then(() => 'started'), a.then((x) => `answered ${x.status}`)]);
    assert.equal(first, 'started', 'A’s teasers were not read through the desk’s pool');
    const b = await preview(`${srv.url}/small-sitemap.xml`);
    events.push('B answered');
    assert.equal(b.status, 200, b.text);
    assert.match(b.text, /Ferry story 500/);
    const done = await a;
    assert.equal(done.status, 200);
    assert.match(done.text, /Ferry story 0/);
    return events;
  } finally {
    await desk.stop();
    await store.close();
    await pool.close();
  }
}

test('with the default two workers, a second editor’s preview does not wait for a parse in progress', { timeout: 240_000 }, async () => {
  assert.deepEqual(await twoEditors({}), ['A parse starts', 'B answered', 'A parse ends']);
});

test('with NEWSDESK_DESK_PARSE_WORKERS=1, it waits (the setting is what lets it through)', { timeout: 240_000 }, async () => {
  assert.deepEqual(await twoEditors({ NEWSDESK_DESK_PARSE_WORKERS: '1' }), ['A parse starts', 'A parse ends', 'B answered']);
});
