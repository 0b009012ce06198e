// The scheduler of a process that polls (built by the composition root, src/server/background.ts)
// reads a sitemap source's files and a listing source's pages in its parse pool, as it already
// parsed feeds there: a 37 MB sitemap is parsed off the thread that runs the other checks, renews
// leases and (for `serve` polling in-process) answers requests. While it is parsed, another
// source's check is fetched and recorded on that thread (the order of the events is the test,
// never their durations; the `timeout`s are hang guards). A document past the pool's limits fails
// its source with the catalogued reason ("tooLarge"), and the stories stored before stay.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { after, before, test } from 'node:test';
import { type CandidateParser, readCandidate } from '../../src/ingest/discover/candidates.js';
import { ParseLimitError } from '../../src/ingest/parse/errors.js';
import { Registry } from '../../src/metrics/registry.js';
import { parseDocument } from '../../src/pipeline/parse-document.js';
import { type DocumentParser, ParsePool } from '../../src/pipeline/parse-pool.js';
import { buildBackground } from '../../src/server/background.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { newsSitemap } from '../helpers/huge-feed.js';
import { silentLog, testConfig } from '../ingest/harness.js';

type PollParser = DocumentParser & CandidateParser;

const xml = { 'content-type': 'application/xml' };
const FEED =
  '<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title><link>https://quiet.example/</link><item><guid>q1</guid><title>Quiet one</title><link>https://quiet.example/1</link></item></channel></rss>';

let srv: FixtureServer;
before(async () => {
  srv = await startFixtureServer({ '/huge-sitemap.xml': { headers: xml, body: newsSitemap(100_000) } });
});
after(async () => {
  await srv.close();
});

/** A background that polls over a fresh store, its scheduler parsing with `parser`; stopped after `fn`. */
async function withBackground(
  parser: PollParser,
  fn: (b: Awaited<ReturnType<typeof buildBackground>>, store: SqliteStore) => Promise<void>,
): Promise<void> {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'newsdesk-poll-pages-')), 'test.db');
  const config = testConfig(dbPath, {
    maxBodyBytes: 64 * 1024 * 1024,
    totalTimeoutMs: 60_000,
    maxNewEntriesPerCheck: 500,
    // The sitemap's stories are on harbour.example: no article fetches.
    maxArticleFetchesPerCheck: 0,
  });
  const store = await SqliteStore.open({ path: dbPath, defaultIntervalSeconds: config.defaultIntervalSeconds });
  const background = await buildBackground({ store, config, log: silentLog, metrics: new Registry(), poll: true, topics: false, parser });
  try {
    await fn(background, store);
  } finally {
    await background.stop();
    await store.close();
  }
}

test('a scheduled check of a huge sitemap is parsed in the pool while another source’s check completes', { timeout: 300_000 }, async () => {
  const events: string[] = [];
  let parseStarted!: () => void;
  const started = new Promise<void>((r) => {
    parseStarted = r;
  });
  let hugeDone!: () => void;
  const hugeRecorded = new Promise<void>((r) => {
    hugeDone = r;
  });
  // The composition root's pool (one worker, pollParser's limits), noting the sitemap's parse.
  const pool = new ParsePool({ size: 1, hardLimitMs: 60_000 });
  const parser: PollParser = {
    parse: (job, signal) => pool.parse(job, signal),
    read: (job, signal) => {
      const p = pool.read(job, signal);
      if ((job.op as string) === 'sitemap-file') {
        events.push('sitemap-parse-start');
        parseStarted();
        p.then(
          () => events.push('sitemap-parse-end'),
          () => events.push('sitemap-parse-end'),
        );
      }
      return p;
    },
    close: () => pool.close(),
  };
  // The other source answers once the sitemap is being parsed (or, should it never be parsed in
  // the pool, once the sitemap's check is recorded): 304, so its check needs no parse at all.
  srv.route('/quiet.xml', async (req, res) => {
    await Promise.race([started, hugeRecorded]);
    if (req.headers['if-none-match'] === '"q1"') res.writeHead(304, { etag: '"q1"' }).end();
    else res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"q1"' }).end(FEED);
  });
  try {
    await withBackground(parser, async (background, store) => {
      const huge = (await store.sources.add({ url: `${srv.url}/huge-sitemap.xml`, kind: 'sitemap' })).source;
      const quiet = (await store.sources.add({ url: `${srv.url}/quiet.xml` })).source;
      await store.sources.update(quiet.id, { etag: '"q1"' });
      const finish = store.sources.finishCheck.bind(store.sources);
      store.sources.finishCheck = async (id, patch, meta) => {
        await finish(id, patch, meta);
        events.push(id === huge.id ? 'sitemap-check-recorded' : id === quiet.id ? 'other-check-recorded' : `recorded ${id}`);
        if (id === huge.id) hugeDone();
      };
      await background.pollNow();
      assert.deepEqual(
        events,
        ['sitemap-parse-start', 'other-check-recorded', 'sitemap-parse-end', 'sitemap-check-recorded'],
        'the other source’s check waited for the sitemap’s parse',
      );
      const h = await store.sources.get(huge.id);
      assert.equal(h?.lastErrorKey ?? null, null, h?.lastError ?? '');
      assert.equal(await store.entries.count({ sourceId: huge.id }), 500, 'the pool’s answer is what was stored (maxNewEntriesPerCheck)');
      const q = await store.sources.get(quiet.id);
      assert.equal(q?.lastError, null);
      assert.notEqual(q?.lastCheckedAt, null);
    });
  } finally {
    await pool.close();
  }
});

test('a sitemap past the pool’s limits fails its source with the named reason; its stories stay', { timeout: 120_000 }, async () => {
  // Reads as the pool would, but gives up on the documents `refuse` names as its limits would.
  let refuse = false;
  const abandoned = (what: string): ParseLimitError => new ParseLimitError(`parsing ${what} took longer than 60000 ms; document abandoned`);
  const parser: PollParser = {
    parse: async (job) => {
      if (refuse) throw abandoned('the feed');
      return { ...parseDocument(job), threadId };
    },
    read: async (job) => {
      if (refuse) throw abandoned((job.op as string) === 'sitemap-file' ? 'the sitemap' : 'the page');
      return readCandidate(job);
    },
    close: async () => undefined,
  };
  srv.route('/grows.xml', { headers: xml, body: newsSitemap(3) });
  srv.route('/feed.xml', { headers: { 'content-type': 'application/rss+xml' }, body: FEED });
  await withBackground(parser, async (background, store) => {
    const sm = (await store.sources.add({ url: `${srv.url}/grows.xml`, kind: 'sitemap' })).source;
    const feed = (await store.sources.add({ url: `${srv.url}/feed.xml` })).source;
    await background.pollNow();
    assert.equal(await store.entries.count({ sourceId: sm.id }), 3);
    const cursor = (await store.sources.get(sm.id))?.settings.sitemapCursor;
    assert.equal(typeof cursor, 'string', 'the first read stored its cursor');

    // The sitemap has grown past what the pool reads; so has the feed.
    srv.route('/grows.xml', { headers: xml, body: newsSitemap(6, 100) });
    refuse = true;
    for (const id of [sm.id, feed.id]) await store.sources.update(id, { nextCheckAt: (await store.clock.now()) - 1 });
    await background.pollNow();

    const s = await store.sources.get(sm.id);
    // A failed check (retried with backoff, as a feed past the limits: the document may shrink).
    assert.equal(s?.errorCount, 1);
    assert.equal(s?.lastErrorKey, 'tooLarge', `the reason is not the catalogued one: ${s?.lastErrorKey} (${s?.lastError})`);
    assert.match(s?.lastError ?? '', /parsing the sitemap took longer than 60000 ms; document abandoned/);
    assert.equal(await store.entries.count({ sourceId: sm.id }), 3, 'the stories stored before stay');
    assert.equal(s?.settings.sitemapCursor, cursor, 'the cursor stays where it was');
    // A feed past the limits fails with the same reason.
    const f = await store.sources.get(feed.id);
    assert.equal(f?.lastErrorKey, 'tooLarge', `${f?.lastErrorKey} (${f?.lastError})`);
    assert.equal(await store.entries.count({ sourceId: feed.id }), 1);
  });
});

const QUAY = `<!doctype html><html lang="en"><head><title>Quay notes</title></head><body>
<header><nav><a href="/">Home</a> <a href="/contact">Contact</a></nav></header><main><h1>Quay notes</h1>
${['Crane inspected', 'Berth four dredged', 'Night shift rota', 'Pilot boat refit', 'Bollards repainted']
  .map(
    (t, i) =>
      `<article class="note"><h2><a href="/notes/2026/12/0${i + 1}/note-${i + 1}">${t}</a></h2><p>What happened on the quay: ${t.toLowerCase()}, with a sentence or two more so it reads as a teaser.</p><time datetime="2026-12-0${i + 1}T07:00:00Z">${i + 1} December</time></article>`,
  )
  .join('\n')}
</main></body></html>`;

test('a scheduled check of a listing source reads its page in the pool', { timeout: 120_000 }, async () => {
  const seen: string[] = [];
  const pool = new ParsePool({ size: 1, hardLimitMs: 60_000 });
  const parser: PollParser = {
    parse: (job, signal) => pool.parse(job, signal),
    read: (job, signal) => {
      seen.push(`${job.op} ${job.doc.url.replace(srv.url, '')}`);
      return pool.read(job, signal);
    },
    close: () => pool.close(),
  };
  srv.route('/quay', { headers: { 'content-type': 'text/html; charset=utf-8' }, body: QUAY });
  try {
    await withBackground(parser, async (background, store) => {
      const page = (await store.sources.add({ url: `${srv.url}/quay`, kind: 'page' })).source;
      await background.pollNow();
      const s = await store.sources.get(page.id);
      assert.equal(s?.lastError, null);
      assert.equal(await store.entries.count({ sourceId: page.id }), 5);
      assert.deepEqual(seen, ['listing-page /quay'], 'the listing page was not read in the scheduler’s pool');
    });
  } finally {
    await pool.close();
  }
});
