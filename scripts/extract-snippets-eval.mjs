#!/usr/bin/env node
// Main-text extraction on a broad multilingual web set, data/extract-snippets (trafilatura's
// evaluation pages with human-chosen "with"/"without" snippets): `newsdesk extract` (through the
// CLI only) beside Mozilla Readability on linkedom (in process) and the page's whole visible text
// (the recall ceiling), scored the way trafilatura scores itself (scripts/extract-snippets-lib.mjs).
//
//   npm run build && node scripts/extract-snippets-eval.mjs [--split dev|heldout|all] [options]
//
// Options:
//   --split S          dev (default), heldout or all
//   --id ID            only that page (repeatable; dev pages only)
//   --cmd CMD          the Newsdesk command (default: node dist/src/cli/index.js extract)
//   --cmd NAME=CMD     one more system to score, speaking the `newsdesk extract` contract
//   --systems LIST     comma-separated subset of systems (newsdesk, readability-linkedom, page-text, NAMEs)
//   --title            score each system's title, a blank line, then its text (default: the text
//                      alone, as trafilatura's own figures are made)
//   --show-worst N     the N dev pages with the most wrong snippets per system (refused unless --split dev)
//   --json OUT         summary (and, for dev, every page's counts and wrong snippets) as JSON
//   --batch N          files per command call (default 32), --jobs N calls at once (default 1)
//   --timeout S        limit for one command call (default 600), --manifest FILE (default data/extract-snippets/manifest.jsonl)
//   --transform M      hash-names or drop-names: class and id values rewritten; plain-tags: semantic
//                      tags made <div>/<span> and ARIA roles removed; or both (hash-names,plain-tags);
//                      applied before every system reads the page (as scripts/extract-eval.mjs --transform)
//
// The data set, its licence and the rule that heldout is never looked at while tuning are in
// data/extract-snippets/SOURCES.md. Exit status: 0 when the run completed, 2 when it could not run.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Usage,
  decodePage,
  figuresLine,
  runScorer,
  loadEvalPages,
  parseEvalArgs,
  readabilityExtract,
  runInProcess,
  runCommand,
} from './extract-eval-lib.mjs';
import { countPage, pageText, snippetScores, sumCounts } from './extract-snippets-lib.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NEWSDESK = 'newsdesk';
const READABILITY = 'readability-linkedom';
const PAGE_TEXT = 'page-text';

function parseArgs(argv) {
  return parseEvalArgs(
    argv,
    {
      title: false,
      newsdeskCmd: `node ${join(ROOT, 'dist', 'src', 'cli', 'index.js')} extract`,
      manifest: join(ROOT, 'data', 'extract-snippets', 'manifest.jsonl'),
    },
    {
      '--title': (o) => {
        o.title = true;
      },
    },
  );
}

function loadManifest(o) {
  return loadEvalPages(
    o,
    () => true,
    (p, base) => ({ snippets: JSON.parse(readFileSync(join(base, p.snippets), 'utf8')) }),
  );
}

/** The whole visible text of each page: what an extractor that keeps everything would return. */
function runPageText(pages) {
  return runInProcess(pages, (p) => ({ title: null, text: pageText(decodePage(p.bytes)) }));
}

function runReadability(pages) {
  return runInProcess(pages, (p) => readabilityExtract(p.bytes));
}

// ------------------------------------------------------------------ report --

const f3 = (x) => x.toFixed(3);

function groupRows(pages, perSystem, systems) {
  const groups = [['all', () => true]];
  const langs = new Map();
  for (const p of pages) langs.set(p.lang, (langs.get(p.lang) ?? 0) + 1);
  // Languages by number of pages; the ones with fewer than 5 pages together as "other".
  const big = [...langs].filter(([, n]) => n >= 5).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  for (const [l] of big) groups.push([`lang=${l}`, (p) => p.lang === l]);
  if (big.length < langs.size) {
    const bigSet = new Set(big.map(([l]) => l));
    groups.push(['lang=other', (p) => !bigSet.has(p.lang)]);
  }
  return groups.map(([label, pred]) => {
    const sel = pages.filter(pred);
    return {
      label,
      pages: sel.length,
      with: sel.reduce((n, p) => n + p.snippets.with.length, 0),
      without: sel.reduce((n, p) => n + p.snippets.without.length, 0),
      bySystem: Object.fromEntries(
        systems.map((s) => {
          const sum = sumCounts(sel.map((p) => perSystem[s].counts.get(p.id)));
          return [s, { ...sum, ...snippetScores(sum) }];
        }),
      ),
    };
  });
}

function printTable(rows, systems) {
  const w = 27;
  console.log(['group'.padEnd(12), 'pages', ' with', ' w/o', ...systems.map((s) => `| ${s.slice(0, w).padEnd(w)}`)].join(' '));
  console.log([''.padEnd(12), '     ', '     ', '    ', ...systems.map(() => '|     P     R   Acc     F  ')].join(' '));
  for (const r of rows) {
    const cells = systems.map((s) => {
      const a = r.bySystem[s];
      return `| ${f3(a.precision)} ${f3(a.recall)} ${f3(a.accuracy)} ${f3(a.f)}  `;
    });
    console.log(
      [
        r.label.slice(0, 12).padEnd(12),
        String(r.pages).padStart(5),
        String(r.with).padStart(5),
        String(r.without).padStart(4),
        ...cells,
      ].join(' '),
    );
  }
}

async function main() {
  let o;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof Usage) {
      if (e.message) console.error(`extract-snippets-eval: ${e.message}`);
      console.error(
        'usage: node scripts/extract-snippets-eval.mjs [--split dev|heldout|all] [--id ID] [--cmd CMD] [--cmd NAME=CMD] [--systems LIST] [--title] [--show-worst N] [--json OUT] [--batch N] [--jobs N] [--timeout S] [--manifest FILE] [--transform hash-names|drop-names|plain-tags|hash-names,plain-tags]',
      );
      return 2;
    }
    throw e;
  }
  const pages = loadManifest(o);
  let systems = [NEWSDESK, READABILITY, PAGE_TEXT, ...o.extra.map((x) => x.name)];
  if (o.systems) {
    for (const s of o.systems) if (!systems.includes(s)) throw new Usage(`unknown system ${s} (known: ${systems.join(', ')})`);
    systems = systems.filter((s) => o.systems.includes(s));
  }
  const cmdOf = (s) => (s === NEWSDESK ? o.newsdeskCmd : o.extra.find((x) => x.name === s)?.cmd);
  const inProcess = { [READABILITY]: runReadability, [PAGE_TEXT]: runPageText };

  const dir = mkdtempSync(join(tmpdir(), 'extract-snippets-'));
  const perSystem = {};
  try {
    if (systems.some((s) => !inProcess[s])) for (const p of pages) writeFileSync(join(dir, `${p.id}.html`), p.bytes);
    for (const s of systems) {
      console.error(`extract-snippets-eval: running ${s} on ${pages.length} ${o.split} pages…`);
      const run = inProcess[s] ? inProcess[s](pages) : await runCommand(s, cmdOf(s), pages, dir, o);
      const counts = new Map();
      let errors = 0;
      let empty = 0;
      for (const p of pages) {
        const r = run.results.get(p.id) ?? { error: 'no result' };
        if (r.error) errors++;
        const text = r.error ? '' : o.title && r.title ? `${r.title}\n\n${r.text ?? ''}` : (r.text ?? '');
        if (!r.error && !text.trim()) empty++;
        counts.set(p.id, { ...countPage(p.snippets, text), error: r.error ?? null });
      }
      perSystem[s] = { counts, seconds: run.seconds, calls: run.calls, errors, empty };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const rows = groupRows(pages, perSystem, systems);
  console.log(
    `extract-snippets-eval: ${pages.length} ${o.split} pages, ${rows[0].with} "with" and ${rows[0].without} "without" snippets; ` +
      `${o.title ? 'title + text' : 'text alone'}; counts summed over pages (trafilatura's measure): P = tp/(tp+fp), R = tp/(tp+fn), Acc = (tp+tn)/all, F = 2tp/(2tp+fp+fn)`,
  );
  printTable(rows, systems);
  console.log('');
  for (const s of systems) {
    const r = perSystem[s];
    const how = inProcess[s] ? 'in process' : `${r.calls} command calls, start-up included`;
    console.log(`${s}: ${r.seconds.toFixed(1)} s (${how}), ${r.errors} errors, ${r.empty} empty outputs`);
  }

  if (o.showWorst > 0) {
    for (const s of systems) {
      const worst = pages
        .map((p) => ({ p, c: perSystem[s].counts.get(p.id) }))
        .filter(({ c }) => c.fn + c.fp > 0)
        .sort((a, b) => b.c.fn + b.c.fp - (a.c.fn + a.c.fp) || (a.p.id < b.p.id ? -1 : 1))
        .slice(0, o.showWorst);
      console.log(`\nworst ${worst.length} dev pages for ${s} (missed "with", found "without"):`);
      for (const { p, c } of worst) {
        console.log(
          `  ${p.id.padEnd(40)} ${p.lang}  fn ${c.fn}/${p.snippets.with.length}  fp ${c.fp}/${p.snippets.without.length}${c.error ? `  error: ${c.error}` : ''}`,
        );
        for (const m of c.missed) console.log(`      missed: ${JSON.stringify(m)}`);
        for (const f of c.found) console.log(`      found:  ${JSON.stringify(f)}`);
      }
    }
  }

  if (o.json) {
    const summary = {
      split: o.split,
      scored: o.title ? 'title + text' : 'text',
      pages: pages.length,
      systems: Object.fromEntries(
        systems.map((s) => [
          s,
          {
            command: cmdOf(s) ?? 'in process',
            seconds: perSystem[s].seconds,
            calls: perSystem[s].calls,
            errors: perSystem[s].errors,
            empty: perSystem[s].empty,
          },
        ]),
      ),
      groups: rows,
    };
    // Per-page counts only for dev: heldout pages are not looked at one by one.
    if (o.split === 'dev') {
      summary.perPage = pages.map((p) => ({
        id: p.id,
        site: p.site,
        lang: p.lang,
        ...Object.fromEntries(systems.map((s) => [s, perSystem[s].counts.get(p.id)])),
      }));
    }
    writeFileSync(o.json, `${JSON.stringify(summary, null, 1)}\n`);
  }

  const final = figuresLine(systems, rows[0].bySystem, (a) => [a.precision, a.recall, a.f], 'F');
  console.log(`\nextract-snippets-eval ${o.split}: ${final} (${pages.length} pages)`);
  return 0;
}

runScorer('extract-snippets-eval', main);
