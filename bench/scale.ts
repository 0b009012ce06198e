// Ingest throughput across worker processes: entries/s from "all sources due" to "every entry
// stored, searchable and tagged", with 1, 2 and 4 `newsdesk worker` processes (the built CLI) on
// PostgreSQL beside one `serve --no-poll` web process, and with SQLite's single `serve` process.
// While ingest runs, readers load the topic page and its p50/p99 are reported (PAGE_LOAD below). CPU
// seconds of the workers and of PostgreSQL (from /proc) give the cost per check and per entry that
// docs/deploy.md turns into capacity on paper.
//
// The fixture is local feeds on several loopback hosts (test/scale/feed-hosts.ts) answering after
// a fixed delay, like remote servers; extraction is off (its cost comes from bench/extract.ts).
//
//   npm run build && NEWSDESK_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test node dist/bench/scale.js
//   (FEEDS=2000 ITEMS=20 DELAY_MS=50 HOSTS=50 to change the fixture; loopback addresses 127.0.0.2…;
//   TOPICS=off: no tagging, the run ends when entries are stored; WORKERS=1,2 and SQLITE=off: only
//   those rows)
//
// The reading load, PAGE_LOAD:
//   open (default): readers at a fixed average rate, PAGE_RATE requests/s (default 20), sent at
//     Poisson-spaced times whatever the server does (a reader does not wait for another reader's
//     page), each latency measured from its scheduled send time, so a stall counts against every
//     request it delays (no coordinated omission). 20/s is a busy desk's reading: 200 people with
//     the desk open, each loading a page every 10 s; see docs/deploy.md. The reader runs in a worker
//     thread (bench/scale-reader.ts), apart from the fixture feeds this thread serves.
//   closed: two clients load the topic page back to back, as fast as the web process answers: a
//     stress test (every free cycle goes to pages), and its latencies leave out the requests a slow
//     response kept from being sent.
//   off: no page load.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import pg from 'pg';
import { PostgresStore } from '../src/store/postgres/index.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import type { Store } from '../src/store/store.js';
import { startFeedHosts } from '../test/scale/feed-hosts.js';
import { startNewsdeskProcess, startWorkerProcess, waitFor, type WorkerProcess } from '../test/scale/workers.js';
import { cpuSeconds, databaseCpu } from './scale-cpu.js';

const FEEDS = Number(process.env.FEEDS ?? 2000);
const ITEMS = Number(process.env.ITEMS ?? 20);
const DELAY_MS = Number(process.env.DELAY_MS ?? 50);
const HOSTS = Number(process.env.HOSTS ?? 50);
const pgUrl = process.env.NEWSDESK_TEST_POSTGRES_URL;
const TAGGING = process.env.TOPICS !== 'off';
const PAGE_MODE = process.env.PAGE_LOAD ?? 'open';
if (!['open', 'closed', 'off'].includes(PAGE_MODE)) throw new Error(`PAGE_LOAD=${PAGE_MODE}: use open, closed or off`);
const PAGE_LOAD = PAGE_MODE !== 'off';
const PAGE_RATE = Number(process.env.PAGE_RATE ?? 20);
if (!(PAGE_RATE > 0)) throw new Error(`PAGE_RATE=${process.env.PAGE_RATE}: a number of requests per second above 0`);
// WORKERS=1 (or "1,2"): only those PostgreSQL rows; SQLITE=off: no SQLite row (short runs).
const WORKER_COUNTS = (process.env.WORKERS ?? '1,2,4')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const SQLITE = process.env.SQLITE !== 'off';

// Every fixture item says "story about /feed/N.xml": one topic that tags them all, so the run
// ends only when tagging has caught up with fetching.
const dir = mkdtempSync(join(tmpdir(), 'newsdesk-bench-scale-'));
const topicsFile = join(dir, 'topics.yaml');
writeFileSync(
  topicsFile,
  `topics:
  - id: fixture
    name: Fixture stories
    entities:
      - id: standing
        name: stands on its own
`,
);

interface Row {
  setup: string;
  seconds: number;
  entries: number;
  perSecond: number;
  p50: number;
  p99: number;
  pageRequests: number;
  /** Open loop: p99 of how late the bench sent a request (already inside p50/p99). */
  sendLagP99: number;
  workerCpuPerCheck: number;
  dbCpuPerCheck: number;
  bytesPerEntry: number | undefined;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Open loop (bench/scale-reader.ts, in a worker thread): requests at Poisson-spaced times
 * averaging `rate` per second until `until` resolves; latencies from the scheduled send times, and
 * how late the thread sent each (already inside the latencies).
 */
function readTopicPageAtRate(url: string, rate: number, until: Promise<unknown>): Promise<{ times: number[]; lags: number[] }> {
  const reader = new Worker(new URL('./scale-reader.js', import.meta.url), { workerData: { url, rate, seed: 20261203 } });
  return new Promise((resolve, reject) => {
    reader.once('message', (m: { times: number[]; lags: number[] }) => {
      void reader.terminate();
      resolve({ times: m.times.sort((a, b) => a - b), lags: m.lags.sort((a, b) => a - b) });
    });
    reader.once('error', reject);
    void until.finally(() => reader.postMessage('stop'));
  });
}

/** Closed loop: two clients loading the topic page back to back until `until` resolves; latencies in ms. */
async function loadTopicPage(url: string, until: Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  let done = false;
  void until.finally(() => (done = true));
  const client = async (): Promise<void> => {
    while (!done) {
      const t = performance.now();
      const r = await fetch(`${url}/topics/fixture`);
      await r.arrayBuffer();
      times.push(performance.now() - t);
    }
  };
  await Promise.all([client(), client()]);
  return times.sort((a, b) => a - b);
}

async function run(
  setup: string,
  workers: number,
  open: () => Promise<{ store: Store; database: string; drop(): Promise<void>; bytes(): Promise<number | undefined> }>,
): Promise<Row> {
  const feeds = await startFeedHosts({ hosts: HOSTS, feeds: FEEDS, itemsPerFeed: ITEMS, delayMs: DELAY_MS });
  const { store, database, drop, bytes } = await open();
  const procs: WorkerProcess[] = [];
  const env = { NEWSDESK_LOG_LEVEL: 'error', NEWSDESK_TOPICS: TAGGING ? topicsFile : '' };
  try {
    for (const u of feeds.urls) await store.sources.add({ url: u });
    // SQLite: one `serve` process does everything. PostgreSQL: a web process and the workers.
    const web = await startNewsdeskProcess('web', workers === 0 ? ['serve'] : ['serve', '--no-poll'], database, env);
    procs.push(web);
    const wanted = FEEDS * ITEMS;
    const dbCpu = pgUrl && workers > 0 ? databaseCpu(new URL(pgUrl).pathname.slice(1)) : undefined;
    const t0 = Date.now();
    // Started together; the time includes their start-up (about a second each on this machine).
    const ws = await Promise.all(Array.from({ length: workers }, (_, i) => startWorkerProcess(`bench-${i}`, database, env)));
    procs.push(...ws);
    const cpu0 = (workers === 0 ? [web] : ws).map(() => 0);
    const finished = waitFor(
      'every entry stored and tagged',
      async () =>
        (await store.entries.count()) >= wanted &&
        (!TAGGING || (await store.topics.counts()).find((c) => c.topicId === 'fixture')?.count === wanted),
      900_000,
    );
    const pageTimes: Promise<{ times: number[]; lags: number[] }> =
      PAGE_MODE === 'open'
        ? readTopicPageAtRate(web.url, PAGE_RATE, finished)
        : PAGE_MODE === 'closed'
          ? loadTopicPage(web.url, finished).then((times) => ({ times, lags: [] }))
          : Promise.resolve({ times: [], lags: [] });
    await finished;
    const seconds = (Date.now() - t0) / 1000;
    const { times, lags: sendLags } = await pageTimes;
    const workerCpu = (workers === 0 ? [web] : ws).reduce((s, p, i) => s + cpuSeconds(p.child.pid!) - cpu0[i]!, 0);
    const dbCpuSeconds = dbCpu?.stop() ?? 0;
    const entries = await store.entries.count();
    return {
      setup,
      seconds,
      entries,
      perSecond: entries / seconds,
      p50: percentile(times, 50),
      p99: percentile(times, 99),
      sendLagP99: percentile(sendLags, 99),
      pageRequests: times.length,
      workerCpuPerCheck: (workerCpu / FEEDS) * 1000,
      dbCpuPerCheck: (dbCpuSeconds / FEEDS) * 1000,
      bytesPerEntry: ((await bytes()) ?? Number.NaN) / entries,
    };
  } finally {
    for (const p of procs) p.child.kill('SIGTERM');
    await Promise.all(procs.map((p) => p.exited));
    await store.close();
    await drop();
    await feeds.close();
  }
}

const rows: Row[] = [];
if (SQLITE)
  rows.push(
    await run('SQLite, one process (serve)', 0, async () => {
      const path = join(dir, 'bench.db');
      const store = await SqliteStore.open({ path, defaultExtractMode: 'off' });
      return { store, database: `sqlite:${path}`, drop: async () => {}, bytes: async () => undefined };
    }),
  );
if (pgUrl) {
  for (const n of WORKER_COUNTS) {
    rows.push(
      await run(`PostgreSQL, ${n} worker${n > 1 ? 's' : ''}`, n, async () => {
        const schema = `newsdesk_bench_${process.pid}_${n}`;
        const store = await PostgresStore.open({ url: pgUrl, schema, poolSize: 3, defaultExtractMode: 'off' });
        const sep = pgUrl.includes('?') ? '&' : '?';
        const admin = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
          const c = new pg.Client({ connectionString: pgUrl });
          await c.connect();
          try {
            return await fn(c);
          } finally {
            await c.end();
          }
        };
        return {
          store,
          database: `${pgUrl}${sep}schema=${schema}`,
          drop: () => admin(async (c) => void (await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`))),
          // Everything the schema's tables and indexes take (entries, search vectors, tags, stories).
          bytes: () =>
            admin(
              async (c) =>
                (
                  await c.query<{ n: string }>(
                    `SELECT sum(pg_total_relation_size(format('%I.%I', schemaname, tablename)))::bigint AS n FROM pg_tables WHERE schemaname = $1`,
                    [schema],
                  )
                ).rows[0]?.n,
            ).then((n) => (n === undefined ? undefined : Number(n))),
        };
      }),
    );
  }
} else {
  process.stderr.write('NEWSDESK_TEST_POSTGRES_URL is not set: PostgreSQL rows skipped\n');
}

process.stdout.write(
  `fixture: ${FEEDS} feeds × ${ITEMS} items on ${HOSTS} hosts, ${DELAY_MS} ms per response; extraction off; ${TAGGING ? 'one topic tags every entry' : 'no topics'}; ${PAGE_MODE === 'open' ? `readers load the topic page at ${PAGE_RATE} requests/s (open loop, Poisson, latency from the scheduled time)` : PAGE_MODE === 'closed' ? 'two clients load the topic page back to back (closed loop)' : 'no page load'}\n`,
);
process.stdout.write(
  '| setup | seconds | entries | entries/s | vs PostgreSQL 1 worker | topic page p50 / p99 during ingest (requests) | worker CPU ms per check | PostgreSQL CPU ms per check | bytes per entry |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n',
);
const base = rows.find((r) => r.setup === 'PostgreSQL, 1 worker')?.perSecond;
for (const r of rows)
  process.stdout.write(
    `| ${r.setup} | ${r.seconds.toFixed(1)} | ${r.entries} | ${r.perSecond.toFixed(0)} | ${base ? `${(r.perSecond / base).toFixed(2)}×` : '—'} | ${r.pageRequests ? `${r.p50.toFixed(1)} / ${r.p99.toFixed(1)} ms (${r.pageRequests})` : '—'} | ${r.workerCpuPerCheck.toFixed(1)} | ${r.dbCpuPerCheck ? r.dbCpuPerCheck.toFixed(1) : '—'} | ${r.bytesPerEntry === undefined || Number.isNaN(r.bytesPerEntry) ? '—' : r.bytesPerEntry.toFixed(0)} |\n`,
  );
const two = rows.find((r) => r.setup === 'PostgreSQL, 2 workers')?.perSecond;
if (base && two)
  process.stdout.write(`goal: 2 workers ≥ 1.6× one — measured ${(two / base).toFixed(2)}× (${two / base >= 1.6 ? 'met' : 'not met'})\n`);
const worst = Math.max(...rows.map((r) => r.p99));
if (PAGE_LOAD)
  process.stdout.write(
    `goal: topic page p99 ≤ 50 ms during ingest — worst measured ${worst.toFixed(1)} ms (${worst <= 50 ? 'met' : 'not met'})\n`,
  );
if (PAGE_MODE === 'open')
  process.stdout.write(
    `open loop: the bench's own lateness in sending, p99 per row (inside the latencies above): ${rows.map((r) => `${r.setup} ${r.sendLagP99.toFixed(1)} ms`).join('; ')}\n`,
  );
