// Scoring core of scripts/extract-eval.mjs: tokenisation, per-page precision/recall/F1, macro
// averages, the Readability-on-linkedom baseline, and the runner for extractor commands (also used
// by scripts/extract-snippets-eval.mjs). Plain ESM so that it runs without a build;
// test/extract-eval/score.test.ts checks the arithmetic.
//
// The measure (the bag-of-words overlap of the article-extraction benchmarks):
//   * Both texts are normalised: Unicode NFKC, lower case, soft hyphens, zero-width characters
//     (ZWSP, ZWNJ, ZWJ, word joiner, BOM) and the Arabic tatweel removed, and the Arabic/Persian
//     letter variants folded (ي ى → ی, ك → ک), so that a page typed with either form matches.
//   * Tokens: every maximal run of letters, combining marks and digits (\p{L}\p{M}\p{N}) is one
//     token, except in scripts written without spaces between words (Han, Hiragana, Katakana,
//     Thai, Lao, Khmer, Myanmar), where every character is its own token. Punctuation, symbols
//     and white space separate tokens and are not tokens. Arabic and Persian words keep their
//     diacritics (combining marks) inside the token; Korean is space-separated and needs nothing.
//   * Per page, with multisets (bags) of tokens E (extracted) and G (gold):
//       tp = Σ_t min(E[t], G[t]);  P = tp / |E|;  R = tp / |G|;  F1 = 2PR / (P + R).
//     With ngram n > 1 the bags hold overlapping n-token shingles instead of tokens.
//   * An empty extraction has no precision (P = null), R = 0 and F1 = 0.
//   * Macro averages: P is the mean over pages with a non-empty extraction, R the mean over all
//     pages, F1 the harmonic mean of those two means (the way the published benchmarks report
//     it, so the figure can be set beside theirs); pageF1 is the plain mean of per-page F1.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import iconv from 'iconv-lite';

const NO_SPACE_SCRIPTS = '\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\p{sc=Thai}\\p{sc=Lao}\\p{sc=Khmer}\\p{sc=Myanmar}';
const TOKEN_RE = new RegExp(`[${NO_SPACE_SCRIPTS}]|(?:(?![${NO_SPACE_SCRIPTS}])[\\p{L}\\p{M}\\p{N}])+`, 'gu');
// An alternation, not a character class: a class holding U+200D (the zero-width joiner) reads as a joined sequence.
const STRIP_RE = /\u00AD|\u200B|\u200C|\u200D|\u2060|\uFEFF|\u0640/g;

/** The normalisation applied to both sides before tokenising. */
export function normalize(text) {
  return String(text ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(STRIP_RE, '')
    .replace(/[\u064A\u0649]/g, '\u06CC')
    .replace(/\u0643/g, '\u06A9');
}

/** Tokens of a text, in order. */
export function tokenize(text) {
  return normalize(text).match(TOKEN_RE) ?? [];
}

/** Multiset of tokens (n = 1) or of n-token shingles joined by a space. */
export function bag(tokens, n = 1) {
  const m = new Map();
  if (n <= 1) {
    for (const t of tokens) m.set(t, (m.get(t) ?? 0) + 1);
    return m;
  }
  if (tokens.length > 0 && tokens.length < n) {
    m.set(tokens.join(' '), 1);
    return m;
  }
  for (let i = 0; i + n <= tokens.length; i++) {
    const k = tokens.slice(i, i + n).join(' ');
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

function size(m) {
  let s = 0;
  for (const c of m.values()) s += c;
  return s;
}

/**
 * Scores one page: extracted text against gold text.
 * Returns { p, r, f1, tp, extracted, gold } where extracted/gold are bag sizes and p is null for
 * an empty extraction.
 */
export function scorePage(extractedText, goldText, { ngram = 1 } = {}) {
  const e = bag(tokenize(extractedText), ngram);
  const g = bag(tokenize(goldText), ngram);
  let tp = 0;
  for (const [t, c] of e) {
    const gc = g.get(t);
    if (gc) tp += Math.min(c, gc);
  }
  const ne = size(e);
  const ng = size(g);
  if (ng === 0) {
    // Nothing to find (the data set has no such page; defined for completeness).
    return ne === 0 ? { p: null, r: 1, f1: 1, tp: 0, extracted: 0, gold: 0 } : { p: 0, r: 1, f1: 0, tp: 0, extracted: ne, gold: 0 };
  }
  if (ne === 0) return { p: null, r: 0, f1: 0, tp: 0, extracted: 0, gold: ng };
  const p = tp / ne;
  const r = tp / ng;
  const f1 = p + r > 0 ? (2 * p * r) / (p + r) : 0;
  return { p, r, f1, tp, extracted: ne, gold: ng };
}

/**
 * The gold texts a page may be scored against when its annotators marked some paragraphs as
 * optional (data/extract-extra, from the Fundus data: text an extractor may keep or drop, such as a standfirst or an
 * editor's note). The gold file holds every paragraph, one blank line between them;
 * `optional` lists the 0-based numbers of the optional ones. With up to `maxOptional` of them,
 * every combination of dropping some (the full text first, then by bit mask); with more, only
 * the full text and the text without any of them. No optional paragraph: the gold as it is.
 */
export function goldVariants(goldText, optional = [], { maxOptional = 4 } = {}) {
  if (!optional || optional.length === 0) return [goldText];
  const paragraphs = goldText.replace(/\n+$/, '').split('\n\n');
  for (const i of optional) {
    if (!Number.isInteger(i) || i < 0 || i >= paragraphs.length) throw new Error(`optional paragraph ${i} is not in the gold text`);
  }
  const kept = (drop) => paragraphs.filter((_, i) => !drop.has(i)).join('\n\n');
  if (optional.length > maxOptional) return [kept(new Set()), kept(new Set(optional))];
  const out = [];
  for (let mask = 0; mask < 1 << optional.length; mask++) {
    out.push(kept(new Set(optional.filter((_, k) => mask & (1 << k)))));
  }
  return out;
}

/** scorePage against each gold variant; the score with the highest F1 (the first one on a tie). */
export function scorePageBest(extractedText, goldTexts, opts = {}) {
  let best = null;
  for (const g of goldTexts) {
    const s = scorePage(extractedText, g, opts);
    if (best === null || s.f1 > best.f1) best = s;
  }
  return best;
}

/** A page's visible-ish text, crudely: only for the importers' check that the gold's words are in the page. */
export function crudeText(html) {
  return html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&')
    .replace(/&[a-z]+;/gi, ' ');
}

/** Share of the gold's tokens (as a multiset) that occur in the page's text. */
export function coverage(goldText, pageText) {
  const g = bag(tokenize(goldText));
  const p = bag(tokenize(pageText));
  let n = 0;
  let hit = 0;
  for (const [t, c] of g) {
    n += c;
    hit += Math.min(c, p.get(t) ?? 0);
  }
  return n ? hit / n : 0;
}

function mean(xs) {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

/** Macro averages over per-page scores (objects as returned by scorePage). */
export function aggregate(scores, { lowF1 = 0.5 } = {}) {
  const ps = scores.filter((s) => s.p !== null).map((s) => s.p);
  const p = mean(ps);
  const r = mean(scores.map((s) => s.r));
  const f1 = p !== null && r !== null && p + r > 0 ? (2 * p * r) / (p + r) : p === null && r === null ? null : 0;
  return {
    pages: scores.length,
    p,
    r,
    f1,
    pageF1: mean(scores.map((s) => s.f1)),
    low: scores.filter((s) => s.f1 < lowF1).length,
    empty: scores.filter((s) => s.p === null).length,
  };
}

// ------------------------------------------------------------------ HTML to text --

const BLOCK = new Set(
  (
    'address article aside blockquote body dd details dialog div dl dt fieldset figcaption figure footer form ' +
    'h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section summary table tbody thead tfoot tr td th ul ' +
    'caption center option'
  ).split(' '),
);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'title']);

/** Plain text of an HTML fragment or document, a line break at every block boundary and <br>. */
export function htmlToText(html) {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const out = [];
  const walk = (node) => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) out.push(c.nodeValue);
      else if (c.nodeType === 1) {
        const tag = c.localName;
        if (SKIP.has(tag)) continue;
        if (tag === 'br') {
          out.push('\n');
          continue;
        }
        const block = BLOCK.has(tag);
        if (block) out.push('\n');
        walk(c);
        if (block) out.push('\n');
      }
    }
  };
  walk(document.body);
  return out
    .join('')
    .replace(/[ \t\f\r\u00A0]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// ------------------------------------------------------------------ baseline --

const META_CHARSET_RE = /<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)/i;

/**
 * Decodes page bytes for the in-process baseline: BOM, then a charset named in the first 4 KB
 * (<meta charset> or http-equiv), then UTF-8 if the bytes are valid UTF-8, else windows-1252.
 * Deliberately simple: it is the baseline's decoder, not Newsdesk's (the CLI decodes by itself).
 */
export function decodePage(buf) {
  const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf);
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return new TextDecoder('utf-8').decode(b.subarray(3));
  if (b[0] === 0xff && b[1] === 0xfe) return new TextDecoder('utf-16le').decode(b.subarray(2));
  if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(b.subarray(2));
  const head = b.subarray(0, 4096).toString('latin1');
  const m = META_CHARSET_RE.exec(head);
  if (m) {
    let label = m[1].toLowerCase();
    if (label === 'utf8') label = 'utf-8';
    // As browsers do (WHATWG Encoding): these labels mean windows-1252.
    if (/^(iso-?8859-1|latin-?1|us-ascii|ascii|l1|cp819|iso_8859-1)$/.test(label)) label = 'windows-1252';
    if (!/^utf-16/.test(label) && label !== 'utf-8' && iconv.encodingExists(label)) return iconv.decode(b, label);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    // Node's TextDecoder decodes 'windows-1252' as ISO-8859-1 (C1 controls for 0x80-0x9F): iconv-lite does not.
    return iconv.decode(b, 'windows-1252');
  }
}

/**
 * Mozilla Readability on linkedom: { title, text, byline, published } of a page's bytes ({ title: null,
 * text: '' } if it finds nothing); byline and published are Readability's own metadata, as it gives them.
 */
export function readabilityExtract(buf) {
  const { document } = parseHTML(decodePage(buf));
  const article = new Readability(document).parse();
  if (!article) return { title: null, text: '', byline: null, published: null };
  return {
    title: article.title ?? null,
    text: htmlToText(article.content ?? ''),
    byline: article.byline || null,
    published: article.publishedTime || null,
  };
}

// ------------------------------------------------------------------ commands --

/** Splits a command line the way a shell would for simple cases (quotes, backslash escapes). */
export function splitCommand(s) {
  const out = [];
  let cur = '';
  let q = null;
  let has = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) {
      if (c === q) q = null;
      else if (c === '\\' && q === '"' && i + 1 < s.length) cur += s[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      q = c;
      has = true;
    } else if (c === '\\' && i + 1 < s.length) {
      cur += s[++i];
      has = true;
    } else if (/\s/.test(c)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else cur += c;
  }
  if (has || cur) out.push(cur);
  return out;
}

/** A run that cannot go on (bad option, no usable output): the scorers print its message, not a stack. */
export class Usage extends Error {}

/**
 * Runs a scorer's `main()` and exits with its code; a failure exits 2 with one line naming the
 * scorer (a Usage's message, or the stack of anything else).
 */
export function runScorer(name, main) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(`${name}: ${e instanceof Usage ? e.message : (e?.stack ?? e)}`);
      process.exit(2);
    },
  );
}

/**
 * The figures of the final line, "system P … R … F …" per system joined by " | ", from each
 * system's aggregate in `bySystem`; `pick` reads its precision, recall and F, `fLabel` names the F.
 */
export function figuresLine(systems, bySystem, pick, fLabel) {
  return systems
    .map((s) => {
      const [p, r, f] = pick(bySystem[s]).map((x) => (x === null || x === undefined ? '-' : x.toFixed(3)));
      return `${s} P ${p} R ${r} ${fLabel} ${f}`;
    })
    .join(' | ');
}

// ------------------------------------------------------------------ options and pages --

/**
 * The options both scorers share (split, pages, systems, output, batching), parsed from argv over
 * `defaults`. `own` maps a scorer's own options to a handler `(o, value, integer)`: `value()` reads
 * the option's value, `integer(v, min)` checks one. Heldout pages are never shown one by one.
 */
export function parseEvalArgs(argv, defaults, own = {}) {
  const o = { split: 'dev', ids: [], extra: [], systems: null, showWorst: 0, json: null, batch: 32, jobs: 1, timeout: 600, ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Usage(`${a} needs a value`);
      return argv[++i];
    };
    const integer = (v, min = 1) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < min) throw new Usage(`${a} wants an integer >= ${min}, not ${v}`);
      return n;
    };
    if (Object.hasOwn(own, a)) {
      own[a](o, value, integer);
      continue;
    }
    switch (a) {
      case '--split':
        o.split = value();
        if (!['dev', 'heldout', 'all'].includes(o.split)) throw new Usage('--split is dev, heldout or all');
        break;
      case '--id':
        o.ids.push(value());
        break;
      case '--cmd': {
        const v = value();
        const m = /^([\w.-]+)=(.+)$/s.exec(v);
        if (m) o.extra.push({ name: m[1], cmd: m[2] });
        else o.newsdeskCmd = v;
        break;
      }
      case '--systems':
        o.systems = value()
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        break;
      case '--show-worst':
        o.showWorst = integer(value(), 0);
        break;
      case '--json':
        o.json = value();
        break;
      case '--batch':
        o.batch = integer(value());
        break;
      case '--jobs':
        o.jobs = integer(value());
        break;
      case '--timeout':
        o.timeout = integer(value());
        break;
      case '--manifest':
        o.manifest = resolve(value());
        break;
      case '--transform':
        o.transform = value();
        parseTransform(o.transform);
        break;
      case '-h':
      case '--help':
        throw new Usage('');
      default:
        throw new Usage(`unknown option ${a}`);
    }
  }
  if (o.showWorst > 0 && o.split !== 'dev') {
    throw new Usage('--show-worst is for the dev split only: heldout pages are never looked at one by one while tuning');
  }
  return o;
}

/**
 * The manifest's pages of the chosen split (and `keep`), or the dev pages named by --id, each with
 * its bytes as served (gunzipped) and what `load(page, folder)` adds (its gold).
 */
export function loadEvalPages(o, keep, load) {
  if (!existsSync(o.manifest)) throw new Usage(`no manifest at ${o.manifest}`);
  const base = dirname(o.manifest);
  const all = readFileSync(o.manifest, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
  let pages = all.filter((p) => (o.split === 'all' || p.split === o.split) && keep(p));
  if (o.ids.length) {
    const byId = new Map(all.map((p) => [p.id, p]));
    for (const id of o.ids) {
      const p = byId.get(id);
      if (!p) throw new Usage(`no page ${id} in the manifest`);
      if (p.split !== 'dev') throw new Usage(`${id} is a heldout page: heldout pages are not looked at one by one`);
    }
    pages = pages.filter((p) => o.ids.includes(p.id));
  }
  if (pages.length === 0) throw new Usage('no pages match the selection');
  return pages.map((p) => {
    const b = readFileSync(join(base, p.html));
    const bytes = p.html.endsWith('.gz') ? gunzipSync(b) : b;
    return { ...p, bytes: o.transform ? transformNames(bytes, o.transform) : bytes, ...load(p, base) };
  });
}

/**
 * Every dev set's pages for the dev scripts that read them all (extract-ablate, extract-rails,
 * extract-teasers): news, broad, the third set's two sources (its `source`: 'fundus', 'cwced') and
 * fresh, each page tagged with its `set` and its site `half` (0 or 1), its gold texts as
 * `goldTexts` (the broad set's snippets as `snippets`), its bytes rewritten by `transform`.
 */
export function loadDevSets(root, transform) {
  const dev = (dir, load) =>
    loadEvalPages({ manifest: join(root, 'data', dir, 'manifest.jsonl'), split: 'dev', ids: [], transform }, () => true, load);
  const gold = (p, base) => ({ goldTexts: goldVariants(readFileSync(join(base, p.gold), 'utf8'), p.optional_paragraphs) });
  const news = dev('extract-eval', gold).map((p) => ({ ...p, set: 'news' }));
  const broad = dev('extract-snippets', (p, base) => ({ snippets: JSON.parse(readFileSync(join(base, p.snippets), 'utf8')) })).map((p) => ({
    ...p,
    set: 'broad',
  }));
  const extra = dev('extract-extra', gold).map((p) => ({ ...p, set: p.source }));
  const fresh = dev('extract-fresh', gold).map((p) => ({ ...p, set: 'fresh' }));
  return [...news, ...broad, ...extra, ...fresh].map((p) => ({ ...p, half: fnv1a(String(p.site ?? p.id)) % 2 }));
}

/** A token list's 3-token shingles (the whole list as one when shorter): how the dev scripts look a block up in the gold. */
export function shingles(toks) {
  const out = [];
  for (let i = 0; i + 3 <= toks.length; i++) out.push(toks.slice(i, i + 3).join(' '));
  return out.length ? out : [toks.join(' ')];
}

/** An href read against `base` (or a placeholder host), or null when it is no URL. */
export function urlOf(u, base) {
  try {
    return new URL(u, base ?? 'http://x.invalid/');
  } catch {
    return null;
  }
}

/** FNV-1a of a string (32 bits): how the dev scripts cut pages by site into folds or halves. */
export function fnv1a(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Runs `extract(page)` over the pages in this process: each page's result (or its error) by id, and the time taken. */
export function runInProcess(pages, extract) {
  const results = new Map();
  const t0 = process.hrtime.bigint();
  for (const p of pages) {
    try {
      results.set(p.id, extract(p));
    } catch (e) {
      results.set(p.id, { error: e instanceof Error ? e.message : String(e) });
    }
  }
  return { results, seconds: Number(process.hrtime.bigint() - t0) / 1e9, calls: 0 };
}

// ------------------------------------------------------------------ command runner --

function runOnce(argv, timeoutS) {
  return new Promise((resolveRun) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    let err = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutS * 1000);
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => {
      if (err.length < 4000) err += d;
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      resolveRun({ stdout: '', stderr: String(e.message), code: -1, timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolveRun({ stdout: Buffer.concat(out).toString('utf8'), stderr: err, code, timedOut });
    });
  });
}

function parseLines(stdout) {
  const byPath = new Map();
  for (const line of stdout.split('\n')) {
    if (!line.trim()) continue;
    try {
      const j = JSON.parse(line);
      if (j && typeof j.path === 'string') byPath.set(j.path, j);
    } catch {
      // not a result line
    }
  }
  return byPath;
}

/**
 * Runs a `newsdesk extract`-compatible command on every page ({ id, url, ... }; the page's bytes
 * are already in dir/<id>.html): { results: id → {title, text, byline, published} or {error}, seconds, calls }.
 * o: { batch (files per call), jobs (calls at once), timeout (seconds per call) }.
 */
export async function runCommand(name, cmd, pages, dir, o) {
  const base = splitCommand(cmd);
  if (base.length === 0) throw new Usage(`empty command for ${name}`);
  const fileOf = (p) => join(dir, `${p.id}.html`);
  // Pages with a known address get --url, which names one address for the whole call: they go
  // one per call; the others go in batches.
  const calls = [];
  const plain = pages.filter((p) => !p.url);
  for (let i = 0; i < plain.length; i += o.batch) calls.push({ url: null, pages: plain.slice(i, i + o.batch) });
  for (const p of pages.filter((x) => x.url)) calls.push({ url: p.url, pages: [p] });

  const results = new Map();
  let nCalls = 0;
  let lastErr = '';
  const exec = async (call) => {
    const argv = [...base, ...(call.url ? ['--url', call.url] : []), ...call.pages.map(fileOf)];
    nCalls++;
    const r = await runOnce(argv, o.timeout);
    if (r.code !== 0 && r.stderr) lastErr = r.stderr.trim().split('\n').slice(-3).join(' | ');
    const lines = parseLines(r.stdout);
    const missing = [];
    for (const p of call.pages) {
      const j = lines.get(fileOf(p));
      if (!j) missing.push(p);
      else
        results.set(
          p.id,
          j.error
            ? { error: String(j.error) }
            : { title: j.title ?? null, text: j.text ?? '', byline: j.byline ?? null, published: j.published ?? null },
        );
    }
    return missing;
  };
  const t0 = process.hrtime.bigint();
  const queue = [...calls];
  const retry = [];
  await Promise.all(
    Array.from({ length: Math.min(o.jobs, queue.length) }, async () => {
      while (queue.length) retry.push(...(await exec(queue.shift())));
    }),
  );
  // A file left without a line is retried alone; if that fails too it counts as an error.
  for (const p of retry) {
    const still = await exec({ url: p.url, pages: [p] });
    if (still.length) results.set(p.id, { error: `no output line${lastErr ? ` (${lastErr})` : ''}` });
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if ([...results.values()].every((r) => r.error)) {
    throw new Usage(`${name}: no usable output for any page (command: ${cmd})${lastErr ? `; stderr: ${lastErr}` : ''}`);
  }
  return { results, seconds, calls: nCalls };
}

// ------------------------------------------------------------------ name transforms --

const RAW_TEXT_TAGS = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);
const isSpace = (c) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
const isAsciiLetter = (c) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/** One class or id token replaced by a stable word-free stand-in: 'z' and the decimal FNV-1a of the token. */
export function hashName(token) {
  return `z${fnv1a(token)}`;
}

/**
 * The transforms `--transform` takes, alone or joined by commas (`hash-names,plain-tags`):
 * hash-names and drop-names rewrite class and id (one of the two at most), plain-tags rewrites
 * HTML5's sectioning and semantic elements and drops ARIA roles. Returns { names, plainTags }.
 */
export function parseTransform(mode) {
  const parts = String(mode ?? '')
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);
  const o = { names: null, plainTags: false };
  for (const m of parts) {
    if (m === 'hash-names' || m === 'drop-names') {
      if (o.names && o.names !== m) throw new Usage('--transform takes hash-names or drop-names, not both');
      o.names = m;
    } else if (m === 'plain-tags') o.plainTags = true;
    else
      throw new Usage(
        `unknown --transform ${m} (hash-names, drop-names, plain-tags, or a comma-joined pair such as hash-names,plain-tags)`,
      );
  }
  if (!o.names && !o.plainTags) throw new Usage('--transform needs hash-names, drop-names or plain-tags');
  return o;
}

/**
 * plain-tags: HTML5's sectioning and semantic elements as a plainer site writes the same page —
 * the table and `<div>` layouts of older CMSs and of many government and NGO sites. Block
 * elements become `<div>` (each of them, like `<div>`, closes an open `<p>`, so the tree keeps its
 * shape), the two phrasing ones `<span>`.
 */
export const PLAIN_TAGS = new Map([
  ...[
    'article',
    'section',
    'aside',
    'nav',
    'header',
    'footer',
    'main',
    'figure',
    'figcaption',
    'hgroup',
    'address',
    'details',
    'summary',
  ].map((t) => [t, 'div']),
  ['time', 'span'],
  ['mark', 'span'],
]);
/**
 * Attributes plain-tags removes: `role` on every element (ARIA landmarks and widgets: a plain site
 * has none), and on `<time>` its `datetime` and `pubdate`, which only `<time>` gives meaning to — a
 * plain site writes the date as text, and a `<span datetime>` left behind would still let a rule
 * find machine-readable dates where such sites have none.
 */
const PLAIN_DROP_ALWAYS = new Set(['role']);
const PLAIN_DROP_ON_TIME = new Set(['datetime', 'pubdate']);

/**
 * `--transform hash-names | drop-names | plain-tags` (measuring options, dev only; parseTransform
 * above), the page's bytes rewritten so that no rule can decide by what a template's markup says
 * rather than by its shape. hash-names and drop-names rewrite every class and id attribute value, as
 * on sites built with CSS modules, styled-components or utility classes: hash-names replaces each
 * white-space separated token by hashName(token) (same token, same stand-in: repetition of shape
 * survives, words do not); drop-names removes the class and id attributes. plain-tags renames the
 * start and end tags of PLAIN_TAGS (attributes kept) and removes the attributes named above (older
 * and plainer sites: no `<article>`, `<aside>`, `<nav>`, `<time>`, no ARIA roles). Works on the raw
 * bytes (read as latin1, so every other byte stays as it was, whatever the page's encoding): start
 * tags are read attribute by attribute (quoted, unquoted and bare values), comments and doctypes
 * are skipped, end tags are read for their name only, and the contents of raw-text elements
 * (script, style, textarea, title...) are left alone (JSON-LD and embedded templates keep their
 * text). UTF-16 pages (a UTF-16 byte-order mark) are returned unchanged.
 */
export function transformNames(buf, mode) {
  const { names, plainTags } = parseTransform(mode);
  const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf);
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) return b;
  const s = b.toString('latin1');
  const n = s.length;
  let lower = null; // s in lower case, made when a raw-text element is met
  const out = [];
  let last = 0; // s[last..] not yet copied to out
  let i = 0;
  const skipTo = (needle, from) => {
    const j = s.indexOf(needle, from);
    return j < 0 ? n : j + needle.length;
  };
  while (i < n) {
    const lt = s.indexOf('<', i);
    if (lt < 0) break;
    const c1 = s.charCodeAt(lt + 1);
    if (s.startsWith('<!--', lt)) {
      i = skipTo('-->', lt + 4);
      continue;
    }
    if (c1 === 0x2f /* / */ && plainTags && isAsciiLetter(s.charCodeAt(lt + 2))) {
      let j = lt + 2;
      while (j < n && !isSpace(s.charCodeAt(j)) && s[j] !== '>' && s[j] !== '/') j++;
      const plain = PLAIN_TAGS.get(s.slice(lt + 2, j).toLowerCase());
      if (plain) {
        out.push(s.slice(last, lt + 2), plain);
        last = j;
      }
      i = skipTo('>', j);
      continue;
    }
    if (c1 === 0x21 /* ! */ || c1 === 0x3f /* ? */ || c1 === 0x2f /* / */) {
      i = skipTo('>', lt + 2);
      continue;
    }
    if (!isAsciiLetter(c1)) {
      i = lt + 1;
      continue;
    }
    // A start tag: its name, then attributes until '>'.
    let j = lt + 1;
    while (j < n && !isSpace(s.charCodeAt(j)) && s[j] !== '>' && s[j] !== '/') j++;
    const tag = s.slice(lt + 1, j).toLowerCase();
    const plain = plainTags ? PLAIN_TAGS.get(tag) : undefined;
    if (plain) {
      out.push(s.slice(last, lt + 1), plain);
      last = j;
    }
    while (j < n && s[j] !== '>') {
      const attrStart = j;
      while (j < n && (isSpace(s.charCodeAt(j)) || s[j] === '/')) j++;
      if (j >= n || s[j] === '>') break;
      const nameStart = j;
      j++; // the first character may be '=' (a stray one is read as a name)
      while (j < n && !isSpace(s.charCodeAt(j)) && s[j] !== '/' && s[j] !== '>' && s[j] !== '=') j++;
      const name = s.slice(nameStart, j).toLowerCase();
      let k = j;
      while (k < n && isSpace(s.charCodeAt(k))) k++;
      let valueStart = -1;
      let valueEnd = -1;
      if (s[k] === '=') {
        k++;
        while (k < n && isSpace(s.charCodeAt(k))) k++;
        const q = s[k];
        if (q === '"' || q === "'") {
          valueStart = k + 1;
          const e = s.indexOf(q, valueStart);
          valueEnd = e < 0 ? n : e;
          j = Math.min(n, valueEnd + 1);
        } else {
          valueStart = k;
          while (k < n && !isSpace(s.charCodeAt(k)) && s[k] !== '>') k++;
          valueEnd = k;
          j = k;
        }
      }
      if (plainTags && (PLAIN_DROP_ALWAYS.has(name) || (tag === 'time' && PLAIN_DROP_ON_TIME.has(name)))) {
        out.push(s.slice(last, attrStart), ' ');
        last = j;
      } else if (names && (name === 'class' || name === 'id')) {
        if (names === 'drop-names') {
          out.push(s.slice(last, attrStart), ' ');
          last = j;
        } else if (valueStart >= 0) {
          const v = s.slice(valueStart, valueEnd);
          out.push(s.slice(last, valueStart), v.replace(/[^\t\n\f\r ]+/g, hashName));
          last = valueEnd;
        }
      }
    }
    i = j < n ? j + 1 : n;
    if (RAW_TEXT_TAGS.has(tag)) {
      lower ??= s.toLowerCase();
      const close = lower.indexOf(`</${tag}`, i);
      i = close < 0 ? n : close;
    }
  }
  out.push(s.slice(last));
  return Buffer.from(out.join(''), 'latin1');
}

/** White space squeezed to one space, ends trimmed (null and undefined read as empty). */
export const squashText = (s) =>
  String(s ?? '')
    .replace(/\s+/g, ' ')
    .trim();

const LEAF_TAGS = ['p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'dt', 'dd', 'td', 'th', 'blockquote', 'figcaption', 'pre'];
const BLOCK_TAGS = new Set([
  ...LEAF_TAGS,
  ...['div', 'section', 'ul', 'ol', 'dl', 'table', 'tbody', 'thead', 'tr', 'aside', 'nav', 'article', 'figure', 'header', 'footer', 'main'],
]);

/**
 * The leaf blocks of an HTML fragment (an extractor's output) in document order: each block element
 * that holds no other block, with its text squeezed; blocks without text are left out. The split the
 * dev scripts judge an output by, block by block, against the gold.
 */
export function leafBlocks(html) {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const out = [];
  const hasBlock = (el) => [...el.children].some((c) => BLOCK_TAGS.has(c.localName) || hasBlock(c));
  const visit = (el) => {
    if (el !== document.body && BLOCK_TAGS.has(el.localName) && !hasBlock(el)) {
      const text = squashText(el.textContent);
      if (text) out.push({ el, text });
      return;
    }
    for (const c of el.children) visit(c);
  };
  visit(document.body);
  return out;
}

/** The deepest element under `root` whose text (as `textOf` reads it) holds `s`, or null. */
export function deepestHolding(root, s, textOf) {
  let el = root;
  for (let down = true; down; ) {
    down = false;
    for (const c of el.children ?? []) {
      if (textOf(c).includes(s)) {
        el = c;
        down = true;
        break;
      }
    }
  }
  return textOf(el).includes(s) ? el : null;
}

/** `el` and its ancestors, outermost first. */
export function ancestorsOf(el) {
  const a = [];
  for (let e = el; e; e = e.parentElement) a.unshift(e);
  return a;
}

/** The lowest element holding both `a` and `b`. */
export function commonAncestor(a, b) {
  const x = ancestorsOf(a);
  const y = ancestorsOf(b);
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return x[i - 1];
}
