#!/usr/bin/env node
// A fingerprint of what the extractor outputs on the DEV pages of the evaluation sets, for changes
// meant to leave every output as it was (speed work, refactors): run it on the build before and
// after; the same hash means the same JSON result on every page.
//
//   npm run build && node scripts/extract-output-hash.mjs [--sets eval,snippets,extra] [--pages OUT]
//        [--write-real-pages DIR]
//
//   --sets LIST            which sets' dev pages (default eval,snippets: the 1,014 pages the speed
//                          rounds of docs/extract-rounds.md quote; extra = data/extract-extra,
//                          fresh = data/extract-fresh,
//                          probe = data/extract-probe)
//   --pages OUT            also write one line per page (id and a short hash of its result), to
//                          find which pages moved with `diff`
//   --transform M          rewrite each page's bytes first, as extract-eval's --transform does
//                          (hash-names, plain-tags, ...): the fingerprint of the hashed view
//   --times OUT            also write one line per page: milliseconds in extractArticle, id
//                          (slowest first; one run, so a noisy machine moves them)
//   --write-real-pages DIR write every third dev page of data/extract-eval, decompressed, as
//                          DIR/<id>.html (128 pages): the real-page set of the extraction bench
//                          (`node --expose-gc dist/bench/extract.js --rounds 5 DIR`)
//
// The time budget is switched off (as a very large budget) so that machine load cannot move a
// page to the cheap fallback and change its output. Heldout rows are never read.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SETS = { eval: 'extract-eval', snippets: 'extract-snippets', extra: 'extract-extra', fresh: 'extract-fresh', probe: 'extract-probe' };

function args(argv) {
  const o = { sets: ['eval', 'snippets'], pages: null, realPages: null, transform: null, times: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--sets') o.sets = value().split(',');
    else if (a === '--pages') o.pages = value();
    else if (a === '--write-real-pages') o.realPages = value();
    else if (a === '--transform') o.transform = value();
    else if (a === '--times') o.times = value();
    else throw new Error(`unexpected argument ${a}`);
  }
  for (const s of o.sets) if (!SETS[s]) throw new Error(`unknown set ${s} (known: ${Object.keys(SETS).join(', ')})`);
  return o;
}

function devRows(set) {
  const base = join(ROOT, 'data', SETS[set]);
  return readFileSync(join(base, 'manifest.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l))
    .filter((r) => r.split === 'dev')
    .map((r) => ({ ...r, path: join(base, r.html) }));
}

let o;
try {
  o = args(process.argv.slice(2));
} catch (e) {
  console.error(`extract-output-hash: ${e.message}`);
  process.exit(2);
}

if (o.realPages) {
  mkdirSync(o.realPages, { recursive: true });
  const rows = devRows('eval').filter((_r, i) => i % 3 === 0);
  for (const r of rows) writeFileSync(join(o.realPages, `${r.id}.html`), gunzipSync(readFileSync(r.path)));
  console.log(`extract-output-hash: wrote ${rows.length} pages to ${o.realPages}`);
  process.exit(0);
}

const { extractArticle } = await import(join(ROOT, 'dist', 'src', 'ingest', 'extract', 'index.js'));
const transform = o.transform ? (await import('./extract-eval-lib.mjs')).transformNames : null;
const times = [];
const all = createHash('sha256');
const lines = [];
let n = 0;
for (const set of o.sets) {
  for (const r of devRows(set)) {
    const raw = gunzipSync(readFileSync(r.path));
    const bytes = new Uint8Array(transform ? transform(raw, o.transform) : raw);
    const t0 = process.hrtime.bigint();
    const json = JSON.stringify(extractArticle({ bytes, url: r.url ?? undefined }, { timeBudgetMs: 1e9 }));
    times.push([Number(process.hrtime.bigint() - t0) / 1e6, r.id]);
    all.update(`${r.id}\n${json}\n`);
    lines.push(`${r.id} ${createHash('sha256').update(json).digest('hex').slice(0, 8)}`);
    n++;
    if (n % 100 === 0) process.stderr.write(`extract-output-hash: ${n} pages\r`);
  }
}
if (o.pages) writeFileSync(o.pages, `${lines.join('\n')}\n`);
if (o.times) {
  times.sort((a, b) => b[0] - a[0]);
  writeFileSync(o.times, `${times.map(([ms, id]) => `${ms.toFixed(0)} ${id}`).join('\n')}\n`);
}
const view = o.transform ? `, --transform ${o.transform}` : '';
console.log(`extract-output-hash: ${n} dev pages (${o.sets.join(', ')}${view}): ${all.digest('hex').slice(0, 8)}`);
