#!/usr/bin/env node
// A probe of body openings and metadata on data/extract-probe (Postlight Parser's saved pages of
// about 130 sites, with the title, author, date and first 13 words of the content that each site's
// test asserts): `newsdesk extract` (through the CLI) beside Mozilla Readability on linkedom (in
// process), as scripts/extract-eval.mjs runs them. Not F1: only the opening of the body is known.
//
//   npm run build && node scripts/extract-probe-eval.mjs [--split dev|heldout|all] [options]
//
// Options:
//   --split S      dev (default), heldout or all
//   --id ID        only that page (repeatable; dev pages only)
//   --cmd CMD      the Newsdesk command (default: node dist/src/cli/index.js extract); --cmd NAME=CMD adds a system
//   --systems LIST comma-separated subset of systems
//   --show         every dev page where a system misses the opening (or finds it late), with both openings
//   --json OUT     summary (and, for dev, every page's results) as JSON
//   --meta-content every <meta> tag without a `content` attribute gets its `value` attribute renamed
//                  `content` before both systems read the page: Postlight saved most fixtures after its
//                  own normalisation had renamed `content` to `value` (data/extract-probe/SOURCES.md)
//   --batch N, --jobs N, --timeout S, --manifest FILE (default data/extract-probe/manifest.jsonl), --transform M
//
// Per page and system (definitions: scripts/extract-probe-lib.mjs): opening found, opening at the
// start (within the first 40 output tokens), empty output, title match, author match, date match.
// Rates are over the pages where the test asserts that value (a non-empty literal).
// Exit status: 0 when the run completed (whatever the results), 2 when it could not run.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Usage,
  loadEvalPages,
  parseEvalArgs,
  readabilityExtract,
  runCommand,
  runInProcess,
  runScorer,
  tokenize,
} from './extract-eval-lib.mjs';
import { START_WORDS, authorMatch, dateMatch, isEmptyText, openingMatch, titleMatch } from './extract-probe-lib.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NEWSDESK = 'newsdesk';
const READABILITY = 'readability-linkedom';

function parseArgs(argv) {
  return parseEvalArgs(
    argv,
    {
      show: false,
      metaContent: false,
      newsdeskCmd: `node ${join(ROOT, 'dist', 'src', 'cli', 'index.js')} extract`,
      manifest: join(ROOT, 'data', 'extract-probe', 'manifest.jsonl'),
    },
    {
      '--show': (o) => {
        o.show = true;
      },
      '--meta-content': (o) => {
        o.metaContent = true;
      },
    },
  );
}

/** The page with `<meta … value=…>` (no `content`) written back as `<meta … content=…>`; bytes read as latin1, so nothing else moves. */
function metaContent(bytes) {
  const html = Buffer.from(bytes).toString('latin1');
  const out = html.replace(/<meta\b[^>]*>/gi, (tag) => (/\scontent\s*=/i.test(tag) ? tag : tag.replace(/(\s)value(\s*=)/i, '$1content$2')));
  return Buffer.from(out, 'latin1');
}

const asserted = (v) => typeof v === 'string' && v.trim() !== '';

/** One system's result on one page, judged against the test's expectations. */
function judge(page, r) {
  const e = page.expected;
  const text = r.error ? '' : (r.text ?? '');
  const op = openingMatch(e.opening, text);
  return {
    error: r.error ?? null,
    text,
    title: r.title ?? null,
    byline: r.byline ?? null,
    published: r.published ?? null,
    found: op.found,
    atStart: op.atStart,
    word: op.word,
    empty: isEmptyText(text),
    titleOk: asserted(e.title) ? titleMatch(e.title, r.title) : null,
    authorOk: asserted(e.author) ? authorMatch(e.author, r.byline) : null,
    dateOk: asserted(e.date_published) ? dateMatch(e.date_published, r.published) : null,
  };
}

function summarise(results) {
  const rate = (key) => {
    const xs = results.filter((x) => x[key] !== null);
    return { n: xs.length, ok: xs.filter((x) => x[key]).length };
  };
  return {
    pages: results.length,
    found: results.filter((x) => x.found).length,
    atStart: results.filter((x) => x.atStart).length,
    empty: results.filter((x) => x.empty).length,
    errors: results.filter((x) => x.error).length,
    title: rate('titleOk'),
    author: rate('authorOk'),
    date: rate('dateOk'),
  };
}

const pct = (k, n) => (n ? `${((100 * k) / n).toFixed(1)}%`.padStart(6) : '    - ');
const frac = ({ ok, n }) => `${String(ok).padStart(3)}/${String(n).padEnd(3)} ${pct(ok, n)}`;

function printTable(rows, systems) {
  console.log(
    `${'group'.padEnd(16)}    n ${systems.map((s) => `| ${s.slice(0, 20).padEnd(20)} found  start empty   title            author           date`).join(' ')}`,
  );
  for (const r of rows) {
    const cells = systems.map((s) => {
      const a = r.bySystem[s];
      return `| ${''.padEnd(20)} ${pct(a.found, a.pages)} ${pct(a.atStart, a.pages)} ${String(a.empty).padStart(5)}  ${frac(a.title)}  ${frac(a.author)}  ${frac(a.date)}`;
    });
    console.log(`${r.label.slice(0, 16).padEnd(16)} ${String(r.n).padStart(4)} ${cells.join(' ')}`);
  }
}

const head = (s, n) => tokenize(s).slice(0, n).join(' ');

async function main() {
  let o;
  try {
    o = parseArgs(process.argv.slice(2));
    if (o.show && o.split !== 'dev') throw new Usage('--show is for the dev split only: heldout pages are never looked at one by one');
  } catch (e) {
    if (e instanceof Usage) {
      if (e.message) console.error(`extract-probe-eval: ${e.message}`);
      console.error(
        'usage: node scripts/extract-probe-eval.mjs [--split dev|heldout|all] [--id ID] [--cmd CMD] [--cmd NAME=CMD] [--systems LIST] [--show] [--json OUT] [--meta-content] [--batch N] [--jobs N] [--timeout S] [--manifest FILE] [--transform M]',
      );
      return 2;
    }
    throw e;
  }
  const pages = loadEvalPages(
    o,
    () => true,
    () => ({}),
  ).map((p) => (o.metaContent ? { ...p, bytes: metaContent(p.bytes) } : p));
  let systems = [NEWSDESK, READABILITY, ...o.extra.map((x) => x.name)];
  if (o.systems) {
    for (const s of o.systems) if (!systems.includes(s)) throw new Usage(`unknown system ${s} (known: ${systems.join(', ')})`);
    systems = systems.filter((s) => o.systems.includes(s));
  }
  const cmdOf = (s) => (s === NEWSDESK ? o.newsdeskCmd : o.extra.find((x) => x.name === s)?.cmd);

  const dir = mkdtempSync(join(tmpdir(), 'extract-probe-'));
  const perSystem = {};
  try {
    if (systems.some((s) => s !== READABILITY)) for (const p of pages) writeFileSync(join(dir, `${p.id}.html`), p.bytes);
    for (const s of systems) {
      console.error(`extract-probe-eval: running ${s} on ${pages.length} ${o.split} pages…`);
      const run =
        s === READABILITY ? runInProcess(pages, (p) => readabilityExtract(p.bytes)) : await runCommand(s, cmdOf(s), pages, dir, o);
      perSystem[s] = new Map(pages.map((p) => [p.id, judge(p, run.results.get(p.id) ?? { error: 'no result' })]));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const groups = [
    ['all', () => true],
    ['site new', (p) => p.known_in.length === 0],
    ['site known', (p) => p.known_in.length > 0],
  ];
  for (const l of [...new Set(pages.map((p) => String(p.lang)))].sort()) groups.push([`lang=${l}`, (p) => String(p.lang) === l]);
  const rows = groups.map(([label, pred]) => {
    const sel = pages.filter(pred);
    return {
      label,
      n: sel.length,
      bySystem: Object.fromEntries(systems.map((s) => [s, summarise(sel.map((p) => perSystem[s].get(p.id)))])),
    };
  });
  console.log(
    `extract-probe: ${pages.length} ${o.split} pages; found = the test's expected opening (13 words) anywhere in the output text, start = found within the first ${START_WORDS} output tokens; title/author/date: matched / asserted`,
  );
  printTable(rows, systems);

  if (o.show) {
    for (const p of pages) {
      const bad = systems.filter((s) => !perSystem[s].get(p.id).atStart);
      if (bad.length === 0) continue;
      console.log(`\n${p.id} [${p.site}, ${p.lang}${p.known_in.length ? `, known in ${p.known_in.join('+')}` : ''}]`);
      console.log(`  expected: ${p.expected.opening}`);
      for (const s of systems) {
        const r = perSystem[s].get(p.id);
        const where = r.found ? `found at token ${r.word}` : r.empty ? 'EMPTY' : 'NOT FOUND';
        console.log(`  ${s.padEnd(20)} ${where}${r.error ? ` error: ${r.error}` : ''}: ${head(r.text, 30)}`);
      }
    }
  }

  if (o.json) {
    const summary = { split: o.split, pages: pages.length, startWords: START_WORDS, groups: rows };
    // Per-page results only for dev: heldout pages are not looked at one by one.
    if (o.split === 'dev') {
      summary.perPage = pages.map((p) => ({
        id: p.id,
        site: p.site,
        lang: p.lang,
        known_in: p.known_in,
        ...Object.fromEntries(
          systems.map((s) => {
            const { text, ...rest } = perSystem[s].get(p.id);
            return [s, { ...rest, head: head(text, 60) }];
          }),
        ),
      }));
    }
    writeFileSync(o.json, `${JSON.stringify(summary, null, 1)}\n`);
  }

  const all = rows[0].bySystem;
  const line = systems
    .map((s) => {
      const a = all[s];
      return `${s} opening ${a.found}/${a.pages} start ${a.atStart} empty ${a.empty} title ${a.title.ok}/${a.title.n} author ${a.author.ok}/${a.author.n} date ${a.date.ok}/${a.date.n}`;
    })
    .join(' | ');
  console.log(`\nextract-probe ${o.split}: ${line}`);
  return 0;
}

runScorer('extract-probe-eval', main);
