#!/usr/bin/env node
// Builds data/extract-extra/ (pages, gold texts, manifest.jsonl), the third extraction set, from two
// public data sets with human-made gold text (see data/extract-extra/SOURCES.md), read straight
// out of git copies of their repositories at pinned commits, so the import can be audited and redone:
//
//   node scripts/extract-extra-import.mjs --fundus-git-dir DIR --cwced-git-dir DIR [--out data/extract-extra] [--check]
//
//   --fundus-git-dir DIR  git directory (bare is fine) of dobbersc/fundus-evaluation (MIT), e.g. the
//                         snapshot /work/.mirror/dobbersc+fundus-evaluation/repo
//   --cwced-git-dir DIR   git directory of immortal-autumn/Chinese-Web-Content-Extraction-Dataset (MIT),
//                         e.g. /work/.mirror/immortal-autumn+Chinese-Web-Content-Extraction-Dataset/repo
//   --fundus-commit SHA, --cwced-commit SHA   the commits to read (default: the ones this set was built from)
//   --check               build into a temporary folder and compare it byte for byte with --out (pages
//                         once gunzipped); exit 1 and list the differences, 0 when identical (writes nothing)
//
// What it does, and nothing else:
//   * copies each repository's LICENSE (MIT) to licenses/;
//   * fundus: reads dataset/ground_truth.json ({"<Publisher>_<n>.html.gz": {url, crawl_date, body}})
//     and copies each page's dataset/html/<Publisher>_<n>.html.gz unchanged; writes the gold text
//     as the annotators' paragraphs in order, one blank line between them, with the square
//     brackets that mark a paragraph as optional taken off; the 0-based numbers of those optional
//     paragraphs go to the manifest field `optional_paragraphs`, and the scorer takes the best of
//     the gold with and without them (as the data set's own scorer does);
//   * cwced: gzips each page original/<uuid>.html unchanged (level 9); the gold is
//     cleaned/<uuid>.txt (UTF-8; BOM dropped, CRLF → LF, trimmed, nothing else);
//   * drops pages whose gold has fewer than 20 tokens, or whose gold tokens are not at least 90%
//     present in the page's own text (read as UTF-8, or by its declared charset, or as GB18030,
//     whichever holds most of the gold), and says which;
//   * assigns the split by site, per source: the source's sites sorted by SHA-256(seed + site)
//     (seeds "extract-fundus:" and "extract-cwced:"), the first 40% of them (rounded) heldout,
//     the rest dev — fixed before any system was run on the pages; then every site that is heldout
//     in data/extract-eval or data/extract-snippets is made heldout here too.
// Its output is deterministic: the same commits give the same bytes.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { coverage, crudeText, tokenize } from './extract-eval-lib.mjs';

/** dobbersc/fundus-evaluation at the time of the import (data files last changed in e83cf76, 2024-03-17). */
const FUNDUS_COMMIT = 'd43db54b2b393ae10a5114a2bddc512b11bf3227';
/** immortal-autumn/Chinese-Web-Content-Extraction-Dataset (data files added in c3df35e, 2022-03-14). */
const CWCED_COMMIT = '99d0ef08419109b5489b12e38f771f25b952d774';
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const HELDOUT_SHARE = 0.4;
const MIN_GOLD_TOKENS = 20;
const MIN_COVERAGE = 0.9;

function args(argv) {
  const o = { out: 'data/extract-extra', 'fundus-commit': FUNDUS_COMMIT, 'cwced-commit': CWCED_COMMIT, check: false };
  const known = ['--fundus-git-dir', '--cwced-git-dir', '--fundus-commit', '--cwced-commit', '--out'];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--check') o.check = true;
    else if (known.includes(a)) {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      o[a.slice(2)] = v;
    } else throw new Error(`unexpected argument ${a}`);
  }
  for (const k of ['fundus-git-dir', 'cwced-git-dir']) if (!o[k]) throw new Error(`--${k} is required`);
  for (const k of ['fundus-commit', 'cwced-commit'])
    if (!/^[0-9a-f]{40}$/.test(o[k])) throw new Error(`--${k} must be a full 40-digit commit id`);
  return o;
}

const sha = (s) => createHash('sha256').update(s).digest('hex');

function gitShow(gitDir, commit, path) {
  return execFileSync('git', ['--git-dir', gitDir, 'show', `${commit}:${path}`], { maxBuffer: 256 * 1024 * 1024 });
}

function gitList(gitDir, commit, dir) {
  return execFileSync('git', ['--git-dir', gitDir, 'ls-tree', '--name-only', `${commit}:${dir}`], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .sort();
}

// ------------------------------------------------------------------ page facts --

const SECOND_LEVEL = /^(co|com|org|net|gov|ac|edu|biz|or|ne|go)$/;

/** Registrable domain (the last two labels, three under co.uk, com.cn and the like): the unit of the split. */
function siteOfHost(host) {
  const h = host.toLowerCase().replace(/^www\d?\./, '');
  if (/^\d+\.\d+\.\d+\.\d+$/.test(h)) return h;
  const parts = h.split('.');
  const n = parts.length >= 3 && SECOND_LEVEL.test(parts[parts.length - 2]) && parts[parts.length - 1].length === 2 ? 3 : 2;
  return parts.slice(-n).join('.');
}

// Coarse kind of each Fundus publisher, by hand (for breakdowns, not gold): news agencies are
// `wire`, weekly and monthly magazines `magazine`, the rest `news`.
const FUNDUS_KIND = {
  'apnews.com': 'wire',
  'reuters.com': 'wire',
  'newyorker.com': 'magazine',
  'thenation.com': 'magazine',
};

const EN = new Set(
  'the and of to a in is that for it with was on as he be at by this had not are but from or have an they which you were her she'.split(
    ' ',
  ),
);

/** Language of the gold text: `zh` when most of its letters are Han, `en` by common English words, else `und`. */
function langOf(gold) {
  const s = gold.slice(0, 20000);
  const letters = (s.match(/\p{L}/gu) ?? []).length || 1;
  if ((s.match(/\p{sc=Han}/gu) ?? []).length / letters > 0.3) return 'zh';
  const words = tokenize(s);
  let n = 0;
  for (const w of words) if (EN.has(w)) n++;
  return n >= Math.min(5, words.length / 10) ? 'en' : 'und';
}

/** The charset a page declares in its first bytes (meta charset or http-equiv), lower case, or null. */
function declaredCharset(bytes) {
  const head = bytes.subarray(0, 4096).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase() ?? null;
}

/**
 * The page read for the coverage check and for its links: the reading (UTF-8, the declared
 * charset, GB18030) that holds most of the gold's tokens, and whether the page declared no charset
 * although it is not UTF-8 (the extractor must then find the charset itself).
 */
function readPage(bytes, gold) {
  const readings = [];
  let utf8 = true;
  try {
    readings.push(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    utf8 = false;
  }
  const declared = declaredCharset(bytes);
  if (declared && iconv.encodingExists(declared)) readings.push(iconv.decode(bytes, declared));
  readings.push(iconv.decode(bytes, 'gb18030'));
  let best = null;
  for (const html of readings) {
    const c = coverage(gold, crudeText(html));
    if (best === null || c > best.coverage) best = { html, coverage: c };
  }
  return { ...best, undeclared: !utf8 && declared === null };
}

// cwced pages carry no address. Their site is the registrable domain of the page's canonical or
// og:url link, else the domain most of its <a href> links point to (at least 3 links), else one
// set by hand below, from the page's title and the hosts of its images and scripts (the hand-set
// ones: pages of the same publisher whose links do not say so, and pages with too few links).
// A page none of these settle is a site of its own (`unknown-<id>`).
const CWCED_SITE = {
  '05e98007': 'boxun.com',
  '6650f72a': 'boxun.com',
  '36efbc69': 'yzwb.net',
  f51248cc: 'yzwb.net',
  '77fa9435': 'pku.edu.cn',
  c2d9f85c: '163.com',
  d519ec93: '163.com',
  a6e8b739: 'cctv.com',
  c3f7d079: 'qianlong.com',
  '91bdf33e': 'henandaily.cn',
  '500b350d': 'bynr.gov.cn',
  '455de1c0': 'myrice.com',
  c38e2b2d: 'china-pub.com',
  // Three GBK pages with the same title and no links at all: taken as one (unnamed) site.
  '5dc3fa2d': 'unknown-same-title',
  caee0a34: 'unknown-same-title',
  fddcb19c: 'unknown-same-title',
};

function cwcedSite(id8, html) {
  if (CWCED_SITE[id8]) return CWCED_SITE[id8];
  const m =
    /<link[^>]+rel=["']canonical["'][^>]*href=["'](https?:[^"']+)/i.exec(html) ??
    /<meta[^>]+property=["']og:url["'][^>]*content=["'](https?:[^"']+)/i.exec(html);
  if (m) return siteOfHost(new URL(m[1]).hostname);
  const counts = new Map();
  for (const x of html.matchAll(/<a\b[^>]*href=["']https?:\/\/([^/"':?#]+)/gi)) {
    const site = siteOfHost(x[1]);
    counts.set(site, (counts.get(site) ?? 0) + 1);
  }
  let best = null;
  for (const [site, c] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (!best || c > best[1]) best = [site, c];
  return best && best[1] >= 3 ? best[0] : `unknown-${id8}`;
}

function cwcedKind(site) {
  if (/(^|\.)gov\.cn$/.test(site)) return 'gov';
  if (site === 'wikipedia.org') return 'reference';
  if (/blog|wenxuecity|joelonsoftware/.test(site)) return 'blog';
  return 'other';
}

// ------------------------------------------------------------------ sources --

function fundus(o, report) {
  const dir = o['fundus-git-dir'];
  const commit = o['fundus-commit'];
  const gt = JSON.parse(gitShow(dir, commit, 'dataset/ground_truth.json').toString('utf8'));
  const files = new Set(gitList(dir, commit, 'dataset/html'));
  const out = [];
  for (const key of Object.keys(gt).sort()) {
    const m = /^([A-Za-z]+)_(\d+)\.html\.gz$/.exec(key);
    if (!m) throw new Error(`unexpected key ${key}`);
    if (!files.has(key)) throw new Error(`no page dataset/html/${key} for annotation ${key}`);
    const entry = gt[key];
    const body = entry.body;
    if (!Array.isArray(body) || body.some((p) => typeof p !== 'string' || !p.trim() || /\n/.test(p)))
      throw new Error(`${key}: body is not a list of one-line paragraphs`);
    const optional = [];
    const paragraphs = body.map((p, i) => {
      if (p.length >= 2 && p.startsWith('[') && p.endsWith(']')) {
        optional.push(i);
        return p.slice(1, -1).trim();
      }
      return p.trim();
    });
    const gold = paragraphs.join('\n\n');
    const stored = gitShow(dir, commit, `dataset/html/${key}`);
    const page = readPage(gunzipSync(stored), gold);
    const site = siteOfHost(new URL(entry.url).hostname);
    out.push({
      id: `fundus-${m[1].toLowerCase()}-${m[2]}`,
      source: 'fundus',
      url: entry.url,
      site,
      kind: FUNDUS_KIND[site] ?? 'news',
      gold,
      optional,
      stored,
      page,
    });
  }
  report.license.fundus = gitShow(dir, commit, 'LICENSE');
  return out;
}

function cwced(o, report) {
  const dir = o['cwced-git-dir'];
  const commit = o['cwced-commit'];
  const golds = new Set(gitList(dir, commit, 'cleaned'));
  const out = [];
  for (const f of gitList(dir, commit, 'original')) {
    const m = /^([0-9a-f-]{36})\.html$/.exec(f);
    if (!m) throw new Error(`unexpected page name original/${f}`);
    if (!golds.has(`${m[1]}.txt`)) throw new Error(`no gold cleaned/${m[1]}.txt for page original/${f}`);
    const raw = gitShow(dir, commit, `original/${f}`);
    const gold = new TextDecoder('utf-8', { fatal: true })
      .decode(gitShow(dir, commit, `cleaned/${m[1]}.txt`))
      .replace(/^\uFEFF/, '')
      .replace(/\r\n?/g, '\n')
      .trim();
    const page = readPage(raw, gold);
    const id8 = m[1].slice(0, 8);
    const site = cwcedSite(id8, page.html);
    out.push({
      id: `cwced-${id8}`,
      source: 'cwced',
      url: null,
      site,
      kind: cwcedKind(site),
      gold,
      optional: [],
      stored: gzipSync(raw, { level: 9 }),
      page,
    });
  }
  report.license.cwced = gitShow(dir, commit, 'LICENSE');
  return out;
}

// ------------------------------------------------------------------ build --

const SEED = { fundus: 'extract-fundus:', cwced: 'extract-cwced:' };

function build(o, outDir) {
  const report = { commits: { fundus: o['fundus-commit'], cwced: o['cwced-commit'] }, dropped: [], selected: {}, sites: {}, license: {} };
  const kept = [];
  for (const p of [...fundus(o, report), ...cwced(o, report)]) {
    const n = tokenize(p.gold).length;
    if (n < MIN_GOLD_TOKENS) report.dropped.push({ id: p.id, reason: `gold has ${n} tokens (< ${MIN_GOLD_TOKENS})` });
    else if (p.page.coverage < MIN_COVERAGE)
      report.dropped.push({ id: p.id, reason: `only ${(p.page.coverage * 100).toFixed(1)}% of gold tokens occur in the page` });
    else kept.push(p);
  }
  if (new Set(kept.map((p) => p.id)).size !== kept.length) throw new Error('duplicate page ids');

  // Split by site, per source: the source's sites ordered by its seeded hash, the first 40% heldout.
  const heldoutSites = new Set();
  for (const source of Object.keys(SEED)) {
    const key = (site) => sha(SEED[source] + site);
    const sites = [...new Set(kept.filter((p) => p.source === source).map((p) => p.site))].sort((a, b) =>
      key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0,
    );
    for (const site of sites.slice(0, Math.round(sites.length * HELDOUT_SHARE))) heldoutSites.add(`${source}/${site}`);
  }
  // A site that is heldout in one of the project's other two sets is heldout here too, so that no
  // rule written from this set's dev pages is written from another set's heldout site.
  const heldoutElsewhere = new Set();
  for (const other of ['extract-eval', 'extract-snippets']) {
    for (const line of readFileSync(join(ROOT, 'data', other, 'manifest.jsonl'), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const row = JSON.parse(line);
      if (row.split === 'heldout') heldoutElsewhere.add(row.site);
    }
  }
  for (const p of kept) if (heldoutElsewhere.has(p.site)) heldoutSites.add(`${p.source}/${p.site}`);
  const sourcesOfSite = new Map();
  for (const p of kept) sourcesOfSite.set(p.site, new Set([...(sourcesOfSite.get(p.site) ?? []), p.source]));
  for (const [site, set] of sourcesOfSite) if (set.size > 1) throw new Error(`site ${site} is in two sources: split it by hand`);

  mkdirSync(join(outDir, 'pages'), { recursive: true });
  mkdirSync(join(outDir, 'gold'), { recursive: true });
  mkdirSync(join(outDir, 'licenses'), { recursive: true });
  writeFileSync(join(outDir, 'licenses', 'fundus-evaluation.MIT.txt'), report.license.fundus);
  writeFileSync(join(outDir, 'licenses', 'Chinese-Web-Content-Extraction-Dataset.MIT.txt'), report.license.cwced);
  report.license = Object.keys(report.license);
  const lines = [];
  const seen = new Set();
  kept.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const p of kept) {
    const split = heldoutSites.has(`${p.source}/${p.site}`) ? 'heldout' : 'dev';
    const htmlPath = `pages/${p.id}.html.gz`;
    const goldPath = `gold/${p.id}.txt`;
    writeFileSync(join(outDir, htmlPath), p.stored);
    writeFileSync(join(outDir, goldPath), `${p.gold}\n`);
    const k = `${p.source}/${split}`;
    report.selected[k] = (report.selected[k] ?? 0) + 1;
    if (!seen.has(`${p.source}/${p.site}`)) report.sites[k] = (report.sites[k] ?? 0) + 1;
    seen.add(`${p.source}/${p.site}`);
    const features = [];
    if (p.optional.length) features.push('optional-paragraphs');
    if (p.page.undeclared) features.push('undeclared-charset');
    lines.push({
      id: p.id,
      source: p.source,
      url: p.url,
      site: p.site,
      lang: langOf(p.gold),
      kind: p.kind,
      features,
      title_in_gold: false,
      split,
      html: htmlPath,
      gold: goldPath,
      optional_paragraphs: p.optional,
    });
  }
  writeFileSync(join(outDir, 'manifest.jsonl'), `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  return report;
}

/** Every file under dir, as paths relative to it (sorted). */
function listFiles(dir, base = dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) listFiles(p, base, out);
    else out.push(relative(base, p));
  }
  return out;
}

const BUILT = ['manifest.jsonl', 'pages', 'gold', 'licenses'];

/** Same bytes; for .gz files the same bytes once gunzipped (another zlib may compress cwced's pages differently). */
function sameFile(a, b) {
  const x = readFileSync(a);
  const y = readFileSync(b);
  return a.endsWith('.gz') ? gunzipSync(x).equals(gunzipSync(y)) : x.equals(y);
}

function main() {
  const o = args(process.argv.slice(2));
  if (!o.check) {
    for (const x of ['pages', 'gold', 'licenses']) rmSync(join(o.out, x), { recursive: true, force: true });
    const report = build(o, o.out);
    console.error(JSON.stringify(report, null, 2));
    return 0;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'extract-extra-check-'));
  try {
    const report = build(o, tmp);
    const want = listFiles(tmp);
    const have = listFiles(o.out).filter((f) => BUILT.some((b) => f === b || f.startsWith(`${b}/`)));
    const diffs = [];
    for (const f of want) {
      if (!have.includes(f)) diffs.push(`missing: ${f}`);
      else if (!sameFile(join(tmp, f), join(o.out, f))) diffs.push(`differs: ${f}`);
    }
    for (const f of have) if (!want.includes(f)) diffs.push(`extra: ${f}`);
    if (diffs.length) {
      console.error(
        `extract-extra-import --check: ${o.out} differs from a fresh import of ${o['fundus-commit']} and ${o['cwced-commit']}:`,
      );
      for (const d of diffs.slice(0, 50)) console.error(`  ${d}`);
      if (diffs.length > 50) console.error(`  … ${diffs.length - 50} more`);
      return 1;
    }
    console.error(
      `extract-extra-import --check: ${o.out} is identical to a fresh import of ${o['fundus-commit']} and ${o['cwced-commit']} (${want.length} files; ${JSON.stringify(report.selected)})`,
    );
    return 0;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

process.exitCode = main();
