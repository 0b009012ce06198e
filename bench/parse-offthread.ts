// bench/parse-offthread: how long the event loop is blocked while one huge feed (60,000 items by
// default) is parsed and adapted, inline on the event loop (what a refresh did before) and through
// ParsePool's worker thread with the default item cap (what it does now). The block is measured as
// the longest gap between 10 ms timer ticks, i.e. what a page request arriving then would wait.
//
//   npx tsx bench/parse-offthread.ts [--items 60000] [--cap 1000]
import { parseDocument } from '../src/pipeline/parse-document.js';
import { ParsePool } from '../src/pipeline/parse-pool.js';
import { numberOption } from './lib/args.js';
import { longestStall } from './lib/stall.js';

const N = numberOption('--items', 60_000);
const CAP = numberOption('--cap', 1000);
const T0 = Date.UTC(2026, 10, 1);
const items: string[] = [];
for (let i = 0; i < N; i++)
  items.push(
    `<item><guid isPermaLink="false">g${i}</guid><title>Item ${i}</title><link>https://huge.example/${i}</link><pubDate>${new Date(T0 - i * 60_000).toUTCString()}</pubDate><description>&lt;p&gt;Short teaser ${i}.&lt;/p&gt;</description></item>`,
  );
const bytes = Buffer.from(`<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>${items.join('')}</channel></rss>`);

const job = { bytes, url: 'https://huge.example/feed', now: Date.now() };
const inline = await longestStall(async () => {
  await new Promise((r) => setTimeout(r, 20));
  return parseDocument(job).items.length;
});
const pool = new ParsePool();
const worker = await longestStall(async () => (await pool.parse({ ...job, maxEntries: CAP })).items.length);
await pool.close();
console.log(`feed: ${N} items, ${(bytes.length / 1e6).toFixed(1)} MB`);
console.log(
  `inline (before): items ${inline.result}, wall ${inline.wallMs.toFixed(0)} ms, event loop blocked ${inline.stallMs.toFixed(0)} ms`,
);
console.log(
  `worker, cap ${CAP} (now): items ${worker.result}, wall ${worker.wallMs.toFixed(0)} ms, event loop blocked ${worker.stallMs.toFixed(0)} ms`,
);
