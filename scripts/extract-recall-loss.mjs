#!/usr/bin/env node
// Gold text Readability keeps and we miss, by the stage that dropped it (dev only; x-recall2).
// For every dev page of a set (extract-eval layout, or --set snippets), in a view (--transform):
// each paragraph of Readability's text that is mostly gold and mostly absent from ours, and the
// stage of our pipeline after which it is absent (tuned scorer, choice+prune, trim with the trim
// rule, second look, learned, late = stages after 4d inside extractArticle). Broad: each "with"
// snippet Readability finds and we do not, likewise. Writes JSON lines to --json OUT.
//
//   node scripts/extract-recall-loss.mjs [--set eval|snippets] [--manifest FILE] [--transform M] --json OUT
//
// Dev only: heldout rows are never read.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { bag, fnv1a, scorePage, tokenize } from './extract-eval-lib.mjs';
import { countPage, snippetNorm } from './extract-snippets-lib.mjs';
import { ablate, devPages, stagesOf } from './extract-stages-lib.mjs';
// The gold-text set read as "eval" (--manifest: data/extract-fresh or data/extract-extra, same layout).
let EVAL_DIR = 'extract-eval';
let TRANSFORM = null;

function args(argv) {
  const o = { set: 'eval', json: null, half: null, ablate: new Set(), evalDir: 'extract-eval', transform: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--set') o.set = argv[++i];
    else if (a === '--json') o.json = argv[++i];
    else if (a === '--half') o.half = argv[++i];
    else if (a === '--manifest') o.evalDir = basename(dirname(resolve(argv[++i])));
    else if (a === '--transform') o.transform = argv[++i];
    else if (a === '--ablate') for (const r of argv[++i].split(',')) o.ablate.add(r);
    else {
      console.error(
        'usage: node scripts/extract-recall-loss.mjs [--set eval|snippets] [--json OUT] [--half odd|even] [--manifest FILE] [--transform hash-names|drop-names|plain-tags|hash-names,plain-tags] [--ablate WHY,…]',
      );
      process.exit(2);
    }
  }
  return o;
}

const CHAIN = ['unpruned', 'chosen', 'trimmed', 'second', 'final', 'official'];
const STEP = {
  unpruned: 'tuned scorer',
  chosen: 'prune+choice',
  trimmed: 'trim',
  second: 'second look',
  final: 'learned',
  official: 'late',
};
const squeeze = (s) => snippetNorm(String(s ?? '').replace(/\s+/g, ' ')).toLowerCase();

/** The trim rule whose removed block holds (part of) the text t. */
function trimWhy(st, t) {
  const T = squeeze(t);
  const heads = [T.slice(0, 30), T.slice(-30)];
  const r = (st.trimRemoved ?? []).find((x) => {
    const b = squeeze(x.text);
    return b && (heads.some((h) => h && b.includes(h)) || T.includes(b));
  });
  return r ? r.why : null;
}

/** The step after which the text t (squeezed) is no longer in the stage's text. */
function lostAt(st, t) {
  const T = squeeze(t);
  for (const s of CHAIN) {
    const x = st[s];
    if (x === null || x === undefined) continue;
    if (!squeeze(x).includes(T)) return s;
  }
  return null;
}

function evalPage(p) {
  const gold = readFileSync(join(p.base, p.gold), 'utf8');
  const st = stagesOf(p);
  const titled = (s) => {
    const ti = s === 'vanilla' ? st.vanillaTitle : st.title;
    return p.title_in_gold && ti ? `${ti}\n\n${st[s] ?? ''}` : st[s];
  };
  const G = bag(tokenize(gold));
  const m = {};
  for (const s of ['vanilla', ...CHAIN]) {
    if (st[s] === null || st[s] === undefined) continue;
    const b = bag(tokenize(titled(s)));
    m[s] = new Map();
    for (const [t, c] of b) if (G.get(t)) m[s].set(t, Math.min(c, G.get(t)));
  }
  // Each missing unit of a token (levels above our count, up to Readability's) goes to the last
  // step where the count fell below its level.
  const byStep = {};
  let missing = 0;
  for (const [t, v] of m.vanilla) {
    const fin = m.official.get(t) ?? 0;
    for (let L = fin + 1; L <= v; L++) {
      missing++;
      let prev = v;
      let at = null;
      for (const s of CHAIN) {
        if (!m[s]) continue;
        const c = Math.min(m[s].get(t) ?? 0, v);
        if (prev >= L && c < L) at = s;
        prev = c;
      }
      byStep[STEP[at] ?? '?'] = (byStep[STEP[at] ?? '?'] ?? 0) + 1;
    }
  }
  // Judged by 3-token shingles (a paragraph of common words is not gold by its words alone).
  const goldSh = new Set(bag(tokenize(gold), 3).keys());
  const oursSh = new Set(bag(tokenize(st.official ?? ''), 3).keys());
  const paras = (st.vanilla ?? '')
    .split(/\n\s*\n/)
    .map((x) => x.trim())
    .filter(Boolean);
  const ours = squeeze(st.official);
  const lost = [];
  paras.forEach((para, i) => {
    const toks = tokenize(para);
    if (toks.length < 3) return;
    const sh = [...bag(toks, 3).keys()];
    const g = sh.filter((t) => goldSh.has(t)).length / sh.length;
    if (g < 0.5 || ours.includes(squeeze(para))) return;
    const have = sh.filter((t) => oursSh.has(t)).length / sh.length;
    if (have >= 0.5) return;
    const at = lostAt(st, para);
    lost.push({
      at: STEP[at] ?? '?',
      why: at === 'trimmed' ? trimWhy(st, para) : null,
      pos: i === 0 ? 'first' : i === paras.length - 1 ? 'last' : `${i}/${paras.length}`,
      n: toks.length,
      g: +g.toFixed(2),
      text: para.replace(/\s+/g, ' ').slice(0, 240),
    });
  });
  // Every gold paragraph we miss (half or more of its shingles absent), whether Readability has it,
  // and the first stage whose text lacks it ('never' when no stage of ours held it).
  const shOf = {};
  for (const s of ['vanilla', ...CHAIN]) if (st[s] !== null && st[s] !== undefined) shOf[s] = new Set(bag(tokenize(titled(s)), 3).keys());
  const share = (sh, s) => (shOf[s] ? sh.filter((t) => shOf[s].has(t)).length / sh.length : null);
  const goldLost = [];
  for (const gp of gold
    .split(/\n+/)
    .map((x) => x.trim())
    .filter(Boolean)) {
    const toks = tokenize(gp);
    if (toks.length < 3) continue;
    const sh = [...bag(toks, 3).keys()];
    if (share(sh, 'official') >= 0.5) continue;
    let at = 'never';
    let had = false;
    for (const s of CHAIN) {
      const x = share(sh, s);
      if (x === null) continue;
      if (x >= 0.5) had = true;
      else if (had) {
        at = s;
        break;
      }
    }
    goldLost.push({
      at: STEP[at] ?? at,
      why: at === 'trimmed' ? trimWhy(st, gp) : null,
      rk: share(sh, 'vanilla') >= 0.5,
      n: toks.length,
      text: gp.replace(/\s+/g, ' ').slice(0, 200),
    });
  }
  const rv = scorePage(titled('vanilla'), gold);
  const ro = scorePage(titled('official'), gold);
  return {
    id: p.id,
    site: p.site,
    gold: rv.gold,
    rv: rv.r,
    ro: ro.r,
    pv: rv.p,
    po: ro.p,
    missing,
    byStep,
    lost,
    goldLost,
    note: st.note ?? null,
  };
}

function snippetPage(p) {
  const sn = JSON.parse(readFileSync(join(p.base, p.snippets), 'utf8'));
  const st = stagesOf(p);
  const v = squeeze(st.vanilla);
  const ours = squeeze(st.official);
  const lost = [];
  for (const w of sn.with) {
    const W = squeeze(w);
    if (ours.includes(W)) continue;
    // The first stage without it after one that had it; 'never' when no stage of ours held it.
    let at = 'never';
    let had = false;
    for (const s of CHAIN) {
      if (st[s] === null || st[s] === undefined) continue;
      if (squeeze(st[s]).includes(W)) had = true;
      else if (had) {
        at = s;
        break;
      }
    }
    lost.push({
      rk: v.includes(W),
      at: STEP[at] ?? at,
      why: at === 'trimmed' ? trimWhy(st, w) : null,
      text: w.replace(/\s+/g, ' ').slice(0, 240),
    });
  }
  const cv = countPage(sn, st.vanilla);
  const co = countPage(sn, st.official);
  return { id: p.id, site: p.site, tpV: cv.tp, tpO: co.tp, fpV: cv.fp, fpO: co.fp, nWith: sn.with.length, lost, note: st.note ?? null };
}

const o = args(process.argv.slice(2));
if (!o.json) {
  console.error('--json OUT is required');
  process.exit(2);
}
ablate(o.ablate);
EVAL_DIR = o.evalDir;
TRANSFORM = o.transform;
const out = [];
if (o.set === 'snippets')
  for (const p of devPages('extract-snippets', o.half, TRANSFORM)) out.push({ half: fnv1a(String(p.site ?? p.id)) % 2, ...snippetPage(p) });
else for (const p of devPages(EVAL_DIR, o.half, TRANSFORM)) out.push({ half: fnv1a(String(p.site ?? p.id)) % 2, ...evalPage(p) });
writeFileSync(o.json, out.map((x) => JSON.stringify(x)).join('\n') + '\n');
console.log(`${out.length} pages -> ${o.json}`);
