#!/usr/bin/env node
// Stage ablation on the DEV splits of the four quality sets: for each switchable stage or rule of
// the extractor, the scores with that one switched off, beside the scores with everything on.
// Which stages help on every set, and which only on the set they were tuned on?
//
//   npm run build && node scripts/extract-ablate.mjs [--only RULE,...] [--json OUT] [--check]
//
//   --only LIST   only these switches (names as printed; default: every switch that acts on some page)
//   --json OUT    every switch's figures and moved pages as JSON (with each moved page's lines that
//                 differ: `offOnly` kept only with the switch off, `onOnly` only with everything on)
//   --transform M hash-names or drop-names: every page's class and id values rewritten before it is
//                 read (transformNames in scripts/extract-eval-lib.mjs), to see what rests on their words;
//                 plain-tags: semantic elements (article, aside, nav, footer, time...) made <div>/<span>
//                 and ARIA roles removed, to see what rests on the template's markup; hash-names,plain-tags both
//   --fired OUT   each page's score and the switches that act on it (baseline run) as JSON; with
//                 `--only none` nothing is switched off (compare two runs, plain and --transform)
//   --readability also score Mozilla Readability (linkedom, as extract-eval.mjs runs it) on the same
//                 (transformed) bytes, per set and half, printed beside our baseline
//   --check       also run every page once with no hook set and stop if any output differs from
//                 the hooked run with nothing switched off (the hooks must change nothing)
//
// Runs `extractArticle` from the build in this process (time budget off, as extract-output-hash.mjs
// does, so that load cannot move a page to the one-pass finder). The switches are the dev-only
// hook of src/ingest/extract/ablation.ts and the edge trim's `trimTrace` (trim.ts): each rule asks
// the hook only when it is about to act, so the first run records which rules act on which page,
// and a switch is rerun only on the pages it acted on (on the others, switching it off cannot
// change anything). Scored with the scorers' own functions: news bodies (data/extract-eval) and the
// third set (data/extract-extra, split fundus / cwced) and the fresh pages of dev sites
// (data/extract-fresh, pages no rule was written against) by token F1 with its P and R (title in front
// where the gold has the headline; optional paragraphs as extract-eval.mjs scores them), the broad
// set (data/extract-snippets) by snippet F. Halves by site: FNV-1a of the site, even (h0) / odd (h1),
// as extract-recall-stages.mjs --half. Heldout rows are never read.
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { aggregate, loadDevSets, parseTransform, readabilityExtract, scorePageBest } from './extract-eval-lib.mjs';
import { countPage, snippetScores, sumCounts } from './extract-snippets-lib.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const D = (m) => import(join(ROOT, 'dist', 'src', 'ingest', 'extract', m));
const [{ extractArticle }, { ablation }, { trimTrace }] = await Promise.all([D('index.js'), D('ablation.js'), D('trim.js')]);

/** The switches in the order of the README's stage list; trim rules by trimTrace's reason. */
const ORDER = [
  'noscript',
  'prune',
  'prune:comments',
  'prune:form',
  'prune:share',
  'prune:related',
  'prune:promo',
  'prune:bio',
  'prune:nav',
  'prune:consent',
  'prune:overlay',
  'prune:footer',
  'prune:other-articles',
  'prune:teaser-lists',
  'prune:sign-up-email',
  'prune:thread-shape',
  'prune:thread-blocks',
  'prune:thread-runs',
  'prune:thread-names',
  'prune:sign-up-one-field',
  'prune:consent-shape',
  'prune:person-box',
  'trim',
  'trim:loose-text',
  'trim:link-list',
  'trim:share-links',
  'trim:card-rail',
  'trim:lone-teaser',
  'trim:headline',
  'trim:meta',
  'trim:credit',
  'trim:caption',
  'trim:slide-strip',
  'trim:inline',
  'trim:dated-byline',
  'trim:author-box',
  'trim:author-portrait',
  'trim:author-name',
  'trim:time-line',
  'trim:sweep-head',
  'trim:sweep-tail',
  'trim:dangling-heading',
  'trim:trailing-region',
  'trim:comment-tail',
  'trim:other',
  'grow',
  'grow:plain',
  'second-look',
  'title-story',
  'header-body',
  'gallery',
  'learned',
  'link-lines',
  'hover-card',
  'self-links',
  'titled-rail',
  'live-feed',
  'live-div-feed',
  'opening',
  'structured-body',
  'script-state',
];

/** trimTrace's reasons, grouped as the table names them (head and tail of one rule together). */
function trimRule(why) {
  if (why === 'meta-head' || why === 'meta-tail') return 'trim:meta';
  if (why.startsWith('sweep-head')) return 'trim:sweep-head';
  if (why.startsWith('sweep-tail')) return 'trim:sweep-tail';
  return `trim:${why}`;
}

function args(argv) {
  const o = { only: null, json: null, check: false, transform: null, fired: null, readability: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--only') o.only = new Set(argv[++i].split(','));
    else if (a === '--json') o.json = argv[++i];
    else if (a === '--check') o.check = true;
    else if (a === '--transform') o.transform = argv[++i];
    else if (a === '--fired') o.fired = argv[++i];
    else if (a === '--readability') o.readability = true;
    else {
      console.error(
        'usage: node scripts/extract-ablate.mjs [--only RULE,...] [--json OUT] [--transform hash-names|drop-names|plain-tags|hash-names,plain-tags] [--fired OUT] [--readability] [--check]',
      );
      process.exit(2);
    }
  }
  // An unknown transform stops here, before the pages load.
  if (o.transform) {
    try {
      parseTransform(o.transform);
    } catch (e) {
      console.error(`extract-ablate: ${e.message}`);
      process.exit(2);
    }
  }
  return o;
}

/** The dev sets, each page tagged with its set ('news', 'broad', 'fundus', 'cwced', 'fresh') and half. */
const loadSets = (transform) => loadDevSets(ROOT, transform);

/** One page's score: { f1, p, r } for the gold sets, snippet counts for the broad set. */
function score(p, res) {
  if (p.set === 'broad') return countPage(p.snippets, res.text ?? '');
  const text = p.title_in_gold && res.title ? `${res.title}\n\n${res.text ?? ''}` : (res.text ?? '');
  return scorePageBest(text, p.goldTexts);
}

let OFF = null;
let fired = null;
ablation.off = (rule) => {
  fired?.add(rule);
  return rule === OFF;
};
// A block that several of the edge trim's rules take stays only when all of them are off: the
// switch measures the rule's own work, what removing its code would change (a dated byline at
// the head is also head furniture, and goes without the dated-byline rule too).
trimTrace.on = (why, _el, also = []) => {
  const rules = [why, ...also].map(trimRule);
  for (const r of rules) fired?.add(r);
  return rules.every((r) => r === OFF);
};

function extract(p) {
  const r = extractArticle({ bytes: new Uint8Array(p.bytes), url: p.url ?? undefined }, { timeBudgetMs: 1e9 });
  return { title: r.title, text: r.text };
}

const SETS = ['news', 'broad', 'fundus', 'cwced', 'fresh'];

/** Figures of one set (optionally one half) from per-page scores. */
function figures(pages, scores, set, h) {
  const sel = pages.filter((p) => p.set === set && (h === undefined || p.half === h));
  if (set === 'broad') {
    const s = sumCounts(sel.map((p) => scores.get(p.id)));
    const f = snippetScores(s);
    return { n: sel.length, f: f.f, p: f.precision, r: f.recall };
  }
  const a = aggregate(sel.map((p) => scores.get(p.id)));
  return { n: sel.length, f: a.f1, p: a.p, r: a.r };
}

function allFigures(pages, scores) {
  const out = {};
  for (const s of SETS) out[s] = { all: figures(pages, scores, s), h0: figures(pages, scores, s, 0), h1: figures(pages, scores, s, 1) };
  return out;
}

/** A page's score as one number for "moved": F1, or for the broad set tp − fp (snippets right). */
const value = (p, s) => (p.set === 'broad' ? s.tp - s.fp : s.f1);

async function main() {
  const o = args(process.argv.slice(2));
  const pages = loadSets(o.transform);
  console.error(
    `extract-ablate: ${pages.length} dev pages (${SETS.map((s) => `${s} ${pages.filter((p) => p.set === s).length}`).join(', ')})`,
  );
  const t0 = Date.now();
  const base = new Map();
  const baseScores = new Map();
  const firedBy = new Map();
  for (const p of pages) {
    fired = new Set();
    OFF = null;
    base.set(p.id, extract(p));
    firedBy.set(p.id, fired);
    fired = null;
    baseScores.set(p.id, score(p, base.get(p.id)));
  }
  console.error(`extract-ablate: baseline in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  if (o.check) {
    const on = ablation.off;
    const tr = trimTrace.on;
    ablation.off = null;
    trimTrace.on = null;
    let differ = 0;
    for (const p of pages) {
      const r = extract(p);
      if (r.text !== base.get(p.id).text || r.title !== base.get(p.id).title) {
        differ++;
        console.error(`extract-ablate: ${p.id} differs with no hook set`);
      }
    }
    ablation.off = on;
    trimTrace.on = tr;
    if (differ > 0) process.exit(1);
    console.error('extract-ablate: check passed (hooked run with nothing off = no hook)');
  }
  if (o.fired) {
    const rows = pages.map((p) => ({
      id: p.id,
      set: p.set,
      half: p.half,
      site: p.site,
      value: value(p, baseScores.get(p.id)),
      fired: [...firedBy.get(p.id)].sort(),
    }));
    writeFileSync(o.fired, `${JSON.stringify({ transform: o.transform, pages: rows }, null, 1)}\n`);
  }
  const baseFig = allFigures(pages, baseScores);
  const seen = new Set();
  for (const f of firedBy.values()) for (const r of f) seen.add(r);
  const rules = ORDER.filter((r) => seen.has(r) && (!o.only || o.only.has(r)));
  for (const r of seen) if (!ORDER.includes(r)) console.error(`extract-ablate: switch ${r} is not in the table's order`);
  const results = [];
  for (const rule of rules) {
    const t1 = Date.now();
    const scores = new Map(baseScores);
    const moved = [];
    let textChanged = 0;
    const acted = pages.filter((p) => firedBy.get(p.id).has(rule));
    OFF = rule;
    for (const p of acted) {
      const r = extract(p);
      const b = base.get(p.id);
      if (r.text === b.text && r.title === b.title) continue;
      textChanged++;
      const s = score(p, r);
      scores.set(p.id, s);
      const before = value(p, baseScores.get(p.id));
      const after = value(p, s);
      if (after !== before) moved.push({ id: p.id, set: p.set, half: p.half, site: p.site, before, after, ...lineDiff(b.text, r.text) });
    }
    OFF = null;
    const fig = allFigures(pages, scores);
    results.push({ rule, acted: acted.length, textChanged, fig, moved });
    console.error(
      `extract-ablate: ${rule}: acted on ${acted.length} pages, ${textChanged} outputs changed, ${moved.length} scores moved (${((Date.now() - t1) / 1000).toFixed(0)} s)`,
    );
  }
  report(baseFig, results);
  if (o.readability) {
    const t2 = Date.now();
    // A page Readability throws on scores as an empty extraction, as extract-eval.mjs counts it.
    const rdOf = (p) => {
      try {
        return readabilityExtract(p.bytes);
      } catch {
        return { title: null, text: '' };
      }
    };
    const rdScores = new Map(pages.map((p) => [p.id, score(p, rdOf(p))]));
    const rd = allFigures(pages, rdScores);
    const f = (x) => (x === null ? '-' : x.toFixed(4));
    console.log(
      'Readability on the same bytes (dev): ' +
        SETS.map((s) => `${s} ${f(rd[s].all.f)} (h0 ${f(rd[s].h0.f)}, h1 ${f(rd[s].h1.f)}; n ${rd[s].all.n})`).join(' | '),
    );
    console.error(`extract-ablate: Readability in ${((Date.now() - t2) / 1000).toFixed(0)} s`);
  }
  if (o.json) writeFileSync(o.json, `${JSON.stringify({ base: baseFig, results }, null, 1)}\n`);
  return 0;
}

/** The lines of two outputs that the other lacks (at most 10 each, 200 characters a line). */
function lineDiff(on, off) {
  const a = (on ?? '').split('\n');
  const b = (off ?? '').split('\n');
  const only = (xs, ys) => {
    const have = new Set(ys);
    return xs
      .filter((l) => l.trim() && !have.has(l))
      .slice(0, 10)
      .map((l) => l.slice(0, 200));
  };
  return { offOnly: only(b, a), onOnly: only(a, b) };
}

// Deltas in thousandths of a point (F with the stage off minus F with everything on): negative
// means the stage helps that set, positive that the set is better without it.
const d = (a, b) => {
  if (a === null || b === null || a === undefined || b === undefined) return '   -';
  const x = Math.round((a - b) * 10000) / 10;
  return (x === 0 ? '0' : (x > 0 ? '+' : '') + x.toFixed(1)).padStart(5);
};

function report(baseFig, results) {
  const f = (x) => (x === null ? '-' : x.toFixed(4));
  console.log(
    'with everything on (dev): ' +
      SETS.map((s) => `${s} ${f(baseFig[s].all.f)} (h0 ${f(baseFig[s].h0.f)}, h1 ${f(baseFig[s].h1.f)}; n ${baseFig[s].all.n})`).join(
        ' | ',
      ),
  );
  console.log('');
  console.log(
    'Δ = F with the switch off − F with everything on, in thousandths (negative: the stage helps). news: ΔF1 (ΔP/ΔR) all | h0 h1; moved pages +up/−down per set.',
  );
  console.log(
    `${'switch'.padEnd(25)} acts | news ΔF1 (ΔP/ΔR)      h0    h1 | broad ΔF    h0    h1 | fundus ΔF1  h0    h1 | cwced ΔF1   h0    h1 | fresh ΔF1   h0    h1 | moved news / broad / fundus / cwced / fresh`,
  );
  for (const r of results) {
    const cell = (s) => `${d(r.fig[s].all.f, baseFig[s].all.f)} ${d(r.fig[s].h0.f, baseFig[s].h0.f)} ${d(r.fig[s].h1.f, baseFig[s].h1.f)}`;
    const news =
      `${d(r.fig.news.all.f, baseFig.news.all.f)} (${d(r.fig.news.all.p, baseFig.news.all.p).trim()}/${d(r.fig.news.all.r, baseFig.news.all.r).trim()})`.padEnd(
        20,
      );
    const mv = SETS.map((s) => {
      const m = r.moved.filter((x) => x.set === s);
      return `+${m.filter((x) => x.after > x.before).length}/−${m.filter((x) => x.after < x.before).length}`;
    }).join(' ');
    console.log(
      `${r.rule.padEnd(25)} ${String(r.acted).padStart(4)} | ${news} ${d(r.fig.news.h0.f, baseFig.news.h0.f)} ${d(r.fig.news.h1.f, baseFig.news.h1.f)} | ${cell('broad')} | ${cell('fundus')} | ${cell('cwced')} | ${cell('fresh')} | ${mv}`,
    );
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`extract-ablate: ${e?.stack ?? e}`);
    process.exit(2);
  },
);
