// bench/poll: polls 2,000 generated feeds from a local fixture server into a fresh SQLite store.
// First poll: feeds/s, entries/s, bytes on the wire. Second poll of the unchanged feeds: bytes on
// the wire, which conditional GET (ETag / Last-Modified → 304) must keep at <= 5% of the first.
// Peer, side by side: the same feeds fetched with Node's global fetch() (no validators, no
// address guard) and parsed with rss-parser, nothing stored.
// The fixture server runs in a child process so the poller's peak RSS is its own.
//
//   npx tsx bench/poll.ts [--feeds 2000] [--hosts 40] [--workers 16]
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { pino } from 'pino';
import { loadConfig } from '../src/config/load.js';
import { Scheduler } from '../src/jobs/scheduler.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import { numberOption } from './lib/args.js';

// ---------- deterministic feed generator ----------

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the of and to in for on with as by at from market government city minister report new year people said ' +
  'economy election climate court police health school water energy company price week official data study'
).split(' ');
const AR = 'الحكومة السوق المدينة الوزير تقرير العام الناس قال الاقتصاد الانتخابات'.split(' ');

function sentence(r: () => number, n: number, words = WORDS): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(words[Math.floor(r() * words.length)]!);
  const s = out.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1) + '.';
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Feed n: RSS 2.0 or Atom, 5–80 items, 1–12 paragraphs each; every 10th in Arabic. */
function makeFeed(n: number): { body: Buffer; type: string } {
  const r = rng(n * 7919 + 17);
  const items = 5 + Math.floor(r() * 76);
  const arabic = n % 10 === 3;
  const words = arabic ? AR : WORDS;
  const base = Date.UTC(2025, 5, 1) - n * 1000;
  const atom = n % 4 === 1;
  const parts: string[] = [];
  for (let i = 0; i < items; i++) {
    const paras = 1 + Math.floor(r() * 12);
    const html = Array.from(
      { length: paras },
      () => `<p>${esc(sentence(r, 12 + Math.floor(r() * 30), words))} <a href="https://site${n}.example/x">link</a></p>`,
    ).join('');
    const title = esc(sentence(r, 6, words));
    const date = new Date(base - i * 3600_000);
    if (atom) {
      parts.push(
        `<entry><id>urn:feed${n}:item${i}</id><title>${title}</title><link href="https://site${n}.example/a/${i}"/>` +
          `<updated>${date.toISOString()}</updated><content type="html">${esc(html)}</content></entry>`,
      );
    } else {
      parts.push(
        `<item><guid isPermaLink="false">feed${n}-item${i}</guid><title>${title}</title><link>https://site${n}.example/a/${i}</link>` +
          `<pubDate>${date.toUTCString()}</pubDate><description>${esc(html)}</description></item>`,
      );
    }
  }
  const lang = arabic ? 'ar' : 'en';
  const xml = atom
    ? `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}"><title>Feed ${n}</title><id>urn:feed${n}</id><updated>${new Date(base).toISOString()}</updated>\n${parts.join('\n')}\n</feed>\n`
    : `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Feed ${n}</title><link>https://site${n}.example/</link><language>${lang}</language>\n${parts.join('\n')}\n</channel></rss>\n`;
  return { body: Buffer.from(xml), type: atom ? 'application/atom+xml; charset=utf-8' : 'application/rss+xml; charset=utf-8' };
}

// ---------- server (child process) ----------

async function serve(feeds: number, hosts: number): Promise<void> {
  const cache = new Map<number, { raw: Buffer; gz: Buffer; type: string; etag: string; lm: string }>();
  const get = (n: number) => {
    let f = cache.get(n);
    if (!f) {
      const { body, type } = makeFeed(n);
      f = { raw: body, gz: gzipSync(body), type, etag: `"f${n}-v1"`, lm: new Date(Date.UTC(2025, 5, 1) - n * 1000).toUTCString() };
      cache.set(n, f);
    }
    return f;
  };
  const sockets = new Set<Socket>();
  let closedBytes = 0;
  let bomb: Buffer | undefined;
  const servers: Server[] = [];
  const ports: number[] = [];
  for (let h = 0; h < hosts; h++) {
    const server = createServer((req, res) => {
      if (req.url === '/bomb') {
        // 16 gzip members of 64 MiB of zeros: 1 GiB inflated, ~1 MB on the wire.
        bomb ??= gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
        res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' });
        let i = 0;
        const next = (): void => {
          while (i < 16) {
            i++;
            if (!res.write(bomb)) return void res.once('drain', next);
          }
          res.end();
        };
        return next();
      }
      const m = /^\/feed\/(\d+)\.xml$/.exec(req.url ?? '');
      const n = m ? Number(m[1]) : -1;
      if (n < 0 || n >= feeds) return void res.writeHead(404).end();
      const f = get(n);
      // Half the feeds answer If-None-Match, the other half only If-Modified-Since.
      const byEtag = n % 2 === 0;
      const validators: Record<string, string> = byEtag ? { etag: f.etag } : { 'last-modified': f.lm };
      if ((byEtag && req.headers['if-none-match'] === f.etag) || (!byEtag && req.headers['if-modified-since'] === f.lm)) {
        return void res.writeHead(304, validators).end();
      }
      const gzip = n % 3 !== 0 && /gzip/.test(String(req.headers['accept-encoding'] ?? ''));
      const body = gzip ? f.gz : f.raw;
      res.writeHead(200, {
        'content-type': f.type,
        'content-length': String(body.length),
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
        ...validators,
      });
      res.end(body);
    });
    server.keepAliveTimeout = 30_000;
    server.on('connection', (s: Socket) => {
      sockets.add(s);
      s.on('close', () => {
        closedBytes += s.bytesWritten;
        sockets.delete(s);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    servers.push(server);
    ports.push((server.address() as AddressInfo).port);
  }
  for (let n = 0; n < feeds; n++) get(n); // generate up front: the first poll measures the poller, not the generator
  process.on('message', (msg: { cmd: string }) => {
    if (msg.cmd === 'bytes') process.send!({ bytes: closedBytes + [...sockets].reduce((a, s) => a + s.bytesWritten, 0) });
    if (msg.cmd === 'stop') {
      for (const s of sockets) s.destroy();
      for (const s of servers) s.close();
      process.exit(0);
    }
  });
  process.send!({ ports, rawBytes: [...cache.values()].reduce((a, f) => a + f.raw.length, 0) });
}

// ---------- poller (parent) ----------

function ask<T>(child: ChildProcess, cmd: string): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as T));
    child.send({ cmd });
  });
}

function mb(n: number): string {
  return `${(n / 1e6).toFixed(2)} MB`;
}

async function main(): Promise<void> {
  const feeds = numberOption('--feeds', 2000);
  const hosts = numberOption('--hosts', 40);
  const workers = numberOption('--workers', 16);
  const child = fork(fileURLToPath(import.meta.url), ['--serve', '--feeds', String(feeds), '--hosts', String(hosts)], { stdio: 'inherit' });
  const ready = await new Promise<{ ports: number[]; rawBytes: number }>((r) =>
    child.once('message', (m) => r(m as { ports: number[]; rawBytes: number })),
  );
  const urls = Array.from({ length: feeds }, (_, n) => `http://127.0.0.1:${ready.ports[n % ready.ports.length]}/feed/${n}.xml`);
  console.log(
    `bench/poll: ${feeds} feeds on ${hosts} local hosts, ${mb(ready.rawBytes)} of XML uncompressed; workers=${workers}, per-host=4`,
  );

  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-bench-poll-'));
  const dbPath = join(dir, 'bench.db');
  const config = loadConfig({
    env: {},
    overrides: { database: `sqlite:${dbPath}`, allowHosts: ['127.0.0.1'], workers, perHostConcurrency: 4, totalTimeoutMs: 60_000 },
  });
  // First, while the process is fresh: a gzip bomb through the same client, capped at
  // maxBodyBytes after decompression.
  const { HttpFetcher } = await import('../src/ingest/fetch/index.js');
  const fetcher = new HttpFetcher(config);
  const before = process.memoryUsage().rss;
  let bombPeak = before;
  const bombSampler = setInterval(() => (bombPeak = Math.max(bombPeak, process.memoryUsage().rss)), 2);
  const tb = Date.now();
  const outcome = await fetcher.fetch(`http://127.0.0.1:${ready.ports[0]}/bomb`).then(
    () => 'NOT CAPPED',
    (e: Error) => e.name,
  );
  clearInterval(bombSampler);
  await fetcher.close();
  console.log(
    `gzip bomb (1 GiB inflated, ~1 MB sent): ${outcome} after ${Date.now() - tb} ms; RSS ${(before / 1e6).toFixed(0)} MB -> peak ${(bombPeak / 1e6).toFixed(0)} MB (limit ~150 MB): ${bombPeak < 150e6 && outcome === 'TooLargeFetchError' ? 'PASS' : 'CHECK'}`,
  );

  const store = await SqliteStore.open({ path: dbPath });
  for (const url of urls) await store.sources.add({ url });
  const scheduler = new Scheduler({ store, config, log: pino({ level: 'silent' }) });

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

  const b0 = (await ask<{ bytes: number }>(child, 'bytes')).bytes;
  const first = await scheduler.pollOnce();
  const b1 = (await ask<{ bytes: number }>(child, 'bytes')).bytes;
  const firstBytes = b1 - b0;
  const entries = await store.entries.count();
  console.log(
    `first poll:  ${first.checked} feeds in ${(first.durationMs / 1000).toFixed(2)} s = ${(first.checked / (first.durationMs / 1000)).toFixed(0)} feeds/s, ` +
      `${(first.inserted / (first.durationMs / 1000)).toFixed(0)} entries/s (${entries} entries stored, ${first.failed} failed); ` +
      `${mb(firstBytes)} sent by the server (${mb(first.wireBytes)} of bodies)`,
  );

  const sync = first.parseMs + first.adaptMs + first.saveMs;
  console.log(
    `first poll, synchronous work on the event loop: parse ${(first.parseMs / 1000).toFixed(1)} s, adapt ${(first.adaptMs / 1000).toFixed(1)} s, ` +
      `save ${(first.saveMs / 1000).toFixed(1)} s (${((100 * first.saveMs) / sync).toFixed(0)}% of ${(sync / 1000).toFixed(1)} s; the rest of the ` +
      `${(first.durationMs / 1000).toFixed(1)} s wall time is fetching, decompression and I/O)`,
  );

  // Make every source due again, as if its interval had passed; the feeds have not changed.
  const now = Date.now();
  for (const s of await store.sources.list()) await store.sources.update(s.id, { nextCheckAt: now - 1 });
  const second = await scheduler.pollOnce();
  const b2 = (await ask<{ bytes: number }>(child, 'bytes')).bytes;
  const secondBytes = b2 - b1;
  const ratio = secondBytes / firstBytes;
  console.log(
    `second poll: ${second.checked} feeds in ${(second.durationMs / 1000).toFixed(2)} s = ${(second.checked / (second.durationMs / 1000)).toFixed(0)} feeds/s; ` +
      `${second.notModified} not modified (304), ${second.fetched} re-read, ${second.inserted} new entries; ${mb(secondBytes)} sent by the server`,
  );
  console.log(
    `conditional GET: second poll transferred ${(ratio * 100).toFixed(2)}% of the first poll's bytes (goal <= 5%): ${ratio <= 0.05 ? 'PASS' : 'FAIL'}`,
  );
  clearInterval(sampler);
  const ourPeak = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
  console.log(
    `newsdesk peak RSS: ${(ourPeak / 1e6).toFixed(0)} MB (heap used now ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB)`,
  );
  await scheduler.close();
  await store.close();

  // Peer, same feeds and concurrency: global fetch() + rss-parser, nothing stored, no validators.
  const peer = await peerPoll(urls, workers);
  if (peer) {
    const ours = first.checked / (first.durationMs / 1000);
    console.log(
      `peer fetch()+rss-parser (no storage, no guard): ${peer.ok} feeds in ${(peer.ms / 1000).toFixed(2)} s = ${(peer.ok / (peer.ms / 1000)).toFixed(0)} feeds/s, ${peer.items} items`,
    );
    console.log(`ratio ours/peer (feeds/s, first poll): ${(ours / (peer.ok / (peer.ms / 1000))).toFixed(2)}`);
  }

  child.send({ cmd: 'stop' });
  rmSync(dir, { recursive: true, force: true });
  process.exitCode = ratio <= 0.05 && first.failed === 0 ? 0 : 1;
}

async function peerPoll(urls: string[], workers: number): Promise<{ ok: number; items: number; ms: number } | undefined> {
  let Parser: new () => { parseString(xml: string): Promise<{ items: unknown[] }> };
  try {
    const mod = (await import('rss-parser')) as unknown as { default: typeof Parser };
    Parser = mod.default;
  } catch {
    console.log('peer: rss-parser not installed, skipped');
    return undefined;
  }
  const parser = new Parser();
  let next = 0;
  let ok = 0;
  let items = 0;
  const t0 = Date.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < urls.length) {
        const url = urls[next++]!;
        const res = await fetch(url);
        const text = await res.text();
        const feed = await parser.parseString(text);
        items += feed.items.length;
        ok++;
      }
    }),
  );
  return { ok, items, ms: Date.now() - t0 };
}

if (process.argv.includes('--serve')) void serve(numberOption('--feeds', 2000), numberOption('--hosts', 40));
else void main();
