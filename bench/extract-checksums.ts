// Checksums of extractArticle's whole result (every field) per page, for speed work that must not
// change the output: run before and after a change and compare the two files (`diff` or `cmp`).
//
//   npm run build && node dist/bench/extract-checksums.js OUT.txt [--readability-pages DIR]
//
// Pages: the bench's 40 generated pages (bench/extract.ts), the dev split of data/extract-eval
// (never the held-out split), and Readability's test pages (default ../shared/corpora/readability-pages
// beside the checkout, skipped when absent). One line per page: name, then the SHA-1 of the result as JSON.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { extractArticle } from '../src/ingest/extract/index.js';
import { articlePage } from './extract.js';

type Page = { name: string; bytes: Buffer; url: string | undefined };

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function pages(readabilityPages: string): Page[] {
  const out: Page[] = [];
  const lengths = [6, 12, 20, 30, 45, 60, 90, 140];
  for (let i = 0; i < 40; i++) {
    out.push({
      name: `gen-${i}`,
      bytes: Buffer.from(articlePage(1000 + i, lengths[i % lengths.length]!)),
      url: 'https://bench.example/news/page',
    });
  }
  const evalDir = join(ROOT, 'data', 'extract-eval');
  const manifest = readFileSync(join(evalDir, 'manifest.jsonl'), 'utf8').trim().split('\n');
  for (const line of manifest) {
    const m = JSON.parse(line) as { id: string; split: string; html: string; url: string | null };
    if (m.split !== 'dev') continue;
    out.push({ name: `dev/${m.id}`, bytes: gunzipSync(readFileSync(join(evalDir, m.html))), url: m.url ?? undefined });
  }
  if (existsSync(readabilityPages)) {
    for (const d of readdirSync(readabilityPages).sort()) {
      const f = join(readabilityPages, d, 'source.html');
      if (existsSync(f)) out.push({ name: `rp/${d}`, bytes: readFileSync(f), url: 'http://fakehost/test/page.html' });
    }
  }
  return out;
}

function main(): void {
  const argv = process.argv.slice(2);
  let outFile: string | undefined;
  // ../shared beside the main checkout, or two levels up from a worktree under wt/.
  const shared = [resolve(ROOT, '..', 'shared'), resolve(ROOT, '..', '..', 'shared')].find((d) => existsSync(d)) ?? '';
  let readabilityPages = join(shared, 'corpora', 'readability-pages');
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--readability-pages') readabilityPages = resolve(argv[++i] ?? '');
    else outFile = argv[i];
  }
  if (!outFile) throw new Error('usage: extract-checksums OUT.txt [--readability-pages DIR]');
  const lines: string[] = [];
  for (const p of pages(readabilityPages)) {
    let result: unknown;
    try {
      result = extractArticle({ bytes: p.bytes, url: p.url });
    } catch (err) {
      result = { threw: String(err) };
    }
    lines.push(`${p.name} ${createHash('sha1').update(JSON.stringify(result)).digest('hex')}`);
  }
  writeFileSync(outFile, `${lines.join('\n')}\n`);
  console.log(`${lines.length} pages checksummed to ${outFile}`);
}

main();
