#!/usr/bin/env node
// The readerable flag on every DEV page of the evaluation sets, and the short-story rule's verdict
// (src/ingest/extract/short-story.ts) on each page the readerable test fails and that declares a
// story, with the figures it read: what the constants of that rule were counted on.
//
//   npm run build && node scripts/extract-readerable.mjs [--root DIR] [--fixtures] > OUT.jsonl
//
//   --root DIR   read DIR/dist and DIR/data instead of this checkout (another build to compare with)
//   --fixtures   also the project's fixture pages (test/fixtures/{listing,readmore,extract}), each
//                with <meta property="og:type" content="article"> put into its head
//
// One JSON line per page ({set, id, readerable, verdict?, figures?}); a summary on stderr. Two
// runs (before and after a change) compared by id give the pages whose flag moved. The time
// budget is off, as in extract-output-hash.mjs. Heldout rows are never read.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const argv = process.argv.slice(2);
let root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let fixtures = false;
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--root') root = resolve(argv[++i] ?? '.');
  else if (argv[i] === '--fixtures') fixtures = true;
  else {
    console.error(`extract-readerable: unexpected argument ${argv[i]}`);
    process.exit(2);
  }
}

const { extractArticle } = await import(join(root, 'dist', 'src', 'ingest', 'extract', 'index.js'));
let trace = null;
try {
  const ss = await import(join(root, 'dist', 'src', 'ingest', 'extract', 'short-story.js'));
  ss.shortStoryTrace.on = (verdict, d, f) => {
    trace = { verdict, ownStory: d.ownStory, ogArticle: d.ogArticle, articles: d.articles.length, ...f };
  };
} catch {
  // A build without the rule: the flag alone.
}

const pages = [];
for (const set of ['extract-eval', 'extract-snippets', 'extract-extra', 'extract-fresh']) {
  const base = join(root, 'data', set);
  for (const line of readFileSync(join(base, 'manifest.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line);
    if (r.split !== 'dev') continue;
    pages.push({
      set: set.slice('extract-'.length),
      id: r.id,
      url: r.url ?? undefined,
      bytes: () => new Uint8Array(gunzipSync(readFileSync(join(base, r.html)))),
    });
  }
}
if (fixtures)
  for (const dir of ['listing', 'readmore', 'extract']) {
    const base = join(root, 'test', 'fixtures', dir);
    for (const f of readdirSync(base).filter((n) => n.endsWith('.html')))
      pages.push({
        set: 'fixture',
        id: `${dir}/${f}`,
        url: 'https://fixture.example/page',
        bytes: () => readFileSync(join(base, f), 'utf8').replace(/<head([^>]*)>/i, '<head$1><meta property="og:type" content="article">'),
      });
  }

const counts = {};
for (const p of pages) {
  trace = null;
  const r = extractArticle({ bytes: p.bytes(), url: p.url }, { timeBudgetMs: 1e9 });
  const key = `${p.set} readerable=${r.readerable}${trace ? ` verdict=${trace.verdict}` : ''}`;
  counts[key] = (counts[key] ?? 0) + 1;
  console.log(JSON.stringify({ set: p.set, id: p.id, readerable: r.readerable, ...(trace ?? {}) }));
}
for (const [k, n] of Object.entries(counts).sort()) console.error(`extract-readerable: ${k}: ${n}`);
