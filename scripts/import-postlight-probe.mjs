#!/usr/bin/env node
// Builds data/extract-probe/ (pages, manifest.jsonl, licenses/) from Postlight Parser's saved
// pages and the literal expectations of its per-site tests, read straight out of a git copy of
// postlight/parser at a pinned commit, so the import can be audited and redone:
//
//   node scripts/import-postlight-probe.mjs --git-dir DIR [--commit SHA] [--out data/extract-probe] [--check]
//
//   --git-dir DIR   git directory (bare is fine) of postlight/parser, e.g. the snapshot
//                   /work/.mirror/postlight+parser/repo
//   --commit SHA    the commit to read (default: the one this set was built from)
//   --check         build into a temporary folder and compare with --out byte for byte (pages once
//                   gunzipped); exit 1 and list the differences, 0 when identical (writes nothing)
//
// What it does, and nothing else (no code of the parser is copied or run):
//   * copies the repository's LICENSE-MIT and LICENSE-APACHE to licenses/;
//   * reads every src/extractors/custom/<host>/index.test.js as text, comments blanked, and cuts it into blocks at
//     each `it(`, `test(`, `beforeAll(`, `beforeEach(`; a block that reads a fixture
//     (`readFileSync('./fixtures/….html')`) is about that page, and a `beforeAll`/`beforeEach` that
//     reads one makes it the page of the following `it` blocks that read none. In each page's
//     blocks it finds, with regular expressions: the page's address (`url = '…'` / `uri = '…'` or
//     the first argument of `Mercury.parse`, else the file's first such address), the expected
//     title, author, date_published, lead_image_url and dek (`assert.equal(FIELD, LIT)`, LIT a
//     string literal, several joined by `+`, or null; the first such assertion wins), and the
//     expected opening: the literal compared with `excerptContent($('*').first().text(), N)` (or
//     with `$.text()` / `$.root().text()`, the same text);
//   * keeps a page when its opening is such a literal; a page whose opening is missing, not a
//     literal, empty, or taken from another selection (`$('span').first()`) is skipped and
//     counted; a fixture named by two test files is kept once (the first);
//   * gzips the fixture page unchanged (level 9) to pages/<id>.html.gz;
//   * the site is the registrable domain of the address; the language is the page's <html lang>
//     (its primary subtag), else null;
//   * split by site: heldout when the first 8 hex digits of SHA-256("extract-probe:" + site), as a
//     number, mod 1000 are below 350 (as data/extract-eval), dev otherwise — fixed before any system was run on the
//     pages; then every site that is heldout in data/extract-eval, data/extract-snippets,
//     data/extract-extra or data/extract-fresh is made heldout here too (no dev probe page of a
//     site another set holds out). `known_in` lists the other sets whose dev split has the site
//     (sites rules may have been written against).
// Its output is deterministic: the same commit gives the same bytes.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_COMMIT = 'e8ba7ece291efa4d915d50dd4deeec17d54359f2';
const HELDOUT_PER_MILLE = 350;
const OTHER_SETS = ['extract-eval', 'extract-snippets', 'extract-extra', 'extract-fresh'];
const FIELDS = ['title', 'author', 'date_published', 'lead_image_url', 'dek'];

function parseArgs(argv) {
  const o = { out: join(ROOT, 'data', 'extract-probe'), commit: DEFAULT_COMMIT, check: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--check') o.check = true;
    else if (a === '--git-dir') o.gitDir = argv[++i];
    else if (a === '--commit') o.commit = argv[++i];
    else if (a === '--out') o.out = resolve(argv[++i]);
    else throw new Error(`unknown argument ${a}`);
  }
  if (!o.gitDir) throw new Error('--git-dir is required');
  return o;
}

const git = (o, args, encoding = 'utf8') =>
  execFileSync('git', ['--git-dir', o.gitDir, ...args], { encoding, maxBuffer: 256 * 1024 * 1024 });
const show = (o, path, encoding = 'utf8') => git(o, ['show', `${o.commit}:${path}`], encoding);
const sha = (s) => createHash('sha256').update(s).digest('hex');

// ------------------------------------------------------------------ JS literals --

const STR = String.raw`'(?:[^'\\\n]|\\[\s\S])*'|"(?:[^"\\\n]|\\[\s\S])*"|\x60(?:[^\x60\\$]|\\[\s\S]|\$(?!\{))*\x60`;
const LIT = `(?:${STR})(?:\\s*\\+\\s*(?:${STR}))*`;

/** The value of one JS string literal (quotes included), escapes resolved. */
function unquote(lit) {
  const body = lit.slice(1, -1);
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r?\n|[\s\S])/g, (_, e) => {
    if (e[0] === 'u' && e[1] === '{') return String.fromCodePoint(Number.parseInt(e.slice(2, -1), 16));
    if (e[0] === 'u' && e.length === 5) return String.fromCharCode(Number.parseInt(e.slice(1), 16));
    if (e[0] === 'x' && e.length === 3) return String.fromCharCode(Number.parseInt(e.slice(1), 16));
    if (e === '\n' || e === '\r\n') return '';
    return { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', 0: '\0' }[e] ?? e;
  });
}

/** The value of LIT (string literals joined by +). */
function literalValue(src) {
  return [...src.matchAll(new RegExp(STR, 'g'))].map((m) => unquote(m[0])).join('');
}

// ------------------------------------------------------------------ tests --

/** The source with its line and block comments blanked (string literals kept): a commented-out assertion is no assertion. */
function stripComments(src) {
  let out = '';
  let q = null;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (q) {
      out += c;
      if (c === '\\' && i + 1 < src.length) out += src[++i];
      else if (c === q) q = null;
    } else if (c === "'" || c === '"' || c === '`') {
      q = c;
      out += c;
    } else if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      i = end < 0 ? src.length : end + 1;
      out += ' ';
    } else out += c;
  }
  return out;
}

/** One block's literal expectations: { expected: {field: value}, opening?: { text, words } | { skip } }. */
function blockExpectations(block) {
  const expected = {};
  for (const f of FIELDS) {
    const a = new RegExp(String.raw`assert\.equal\(\s*${f}\s*,\s*(null|${LIT})\s*,?\s*\)`).exec(block);
    if (a) expected[f] = a[1] === 'null' ? null : literalValue(a[1]);
  }
  const ex = /const\s+(\w+)\s*=\s*excerptContent\(\s*([\s\S]*?),\s*(\d+)\s*\)\s*;/.exec(block);
  if (!ex) return { expected };
  // The whole content's text: its first element's ($('*').first()), or the document's ($.text(), $.root().text()).
  if (!/^\$(?:\(\s*['"]\*['"]\s*\)\s*\.first\(\)|\.root\(\))?\s*\.text\(\)$/.test(ex[2].trim()))
    return { expected, opening: { skip: 'opening not of the whole content' } };
  const a = new RegExp(String.raw`assert\.equal\(\s*${ex[1]}\s*,\s*(${LIT})\s*,?\s*\)`).exec(block);
  if (!a) return { expected, opening: { skip: 'opening not a literal' } };
  const text = literalValue(a[1]);
  if (!text.trim()) return { expected, opening: { skip: 'opening empty' } };
  return { expected, opening: { text, words: Number(ex[3]) } };
}

/**
 * One record per fixture a test file reads: { fixture, url, expected, openingWords } or { fixture, skip }.
 * The file is cut into blocks at each `it(`, `test(`, `beforeAll(`, `beforeEach(`. A block that
 * reads a fixture is about that page; a `beforeAll`/`beforeEach` that reads one makes it the page
 * of the `it` blocks after it that read none (they assert on its result). A fixture's
 * expectations are merged over its blocks, the first assertion of a field winning.
 */
function parseTest(source) {
  const src = stripComments(source);
  const starts = [...src.matchAll(/\b(it|test|beforeAll|beforeEach)\s*\(/g)].map((m) => ({ at: m.index, kind: m[1] }));
  const urlRe = new RegExp(String.raw`\b(?:url|uri)\s*=\s*(${STR})`);
  const parseRe = new RegExp(String.raw`Mercury\.parse\(\s*(${STR})`);
  const fileUrl = urlRe.exec(src);
  const byFixture = new Map();
  let current = null;
  const headEnd = starts.length ? starts[0].at : src.length;
  const blocks = [
    { kind: 'head', text: src.slice(0, headEnd) },
    ...starts.map((b, i) => ({ kind: b.kind, text: src.slice(b.at, i + 1 < starts.length ? starts[i + 1].at : src.length) })),
  ];
  for (const b of blocks) {
    const read = /readFileSync\(\s*(['"])\.\/fixtures\/([^'"]+)\1\s*\)/.exec(b.text);
    let fixture = null;
    if (read) {
      fixture = `fixtures/${read[2]}`;
      if (!byFixture.has(fixture)) {
        const u = urlRe.exec(b.text) ?? parseRe.exec(b.text) ?? fileUrl;
        byFixture.set(fixture, { fixture, url: u ? unquote(u[1]) : null, expected: {}, opening: null, reads: 0 });
      }
      byFixture.get(fixture).reads++;
      if (b.kind === 'beforeAll' || b.kind === 'beforeEach' || b.kind === 'head') current = fixture;
    } else if (b.kind === 'it' || b.kind === 'test') fixture = current;
    if (!fixture) continue;
    const rec = byFixture.get(fixture);
    const { expected, opening } = blockExpectations(b.text);
    for (const [k, v] of Object.entries(expected)) if (!(k in rec.expected)) rec.expected[k] = v;
    if (opening && !rec.opening?.text) rec.opening = opening;
  }
  return [...byFixture.values()].map(({ opening, reads, ...rec }) => {
    if (!opening) return { ...rec, reads, skip: 'no opening assertion' };
    if (opening.skip) return { ...rec, reads, skip: opening.skip };
    if (!rec.url) return { ...rec, reads, skip: 'no address' };
    return { ...rec, reads, expected: { ...rec.expected, opening: opening.text }, openingWords: opening.words };
  });
}

// ------------------------------------------------------------------ page facts --

const SECOND_LEVEL = /^(co|com|org|net|gov|ac|edu|biz|or|ne|go)$/;

/** Registrable domain (the last two labels, three under co.uk, com.br and the like), as the other sets. */
function siteOfUrl(url) {
  let host;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/^www\d?\./, '');
  } catch {
    return 'unknown';
  }
  const parts = host.split('.');
  const n = parts.length >= 3 && SECOND_LEVEL.test(parts[parts.length - 2]) && parts[parts.length - 1].length === 2 ? 3 : 2;
  return parts.slice(-n).join('.');
}

function langOf(bytes) {
  const head = bytes.subarray(0, 8192).toString('latin1');
  const m = /<html\b[^>]*?\slang\s*=\s*["']?([A-Za-z]{2,3})\b/i.exec(head);
  return m ? m[1].toLowerCase() : null;
}

/** site → { heldout: bool, dev: [set names] } over the other data sets' manifests (site and split only). */
function otherSets() {
  const by = new Map();
  for (const set of OTHER_SETS) {
    const f = join(ROOT, 'data', set, 'manifest.jsonl');
    if (!existsSync(f)) continue;
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const p = JSON.parse(line);
      const e = by.get(p.site) ?? { heldout: false, dev: new Set() };
      if (p.split === 'heldout') e.heldout = true;
      else e.dev.add(set);
      by.set(p.site, e);
    }
  }
  return by;
}

// ------------------------------------------------------------------ build --

function build(o, out) {
  mkdirSync(join(out, 'pages'), { recursive: true });
  mkdirSync(join(out, 'licenses'), { recursive: true });
  writeFileSync(join(out, 'licenses', 'postlight-parser.LICENSE-MIT.txt'), show(o, 'LICENSE-MIT'));
  writeFileSync(join(out, 'licenses', 'postlight-parser.LICENSE-APACHE.txt'), show(o, 'LICENSE-APACHE'));
  const tests = git(o, ['ls-tree', '-r', '--name-only', o.commit, 'src/extractors/custom'])
    .split('\n')
    .filter((p) => p.endsWith('/index.test.js'))
    .sort();
  const fixtures = new Set(git(o, ['ls-tree', '-r', '--name-only', o.commit, 'fixtures']).split('\n'));
  const others = otherSets();
  const skips = new Map();
  const seen = new Set();
  const rows = [];
  let reads = 0;
  let named = 0;
  for (const t of tests) {
    for (const rec of parseTest(show(o, t))) {
      reads += rec.reads;
      named++;
      if (!rec.skip && !fixtures.has(rec.fixture)) rec.skip = 'fixture missing';
      if (!rec.skip && seen.has(rec.fixture)) rec.skip = 'fixture already taken by another test';
      if (rec.skip) {
        skips.set(rec.skip, [...(skips.get(rec.skip) ?? []), `${t} ${rec.fixture}`]);
        continue;
      }
      seen.add(rec.fixture);
      const bytes = show(o, rec.fixture, 'buffer');
      const id = `postlight-${rec.fixture.slice('fixtures/'.length).replace(/\.html?$/, '')}`;
      const site = siteOfUrl(rec.url);
      const other = others.get(site);
      let split = Number.parseInt(sha(`extract-probe:${site}`).slice(0, 8), 16) % 1000 < HELDOUT_PER_MILLE ? 'heldout' : 'dev';
      if (other?.heldout) split = 'heldout';
      writeFileSync(join(out, 'pages', `${id}.html.gz`), gzipSync(bytes, { level: 9 }));
      rows.push({
        id,
        source: 'postlight',
        url: rec.url,
        site,
        lang: langOf(bytes),
        split,
        known_in: other ? [...other.dev].sort() : [],
        test: t,
        fixture: rec.fixture,
        opening_words: rec.openingWords,
        expected: rec.expected,
        html: `pages/${id}.html.gz`,
      });
    }
  }
  rows.sort((a, b) => (a.id < b.id ? -1 : 1));
  writeFileSync(join(out, 'manifest.jsonl'), rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
  return { tests: tests.length, reads, named, rows, skips, forced: rows.filter((r) => others.get(r.site)?.heldout).length };
}

function report(r) {
  const bySplit = (s) => r.rows.filter((x) => x.split === s);
  const sites = (rows) => new Set(rows.map((x) => x.site)).size;
  console.log(
    `import-postlight-probe: ${r.tests} test files, ${r.reads} fixture reads of ${r.named} fixtures, ${r.rows.length} pages kept from ${sites(r.rows)} sites` +
      ` (dev ${bySplit('dev').length} pages / ${sites(bySplit('dev'))} sites, heldout ${bySplit('heldout').length} / ${sites(bySplit('heldout'))};` +
      ` ${r.forced} pages made heldout because another set holds their site out)`,
  );
  for (const [why, list] of [...r.skips].sort())
    console.log(`  skipped ${list.length}: ${why}${process.env.PROBE_LIST ? `\n    ${list.join('\n    ')}` : ''}`);
  const asserted = (f) => r.rows.filter((x) => typeof x.expected[f] === 'string' && x.expected[f]).length;
  console.log(`  asserted literals: ${[...FIELDS, 'opening'].map((f) => `${f} ${asserted(f)}`).join(', ')}`);
}

function filesUnder(dir, base = dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p, base));
    else out.push(p.slice(base.length + 1));
  }
  return out.sort();
}

function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!o.check) {
    report(build(o, o.out));
    return 0;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'probe-import-'));
  try {
    report(build(o, tmp));
    const read = (d, f) => (f.endsWith('.gz') ? gunzipSync(readFileSync(join(d, f))) : readFileSync(join(d, f)));
    const a = filesUnder(tmp).filter((f) => f !== 'SOURCES.md');
    const b = filesUnder(o.out).filter((f) => f !== 'SOURCES.md');
    const diff = [...new Set([...a, ...b])].filter((f) => !a.includes(f) || !b.includes(f) || !read(tmp, f).equals(read(o.out, f)));
    for (const f of diff) console.log(`  differs: ${f}`);
    console.log(diff.length ? `check: ${diff.length} files differ` : 'check: identical');
    return diff.length ? 1 : 0;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

process.exit(main());
