// A feed check and the article fetches of its new entries share their host's request slots (one
// HostGate, as serve and worker build it). The check used to keep its slot while its entries'
// articles were fetched, so when every slot of a host was held by checks of that host (two feeds
// of one site at the default limit of 2, or one feed at a limit of 1) each article fetch waited
// for a slot that never came, and polling stopped for good. Real HTTP on 127.0.0.1.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HostGate, politeFetcher } from '../../src/jobs/politeness.js';
import { Scheduler } from '../../src/jobs/scheduler.js';
import { createExtractStep } from '../../src/pipeline/steps/extract-full-text.js';
import { type FixtureServer, rssFeed, startFixtureServer } from '../helpers/fixture-server.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { silentLog, testConfig } from '../ingest/harness.js';

const ARTICLE = (n: string): string =>
  `<!doctype html><html><head><title>Article ${n}</title></head><body><article><h1>Article ${n}</h1>${'<p>A paragraph of the article, long enough to be read as prose by the extractor, one sentence after another.</p>'.repeat(6)}</article></body></html>`;

/** Fails instead of hanging: the deadlock never settles. */
function within<T>(ms: number, p: Promise<T>, what: string): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    t = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(t));
}

describe('a check frees its host slot before its articles are fetched', () => {
  let srv: FixtureServer;
  let articles = 0;
  before(async () => {
    srv = await startFixtureServer(
      {},
      {
        fallback: (req, res) => {
          if (!req.url?.startsWith('/art/')) return void res.writeHead(404).end();
          articles++;
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(ARTICLE(req.url));
        },
      },
    );
    for (const name of ['a', 'b']) {
      const items = [1, 2].map((i) => ({
        guid: `${name}${i}`,
        title: `Story ${name}${i}`,
        link: `${srv.url}/art/${name}${i}`,
        description: 'A teaser.',
      }));
      srv.route(`/${name}.xml`, { headers: { 'content-type': 'application/rss+xml' }, body: rssFeed(`Feed ${name}`, items) });
    }
  });
  after(async () => {
    await srv.close();
  });

  for (const [perHost, feeds] of [
    [2, ['a', 'b']],
    [1, ['a']],
  ] as const) {
    it(`${feeds.length} feed(s) of one host at a per-host limit of ${perHost}: the poll ends with every article read`, async () => {
      articles = 0;
      const dbPath = join(mkdtempSync(join(tmpdir(), 'newsdesk-slots-')), 'test.db');
      const config = testConfig(dbPath, { perHostConcurrency: perHost, workers: 4 });
      const store = await SqliteStore.open({ path: dbPath, defaultIntervalSeconds: config.defaultIntervalSeconds });
      // One gate for the checks and the article fetches, as buildBackground makes it.
      const gate = new HostGate({ store, perHost, log: silentLog });
      const extract = createExtractStep(config, { politeness: (f) => politeFetcher(f, gate) });
      const scheduler = new Scheduler({ store, config, log: silentLog, steps: [extract], gate });
      try {
        for (const f of feeds) await store.sources.add({ url: `${srv.url}/${f}.xml`, extractMode: 'always' });
        // A deadlock never settles: 60 s tells it from a slow poll on a loaded CI machine.
        const s = await within(60_000, scheduler.pollOnce(), 'the poll');
        assert.equal(s.inserted, feeds.length * 2);
        assert.equal(articles, feeds.length * 2, 'every article page was fetched');
        const listed = await store.entries.list({ limit: 10 });
        assert.ok(
          listed.items.every((e) => e.extractStatus === 'done'),
          listed.items.map((e) => `${e.title}: ${e.extractStatus}`).join(', '),
        );
      } finally {
        await scheduler.close();
        await extract.close();
        await store.close();
      }
    });
  }
});
