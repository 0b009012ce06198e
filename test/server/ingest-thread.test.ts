// `serve` with its background work on a thread of its own (src/server/ingest-thread.ts): the
// thread fetches, stores and tags while the site's thread is busy (here: blocked outright), the
// site answers with the thread's state and metrics, fetch now and topics go through it, and it
// stops with the site. The feeds are served from a thread of their own.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/options.js';
import { createLogger } from '../../src/log/logger.js';
import { startIngestThread } from '../../src/server/ingest-thread.js';
import { startSite, type SiteRuntime } from '../../src/server/runtime.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/store.js';

const SAMPLES = resolve('samples');
const log = createLogger('silent');

/** Sleeps this thread without letting its event loop run. */
function blockFor(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * The sample feeds over HTTP from a thread of their own: the tests block this thread, and a feed
 * server on it would then answer nobody.
 */
async function feedServer(dir: string): Promise<{ base: string; close: () => Promise<number> }> {
  const code = `
    const { createServer } = require('node:http');
    const { readFile } = require('node:fs/promises');
    const { join, basename } = require('node:path');
    const { parentPort, workerData } = require('node:worker_threads');
    const server = createServer(async (req, res) => {
      try {
        const body = await readFile(join(workerData, basename(req.url)));
        res.writeHead(200, { 'content-type': 'application/xml' }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
    parentPort.once('message', () => server.close(() => process.exit(0)));
  `;
  const worker = new Worker(code, { eval: true, workerData: dir });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    base: `http://127.0.0.1:${port}`,
    close: () => {
      worker.postMessage('close');
      return new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}

async function setup(files: string[]): Promise<{ dir: string; config: Config; urls: string[]; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-ingest-thread-'));
  for (const f of files) copyFileSync(join(SAMPLES, 'feeds', f), join(dir, f));
  const server = await feedServer(dir);
  const config = loadConfig({
    env: {},
    overrides: {
      database: `sqlite:${join(dir, 'newsdesk.db')}`,
      port: 0,
      allowHosts: ['127.0.0.1/32'],
      extractMode: 'off',
      topicsFile: join(SAMPLES, 'topics.yaml'),
      logLevel: 'silent',
      workerNice: 0,
    },
  });
  return {
    dir,
    config,
    urls: files.map((f) => `${server.base}/${f}`),
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('serve with an ingest thread', () => {
  let done: () => Promise<void>;
  let store: Store;
  let site: SiteRuntime;
  let dbPath: string;

  before(async () => {
    const s = await setup(['continental-wire.xml', 'gulf-monitor.xml']);
    done = s.close;
    dbPath = join(s.dir, 'newsdesk.db');
    store = await openStore(s.config);
    for (const url of s.urls) await store.sources.add({ url, kind: 'feed' });
    site = await startSite({ store, config: s.config, log, poll: true, ingestThread: true });
  });
  after(async () => {
    await site?.stop();
    await store?.close();
    await done?.();
  });

  it('runs off this thread: entries are stored and tagged while this thread is blocked', async () => {
    // The site's thread runs no pipeline: its runtime has no background and no topic set.
    assert.equal(site.background, undefined);
    assert.equal(site.topics, undefined);
    const polled = site.pollNow();
    // Block this thread (no event loop turn, no timers, no I/O) and watch the database from a
    // connection of its own: the entries arrive anyway, so they were fetched, parsed, stored and
    // tagged elsewhere. On one thread nothing could happen until this loop gives up.
    const watch = new Database(dbPath, { readonly: true });
    let entries = 0;
    let tagged = 0;
    for (let waited = 0; waited < 30_000 && (entries === 0 || tagged === 0); waited += 50) {
      blockFor(50);
      entries = (watch.prepare('SELECT COUNT(*) AS n FROM entries').get() as { n: number }).n;
      tagged = (watch.prepare('SELECT COUNT(*) AS n FROM entry_topics').get() as { n: number }).n;
    }
    watch.close();
    assert.ok(entries > 0, 'entries were stored while this thread was blocked');
    assert.ok(tagged > 0, 'and tagged with the topics');
    await polled;
    // What the thread wrote is what this thread's store reads.
    const seen = new Database(dbPath, { readonly: true });
    const stored = (seen.prepare('SELECT COUNT(*) AS n FROM entries WHERE deleted_at IS NULL').get() as { n: number }).n;
    seen.close();
    assert.equal(await store.entries.count(), stored);
    const res = await fetch(`${site.url}/topics/mek`);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /<article class="teaser"/);
  });

  it('is ready once polling runs, and says whether it leads periodic work', async () => {
    site.startPolling();
    let body: { status: string; role: string; running: boolean; coordinator?: boolean } | undefined;
    for (let i = 0; i < 600; i++) {
      body = (await (await fetch(`${site.url}/readyz`)).json()) as typeof body;
      if (body?.status === 'ready' && body.coordinator) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(body?.status, 'ready');
    assert.equal(body?.role, 'all');
    assert.equal(body?.coordinator, true, 'the only process leads');
  });

  it("shows the thread's metrics beside the site's, each family once", async () => {
    const text = await (await fetch(`${site.url}/metrics`)).text();
    assert.match(text, /^newsdesk_fetch_total\{outcome="fetched"\} [1-9]/m, 'the thread counted its checks');
    assert.match(text, /^newsdesk_http_requests_total\{/m, 'the site counted its requests');
    assert.match(text, /^newsdesk_coordinator_leader 1$/m);
    const types = [...text.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]);
    assert.deepEqual(types, [...new Set(types)], 'no family twice');
  });

  it('stops with the site: the thread ends, and nothing is lost', async () => {
    const before = await store.entries.count();
    await site.stop();
    const again = new Database(dbPath, { readonly: true });
    assert.equal((again.prepare('SELECT COUNT(*) AS n FROM entries').get() as { n: number }).n, before);
    // Every lease was given back on the way out.
    assert.equal((again.prepare('SELECT COUNT(*) AS n FROM sources WHERE lease_until IS NOT NULL').get() as { n: number }).n, 0);
    again.close();
    await assert.rejects(fetch(`${site.url}/readyz`));
  });
});

describe('the ingest thread', () => {
  it('fetches now for the desk with the steps of a poll (tagging), and reloads topics', async () => {
    const { config, urls, close } = await setup(['continental-wire.xml']);
    const store = await openStore(config);
    const { source } = await store.sources.add({ url: urls[0]!, kind: 'feed' });
    const ingest = await startIngestThread({ config, log });
    try {
      const r = await ingest.fetchNow(source.id);
      assert.ok(r.ok, r.message);
      assert.ok(r.inserted > 0, r.message);
      const counts = await store.topics.counts();
      assert.ok(
        counts.some((c) => c.count > 0),
        'what fetch now stored was tagged',
      );
      assert.deepEqual(await ingest.reloadTopics(), { ok: true, errors: [] });
      const missing = await ingest.fetchNow(999_999);
      assert.equal(missing.ok, false);
    } finally {
      await ingest.stop();
      await store.close();
      await close();
    }
    assert.equal(ingest.running(), false);
    await assert.rejects(ingest.pollNow(), /not running/);
  });

  it('reports a thread that cannot start (a database it cannot open) as an error', async () => {
    const { dir, config, close } = await setup([]);
    writeFileSync(join(dir, 'garbage.db'), 'this is not a SQLite database file, whatever its name says'.repeat(100));
    const bad = { ...config, database: `sqlite:${join(dir, 'garbage.db')}` };
    await assert.rejects(startIngestThread({ config: bad, log }), /the ingest thread could not start/);
    await close();
  });

  it('is not used for a database in memory (a second connection would open another one)', async () => {
    const { config, close } = await setup([]);
    const memory = { ...config, database: 'sqlite::memory:' };
    const store = await openStore(memory);
    const site = await startSite({ store, config: memory, log, poll: true, ingestThread: true });
    try {
      assert.ok(site.background, 'the background runs on this thread');
    } finally {
      await site.stop();
      await store.close();
      await close();
    }
  });
});
