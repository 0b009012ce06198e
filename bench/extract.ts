// Full-article extraction speed and memory: Newsdesk's extractArticle beside
// @mozilla/readability on jsdom and on linkedom, in the same process, on the same pages.
//
//   npx tsx bench/extract.ts [--rounds N] [PATH...]
//
// Without PATHs it generates realistic article pages (site chrome, navigation, JSON-LD, inline
// scripts, figures, related links, comments) of varied length. PATHs (files or folders of
// .html files) bench on those pages instead.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { extractArticle } from '../src/ingest/extract/index.js';
import { ratio } from './lib/format.js';
import { PeakMemory } from './lib/memory.js';
import { rng } from './lib/rng.js';

// jsdom ships no type declarations; this is the slice of its API the bench uses.
type JsdomApi = {
  JSDOM: new (html: Buffer | string, opts: { url: string; virtualConsole: object }) => { window: { document: unknown; close(): void } };
  VirtualConsole: new () => object;
};
const { JSDOM, VirtualConsole } = createRequire(import.meta.url)('jsdom') as JsdomApi;

// ---------------------------------------------------------------- pages --

const WORDS = (
  'the council said on tuesday that a new plan for the harbour would cost more than expected and residents ' +
  'who spoke at the meeting asked why the report had not been published earlier while officials argued the ' +
  'figures were still being checked by an independent auditor in the region where ferry services transport ' +
  'schools hospitals budget minister election voters campaign climate flooding coast road weather railway ' +
  'union strike workers wages inflation prices market energy company shares investors growth quarter'
).split(' ');

function sentence(r: () => number): string {
  const n = 8 + Math.floor(r() * 18);
  const w: string[] = [];
  for (let i = 0; i < n; i++) w.push(WORDS[Math.floor(r() * WORDS.length)]!);
  if (n > 14) w.splice(Math.floor(n / 2), 0, `${w.splice(Math.floor(n / 2), 1)[0]},`);
  const s = w.join(' ');
  return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
}

function paragraph(r: () => number): string {
  const n = 2 + Math.floor(r() * 4);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let s = sentence(r);
    if (r() < 0.2) s = s.replace(/ (\w+) (\w+)/, ' <a href="/topic/$1">$1 $2</a>');
    if (r() < 0.1) s = s.replace(/ (\w+)/, ' <em>$1</em>');
    out.push(s);
  }
  return `<p>${out.join(' ')}</p>`;
}

function nav(r: () => number, cls: string, n: number): string {
  const items: string[] = [];
  for (let i = 0; i < n; i++)
    items.push(
      `<li class="${cls}__item"><a href="/${WORDS[Math.floor(r() * WORDS.length)]}/${i}">${WORDS[Math.floor(r() * WORDS.length)]}</a></li>`,
    );
  return `<ul class="${cls}">${items.join('')}</ul>`;
}

/** One generated news article page, `paras` paragraphs long. */
export function articlePage(seed: number, paras: number): string {
  const r = rng(seed);
  const title = sentence(r).replace(/\.$/, '');
  const body: string[] = [];
  for (let i = 0; i < paras; i++) {
    body.push(paragraph(r));
    if (i % 6 === 5) body.push(`<h2>${sentence(r).replace(/\.$/, '')}</h2>`);
    if (i % 9 === 4)
      body.push(
        `<figure><img src="/img/${seed}-${i}.jpg" width="800" height="450" alt=""><figcaption>${sentence(r)}</figcaption></figure>`,
      );
    if (i % 11 === 7) body.push(`<div class="ad-slot" data-slot="${i}"><script>window.ads && ads.push(${i});</script></div>`);
  }
  const comments: string[] = [];
  for (let i = 0; i < 5 + Math.floor(r() * 10); i++) comments.push(`<li class="comment"><b>user${i}</b> ${paragraph(r)}</li>`);
  const script = `<script>${'var cfg = {"a": 1, "b": [1, 2, 3], "c": "tracking"};\n'.repeat(40 + Math.floor(r() * 200))}</script>`;
  const ld = JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: title,
    author: { '@type': 'Person', name: 'Alex Writer' },
    datePublished: '2024-05-06T07:08:09Z',
    publisher: { '@type': 'Organization', name: 'Bench Daily' },
  });
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title} | Bench Daily</title>
<meta name="viewport" content="width=device-width"><meta property="og:title" content="${title}">
<meta property="og:site_name" content="Bench Daily"><meta property="og:image" content="/img/${seed}.jpg">
<link rel="canonical" href="https://bench.example/news/${seed}"><link rel="stylesheet" href="/site.css">
<script type="application/ld+json">${ld}</script>${script}<style>${'.x{color:red}'.repeat(200)}</style></head>
<body class="article-page"><div class="site"><header class="masthead"><a class="logo" href="/">Bench Daily</a>${nav(r, 'menu', 14)}
<form class="search" action="/search"><input name="q"><button>Search</button></form></header>
<div class="layout"><main id="main"><article class="story"><header><h1>${title}</h1>
<p class="byline">By <a rel="author" href="/staff/alex">Alex Writer</a> <time datetime="2024-05-06T07:08:09Z">6 May 2024</time></p></header>
<div class="story-body">${body.join('\n')}</div>
<div class="share">${nav(r, 'share', 5)}</div></article>
<section class="comments"><h3>Comments</h3><ol>${comments.join('')}</ol></section></main>
<aside class="sidebar"><h3>Most read</h3>${nav(r, 'most-read', 10)}<h3>Related</h3>${nav(r, 'related', 8)}</aside></div>
<footer class="footer">${nav(r, 'footer-links', 20)}<p>© Bench Daily</p></footer></div>
<script src="/app.js"></script></body></html>`;
}

function generatedPages(): Array<{ name: string; bytes: Buffer }> {
  const out: Array<{ name: string; bytes: Buffer }> = [];
  const lengths = [6, 12, 20, 30, 45, 60, 90, 140];
  for (let i = 0; i < 40; i++) out.push({ name: `gen-${i}`, bytes: Buffer.from(articlePage(1000 + i, lengths[i % lengths.length]!)) });
  return out;
}

/** Files named on the command line, and .html files under folders named there. A folder laid out
 * like Readability's test pages (case/source.html beside case/expected.html) gives its sources. */
function pagesFrom(paths: string[]): Array<{ name: string; bytes: Buffer }> {
  const found: string[] = [];
  const walk = (p: string, top: boolean): void => {
    const st = statSync(p);
    if (st.isDirectory()) for (const n of readdirSync(p).sort()) walk(join(p, n), false);
    else if (top || /\.html?$/i.test(p)) found.push(p);
  };
  for (const p of paths) walk(p, true);
  const sources = found.filter((f) => /(^|\/)source\.html$/.test(f));
  return (sources.length > 0 ? sources : found).map((f) => ({ name: f, bytes: readFileSync(f) }));
}

// ---------------------------------------------------------------- peers --

type Peer = { name: string; run: (bytes: Buffer) => number };

const URL_ = 'https://bench.example/news/page';
const quiet = new VirtualConsole();

const peers: Peer[] = [
  {
    name: 'newsdesk extractArticle (linkedom)',
    run: (bytes) => (extractArticle({ bytes, url: URL_ }).text ?? '').length,
  },
  {
    name: 'readability on linkedom',
    run: (bytes) => {
      const { document } = parseHTML(bytes.toString('utf8')) as unknown as { document: never };
      return new Readability(document).parse()?.textContent?.length ?? 0;
    },
  },
  {
    name: 'readability on jsdom',
    run: (bytes) => {
      const dom = new JSDOM(bytes, { url: URL_, virtualConsole: quiet });
      const n = new Readability(dom.window.document as never).parse()?.textContent?.length ?? 0;
      dom.window.close();
      return n;
    },
  },
];

// ------------------------------------------------------------------ run --

type MemoryRun = { maxRss: number; peakHeap: number; baseRss: number };

function memoryOf(peer: number, paths: string[]): MemoryRun {
  const res = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, '--memory-of', String(peer), ...paths], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024,
  });
  if (res.status !== 0) throw new Error(`memory run of peer ${peer} failed: ${res.stderr}`);
  return JSON.parse(res.stdout.trim().split('\n').pop() ?? '{}') as MemoryRun;
}

/** Runs `peer` on one page outside the timed loop; a page it throws on is counted in the timing run. */
function attempt(peer: Peer, bytes: Buffer): void {
  try {
    peer.run(bytes);
  } catch {
    // counted in the timing run
  }
}

/** Child-process mode: one peer over the pages once; prints peak RSS and heap as JSON, and the RSS
 * the process held before the first page (every peer's modules loaded, the pages made): what all
 * peers share, so the peak less it is what this peer's work added. */
function memoryRun(peer: number, pages: Array<{ bytes: Buffer }>): void {
  const baseRss = process.memoryUsage().rss;
  const peak = new PeakMemory(true);
  for (const p of pages) {
    attempt(peers[peer]!, p.bytes);
    peak.sample();
  }
  // resourceUsage reports maxRSS in kilobytes.
  process.stdout.write(`${JSON.stringify({ maxRss: process.resourceUsage().maxRSS * 1024, peakHeap: peak.heap, baseRss })}\n`);
}

/** Child-process mode: one peer alone in this process, warmed up, then over the pages `rounds`
 * times; prints the time it took as JSON. */
function aloneRun(peer: number, pages: Array<{ bytes: Buffer }>, rounds: number): void {
  const one = peers[peer]!;
  for (const p of pages.slice(0, 5)) attempt(one, p.bytes);
  const t0 = performance.now();
  for (let round = 0; round < rounds; round++) for (const p of pages) attempt(one, p.bytes);
  process.stdout.write(`${JSON.stringify({ ms: performance.now() - t0, n: pages.length * rounds })}\n`);
}

function aloneOf(peer: number, paths: string[], rounds: number): number {
  const res = spawnSync(
    process.execPath,
    [...process.execArgv, process.argv[1]!, '--alone-of', String(peer), '--rounds', String(rounds), ...paths],
    { encoding: 'utf8', maxBuffer: 1024 * 1024 },
  );
  if (res.status !== 0) throw new Error(`timing run of peer ${peer} alone failed: ${res.stderr}`);
  const { ms, n } = JSON.parse(res.stdout.trim().split('\n').pop() ?? '{}') as { ms: number; n: number };
  return n / (ms / 1000);
}

function main(): void {
  const argv = process.argv.slice(2);
  let rounds = 3;
  let memoryOfPeer: number | undefined;
  let aloneOfPeer: number | undefined;
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--rounds') rounds = Number(argv[++i]);
    else if (argv[i] === '--memory-of') memoryOfPeer = Number(argv[++i]);
    else if (argv[i] === '--alone-of') aloneOfPeer = Number(argv[++i]);
    else paths.push(argv[i]!);
  }
  const pages = paths.length > 0 ? pagesFrom(paths) : generatedPages();
  if (memoryOfPeer !== undefined) {
    memoryRun(memoryOfPeer, pages);
    return;
  }
  if (aloneOfPeer !== undefined) {
    aloneRun(aloneOfPeer, pages, rounds);
    return;
  }
  if (pages.length === 0) throw new Error('no .html pages found in the given paths');
  const totalBytes = pages.reduce((s, p) => s + p.bytes.length, 0);
  console.log(`extract bench: ${pages.length} pages, ${(totalBytes / 1e6).toFixed(2)} MB, ${rounds} rounds, node ${process.version}`);

  // Warm every peer first so JIT warm-up does not favour whichever runs last.
  for (const peer of peers) for (const p of pages.slice(0, 5)) attempt(peer, p.bytes);

  // Time: peers take turns page by page, so load from other processes on the machine falls on
  // all of them alike. Who goes first turns with every page: a peer that runs right after another
  // pays for the collection of the other's garbage (jsdom leaves a lot), so a fixed order would
  // charge that cost to the same peer every time.
  const time = peers.map(() => 0);
  const chars = peers.map(() => 0);
  const errors = peers.map(() => 0);
  let turn = 0;
  for (let round = 0; round < rounds; round++) {
    for (const p of pages) {
      const first = turn++ % peers.length;
      peers.forEach((_, i) => {
        const k = (first + i) % peers.length;
        const peer = peers[k]!;
        const t0 = performance.now();
        try {
          chars[k]! += peer.run(p.bytes);
        } catch {
          errors[k]!++; // an extractor that throws on a page still spent the time
        }
        time[k]! += performance.now() - t0;
      });
    }
  }
  // Taking turns in one process, the peers share one heap: each pays for collecting the others'
  // garbage, and on linkedom every peer's nodes sit in one process-wide WeakMap (its listener
  // registry) that each collection sweeps. So each peer is also timed alone in a fresh process,
  // the peers one after another: the cost of its own work and garbage only.
  const alone = peers.map((_, k) => aloneOf(k, paths, rounds));
  // Memory: each peer alone in a fresh process over the pages once (peak RSS is per process).
  const results = peers.map((peer, k) => {
    const mem = memoryOf(k, paths);
    const secs = time[k]! / 1000;
    const n = pages.length * rounds;
    return {
      name: peer.name,
      pps: n / secs,
      mbps: (totalBytes * rounds) / 1e6 / secs,
      heap: mem.peakHeap / 1e6,
      rss: mem.maxRss / 1e6,
      added: (mem.maxRss - mem.baseRss) / 1e6,
      chars: chars[k]! / n,
      errors: errors[k],
      alone: alone[k]!,
    };
  });
  const ours = results[0]!;
  for (const r of results) {
    console.log(
      `${r.name.padEnd(36)} ${r.pps.toFixed(1).padStart(7)} pages/s ${r.mbps.toFixed(2).padStart(7)} MB/s  ` +
        `peak RSS ${r.rss.toFixed(0).padStart(4)} MB (+${r.added.toFixed(1)} on the loaded process)  peak heap ${r.heap.toFixed(0).padStart(4)} MB  ` +
        `text ${Math.round(r.chars)} chars/page  errors ${r.errors}  ours/this ${ratio(ours.pps, r.pps)}x  ` +
        `| alone ${r.alone.toFixed(1).padStart(6)} pages/s  ours/this ${ratio(ours.alone, r.alone)}x`,
    );
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, '/'))) main();
