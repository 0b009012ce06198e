// Listing-page detection and sitemap parsing speed and memory, beside the cost of merely parsing
// the same bytes (htmlparser2's DOM, linkedom's DOM), in the same process, on the same inputs.
// Detection cannot be cheaper than a parse; the ratio says what finding the teasers costs on top.
// Sitemaps: ours (streaming htmlparser2, XML mode) beside linkedom's XML DOM + querySelectorAll.
//
//   npx tsx bench/listing.ts [--rounds N]
import { gzipSync } from 'node:zlib';
import { parseDocument } from 'htmlparser2';
import { DOMParser, parseHTML } from 'linkedom';
import { extractListing } from '../src/ingest/listing/detect.js';
import { parseSitemap } from '../src/ingest/sitemap/parse.js';
import { option } from './lib/args.js';
import { ratio } from './lib/format.js';
import { PeakMemory } from './lib/memory.js';
import { rng } from './lib/rng.js';

const WORDS = (
  'the council said on tuesday that a new plan for the harbour would cost more than expected and residents who ' +
  'spoke at the meeting asked why the report had not been published earlier while officials argued the river bridge'
).split(' ');
function words(r: () => number, n: number): string {
  return Array.from({ length: n }, () => WORDS[Math.floor(r() * WORDS.length)]).join(' ');
}

/** A news portal page: mega menu, N teaser cards with images and dates, a most-read box, a footer, scripts. */
function listingPage(seed: number, teasers: number): string {
  const r = rng(seed);
  const nav = Array.from({ length: 40 }, (_, i) => `<li class="menu-item"><a href="/section-${i}/">${words(r, 1)}</a></li>`).join('');
  const cards = Array.from({ length: teasers }, (_, i) => {
    const slug = words(r, 6).replace(/ /g, '-');
    return `<div class="col-md-4"><article class="card teaser"><a href="/news/2025/06/${slug}-${10000 + i}"><img data-src="/img/${i}.jpg" src="data:image/gif;base64,R0lGOD" alt=""></a>
      <div class="card-body"><span class="kicker"><a href="/section-${i % 7}/">${words(r, 1)}</a></span>
      <h3 class="card-title"><a href="/news/2025/06/${slug}-${10000 + i}">${words(r, 8)}</a></h3>
      <p class="card-text">${words(r, 35)} ..</p><time datetime="2025-06-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00Z">${1 + (i % 28)} June 2025</time>
      <a class="read-more" href="/news/2025/06/${slug}-${10000 + i}">Read more</a></div></article></div>`;
  }).join('\n');
  const most = Array.from(
    { length: 10 },
    (_, i) => `<li><a href="/news/2025/05/most-read-${i}-${words(r, 3).replace(/ /g, '-')}">${words(r, 7)}</a></li>`,
  ).join('');
  const script = `<script>window.__STATE__=${JSON.stringify({ items: Array.from({ length: 50 }, () => words(r, 20)) })}</script>`;
  return `<!doctype html><html lang="en"><head><title>Latest</title>${script}</head><body><header class="site-header"><nav><ul class="menu">${nav}</ul></nav></header>
    <main><section class="latest"><div class="row">${cards}</div><ul class="pagination"><li><span class="current">1</span></li><li><a href="?page=2">2</a></li></ul></section>
    <aside class="sidebar"><div class="widget most-read"><ol>${most}</ol></div></aside></main><footer class="site-footer">${nav}</footer></body></html>`;
}

function newsSitemap(seed: number, urls: number): string {
  const r = rng(seed);
  const body = Array.from(
    { length: urls },
    (
      _,
      i,
    ) => `<url><loc>https://news.example/2025/06/${words(r, 5).replace(/ /g, '-')}-${i}</loc><lastmod>2025-06-10T10:${String(i % 60).padStart(2, '0')}:00Z</lastmod>
  <news:news><news:publication><news:name>The Example</news:name><news:language>en</news:language></news:publication><news:publication_date>2025-06-10T10:00:00Z</news:publication_date><news:title>${words(r, 9)}</news:title></news:news>
  <image:image><image:loc>https://img.news.example/${i}.jpg</image:loc></image:image></url>`,
  ).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">\n${body}\n</urlset>`;
}

interface Row {
  name: string;
  items: number;
  seconds: number;
  bytes: number;
  peakRss: number;
  heapDelta: number;
}

function run(name: string, inputs: string[], rounds: number, fn: (s: string) => number): Row {
  if (global.gc) global.gc();
  const heap0 = process.memoryUsage().heapUsed;
  const peak = new PeakMemory();
  let items = 0;
  let bytes = 0;
  for (const s of inputs.slice(0, 2)) fn(s); // warm-up
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) {
    for (const s of inputs) {
      items += fn(s);
      bytes += Buffer.byteLength(s);
      peak.sample();
    }
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { name, items, seconds, bytes, peakRss: peak.rss, heapDelta: process.memoryUsage().heapUsed - heap0 };
}

function print(title: string, unit: string, rows: Row[], docs: number): void {
  console.log(`\n${title}`);
  const ours = rows[0]!;
  for (const r of rows) {
    const perSec = docs / r.seconds;
    console.log(
      `${r.name.padEnd(34)} ${perSec.toFixed(1).padStart(9)} ${unit}/s  ${(r.bytes / 1e6 / r.seconds).toFixed(2).padStart(7)} MB/s  ` +
        `items ${String(r.items).padStart(7)}  peak RSS ${(r.peakRss / 1e6).toFixed(0)} MB  heap Δ ${(r.heapDelta / 1e6).toFixed(1)} MB  ` +
        (r === ours ? '' : `speed ours/this ${ratio(r.seconds, ours.seconds)}`),
    );
  }
}

const rounds = Number(option('--rounds', '3'));

const pages = [20, 30, 50, 100, 200].flatMap((n, k) => [listingPage(k * 2 + 1, n), listingPage(k * 2 + 2, n)]);
const listingRows = [
  run('extractListing (htmlparser2 DOM)', pages, rounds, (s) => extractListing(s, 'https://news.example/latest').items.length),
  run('parse only: htmlparser2 parseDocument', pages, rounds, (s) => (parseDocument(s).children.length > 0 ? 0 : 0)),
  run('parse only: linkedom parseHTML', pages, rounds, (s) => (parseHTML(s).document.querySelectorAll('a').length > 0 ? 0 : 0)),
];
print(
  `listing pages (${pages.length} pages, 20–200 teasers, ${(pages.reduce((n, p) => n + p.length, 0) / 1e6).toFixed(1)} MB, ${rounds} rounds)`,
  'pages',
  listingRows,
  pages.length * rounds,
);

const maps = [1000, 1000, 5000, 20000].map((n, k) => newsSitemap(k + 1, n));
const sitemapRows = [
  run('parseSitemap (streaming, XML mode)', maps, rounds, (s) => parseSitemap(s, 'https://news.example/sitemap.xml').urls.length),
  run('linkedom XML DOM + querySelectorAll', maps, rounds, (s) => {
    const doc = new DOMParser().parseFromString(s, 'text/xml') as unknown as {
      querySelectorAll(q: string): ArrayLike<{ textContent: string | null }>;
    };
    return doc.querySelectorAll('url').length;
  }),
];
print(
  `news sitemaps (${maps.length} files, 1k–20k URLs, ${(maps.reduce((n, p) => n + p.length, 0) / 1e6).toFixed(1)} MB, ${rounds} rounds)`,
  'files',
  sitemapRows,
  maps.length * rounds,
);

const gz = gzipSync(Buffer.from(maps[3]!));
const gzRow = run(
  'parseSitemap on .xml.gz bytes',
  [gz.toString('latin1')],
  rounds,
  () => parseSitemap(gz, 'https://news.example/s.xml.gz').urls.length,
);
console.log(
  `\ngzip sitemap (20k URLs, ${(gz.length / 1e6).toFixed(2)} MB compressed): ${(rounds / gzRow.seconds).toFixed(1)} files/s, ${(gzRow.items / gzRow.seconds).toFixed(0)} URLs/s`,
);
