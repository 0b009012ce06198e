// The language model's one-time load (src/pipeline/detect-language.ts), as the thread that checks
// feeds sees it: the first guess of a process, made in this thread (the scorer loaded here, as
// before p-langid2) or through the worker thread (languageGuesser, p-langid2). Prints the time to
// the first answer, the longest stall of this thread's event loop meanwhile (perf_hooks
// monitorEventLoopDelay, and the largest gap between 1 ms timers), and the growth of the process's
// resident memory and of this thread's heap. One load per process: run it once per mode.
//
//   npx tsx bench/langid-load.ts --where thread|worker
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { languageGuesser, languageScorer, scorerGuesser } from '../src/pipeline/detect-language.js';
import { option } from './lib/args.js';

const where = option('--where', 'worker');
const guesser = where === 'thread' ? scorerGuesser(languageScorer) : languageGuesser();
const texts = [
  'Harbour authority approves new ferry terminal after long public consultation',
  'وزارة الزراعة تعلن خطة جديدة لدعم مزارعي النخيل في الجنوب',
];

// Settle the process first: the modules above are loaded, the heap is what a running desk holds.
await new Promise((r) => setTimeout(r, 200));
const rss0 = process.memoryUsage().rss;
const heap0 = getHeapStatistics().used_heap_size;
const h = monitorEventLoopDelay({ resolution: 1 });
h.enable();
let last = performance.now();
let gap = 0;
const timer = setInterval(() => {
  const t = performance.now();
  gap = Math.max(gap, t - last);
  last = t;
}, 1);
const t0 = performance.now();
const langs = await guesser.guess(texts);
const ms = performance.now() - t0;
clearInterval(timer);
h.disable();
const rss = process.memoryUsage().rss - rss0;
const heap = getHeapStatistics().used_heap_size - heap0;
console.log(
  `${where}: first answer ${ms.toFixed(0)} ms (${langs.join(',')}); event loop stall max ${(h.max / 1e6).toFixed(0)} ms, ` +
    `largest 1 ms timer gap ${gap.toFixed(0)} ms; rss +${(rss / 1e6).toFixed(0)} MB, this thread's heap +${(heap / 1e6).toFixed(0)} MB`,
);
if (where !== 'thread') await languageGuesser().close();
