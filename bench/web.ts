// Topic page speed with 100,000 entries: median/p99 latency and req/s under 50 connections
// (autocannon), beside a static file of the same size served by the same server; server RSS.
// The server runs in a child process so autocannon does not share its event loop.
//   npx tsx bench/web.ts [--entries N] [--duration S] [--db PATH]
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { NewEntry } from '../src/domain/entry.js';
import { loadConfig } from '../src/config/load.js';
import { createLogger } from '../src/log/logger.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import { createHttpApp } from '../src/server/app.js';
import { Registry } from '../src/metrics/registry.js';
import { listen } from '../src/server/listen.js';
import { option as opt } from './lib/args.js';
import { ratio } from './lib/format.js';
import { rng } from './lib/rng.js';

// ---- corpus ---------------------------------------------------------------------------------

const BASE_WORDS = (
  'iraq camp ashraf liberty court minister council police government parliament oil port harbour storm rain ' +
  'election market bank rate inflation school university hospital doctor health water power electricity road ' +
  'rail ferry airport border trade export farmer harvest dates wheat city village province capital river bridge ' +
  'museum festival book library football league match goal coach player team season record weather flood fire ' +
  'army security attack peace talks envoy united nations refugee asylum family member group leader rally protest ' +
  'report statement spokesman judge lawyer trial appeal prison law bill vote budget tax price fuel gas plant ' +
  'company worker strike union pension metro bus traffic camera phone internet media channel satellite radio'
).split(' ');

/** A vocabulary of real words plus made-up ones, used with a Zipf-like frequency. */
export function vocabulary(size: number, r: () => number): string[] {
  const words = [...BASE_WORDS];
  const syll = ['ka', 'ri', 'mo', 'le', 'sa', 'tu', 'na', 'bi', 'do', 'fe', 'gha', 'zar', 'qu', 'vin', 'shi', 'po'];
  while (words.length < size) {
    let w = '';
    const n = 2 + Math.floor(r() * 3);
    for (let i = 0; i < n; i++) w += syll[Math.floor(r() * syll.length)];
    words.push(w);
  }
  return words;
}

export function zipfPicker(n: number, r: () => number): () => number {
  // Inverse-CDF sampling of 1/rank over n ranks.
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cdf[i] = sum += 1 / (i + 1);
  return () => {
    const x = r() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export const VOCAB_SIZE = 20_000;

/** Builds (or reuses) a store of `n` entries over 50 sources, 5% of them Arabic. */
export async function buildCorpus(path: string, n: number): Promise<void> {
  if (existsSync(path)) {
    const s = await SqliteStore.open({ path });
    const have = await s.entries.count();
    await s.close();
    if (have === n) return;
    throw new Error(`${path} holds ${have} entries, not ${n}: delete it or pass another --db`);
  }
  const t0 = Date.now();
  const store = await SqliteStore.open({ path });
  const r = rng(42);
  const words = vocabulary(VOCAB_SIZE, r);
  const pick = zipfPicker(words.length, r);
  const sentence = (len: number): string => {
    const w: string[] = [];
    for (let i = 0; i < len; i++) w.push(words[pick()]!);
    const s = w.join(' ');
    return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
  };
  const sources: number[] = [];
  for (let i = 0; i < 50; i++)
    sources.push((await store.sources.add({ url: `https://outlet${i}.example/feed.xml`, title: `Outlet ${i}` })).source.id);
  const now = Date.now();
  const batch = 1000;
  for (let start = 0; start < n; start += batch) {
    const bySource = new Map<number, NewEntry[]>();
    for (let i = start; i < Math.min(n, start + batch); i++) {
      const arabic = i % 20 === 0;
      const paras = Array.from({ length: 3 }, () =>
        Array.from({ length: 3 + Math.floor(r() * 3) }, () => sentence(8 + Math.floor(r() * 12))).join(' '),
      );
      const text = arabic
        ? 'نظرت محكمة في بغداد اليوم في دعوى تتعلق بأراضٍ زراعية قرب معسكر أشرف السابق. ' + paras.join('\n\n')
        : paras.join('\n\n');
      const title = sentence(6 + Math.floor(r() * 6)).slice(0, -1);
      const src = sources[i % sources.length]!;
      const list = bySource.get(src) ?? [];
      list.push({
        dedupeKey: `k${i}`,
        fingerprint: `f${i}`,
        url: `https://outlet.example/${i}`,
        title,
        author: null,
        contentHtml: paras.map((p) => `<p>${p}</p>`).join(''),
        text,
        lang: arabic ? 'ar' : 'en',
        dir: arabic ? 'rtl' : 'ltr',
        // One entry every ~30 s going back in time, with jitter so publishedAt ties are rare but exist.
        publishedAt: now - i * 30_000 - Math.floor(r() * 20_000),
        updatedAt: null,
      });
      bySource.set(src, list);
    }
    for (const [src, items] of bySource) await store.entries.saveBatch(src, items, now);
  }
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.db.exec('ANALYZE');
  await store.close();
  process.stderr.write(`built ${n} entries in ${((Date.now() - t0) / 1000).toFixed(1)} s at ${path}\n`);
}

// ---- server (child process) -----------------------------------------------------------------

async function serve(dbPath: string, staticDir: string, renderCache: boolean, ingest: boolean): Promise<void> {
  const store = await SqliteStore.open({ path: dbPath });
  const config = loadConfig({ env: {}, overrides: { pageSize: 50 } });
  const app = createHttpApp({ store, config, log: createLogger('silent'), metrics: new Registry(), renderCache });
  // The static peer: the same bytes as the topic page, as a file served by the same server.
  const topic = Buffer.from(await (await app.request('/')).arrayBuffer());
  writeFileSync(join(staticDir, 'page.html'), topic);
  const outer = new (await import('hono')).Hono();
  outer.use('/static/*', serveStatic({ root: staticDir, rewriteRequestPath: (p) => p.replace(/^\/static/, '') }));
  outer.get('/memory.html', (c) => c.body(topic, 200, { 'content-type': 'text/html; charset=utf-8' }));
  outer.route('/', app);
  const server = await listen(outer, { host: '127.0.0.1', port: 0 });
  if (ingest) {
    // A busy scheduler: ten new entries every second, each batch invalidating every cached page.
    const src = (await store.sources.list())[0]!.id;
    let k = 0;
    setInterval(() => {
      const now = Date.now();
      const items: NewEntry[] = Array.from({ length: 10 }, () => {
        k++;
        return {
          dedupeKey: `live${k}`,
          fingerprint: `live${k}`,
          url: null,
          title: `Live story ${k}`,
          author: null,
          contentHtml: null,
          text: 'A story that arrived while the benchmark ran. It has two sentences.',
          lang: 'en',
          dir: 'ltr',
          publishedAt: now,
          updatedAt: null,
        };
      });
      void store.entries.saveBatch(src, items, now);
    }, 1000).unref();
  }
  let peakRss = process.memoryUsage.rss();
  setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 100).unref();
  process.on('message', (m: unknown) => {
    if (m === 'rss') {
      const cpu = process.cpuUsage();
      process.send!({ rss: process.memoryUsage.rss(), peakRss, cpuMs: (cpu.user + cpu.system) / 1000 });
    }
    if (m === 'exit') {
      // Leave the corpus as it was for the next run.
      if (ingest) store.db.prepare("DELETE FROM entries WHERE dedupe_key LIKE 'live%'").run();
      void server
        .close()
        .then(() => store.close())
        .then(() => process.exit(0));
    }
  });
  process.send!({ url: server.url, bytes: topic.length });
}

// ---- load (parent) --------------------------------------------------------------------------

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number; max: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
}) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

interface Child {
  url: string;
  bytes: number;
  ask(): Promise<{ rss: number; peakRss: number; cpuMs: number }>;
  stop(): void;
}

type Mode = 'cache' | 'nocache' | 'ingest';

function startChild(db: string, mode: Mode): Promise<Child> {
  const dir = join(tmpdir(), `newsdesk-bench-static-${process.pid}-${mode}`);
  mkdirSync(dir, { recursive: true });
  const child = fork(fileURLToPath(import.meta.url), ['--serve', db, dir, mode], { execArgv: process.execArgv });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (m) => {
      const { url, bytes } = m as { url: string; bytes: number };
      resolve({
        url,
        bytes,
        ask: () =>
          new Promise((res) => {
            child.once('message', (x) => res(x as { rss: number; peakRss: number; cpuMs: number }));
            child.send('rss');
          }),
        stop: () => child.send('exit'),
      });
    });
  });
}

interface Measured extends AutocannonResult {
  /** Server CPU time per request (ms): what a request costs, whatever else runs on the machine. */
  cpuPerRequest: number;
}

async function load(child: Child, path: string, duration: number): Promise<Measured> {
  const url = `${child.url}${path}`;
  await autocannon({ url, connections: 50, duration: 1 }); // warm-up
  const before = await child.ask();
  const r = await autocannon({ url, connections: 50, duration });
  const after = await child.ask();
  return { ...r, cpuPerRequest: (after.cpuMs - before.cpuMs) / Math.max(1, r.requests.total) };
}

function line(name: string, r: Measured): string {
  return `${name.padEnd(34)} ${r.requests.average.toFixed(0).padStart(7)} req/s   p50 ${String(r.latency.p50).padStart(3)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   server CPU ${r.cpuPerRequest.toFixed(3)} ms/req (${(1000 / r.cpuPerRequest).toFixed(0)} req/s per core)   non2xx ${r.non2xx}`;
}

async function main(): Promise<void> {
  const n = Number(opt('--entries', '100000'));
  const duration = Number(opt('--duration', '10'));
  const db = opt('--db', join(tmpdir(), `newsdesk-bench-${n}.db`));
  await buildCorpus(db, n);
  process.stdout.write(`topic page bench: ${n} entries, 50 teasers per page, 50 connections, ${duration} s per run\n`);
  const labels: Record<Mode, string> = {
    cache: 'render cache on (default)',
    ingest: 'render cache on, 10 new entries per second (cache invalidated every second)',
    nocache: 'render cache off (every request renders)',
  };
  const modes = (opt('--modes', 'cache,ingest,nocache').split(',') as Mode[]).filter((m) => m in labels);
  for (const mode of modes) {
    const child = await startChild(db, mode);
    const label = labels[mode];
    process.stdout.write(`\n${label}; page ${child.bytes} bytes\n`);
    await load(child, '/', duration); // a first full run warms the JIT and the page cache
    const topic = await load(child, '/', duration);
    const deep = await load(child, `/?older=${encodeURIComponent(String(Date.now() - 40_000 * 30_000))}.1`, duration);
    const stat = await load(child, '/static/page.html', duration);
    const mem = await load(child, '/memory.html', duration);
    const { rss, peakRss } = await child.ask();
    process.stdout.write(
      `${line('topic page /', topic)}\n${line('topic page, deep cursor (~40k back)', deep)}\n${line('static file (serveStatic)', stat)}\n${line('same bytes from memory', mem)}\n`,
    );
    process.stdout.write(
      `ratio topic/static req/s: ${ratio(topic.requests.average, stat.requests.average)}   topic/memory: ${ratio(topic.requests.average, mem.requests.average)}   ` +
        `by server CPU per request: topic/static ${ratio(stat.cpuPerRequest, topic.cpuPerRequest)}   topic/memory ${ratio(mem.cpuPerRequest, topic.cpuPerRequest)}\n`,
    );
    process.stdout.write(
      `server RSS ${(rss / 1048576).toFixed(0)} MB (peak ${(peakRss / 1048576).toFixed(0)} MB); load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')} on ${cpus().length} cores\n`,
    );
    child.stop();
  }
}

if (process.argv[2] === '--serve') {
  void serve(process.argv[3]!, process.argv[4]!, process.argv[5] !== 'nocache', process.argv[5] === 'ingest');
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  });
}
