#!/usr/bin/env node
// Main-text extraction quality on data/extract-eval (real pages, human-made gold text):
// `newsdesk extract` (through the CLI only) beside Mozilla Readability on linkedom (in process),
// and any other command that speaks the same NDJSON contract, side by side.
//
//   npm run build && node scripts/extract-eval.mjs [--split dev|heldout|all] [options]
//
// Options:
//   --split S          dev (default), heldout or all
//   --only SOURCE      only pages of that source data set (repeatable)
//   --id ID            only that page (repeatable; dev pages only)
//   --cmd CMD          the Newsdesk command (default: node dist/src/cli/index.js extract)
//   --cmd NAME=CMD     one more system to score, speaking the `newsdesk extract` contract
//   --systems LIST     comma-separated subset of systems to run (newsdesk, readability-linkedom, NAMEs)
//   --show-worst N     the N dev pages with the lowest F1 per system (refused unless --split dev)
//   --json OUT         summary (and, for dev, every page's scores) as JSON
//   --ngram N          score N-token shingles instead of single tokens (default 1: bag of words)
//   --batch N          files per command call (default 32), --jobs N calls at once (default 1)
//   --timeout S        limit for one command call (default 600), --manifest FILE (default data/extract-eval/manifest.jsonl;
//                      also data/extract-extra/manifest.jsonl, the third set)
//   --transform M      hash-names: every class and id token of each page replaced by a stable hash of
//                      itself (repetition survives, words do not); drop-names: class and id removed;
//                      plain-tags: HTML5 sectioning/semantic elements (article, section, aside, nav,
//                      header, footer, main, figure, figcaption, hgroup, address, details, summary)
//                      made <div>, time and mark made <span> (time's datetime dropped), ARIA role
//                      attributes removed, as on older table/div-layout sites; joined by a comma to
//                      apply both (hash-names,plain-tags). Both systems read the same rewritten bytes
//                      (transformNames, extract-eval-lib.mjs): how much rests on the words in names
//                      or on the template's semantic markup rather than on the page's shape
//
// A manifest line may list `optional_paragraphs` (0-based numbers of gold paragraphs, split at
// blank lines, that the annotators marked optional): the page is then scored against the gold
// with and without them and keeps the best F1 (goldVariants in scripts/extract-eval-lib.mjs).
// The measure is described at the top of scripts/extract-eval-lib.mjs; the data set, its licences
// and the rule that heldout is never looked at while tuning are in data/extract-eval/SOURCES.md.
// Exit status: 0 when the run completed (whatever the scores), 2 when it could not run.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Usage,
  aggregate,
  goldVariants,
  loadEvalPages,
  parseEvalArgs,
  readabilityExtract,
  runInProcess,
  runCommand,
  scorePage,
  scorePageBest,
  figuresLine,
  runScorer,
} from './extract-eval-lib.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NEWSDESK = 'newsdesk';
const READABILITY = 'readability-linkedom';

function parseArgs(argv) {
  return parseEvalArgs(
    argv,
    {
      only: [],
      ngram: 1,
      newsdeskCmd: `node ${join(ROOT, 'dist', 'src', 'cli', 'index.js')} extract`,
      manifest: join(ROOT, 'data', 'extract-eval', 'manifest.jsonl'),
    },
    {
      '--only': (o, value) => o.only.push(value()),
      '--ngram': (o, value, integer) => {
        o.ngram = integer(value());
      },
    },
  );
}

// ------------------------------------------------------------------ pages --

function loadManifest(o) {
  return loadEvalPages(
    o,
    (p) => o.only.length === 0 || o.only.includes(p.source),
    (p, base) => {
      const goldText = readFileSync(join(base, p.gold), 'utf8');
      // Pages with paragraphs their annotators marked optional are scored against the best variant.
      return { goldText, goldTexts: goldVariants(goldText, p.optional_paragraphs) };
    },
  );
}

/** What a system's output is scored as: its text, with its title in front where the gold has the headline. */
function scoredText(page, title, text) {
  return page.title_in_gold && title ? `${title}\n\n${text ?? ''}` : (text ?? '');
}

// ------------------------------------------------------------------ runners --

function runReadability(pages) {
  return runInProcess(pages, (p) => readabilityExtract(p.bytes));
}

// ------------------------------------------------------------------ report --

const f3 = (x) => (x === null || x === undefined ? '  -  ' : x.toFixed(3));

function groupRows(pages, perSystem, systems) {
  const groups = [['all', () => true]];
  const add = (label, key) => {
    for (const v of [...new Set(pages.map((p) => p[key]))].sort()) groups.push([`${label}=${v}`, (p) => p[key] === v]);
  };
  add('source', 'source');
  add('kind', 'kind');
  add('lang', 'lang');
  return groups.map(([label, pred]) => {
    const sel = pages.filter(pred);
    return {
      label,
      n: sel.length,
      bySystem: Object.fromEntries(systems.map((s) => [s, aggregate(sel.map((p) => perSystem[s].scores.get(p.id)))])),
    };
  });
}

function printTable(rows, systems) {
  const head = ['group'.padEnd(22), '   n', ...systems.map((s) => `| ${s.slice(0, 30).padEnd(30)}`)].join(' ');
  const sub = [''.padEnd(22), '    ', ...systems.map(() => '|     P     R    F1  pgF1  <0.5')].join(' ');
  console.log(head);
  console.log(sub);
  for (const r of rows) {
    const cells = systems.map((s) => {
      const a = r.bySystem[s];
      return `| ${f3(a.p)} ${f3(a.r)} ${f3(a.f1)} ${f3(a.pageF1)} ${String(a.low).padStart(5)}`;
    });
    console.log([r.label.slice(0, 22).padEnd(22), String(r.n).padStart(4), ...cells].join(' '));
  }
}

function snippet(s, n = 160) {
  const t = (s ?? '').replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n)}…` : t;
}

async function main() {
  let o;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof Usage) {
      if (e.message) console.error(`extract-eval: ${e.message}`);
      console.error(
        'usage: node scripts/extract-eval.mjs [--split dev|heldout|all] [--only SOURCE] [--id ID] [--cmd CMD] [--cmd NAME=CMD] [--systems LIST] [--show-worst N] [--json OUT] [--ngram N] [--batch N] [--jobs N] [--timeout S] [--manifest FILE] [--transform hash-names|drop-names|plain-tags|hash-names,plain-tags]',
      );
      return 2;
    }
    throw e;
  }
  const pages = loadManifest(o);
  let systems = [NEWSDESK, READABILITY, ...o.extra.map((x) => x.name)];
  if (o.systems) {
    for (const s of o.systems) if (!systems.includes(s)) throw new Usage(`unknown system ${s} (known: ${systems.join(', ')})`);
    systems = systems.filter((s) => o.systems.includes(s));
  }
  const cmdOf = (s) => (s === NEWSDESK ? o.newsdeskCmd : o.extra.find((x) => x.name === s)?.cmd);

  const dir = mkdtempSync(join(tmpdir(), 'extract-eval-'));
  const perSystem = {};
  try {
    if (systems.some((s) => s !== READABILITY)) for (const p of pages) writeFileSync(join(dir, `${p.id}.html`), p.bytes);
    for (const s of systems) {
      console.error(`extract-eval: running ${s} on ${pages.length} ${o.split} pages…`);
      const run = s === READABILITY ? runReadability(pages) : await runCommand(s, cmdOf(s), pages, dir, o);
      const scores = new Map();
      let errors = 0;
      for (const p of pages) {
        const r = run.results.get(p.id) ?? { error: 'no result' };
        if (r.error) errors++;
        const text = r.error ? '' : scoredText(p, r.title, r.text);
        const sc =
          p.goldTexts.length > 1 ? scorePageBest(text, p.goldTexts, { ngram: o.ngram }) : scorePage(text, p.goldText, { ngram: o.ngram });
        scores.set(p.id, { ...sc, error: r.error ?? null, text });
      }
      perSystem[s] = { scores, seconds: run.seconds, calls: run.calls, errors };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const rows = groupRows(pages, perSystem, systems);
  const measure = o.ngram === 1 ? 'bag of words' : `${o.ngram}-token shingles`;
  console.log(
    `extract-eval: ${pages.length} ${o.split} pages${o.only.length ? ` (${o.only.join(', ')})` : ''}, ${measure}; P, R macro-averaged over pages, F1 = harmonic mean of P and R, pgF1 = mean per-page F1, <0.5 = pages with F1 < 0.5`,
  );
  printTable(rows, systems);
  console.log('');
  for (const s of systems) {
    const r = perSystem[s];
    const speed = r.seconds > 0 ? pages.length / r.seconds : null;
    const how = s === READABILITY ? 'in process' : `${r.calls} command calls, start-up included`;
    console.log(
      `${s}: ${speed === null ? '-' : speed.toFixed(1)} pages/s (${r.seconds.toFixed(1)} s, ${how}), ${r.errors} errors, ${rows[0].bySystem[s].empty} empty`,
    );
  }

  if (o.showWorst > 0) {
    for (const s of systems) {
      const worst = pages
        .map((p) => ({ p, sc: perSystem[s].scores.get(p.id) }))
        .sort((a, b) => a.sc.f1 - b.sc.f1 || (a.p.id < b.p.id ? -1 : 1))
        .slice(0, o.showWorst);
      console.log(`\nworst ${worst.length} dev pages for ${s}:`);
      for (const { p, sc } of worst) {
        console.log(
          `  ${p.id.padEnd(26)} F1 ${f3(sc.f1)}  P ${f3(sc.p)}  R ${f3(sc.r)}  extracted ${sc.extracted} / gold ${sc.gold} tokens  [${p.source}, ${p.kind}, ${p.site}]${sc.error ? `  error: ${sc.error}` : ''}`,
        );
        console.log(`      gold:      ${snippet(p.goldText)}`);
        console.log(`      extracted: ${snippet(sc.text)}`);
      }
    }
  }

  if (o.json) {
    const summary = {
      split: o.split,
      only: o.only,
      measure,
      pages: pages.length,
      systems: Object.fromEntries(
        systems.map((s) => [
          s,
          { command: cmdOf(s) ?? 'in process', seconds: perSystem[s].seconds, calls: perSystem[s].calls, errors: perSystem[s].errors },
        ]),
      ),
      groups: rows,
    };
    // Per-page scores only for dev: heldout pages are not looked at one by one.
    if (o.split === 'dev') {
      summary.perPage = pages.map((p) => ({
        id: p.id,
        source: p.source,
        kind: p.kind,
        lang: p.lang,
        site: p.site,
        ...Object.fromEntries(
          systems.map((s) => {
            const { p: P, r, f1, extracted, gold, error } = perSystem[s].scores.get(p.id);
            return [s, { p: P, r, f1, extracted, gold, error }];
          }),
        ),
      }));
    }
    writeFileSync(o.json, `${JSON.stringify(summary, null, 1)}\n`);
  }

  const final = figuresLine(systems, rows[0].bySystem, (a) => [a.p, a.r, a.f1], 'F1');
  console.log(`\nextract-eval ${o.split}: ${final} (${pages.length} pages)`);
  return 0;
}

runScorer('extract-eval', main);
