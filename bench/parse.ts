// Feed parsing speed: Newsdesk's parseFeed against feedsmith, rss-parser and
// @rowanmanning/feed-parser on one generated corpus, side by side in this process, with a bare
// htmlparser2 tokenisation (no-op handlers) of the same bytes as the ceiling.
//
//   npx tsx bench/parse.ts [--mb 8] [--seconds 3] [--seed 42]   (node --expose-gc for steadier memory figures)
//
// Prints items/s, MB/s, peak memory (RSS and heap growth while the parser ran) and the ratio
// ours/theirs. Ours is measured with sanitising (what ships) and without (the parser alone,
// comparable with the peers, which do not sanitise).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFeed as rowanParse } from '@rowanmanning/feed-parser';
import { parseFeed as feedsmithParse } from 'feedsmith';
import { Parser } from 'htmlparser2';
import RssParser from 'rss-parser';
import { parseFeed } from '../src/ingest/parse/index.js';
import { generateCorpus, type CorpusDoc } from './corpus/feeds.js';
import { numberOption } from './lib/args.js';

const MB = numberOption('--mb', 8);
const SECONDS = numberOption('--seconds', 3);
const SEED = numberOption('--seed', 42);

interface Runner {
  name: string;
  /** Parses one document, returns the number of items it found. */
  run(doc: CorpusDoc): number | Promise<number>;
}

interface Result {
  name: string;
  itemsPerSec: number;
  mbPerSec: number;
  peakRssMb: number;
  peakHeapGrowthMb: number;
  items: number;
  failures: number;
  rounds: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Runs every runner over the corpus in turns (round-robin), so that load changes on a shared
 * machine hit all parsers alike, and keeps each runner's median pass time.
 */
async function measureAll(runners: Runner[], docs: CorpusDoc[]): Promise<Result[]> {
  const bytes = docs.reduce((s, d) => s + d.bytes.length, 0);
  const stats = runners.map((r) => ({ r, items: 0, failures: 0, times: [] as number[], peakRss: 0, peakHeap: 0 }));
  // Warm-up pass (JIT), also counts items and failures once.
  for (const st of stats) {
    for (const d of docs) {
      try {
        st.items += await st.r.run(d);
      } catch {
        st.failures++;
      }
    }
  }
  const deadline = Date.now() + SECONDS * 1000 * runners.length;
  let rounds = 0;
  while (rounds < 3 || (Date.now() < deadline && rounds < 50)) {
    for (const st of stats) {
      gc?.();
      const heap0 = process.memoryUsage().heapUsed;
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < docs.length; i++) {
        try {
          await st.r.run(docs[i]!);
        } catch {
          // counted in the warm-up pass
        }
        if ((i & 7) === 0) {
          const m = process.memoryUsage();
          st.peakRss = Math.max(st.peakRss, m.rss);
          st.peakHeap = Math.max(st.peakHeap, m.heapUsed - heap0);
        }
      }
      st.times.push(Number(process.hrtime.bigint() - t0) / 1e9);
    }
    rounds++;
  }
  return stats.map((st) => {
    const sorted = [...st.times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    return {
      name: st.r.name,
      itemsPerSec: st.items / median,
      mbPerSec: bytes / 1e6 / median,
      peakRssMb: st.peakRss / 1e6,
      peakHeapGrowthMb: st.peakHeap / 1e6,
      items: st.items,
      failures: st.failures,
      rounds: st.times.length,
    };
  });
}

function table(results: Result[], ours: Result): void {
  const head = `${'parser'.padEnd(34)} ${'items/s'.padStart(10)} ${'MB/s'.padStart(8)} ${'peak RSS MB'.padStart(12)} ${'heap+ MB'.padStart(9)} ${'items'.padStart(7)} ${'fail'.padStart(5)} ${'ours/this'.padStart(10)}`;
  console.log(head);
  for (const r of results) {
    const ratio = ours.mbPerSec / r.mbPerSec;
    console.log(
      `${r.name.padEnd(34)} ${r.itemsPerSec.toFixed(0).padStart(10)} ${r.mbPerSec.toFixed(2).padStart(8)} ${r.peakRssMb.toFixed(0).padStart(12)} ${r.peakHeapGrowthMb.toFixed(0).padStart(9)} ${String(r.items).padStart(7)} ${String(r.failures).padStart(5)} ${ratio.toFixed(2).padStart(10)}`,
    );
  }
}

function countItems(x: unknown): number {
  const o = x as { items?: unknown[]; entries?: unknown[] } | undefined;
  return o?.items?.length ?? o?.entries?.length ?? 0;
}

async function main(): Promise<void> {
  const docs = generateCorpus(MB * 1e6, SEED);
  const xml = docs.filter((d) => d.format !== 'json');
  const json = docs.filter((d) => d.format === 'json');
  const mb = (ds: CorpusDoc[]): string => (ds.reduce((s, d) => s + d.bytes.length, 0) / 1e6).toFixed(1);
  console.log(
    `timing: median of round-robin passes (${SECONDS}s budget per parser); peak RSS is the process's; heap+ is heap growth during a pass`,
  );
  console.log(
    `corpus: ${docs.length} feeds, ${mb(docs)} MB (${xml.length} XML feeds ${mb(xml)} MB: RSS 2.0, Atom 1.0, RSS 1.0; ${json.length} JSON Feeds ${mb(json)} MB), seed ${SEED}; ${SECONDS}s per parser; node ${process.version}`,
  );

  const rssParser = new RssParser();
  const runners: Runner[] = [
    { name: 'newsdesk parseFeed (no sanitise)', run: (d) => parseFeed({ bytes: d.bytes }, { sanitize: false }).entries.length },
    { name: 'newsdesk parseFeed (sanitised)', run: (d) => parseFeed({ bytes: d.bytes }).entries.length },
    // Peers take decoded strings; decoding is part of our figure, so give them the same work.
    { name: 'feedsmith', run: (d) => countItems(feedsmithParse(new TextDecoder().decode(d.bytes)).feed) },
    { name: '@rowanmanning/feed-parser', run: (d) => rowanParse(new TextDecoder().decode(d.bytes)).toJSON().items.length },
    { name: 'rss-parser', run: async (d) => countItems(await rssParser.parseString(new TextDecoder().decode(d.bytes))) },
    {
      name: 'htmlparser2 Parser, no-op (ceiling)',
      run: (d) => {
        const p = new Parser({}, { xmlMode: true });
        p.write(new TextDecoder().decode(d.bytes));
        p.end();
        return d.items;
      },
    },
  ];

  console.log('\nXML feeds (RSS 2.0 / Atom 1.0 / RSS 1.0):');
  const results = await measureAll(runners, xml);
  table(results, results[0]!);
  const sanitised = results[1]!;
  const raw = results[0]!;
  const peers = results.slice(2, 5);
  const fastest = peers.reduce((a, b) => (b.mbPerSec > a.mbPerSec ? b : a));
  const ceiling = results[5]!;
  console.log(
    `\nours (no sanitise) / fastest peer (${fastest.name}): ${(raw.mbPerSec / fastest.mbPerSec).toFixed(2)}x; ours (sanitised) / fastest peer: ${(sanitised.mbPerSec / fastest.mbPerSec).toFixed(2)}x`,
  );
  console.log(
    `ours / bare tokeniser: ${((raw.mbPerSec / ceiling.mbPerSec) * 100).toFixed(0)}% without sanitising, ${((sanitised.mbPerSec / ceiling.mbPerSec) * 100).toFixed(0)}% with`,
  );

  console.log('\nJSON Feeds:');
  const jsonResults = await measureAll([runners[0]!, runners[1]!, runners[2]!], json);
  table(jsonResults, jsonResults[0]!);

  pythonFeedparser(xml, sanitised);
}

// Python feedparser (the reference for conformance) runs in its own process on the same bytes,
// written to a temporary folder; its figure is items/s and MB/s over the parse calls alone, and the
// process's peak RSS. Any python3 on PATH or Debian's /usr/bin/python3 with feedparser installed.
const PY_SCRIPT = `
import sys, os, time, resource, feedparser
d = sys.argv[1]; files = sorted(os.listdir(d)); datas = [open(os.path.join(d, f), 'rb').read() for f in files]
total = sum(len(x) for x in datas); items = 0; t0 = time.process_time()
for x in datas: items += len(feedparser.parse(x).entries)
dt = time.process_time() - t0
print(items, total, dt, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
`;

function pythonFeedparser(docs: CorpusDoc[], ours: Result): void {
  const python = ['python3', '/usr/bin/python3'].find((py) => {
    try {
      execFileSync(py, ['-c', 'import feedparser'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
  if (!python) {
    console.log('\nPython feedparser: skipped: not installed (apt-get install python3-feedparser)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-bench-py-'));
  try {
    for (const [i, d] of docs.entries()) writeFileSync(join(dir, `${String(i).padStart(5, '0')}.xml`), d.bytes);
    const out = execFileSync(python, ['-c', PY_SCRIPT, dir], { encoding: 'utf8', maxBuffer: 1 << 20 })
      .trim()
      .split(/\s+/)
      .map(Number);
    const [items, bytes, seconds, maxRssKb] = out as [number, number, number, number];
    const itemsPerSec = items / seconds;
    const mbPerSec = bytes / 1e6 / seconds;
    console.log(
      `\nPython feedparser (${python}, own process, CPU time): ${itemsPerSec.toFixed(0)} items/s, ${mbPerSec.toFixed(2)} MB/s, ` +
        `peak RSS ${(maxRssKb / 1024).toFixed(0)} MB, ${items} items; ours (sanitised) / this: ${(ours.mbPerSec / mbPerSec).toFixed(1)}x`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
