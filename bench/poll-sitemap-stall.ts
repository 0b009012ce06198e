// bench/poll-sitemap-stall: how long a scheduled check of one huge news sitemap (100,000 URLs by
// default, some 37 MB; the reader keeps the protocol's 50,000) blocks the event loop of the process
// that polls, with the sitemap parsed on the scheduler's thread (what a check did before) and in the
// scheduler's parse pool (`pages`, what `newsdesk worker`, `serve` and `poll` do now). The block is
// the longest gap between 10 ms timer ticks, what a lease renewal or a page request would wait.
// In the pool's case it also says the longest stall once the pool has answered (the URLs copied
// back and chosen from on the scheduler's thread, then the newest stored) and their sum.
//
// With --children K, the URLs are split over K child files of a sitemap index (a first import reads
// the index and its two newest children).
//
//   node dist/bench/poll-sitemap-stall.js [--urls 100000] [--runs 1] [--children 0]
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../src/config/load.js';
import { Scheduler } from '../src/jobs/scheduler.js';
import type { CandidateParser } from '../src/ingest/discover/candidates.js';
import { ParsePool } from '../src/pipeline/parse-pool.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import { numberOption } from './lib/args.js';
import { longestStall } from './lib/stall.js';

const N = numberOption('--urls', 100_000);
const RUNS = numberOption('--runs', 1);
const CHILDREN = numberOption('--children', 0);

function urlset(from: number, to: number): Buffer {
  const parts = [
    '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
  ];
  for (let i = from; i < to; i++)
    parts.push(
      `<url><loc>https://bench.example/2026/12/05/story-${i}.html</loc><lastmod>2026-12-05T08:00:00Z</lastmod><news:news><news:publication><news:name>Bench</news:name><news:language>en</news:language></news:publication><news:publication_date>2026-12-05T08:00:00Z</news:publication_date><news:title>Story ${i}</news:title></news:news></url>`,
    );
  parts.push('</urlset>');
  return Buffer.from(parts.join(''));
}

const files = new Map<string, Buffer>();
if (CHILDREN > 0) {
  const per = Math.ceil(N / CHILDREN);
  const refs: string[] = [];
  for (let c = 0; c < CHILDREN; c++) {
    files.set(`/c${c}.xml`, urlset(c * per, Math.min(N, (c + 1) * per)));
    refs.push(`<sitemap><loc>http://127.0.0.1:PORT/c${c}.xml</loc><lastmod>2026-12-0${1 + (c % 5)}T00:00:00Z</lastmod></sitemap>`);
  }
  files.set(
    '/sitemap.xml',
    Buffer.from(`<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${refs.join('')}</sitemapindex>`),
  );
} else files.set('/sitemap.xml', urlset(0, N));
let port = 0;
const server = createServer((req, res) => {
  const f = files.get(req.url ?? '');
  if (!f) return res.writeHead(404).end();
  res
    .writeHead(200, { 'content-type': 'application/xml' })
    .end(req.url === '/sitemap.xml' && CHILDREN > 0 ? f.toString().replaceAll('PORT', String(port)) : f);
});
const body = { length: [...files.values()].reduce((a, b) => a + b.length, 0) };
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
port = (server.address() as AddressInfo).port;
const url = `http://127.0.0.1:${port}/sitemap.xml`;

async function run(mode: 'inline' | 'pool'): Promise<void> {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'newsdesk-bench-')), 'bench.db');
  const config = loadConfig({
    env: {},
    overrides: {
      database: `sqlite:${dbPath}`,
      allowHosts: ['127.0.0.1'],
      maxBodyBytes: 64 << 20,
      totalTimeoutMs: 120_000,
      maxNewEntriesPerCheck: 500,
    },
  });
  const store = await SqliteStore.open({ path: dbPath });
  const pool = new ParsePool({ size: 1, hardLimitMs: 120_000 });
  // When the pool's (last) answer for a sitemap file was taken in (copied back, on this thread): the
  // stall that holds that moment and those after it are this thread's work on the answer (the
  // copy, the URLs chosen from, the newest adapted and stored), with the 10 ms ticks' own delays
  // on a loaded machine.
  let answered = Number.POSITIVE_INFINITY;
  const pages: CandidateParser = {
    read: (job, signal, opts) => {
      const p = pool.read(job, signal, opts);
      if (job.op === 'sitemap-file')
        p.then(
          () => {
            answered = answered === Number.POSITIVE_INFINITY ? performance.now() : Math.max(answered, performance.now());
          },
          () => {},
        );
      return p;
    },
  };
  const scheduler = new Scheduler({
    store,
    config,
    log: pino({ level: 'silent' }),
    parser: pool,
    ...(mode === 'pool' ? { pages } : {}),
  });
  await store.sources.add({ url, kind: 'sitemap' });
  const { result: s, stallMs: worst, wallMs: wall, stalls } = await longestStall(() => scheduler.pollOnce());
  const after = stalls.filter((x) => x.end >= answered);
  const tail =
    mode === 'pool'
      ? `; from the answer on: longest ${Math.max(0, ...after.map((x) => x.ms)).toFixed(0)} ms, stalls over 20 ms sum to ${after.reduce((a, x) => a + x.ms, 0).toFixed(0)} ms`
      : '';
  process.stdout.write(
    `${mode.padEnd(6)} ${(body.length / 1e6).toFixed(1)} MB: check ${wall.toFixed(0)} ms, ${s.inserted} stored; longest stall ${worst.toFixed(0)} ms${tail}\n`,
  );
  await scheduler.close();
  await pool.close();
  await store.close();
}

for (let i = 0; i < RUNS; i++) {
  await run('inline');
  await run('pool');
}
server.close();
