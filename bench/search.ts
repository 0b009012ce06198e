// Search speed with 100,000 entries: p50/p99 over 1,000 queries of 1–3 words, through the
// store's search (bm25 blended with recency, highlighted title and snippet, 50 hits), beside
// FTS5's plain `ORDER BY rank` with no snippets (the floor any ranking here pays).
//   npx tsx bench/search.ts [--entries N] [--db PATH]
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../src/store/sqlite/index.js';
import { toFts5 } from '../src/store/sqlite/search.js';
import { parseSearch } from '../src/search/query.js';
import { highlightHits } from '../src/search/highlight-hits.js';
import { option as opt } from './lib/args.js';
import { ratio } from './lib/format.js';
import { rng } from './lib/rng.js';
import { buildCorpus, VOCAB_SIZE, vocabulary } from './web.js';

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summary(name: string, ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const total = ms.reduce((a, b) => a + b, 0);
  return `${name.padEnd(44)} p50 ${pct(s, 50).toFixed(2).padStart(6)} ms   p99 ${pct(s, 99).toFixed(2).padStart(6)} ms   max ${s[s.length - 1]!.toFixed(1).padStart(6)} ms   ${(ms.length / (total / 1000)).toFixed(0).padStart(6)} queries/s`;
}

async function main(): Promise<void> {
  const n = Number(opt('--entries', '100000'));
  const db = opt('--db', join(tmpdir(), `newsdesk-bench-${n}.db`));
  await buildCorpus(db, n);
  const store = await SqliteStore.open({ path: db });
  // The corpus draws words by a Zipf law: the top ranks are the stop words of this made-up
  // language (rank 1 is in nearly every entry). Readers search for names and topics, so the
  // queries draw from ranks 50–5,000; the stop-word case is measured separately below.
  const words = vocabulary(VOCAB_SIZE, rng(42));
  const r = rng(7);
  const make = (lo: number, hi: number): string[] =>
    Array.from({ length: 1000 }, () => {
      const k = 1 + Math.floor(r() * 3);
      return Array.from({ length: k }, () => words[lo + Math.floor(r() * (hi - lo))]!).join(' ');
    });
  const queries = make(50, 5000);
  const common = make(0, 50).slice(0, 200);
  const plain = store.db.prepare('SELECT rowid FROM entries_fts WHERE entries_fts MATCH ? ORDER BY rank LIMIT 50');

  // Wall time, and the CPU time this process spent: on a shared machine the second is what the
  // query costs, the first adds waiting for a core.
  const run = async (
    list: string[],
    f: (q: string) => Promise<unknown> | unknown,
  ): Promise<{ ms: number[]; cpu: number[]; hits: number }> => {
    for (const q of list.slice(0, 50)) await f(q); // warm the page cache
    const ms: number[] = [];
    const cpu: number[] = [];
    let hits = 0;
    for (const q of list) {
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      const out = await f(q);
      ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      if (Array.isArray(out)) hits += out.length;
      else if (out && typeof out === 'object' && 'hits' in out) hits += (out as { hits: unknown[] }).hits.length;
    }
    return { ms, cpu, hits };
  };
  // As the site and the API do: the store ranks, highlightHits marks the page's titles and snippets.
  const ours = async (q: string) => {
    const ast = parseSearch(q).ast;
    const page = await store.search.search({ ast, limit: 50 });
    return { hits: highlightHits(page.hits, ast) };
  };
  const floor = (q: string) => plain.all(toFts5(parseSearch(q).ast!));

  process.stdout.write(`search bench: ${n} entries, 1,000 queries of 1–3 words (ranks 50–5,000 of ${VOCAB_SIZE}), 50 hits per page\n`);
  const a = await run(queries, ours);
  const b = await run(queries, floor);
  process.stdout.write(`${summary('ours: blended rank + title/snippet marks', a.ms)}   avg hits ${(a.hits / queries.length).toFixed(1)}\n`);
  process.stdout.write(`${summary('  same, CPU time', a.cpu)}\n`);
  process.stdout.write(`${summary('floor: FTS5 ORDER BY rank, ids only', b.ms)}\n`);
  process.stdout.write(`${summary('  same, CPU time', b.cpu)}\n`);
  const sa = [...a.ms].sort((x, y) => x - y);
  const sb = [...b.ms].sort((x, y) => x - y);
  process.stdout.write(`ratio ours/floor p50 ${ratio(pct(sa, 50), pct(sb, 50))}  p99 ${ratio(pct(sa, 99), pct(sb, 99))}\n`);
  const c = await run(common, ours);
  const d = await run(common, floor);
  process.stdout.write(
    `\nstop-word queries (ranks 1–50, 200 queries):\n${summary('ours', c.ms)}\n${summary('  same, CPU time', c.cpu)}\n${summary('floor', d.ms)}\n`,
  );
  process.stdout.write(
    `load average ${(await import('node:os'))
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} on ${(await import('node:os')).cpus().length} cores\n`,
  );
  const mem = process.memoryUsage();
  process.stdout.write(`RSS ${(mem.rss / 1048576).toFixed(0)} MB, heap ${(mem.heapUsed / 1048576).toFixed(0)} MB\n`);
  await store.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
