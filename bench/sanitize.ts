// Sanitiser speed: our streaming allowlist sanitiser (src/sanitize) against DOMPurify on jsdom and
// DOMPurify on linkedom, side by side in this process, on one generated corpus of realistic news
// article bodies (English, Arabic, Persian; links, figures with srcset, tables, embeds, tracking
// pixels, inline styles, the odd script). Prints docs/s, MB/s, peak RSS, heap growth and the
// ratio ours/theirs, and checks every output (ours and theirs) for executable remnants.
// If ../shared/corpora/dompurify-fixtures/fixtures.json is there, also counts our unsafe outputs on it.
//
//   npx tsx bench/sanitize.ts [--mb 4] [--seconds 3] [--seed 7]
import { existsSync, readFileSync } from 'node:fs';
import createDOMPurify from 'dompurify';
import { Parser } from 'htmlparser2';
import { sanitizeHtml } from '../src/sanitize/index.js';
import { findExecutable } from '../src/sanitize/executable.js';
import { option } from './lib/args.js';
import { ratio } from './lib/format.js';
import { PeakMemory } from './lib/memory.js';
import { rng } from './lib/rng.js';

function arg(name: string, def: number): number {
  const v = Number(option(`--${name}`, String(def)));
  return Number.isFinite(v) && v > 0 ? v : def;
}
const MB = arg('mb', 4);
const SECONDS = arg('seconds', 3);
const SEED = arg('seed', 7);

// ---- corpus ---------------------------------------------------------------------------------
const WORDS = {
  en: 'the government said on monday that talks would resume after officials from both sides met in the capital to discuss trade security and the economy while analysts warned prices could rise further'.split(
    ' ',
  ),
  ar: 'قالت الحكومة يوم الاثنين إن المحادثات ستستأنف بعد أن التقى مسؤولون من الجانبين في العاصمة لمناقشة التجارة والأمن والاقتصاد بينما حذر محللون من ارتفاع الأسعار'.split(
    ' ',
  ),
  fa: 'دولت روز دوشنبه اعلام کرد که گفتگوها پس از دیدار مقامات دو طرف در پایتخت برای بررسی تجارت امنیت و اقتصاد از سر گرفته می‌شود و تحلیلگران هشدار دادند قیمت‌ها بالا می‌رود'.split(
    ' ',
  ),
};
type Lang = keyof typeof WORDS;

function generate(targetBytes: number, seed: number): string[] {
  const r = rng(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  const words = (lang: Lang, n: number): string => Array.from({ length: n }, () => pick(WORDS[lang])).join(' ');
  const docs: string[] = [];
  let total = 0;
  while (total < targetBytes) {
    const lang = pick(['en', 'en', 'ar', 'fa'] as const);
    const dir = lang === 'en' ? '' : ' dir="rtl"';
    const parts: string[] = [`<div class="article-body" id="story-${int(1, 1e6)}" data-track="x">`];
    const blocks = int(6, 20);
    for (let b = 0; b < blocks; b++) {
      const k = r();
      if (k < 0.55) {
        parts.push(
          `<p${dir} class="para">${words(lang, int(20, 60))} <a href="${pick(['/news/', 'https://other.example.org/', '../related/'])}${int(1, 1e6)}?utm_source=rss&amp;utm_medium=feed" class="link" data-id="${int(1, 999)}">${words(lang, 3)}</a>, <strong>${words(lang, 2)}</strong> &ldquo;${words(lang, 4)}&rdquo;&nbsp;&mdash; <em>${words(lang, int(3, 10))}</em>.</p>`,
        );
      } else if (k < 0.65) {
        parts.push(
          `<figure class="image"><picture><source srcset="/img/${int(1, 1e6)}.webp 1x, /img/${int(1, 1e6)}@2x.webp 2x" type="image/webp"><img src="/img/${int(1, 1e6)}.jpg" srcset="/img/a-640.jpg 640w, /img/a-1280.jpg 1280w" sizes="(max-width: 640px) 100vw, 640px" alt="${words(lang, 4)}" width="640" height="360" loading="lazy" class="lazy"></picture><figcaption>${words(lang, 8)} <span class="credit">Photo: Agency</span></figcaption></figure>`,
        );
      } else if (k < 0.72) {
        parts.push(`<h2${dir}>${words(lang, 6)}</h2>`);
      } else if (k < 0.79) {
        parts.push(`<ul>${Array.from({ length: int(2, 6) }, () => `<li>${words(lang, int(4, 12))}</li>`).join('')}</ul>`);
      } else if (k < 0.84) {
        parts.push(
          `<blockquote class="twitter-tweet" cite="https://x.example/status/${int(1, 1e9)}"><p${dir}>${words(lang, int(10, 25))}</p>&mdash; Someone (@someone)</blockquote><script async src="https://platform.twitter.example/widgets.js" charset="utf-8"></script>`,
        );
      } else if (k < 0.88) {
        parts.push(
          `<table class="data"><thead><tr><th>${words(lang, 1)}</th><th>${words(lang, 1)}</th></tr></thead><tbody>${Array.from({ length: int(2, 6) }, () => `<tr><td>${int(1, 999)}</td><td style="text-align:right;color:#333">${int(1, 99)}.${int(0, 9)}%</td></tr>`).join('')}</tbody></table>`,
        );
      } else if (k < 0.91) {
        parts.push(
          `<div class="embed"><iframe src="https://www.youtube.com/embed/v${int(1, 1e6)}" width="560" height="315" frameborder="0" allow="autoplay; encrypted-media" allowfullscreen></iframe></div>`,
        );
      } else if (k < 0.94) {
        parts.push(
          `<div class="ad" onclick="track(${int(1, 99)})"><iframe src="https://ads.example.net/slot/${int(1, 99)}"></iframe><noscript><img src="https://pixel.example.net/p.gif" width="1" height="1"></noscript></div>`,
        );
      } else if (k < 0.97) {
        parts.push(
          `<p><img src="http://feeds.feedburner.com/~r/Example/~4/${int(1, 1e6)}" height="1" width="1" alt=""/><a href="http://feeds.feedburner.com/~ff/Example?a=${int(1, 1e6)}"><img src="http://feeds.feedburner.com/~ff/Example?d=yIl2AUoC8zA" border="0"></a></p>`,
        );
      } else {
        parts.push(
          `<p style="font-size: 14px; position: absolute">${words(lang, 10)}<script>window.x=${int(1, 9)}</script><style>.x{color:red}</style></p>`,
        );
      }
    }
    parts.push('</div>');
    const doc = parts.join('\n');
    docs.push(doc);
    total += Buffer.byteLength(doc);
  }
  return docs;
}

// ---- runners ----------------------------------------------------------------------------------
interface Runner {
  name: string;
  run(html: string): string;
}

const BASE = 'https://news.example.com/world/2024/story.html';
const runners: Runner[] = [
  { name: 'newsdesk sanitizeHtml', run: (h) => sanitizeHtml(h, { baseUrl: BASE }) },
  { name: 'newsdesk, no baseUrl', run: (h) => sanitizeHtml(h) },
];
// The ceiling for any sanitiser on this tokeniser: htmlparser2's Parser with no-op handlers for
// the events a sanitiser needs (with none at all it skips collecting attributes).
const noop = (): void => undefined;
const NOOP_HANDLERS = { onopentag: noop, onclosetag: noop, ontext: noop };
const bare: Runner = {
  name: 'bare htmlparser2 (ceiling)',
  run: (h) => {
    const p = new Parser(NOOP_HANDLERS, { decodeEntities: true });
    p.write(h);
    p.end();
    return '';
  },
};

// DOMPurify's defaults, plus what we need from it to be comparable: no forms, no style attribute.
const PURIFY_CONFIG = { FORBID_TAGS: ['form', 'input', 'button', 'style'], FORBID_ATTR: ['style'] };

try {
  const { JSDOM } = (await import('jsdom' as string)) as { JSDOM: new (html: string) => { window: unknown } };
  const purify = createDOMPurify(new JSDOM('').window as never);
  runners.push({ name: 'DOMPurify + jsdom', run: (h) => purify.sanitize(h, PURIFY_CONFIG) as string });
} catch (err) {
  console.error(`DOMPurify + jsdom unavailable: ${(err as Error).message}`);
}
try {
  const { parseHTML } = await import('linkedom');
  const { window } = parseHTML('<!doctype html><html><head></head><body></body></html>');
  const purify = createDOMPurify(window as never);
  if (!purify.isSupported) throw new Error('DOMPurify reports linkedom as unsupported');
  const probe = purify.sanitize('<p onclick="x()">ok<script>alert(1)</script><img src=x onerror=alert(1)></p>', PURIFY_CONFIG) as string;
  if (findExecutable(probe).length > 0 || !probe.includes('ok')) throw new Error(`unsafe or empty result on a probe: ${probe}`);
  runners.push({ name: 'DOMPurify + linkedom', run: (h) => purify.sanitize(h, PURIFY_CONFIG) as string });
} catch (err) {
  console.error(`DOMPurify + linkedom unavailable: ${(err as Error).message}`);
}

// ---- measuring ----------------------------------------------------------------------------------
interface Result {
  name: string;
  docsPerSec: number;
  mbPerSec: number;
  peakRssMb: number;
  heapGrowthMb: number;
  unsafeDocs: number;
  outBytes: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

function measure(r: Runner, docs: string[], bytes: number): Result {
  let unsafeDocs = 0;
  let outBytes = 0;
  if (r !== bare) {
    for (const d of docs) {
      const out = r.run(d);
      outBytes += Buffer.byteLength(out);
      if (findExecutable(out).length > 0) unsafeDocs++;
    }
  } else {
    for (const d of docs) r.run(d);
  }
  gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const peak = new PeakMemory();
  let n = 0;
  let passes = 0;
  const t0 = performance.now();
  const deadline = t0 + SECONDS * 1000;
  while (performance.now() < deadline || passes === 0) {
    for (const d of docs) {
      r.run(d);
      n++;
      if ((n & 255) === 0) {
        peak.sample();
      }
    }
    passes++;
  }
  const secs = (performance.now() - t0) / 1000;
  return {
    name: r.name,
    docsPerSec: n / secs,
    mbPerSec: (bytes * passes) / 1e6 / secs,
    peakRssMb: peak.rss / 1e6,
    heapGrowthMb: (peak.heap - heap0) / 1e6,
    unsafeDocs,
    outBytes,
  };
}

const docs = generate(MB * 1e6, SEED);
const bytes = docs.reduce((s, d) => s + Buffer.byteLength(d), 0);
console.log(
  `corpus: ${docs.length} article bodies, ${(bytes / 1e6).toFixed(2)} MB (seed ${SEED}); ${SECONDS}s per runner${gc ? '' : ' (run with node --expose-gc for steadier heap figures)'}`,
);
// DOMPurify runs last: peak RSS is the process's, and jsdom's growth would otherwise show in ours.
const results = [...runners.slice(0, 2), bare, ...runners.slice(2)].map((r) => measure(r, docs, bytes));
const ours = results[0]!;
console.log('');
console.log('runner                       docs/s     MB/s  peak RSS MB  heap growth MB  unsafe docs  out MB  ours/theirs');
for (const r of results) {
  console.log(
    `${r.name.padEnd(26)} ${r.docsPerSec.toFixed(0).padStart(8)} ${r.mbPerSec.toFixed(2).padStart(8)} ${r.peakRssMb.toFixed(0).padStart(12)} ${r.heapGrowthMb.toFixed(1).padStart(15)} ${String(r.unsafeDocs).padStart(12)} ${(r.outBytes / 1e6).toFixed(2).padStart(7)}  ${r === ours ? '-' : ratio(ours.docsPerSec, r.docsPerSec) + 'x'}`,
  );
}

const fixtures = '../shared/corpora/dompurify-fixtures/fixtures.json';
if (existsSync(fixtures)) {
  const list = JSON.parse(readFileSync(fixtures, 'utf8')) as { payload: string }[];
  const unsafe = list.filter((f) => findExecutable(sanitizeHtml(f.payload, { baseUrl: BASE })).length > 0).length;
  console.log(`\ndompurify-fixtures: ${list.length} payloads, ${unsafe} outputs with executable content (ours)`);
}
