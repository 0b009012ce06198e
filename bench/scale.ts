// Ingest throughput across worker processes: entries/s from "all sources due" to "every source
// checked and its entries stored", with 1, 2 and 4 `newsdesk worker` processes (the built CLI) on
// PostgreSQL, and with one process on SQLite. The fixture is a few hundred local feeds on several
// loopback hosts (test/scale/feed-hosts.ts) answering after a fixed delay, like remote servers;
// extraction is off, so this measures fetch + parse + dedupe + store (+ tagging when topics are set).
//
//   npm run build && NEWSDESK_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test node dist/bench/scale.js
//   (FEEDS=2000 ITEMS=20 DELAY_MS=50 HOSTS=50 to change the fixture; loopback addresses 127.0.0.2…)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PostgresStore } from '../src/store/postgres/index.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import type { Store } from '../src/store/store.js';
import { startFeedHosts } from '../test/scale/feed-hosts.js';
import { startWorkerProcess, waitFor, type WorkerProcess } from '../test/scale/workers.js';

const FEEDS = Number(process.env.FEEDS ?? 2000);
const ITEMS = Number(process.env.ITEMS ?? 20);
const DELAY_MS = Number(process.env.DELAY_MS ?? 50);
const HOSTS = Number(process.env.HOSTS ?? 50);
const pgUrl = process.env.NEWSDESK_TEST_POSTGRES_URL;

interface Row {
  setup: string;
  seconds: number;
  entries: number;
  perSecond: number;
}

async function run(
  setup: string,
  workers: number,
  open: () => Promise<{ store: Store; database: string; drop(): Promise<void> }>,
): Promise<Row> {
  const feeds = await startFeedHosts({ hosts: HOSTS, feeds: FEEDS, itemsPerFeed: ITEMS, delayMs: DELAY_MS });
  const { store, database, drop } = await open();
  const procs: WorkerProcess[] = [];
  try {
    for (const u of feeds.urls) await store.sources.add({ url: u });
    const t0 = Date.now();
    // Started together; the time includes their start-up (about a second each on this machine).
    procs.push(
      ...(await Promise.all(
        Array.from({ length: workers }, (_, i) => startWorkerProcess(`bench-${i}`, database, { NEWSDESK_LOG_LEVEL: 'error' })),
      )),
    );
    await waitFor('every source checked', async () => (await store.sources.list()).every((s) => s.lastCheckedAt !== null), 600_000);
    const seconds = (Date.now() - t0) / 1000;
    const entries = await store.entries.count();
    return { setup, seconds, entries, perSecond: entries / seconds };
  } finally {
    for (const p of procs) p.child.kill('SIGTERM');
    await Promise.all(procs.map((p) => p.exited));
    await store.close();
    await drop();
    await feeds.close();
  }
}

const rows: Row[] = [];
const dir = mkdtempSync(join(tmpdir(), 'newsdesk-bench-scale-'));
rows.push(
  await run('SQLite, one process', 1, async () => {
    const path = join(dir, 'bench.db');
    const store = await SqliteStore.open({ path, defaultExtractMode: 'off' });
    return { store, database: `sqlite:${path}`, drop: async () => {} };
  }),
);
if (pgUrl) {
  for (const n of [1, 2, 4]) {
    rows.push(
      await run(`PostgreSQL, ${n} worker${n > 1 ? 's' : ''}`, n, async () => {
        const schema = `newsdesk_bench_${process.pid}_${n}`;
        const store = await PostgresStore.open({ url: pgUrl, schema, poolSize: 3, defaultExtractMode: 'off' });
        const sep = pgUrl.includes('?') ? '&' : '?';
        return {
          store,
          database: `${pgUrl}${sep}schema=${schema}`,
          drop: async () => {
            const c = new pg.Client({ connectionString: pgUrl });
            await c.connect();
            await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
            await c.end();
          },
        };
      }),
    );
  }
} else {
  process.stderr.write('NEWSDESK_TEST_POSTGRES_URL is not set: PostgreSQL rows skipped\n');
}

process.stdout.write(`fixture: ${FEEDS} feeds × ${ITEMS} items on ${HOSTS} hosts, ${DELAY_MS} ms per response; extraction off\n`);
process.stdout.write('| setup | seconds | entries | entries/s | vs PostgreSQL 1 worker |\n| --- | --- | --- | --- | --- |\n');
const base = rows.find((r) => r.setup === 'PostgreSQL, 1 worker')?.perSecond;
for (const r of rows)
  process.stdout.write(
    `| ${r.setup} | ${r.seconds.toFixed(1)} | ${r.entries} | ${r.perSecond.toFixed(0)} | ${base ? `${(r.perSecond / base).toFixed(2)}×` : '—'} |\n`,
  );
