#!/usr/bin/env node
// Where the extractor loses gold text, stage by stage, on the DEV splits of both quality sets
// (data/extract-eval: token recall against the gold text; data/extract-snippets: "with" snippets
// found). Runs the stages of src/ingest/extract/index.ts in this process from the build (dist/)
// and reads the body's text after each:
//
//   vanilla   Mozilla Readability on linkedom, untouched (the scorers' baseline)
//   unpruned  Readability as tuned here, on the page without pruning (stage 2 without stage 1)
//   chosen    the body of the candidate rule (stages 1-3, candidates.ts)
//   trimmed   after the edge trim (stage 4, trim.ts with 4b)
//   second    after the growth to the headline's article / the second look (stage 4c)
//   final     after the learned edge stage (4d) — checked against extractArticle's own text
//
// and prints, per set, each stage's recall, the pages whose final recall is below Readability's,
// and the stage at which each such page lost most.
//
//   npm run build && node scripts/extract-recall-stages.mjs [--set eval|snippets|both] [--json OUT]
//        [--half odd|even]   only the pages whose site hashes to that half (FNV-1a of the host)
//        [--manifest data/extract-fresh/manifest.jsonl]   another set of data/extract-eval's layout as "eval"
//        [--probe]   instead: data/extract-probe's dev pages (no gold text: the first 13 words of the
//                    body that Postlight Parser's per-site test expects), where the expected opening
//                    is in each stage's text (token where it begins, - when absent, as
//                    scripts/extract-probe-lib.mjs finds it) for the pages whose final text does not
//                    begin with it, the stage that lost it, and the trim's reasons for the blocks
//                    it took that hold part of the opening
//        [--transform M]   M as extract-eval.mjs: class and id values rewritten (hash-names|drop-names),
//                          semantic tags and roles made plain (plain-tags), or both (hash-names,plain-tags)
//                          first (transformNames, extract-eval-lib.mjs)
//
// Dev only: heldout rows are never read.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { scorePage, tokenize } from './extract-eval-lib.mjs';
import { countPage, snippetNorm } from './extract-snippets-lib.mjs';
import { findOpening, openingMatch } from './extract-probe-lib.mjs';
import { STAGES, ablate, devPages, stagesOf } from './extract-stages-lib.mjs';
// The gold-text set read as "eval" (--manifest: data/extract-fresh or data/extract-extra, same layout).
let EVAL_DIR = 'extract-eval';
let TRANSFORM = null;

function args(argv) {
  const o = { set: 'both', json: null, half: null, diff: [], ablate: new Set(), evalDir: 'extract-eval', transform: null, probe: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--set') o.set = argv[++i];
    else if (a === '--json') o.json = argv[++i];
    else if (a === '--half') o.half = argv[++i];
    else if (a === '--manifest') o.evalDir = basename(dirname(resolve(argv[++i])));
    else if (a === '--diff') o.diff.push(argv[++i]);
    else if (a === '--transform') o.transform = argv[++i];
    else if (a === '--probe') o.probe = true;
    else if (a === '--ablate') for (const r of argv[++i].split(',')) o.ablate.add(r);
    else {
      console.error(
        'usage: node scripts/extract-recall-stages.mjs [--set eval|snippets|both] [--json OUT] [--half odd|even] [--manifest FILE] [--probe] [--transform hash-names|drop-names|plain-tags|hash-names,plain-tags] [--diff ID] [--ablate WHY,…]',
      );
      process.exit(2);
    }
  }
  return o;
}

function fmt(x) {
  return x === null || x === undefined ? '  -  ' : x.toFixed(3);
}

function runEval(half) {
  const pages = devPages(EVAL_DIR, half, TRANSFORM);
  const rows = [];
  for (const p of pages) {
    const gold = readFileSync(join(p.base, p.gold), 'utf8');
    const st = stagesOf(p);
    const rec = {};
    // As the scorer does: the title in front where the gold has the headline.
    const titled = (s) =>
      p.title_in_gold && (s === 'vanilla' ? st.vanillaTitle : st.title)
        ? `${s === 'vanilla' ? st.vanillaTitle : st.title}\n\n${st[s]}`
        : st[s];
    for (const s of STAGES) rec[s] = st[s] === null ? null : scorePage(titled(s), gold);
    rows.push({
      id: p.id,
      site: p.site,
      note: st.note ?? null,
      grew: !!st.grew,
      rec,
      trim: trimCostEval(st, gold, p.title_in_gold ? st.title : null),
    });
    rows.at(-1).trimBlocks = rows.at(-1).trim.blocks;
  }
  return rows;
}

/** Per trim reason: gold tokens the removal cost (not found elsewhere in the trimmed text) and other tokens it removed. */
function trimCostEval(st, gold, title) {
  if (!st.trimRemoved) return {};
  const left = new Map();
  for (const t of tokenize(gold)) left.set(t, (left.get(t) ?? 0) + 1);
  for (const t of tokenize(`${title ?? ''}\n\n${st.trimmed ?? ''}`)) if (left.get(t)) left.set(t, left.get(t) - 1);
  const out = {};
  const blocks = [];
  for (const r of st.trimRemoved) {
    const o = (out[r.why] ??= { gold: 0, other: 0, n: 0 });
    o.n++;
    const b = { why: r.why, gold: 0, other: 0, text: r.text.replace(/\s+/g, ' ').slice(0, 160) };
    for (const t of tokenize(r.text)) {
      if (left.get(t)) {
        left.set(t, left.get(t) - 1);
        b.gold++;
      } else b.other++;
    }
    o.gold += b.gold;
    o.other += b.other;
    blocks.push(b);
  }
  Object.defineProperty(out, 'blocks', { value: blocks, enumerable: false });
  return out;
}

/** Per trim reason: "with" snippets lost with a removed block, "without" snippets removed. */
function trimCostSnippets(st, sn) {
  if (!st.trimRemoved) return {};
  const out = {};
  const T = (x) => snippetNorm(x);
  const trimmed = T(st.trimmed ?? '');
  const chosen = T(st.chosen ?? '');
  const owner = (snip) => {
    const s = T(snip);
    const heads = [s.slice(0, 25), s.slice(-25)];
    const r = st.trimRemoved.find((x) => {
      const t = T(x.text);
      return t && (heads.some((h) => t.includes(h)) || s.includes(t));
    });
    return r ? r.why : 'unknown';
  };
  const lost = [];
  for (const w of sn.with) {
    if (chosen.includes(T(w)) && !trimmed.includes(T(w))) {
      (out[owner(w)] ??= { withLost: 0, withoutGone: 0 }).withLost += 1;
      lost.push(`${owner(w)}: ${w.slice(0, 80)}`);
    }
  }
  Object.defineProperty(out, 'lost', { value: lost, enumerable: false });
  for (const w of sn.without) {
    if (chosen.includes(T(w)) && !trimmed.includes(T(w))) (out[owner(w)] ??= { withLost: 0, withoutGone: 0 }).withoutGone += 1;
  }
  return out;
}

function runSnippets(half) {
  const pages = devPages('extract-snippets', half, TRANSFORM);
  const rows = [];
  for (const p of pages) {
    const sn = JSON.parse(readFileSync(join(p.base, p.snippets), 'utf8'));
    const st = stagesOf(p);
    const rec = {};
    for (const s of STAGES) rec[s] = st[s] === null ? null : countPage(sn, st[s]);
    rows.push({ id: p.id, site: p.site, note: st.note ?? null, grew: !!st.grew, rec, trim: trimCostSnippets(st, sn) });
    rows.at(-1).trimLost = rows.at(-1).trim.lost;
    rows.at(-1).trimBlocks = st.trimRemoved?.map((r) => ({ why: r.why, text: r.text.replace(/\s+/g, ' ').slice(0, 160) }));
  }
  return rows;
}

/** Where a page lost most between consecutive stages of our pipeline (by the recall measure r). */
function worstStep(rec, r) {
  const order = ['unpruned', 'chosen', 'trimmed', 'second', 'final'];
  let best = null;
  let drop = 0;
  for (let i = 1; i < order.length; i++) {
    const a = rec[order[i - 1]];
    const b = rec[order[i]];
    if (!a || !b) continue;
    const d = r(a) - r(b);
    if (d > drop) {
      drop = d;
      best = `${order[i - 1]}→${order[i]}`;
    }
  }
  return { step: best ?? '-', drop };
}

function report(name, rows, r, n, extra) {
  console.log(`\n== ${name}: ${rows.length} dev pages`);
  const mean = (s) => {
    const v = rows.map((x) => x.rec[s]).filter(Boolean);
    return v.reduce((a, x) => a + r(x), 0) / n(v);
  };
  console.log(STAGES.map((s) => `${s} ${fmt(mean(s))}`).join('  '));
  const losers = rows
    .filter((x) => x.rec.final && x.rec.vanilla && r(x.rec.vanilla) - r(x.rec.final) > 1e-9)
    .sort((a, b) => r(b.rec.vanilla) - r(b.rec.final) - (r(a.rec.vanilla) - r(a.rec.final)));
  const winners = rows.filter((x) => x.rec.final && x.rec.vanilla && r(x.rec.final) - r(x.rec.vanilla) > 1e-9);
  console.log(`pages where Readability's recall is higher: ${losers.length}; lower: ${winners.length}`);
  const byStep = new Map();
  for (const x of losers) {
    const w = worstStep(x.rec, r);
    const key =
      r(x.rec.unpruned) + 1e-9 < r(x.rec.vanilla) && w.drop < r(x.rec.vanilla) - r(x.rec.unpruned)
        ? 'tuned scorer (vanilla→unpruned)'
        : w.step;
    byStep.set(key, (byStep.get(key) ?? 0) + 1);
    console.log(
      `${x.id.padEnd(40)} ${STAGES.map((s) => fmt(x.rec[s] ? r(x.rec[s]) : null)).join(' ')}  ${key}${x.grew ? ' (grew)' : ''}${x.note ? ` [${x.note}]` : ''}${extra ? ` ${extra(x)}` : ''}`,
    );
  }
  console.log('largest loss by step:', Object.fromEntries(byStep));
}

const o = args(process.argv.slice(2));
ablate(o.ablate);
EVAL_DIR = o.evalDir;
TRANSFORM = o.transform;
if (o.diff.length) {
  // --diff ID: the paragraphs each stage dropped on that dev page, with the share of their tokens in the gold.
  for (const dir of [EVAL_DIR, 'extract-snippets']) {
    for (const p of devPages(dir, null, TRANSFORM).filter((x) => o.diff.includes(x.id))) {
      const gold = p.gold ? new Set(tokenize(readFileSync(join(p.base, p.gold), 'utf8'))) : null;
      const sn = p.snippets ? JSON.parse(readFileSync(join(p.base, p.snippets), 'utf8')) : null;
      const st = stagesOf(p);
      console.log(`\n######## ${p.id} ${p.url ?? ''}`);
      if (sn)
        console.log(
          'with:',
          sn.with.map((x) => x.slice(0, 60)),
          '\nwithout:',
          sn.without.map((x) => x.slice(0, 60)),
        );
      const order = ['vanilla', 'chosen', 'trimmed', 'second', 'final'];
      for (let i = 1; i < order.length; i++) {
        const a = (st[order[i - 1]] ?? '')
          .split(/\n\s*\n/)
          .map((x) => x.trim())
          .filter(Boolean);
        const b = new Set(
          (st[order[i]] ?? '')
            .split(/\n\s*\n/)
            .map((x) => x.trim())
            .filter(Boolean),
        );
        const gone = a.filter((x) => !b.has(x));
        if (!gone.length) continue;
        console.log(`-- ${order[i - 1]} → ${order[i]}: ${gone.length} paragraphs gone`);
        for (const g of gone) {
          const t = tokenize(g);
          const inGold = gold ? t.filter((x) => gold.has(x)).length / Math.max(1, t.length) : null;
          console.log(`   [${inGold === null ? '' : inGold.toFixed(2)} ${g.length}c] ${g.replace(/\s+/g, ' ').slice(0, 220)}`);
        }
      }
    }
  }
  process.exit(0);
}
if (o.probe) {
  // Where the expected opening of each probe dev page is, stage by stage (dev only).
  const lostAt = new Map();
  const PROBE_STAGES = ['vanilla', 'unpruned', 'chosen', 'trimmed', 'second', 'final'];
  for (const p of devPages('extract-probe', o.half, TRANSFORM)) {
    const st = stagesOf(p);
    const at = Object.fromEntries(PROBE_STAGES.map((s) => [s, st[s] === null ? null : openingMatch(p.expected.opening, st[s])]));
    if (at.final?.atStart) continue;
    const cell = (m) => (m === null ? '  n/a' : m.found ? String(m.word).padStart(5) : '    -');
    // The stage that lost it: the last of chosen → trimmed → second → final that still began with it.
    const chain = ['chosen', 'trimmed', 'second', 'final'].filter((s) => at[s] !== null);
    let lost = st.note === 'site rule' ? 'site rule' : 'never at the start (choice)';
    for (let i = 0; i + 1 < chain.length; i++)
      if (at[chain[i]].atStart && !at[chain[i + 1]].atStart) lost = `${chain[i]} → ${chain[i + 1]}`;
    const trimWhy = [
      ...new Set(
        (st.trimRemoved ?? [])
          .filter((b) => findOpening(b.text, p.expected.opening).found || findOpening(p.expected.opening, b.text).found)
          .map((b) => b.why),
      ),
    ];
    lostAt.set(lost, (lostAt.get(lost) ?? 0) + 1);
    console.log(
      `${p.id.padEnd(44)} ${PROBE_STAGES.map((s) => `${s} ${cell(at[s])}`).join(' ')}  ${lost}${trimWhy.length ? ` (trim: ${trimWhy.join(', ')})` : ''}`,
    );
  }
  console.log('opening lost by stage:', Object.fromEntries(lostAt));
  process.exit(0);
}
const out = {};
if (o.set !== 'snippets') {
  const rows = runEval(o.half);
  out.eval = rows;
  report(
    'extract-eval (token recall)',
    rows,
    (x) => x.r,
    (v) => v.length,
    (x) => `P ${fmt(x.rec.final.p)}`,
  );
}
if (o.set !== 'eval') {
  const rows = runSnippets(o.half);
  out.snippets = rows;
  const rs = (x) => (x.tp + x.fn ? x.tp / (x.tp + x.fn) : 1);
  report(
    'extract-snippets (with-snippets found)',
    rows,
    rs,
    (v) => v.length,
    (x) => `tp ${x.rec.final.tp}/${x.rec.final.tp + x.rec.final.fn} fp ${x.rec.final.fp}`,
  );
  const sum = (s, k) => rows.reduce((a, x) => a + (x.rec[s]?.[k] ?? 0), 0);
  console.log(STAGES.map((s) => `${s} tp ${sum(s, 'tp')} fp ${sum(s, 'fp')}`).join(' | '));
}
for (const [name, rows] of Object.entries(out)) {
  const tot = {};
  for (const x of rows)
    for (const [why, c] of Object.entries(x.trim ?? {})) {
      const t = (tot[why] ??= { pages: 0 });
      t.pages++;
      for (const [k, v] of Object.entries(c)) t[k] = (t[k] ?? 0) + v;
    }
  console.log(`\n${name}: what the edge trim removed, by reason`);
  for (const [why, t] of Object.entries(tot).sort()) console.log(`  ${why.padEnd(24)} ${JSON.stringify(t)}`);
}
if (o.json) writeFileSync(o.json, `${JSON.stringify(out)}\n`);
