// Story clustering throughput and memory: 200,000 generated entries streamed through copy
// detection and online clustering (OnlineStoryClusterer, the code of the pipeline step and of
// `newsdesk cluster`), beside a naive all-pairs TF-IDF clusterer (every new entry compared with
// every earlier one) on a 5,000-entry slice of the same stream, in the same run.
//
//   npm run build && node --expose-gc dist/bench/stories.js
//   BENCH_ENTRIES=60000 BENCH_NAIVE=2000 BENCH_WIRE=5000 node --expose-gc dist/bench/stories.js
//   BENCH_NO_LANG=1 …  (entries without a language: the features detect it from the text)
//   BENCH_PLACES=1 …   (country names across scripts compared: ClusterOptions.places)
//
// The stream is generated from a seed: events (each with its own names and figures) start and
// fade over 60 days; entries mix the event's words with common vocabulary; a third are
// syndicated copies (a local intro, trimmed tail). Every stream starts from the same seed: the
// naive slice, our slice and the first entries of the full stream are the same entries.
// 200,000 entries over 60 days put ~7,000 originals in a 72-hour window: memory must follow the
// window, not the history. CPU time (process.cpuUsage) is reported beside wall clock: the
// machine may be shared. The answers' checksum shows that a change made it faster without
// changing what it answers. Then BENCH_WIRE (50,000) copies of one wire story: time per copy and
// the copy index must stay flat.
import { performance } from 'node:perf_hooks';
import { OnlineStoryClusterer } from '../src/stories/clusterer.js';
import type { StoryArticle } from '../src/stories/types.js';
import { ratio } from './lib/format.js';
import { PeakMemory } from './lib/memory.js';
import { STREAM_DAYS, STREAM_START, storyStream } from './lib/story-stream.js';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 200_000);
const NAIVE = Math.min(ENTRIES, Number(process.env.BENCH_NAIVE ?? 5_000));
/** BENCH_NO_LANG=1: the stream's entries carry no language (the features detect it). */
const LANG = process.env.BENCH_NO_LANG ? null : 'en';
/** BENCH_PLACES=1: country names across scripts compared (ClusterOptions.places). */
const PLACES = process.env.BENCH_PLACES ? { places: true } : {};
const DAYS = STREAM_DAYS;
const START = STREAM_START;
const HOUR = 3_600_000;

/** The stream's articles (bench/lib/story-stream.ts), generated lazily. */
function* stream(n: number): Generator<StoryArticle> {
  for (const e of storyStream(n, LANG)) yield e.article;
}

/** Wall-clock and CPU seconds of a function (CPU: user + system of this process). */
function timed(fn: () => void): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const c = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

/** The stream in chunks, generated before each timed chunk: only the clustering is measured. */
function* chunks(n: number, size = 5_000): Generator<StoryArticle[]> {
  let chunk: StoryArticle[] = [];
  for (const a of stream(n)) {
    chunk.push(a);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

// Naive baseline: TF-IDF vectors of headline and text, each new entry compared with all earlier
// ones; joins the best one's story above a threshold. Document frequencies online, like ours.
function naive(n: number): { wall: number; cpu: number; stories: number } {
  const df = new Map<string, number>();
  const docs: { v: Map<string, number>; norm: number; story: number }[] = [];
  let stories = 0;
  let wall = 0;
  let cpu = 0;
  for (const chunk of chunks(n)) {
    const t = timed(() => {
      for (const a of chunk) {
        const tf = new Map<string, number>();
        for (const w of `${a.title} ${a.text}`.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (w) tf.set(w, (tf.get(w) ?? 0) + 1);
        for (const w of tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
        const N = docs.length + 1;
        const v = new Map<string, number>();
        let norm = 0;
        for (const [w, c] of tf) {
          const x = (1 + Math.log(c)) * Math.log(1 + N / (df.get(w) ?? 1));
          v.set(w, x);
          norm += x * x;
        }
        norm = Math.sqrt(norm);
        let best = -1;
        let bestSim = 0.3;
        for (let k = 0; k < docs.length; k++) {
          const d = docs[k] as (typeof docs)[number];
          let dot = 0;
          for (const [w, x] of v) {
            const y = d.v.get(w);
            if (y !== undefined) dot += x * y;
          }
          const sim = dot / (norm * d.norm || 1);
          if (sim > bestSim) {
            bestSim = sim;
            best = k;
          }
        }
        const story = best >= 0 ? (docs[best] as (typeof docs)[number]).story : stories++;
        docs.push({ v, norm, story });
      }
    });
    wall += t.wall;
    cpu += t.cpu;
  }
  return { wall, cpu, stories };
}

/** FNV-1a over a string, folded into a running 32-bit checksum. */
function fold(h: number, s: string): number {
  let x = h;
  for (let i = 0; i < s.length; i++) x = Math.imul(x ^ s.charCodeAt(i), 0x01000193);
  return Math.imul(x ^ 0x0a, 0x01000193);
}

function ours(n: number, onChunk?: (done: number, c: OnlineStoryClusterer) => void) {
  const c = new OnlineStoryClusterer({ now: () => START + DAYS * 24 * HOUR, ...PLACES });
  const stories = new Set<string>();
  // Checksum of every answer (story, copy of, merges): two builds that print the same checksum
  // gave the same answers for the whole stream, so a speed-up can be shown not to change results.
  let sum = 0x811c9dc5 | 0;
  let copies = 0;
  let done = 0;
  let wall = 0;
  let cpu = 0;
  for (const chunk of chunks(n)) {
    const t = timed(() => {
      for (const a of chunk) {
        const r = c.add(a);
        if (r.duplicateOf !== undefined) copies++;
        stories.add(r.story);
        sum = fold(sum, `${r.story}|${r.duplicateOf ?? ''}|${r.merged?.join(',') ?? ''}`);
      }
    });
    wall += t.wall;
    cpu += t.cpu;
    done += chunk.length;
    onChunk?.(done, c);
  }
  return { wall, cpu, copies, stories: stories.size, clusterer: c, checksum: (sum >>> 0).toString(16).padStart(8, '0') };
}

/**
 * Bad input at scale: one wire story republished WIRE_COPIES times by different sites over a day
 * (a local intro on some, another headline on a third). Every copy must fold onto the first, the
 * copy index must keep one entry, and time per copy must stay flat.
 */
function wireFlood(n: number): { cpu: number; wall: number; folded: number; copyIndex: number; heap: number } {
  const c = new OnlineStoryClusterer({ now: () => START + DAYS * 24 * HOUR, ...PLACES });
  const first = stream(1).next().value as StoryArticle;
  const intros = ['', 'According to a partner agency: ', 'As reported by our partners: '];
  let folded = 0;
  const t = timed(() => {
    c.add(first);
    for (let i = 1; i <= n; i++) {
      const r = c.add({
        id: `w${i}`,
        title: i % 3 === 0 ? `${first.title} - report` : first.title,
        text: `${intros[i % 3]}${first.text}`,
        published: (first.published as number) + Math.floor((i / n) * 24 * HOUR),
        lang: 'en',
        url: `https://site${i % 700}.example/${i}`,
      });
      if (r.duplicateOf === first.id) folded++;
    }
  });
  gc?.();
  return { ...t, folded, copyIndex: c.stats.copyIndex, heap: process.memoryUsage().heapUsed };
}

const gc = (globalThis as { gc?: () => void }).gc;
const mem = new PeakMemory();
const heapAt: string[] = [];
const mb = (x: number): string => (x / 1048576).toFixed(0);

const WIRE_COPIES = Number(process.env.BENCH_WIRE ?? 50_000);
const slice = ours(NAIVE);
const base = naive(NAIVE);
const full = ours(ENTRIES, (i, c) => {
  mem.sample();
  if (i % (ENTRIES / 4) === 0) {
    gc?.();
    heapAt.push(
      `${i / 1000}k: heap ${mb(process.memoryUsage().heapUsed)} MB, ${c.stats.articles} articles / ${c.stats.features} features in the window`,
    );
  }
});

const flood = wireFlood(WIRE_COPIES);

const rate = (n: number, s: number): string => (n / s).toFixed(0);
const perEntry = (n: number, s: number): string => ((s / n) * 1e6).toFixed(0);
console.log(
  `stories bench: ${ENTRIES} entries over ${DAYS} days (window 72h), ${full.copies} folded as copies, ${full.stories} stories, answers checksum ${full.checksum}`,
);
console.log(
  `  ours, full stream: ${rate(ENTRIES, full.cpu)} entries/s of CPU time (${perEntry(ENTRIES, full.cpu)} µs CPU per entry), ${rate(ENTRIES, full.wall)} entries/s wall clock (${full.wall.toFixed(1)} s)`,
);
console.log(
  `  memory: peak RSS ${mb(mem.rss)} MB, peak heap ${mb(mem.heap)} MB; ${gc ? 'heap after GC at' : 'heap (no --expose-gc) at'} ${heapAt.join('; ')}`,
);
// BENCH_NAIVE=0 skips the baseline (a quick run): no slice line, no ratio.
if (NAIVE > 0)
  console.log(
    `  ${NAIVE}-entry slice: ours ${rate(NAIVE, slice.cpu)} entries/s CPU (${slice.stories} stories), naive all-pairs TF-IDF ${rate(NAIVE, base.cpu)} entries/s CPU (${base.stories} stories): ${ratio(base.cpu, slice.cpu, 1)}× faster`,
  );
console.log(
  `  ${WIRE_COPIES} copies of one wire story: ${flood.folded} folded onto the first, copy index ${flood.copyIndex} entry; ${rate(WIRE_COPIES, flood.cpu)} copies/s CPU (${perEntry(WIRE_COPIES, flood.cpu)} µs each), heap after ${mb(flood.heap)} MB`,
);
console.log(
  `stories bench: ${rate(ENTRIES, full.cpu)} entries/s (CPU time, one core) for ${ENTRIES} entries, ${NAIVE > 0 ? `${ratio(base.cpu, slice.cpu, 1)}× naive all-pairs TF-IDF on ${NAIVE}` : 'no naive baseline (BENCH_NAIVE=0)'}; peak RSS ${mb(mem.rss)} MB, window ${full.clusterer.stats.articles} articles`,
);
