// Trains the learned block stage (src/ingest/extract/learned-blocks.ts) on the DEV splits of
// data/extract-eval and data/extract-snippets (and, with --train-sets, of data/extract-fresh and
// data/extract-extra) — never heldout — and judges it by grouped k-fold
// cross-validation on dev (folds by site: no site's pages in both the training and the test part).
//
//   npm run build && node scripts/train-block-model.mjs [--folds 5] [--edges 0.1,0.2,0.3] [--l2 0.001]
//                                                       [--model stumps|lr|trees] [--near N]
//                                                       [--write EDGE] [--json OUT]
//                                                       [--inner 0.1,0.2,0.3] [--inner-only any,short,link,short-or-link,not-heading]
//                                                       [--inner-edge 0.6] [--inner-all] [--recall K] [--recall-at 0.7,0.8,0.9]
//                                                       [--feature-auc] [--drop-features a,b]
//                                                       [--rounds 200] [--shrink 0.1] [--lambda 1]
//                                                       [--pos-weight 1] [--len-weight none|log|sqrt]
//                                                       [--nested 0.5,0.6,0.7] [--objective mean|worst|eval|broad] [--beta 1]
//                                                       [--train-sets news,broad,fresh,extra] [--eval-sets news,broad,fresh,extra]
//                                                       [--share fresh=0.5,…] [--title-labels keep|strip]
//                                                       [--show-nested] [--moved EDGE]
//
// Two in-process passes over the dev pages with the build's extractArticle (dist/): the first, with
// the stage switched off, reads every final body's blocks (features from learned-blocks.ts) and
// labels them from the gold — extract-eval (and the other gold-text sets): a block is the story's
// when at least half its tokens (the scorer's tokeniser) occur in the page's gold text; extract-snippets: a block holding (or held
// by) a "with" snippet is the story's, one holding a "without" snippet is furniture, the rest are
// not labelled. A model (--model stumps, the default: boosted stumps; lr: logistic regression;
// trees: boosted depth-2 trees) is trained per fold on the other folds' blocks (and once on all);
// --near N labels and applies only blocks within N of an edge (the kept model: --near 6). The
// second pass finds, on each page's body, the blocks each fold's model would drop at every edge
// threshold, extracts the page again with that model in the stage for each distinct set of them
// (so the stages after 4d act as in use), and scores the outputs with the scorers' own functions:
// out-of-fold figures judge the stage, in-fold
// ones are reported beside them. --write EDGE trains on all dev blocks and writes
// src/ingest/extract/block-model.ts with that edge threshold.
// --inner T,…: after the edge rule at --inner-edge, blocks between the edges whose chance is under T
// go too (restricted by --inner-only), measured out of fold and in fold, with the count of inner
// blocks dropped by their gold labels; --inner-all measures it with fold models trained on every
// block. --recall K measures adding back up to K page blocks either side of the body (fold models
// trained on them; the gold's labels as the ceiling). Both measured only (not kept in the stage: see
// the module's README). --nested T,…: the edge threshold chosen on the training folds only (nested
// cross-validation: inner fold models give the training pages their own out-of-fold texts), then
// applied to the held-out fold; printed per set and per site half, beside no stage and the model the
// build ships (--show-nested lists the pages it moves). --train-sets picks the dev sets that train
// (the shipped model's recipe: news,broad; data/extract-fresh's and data/extract-extra's dev splits
// can join, labelled from their gold as extract-eval's), --eval-sets the ones scored (all four by
// default; folds by site across every set). --moved EDGE lists what the model --write EDGE would
// change against the shipped one. Extraction runs without the time budget (reproducible under load).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { aggregate, bag, fnv1a, goldVariants, loadEvalPages, scorePage, scorePageBest, tokenize } from './extract-eval-lib.mjs';
import { countPage, snippetNorm, snippetScores, sumCounts } from './extract-snippets-lib.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist/src/ingest/extract');
const { extractArticle } = await import(join(dist, 'index.js'));
const {
  learnedStage,
  blockFeatures: allFeatures,
  blockChances,
  edgeBlocksToDrop,
  DENSE_FEATURES,
} = await import(join(dist, 'learned-blocks.js'));
/** --drop-features a,b: those dense features set to 0 in every row (ablation; measured only, not for --write). */
const DROP = (process.argv.includes('--drop-features') ? process.argv[process.argv.indexOf('--drop-features') + 1] : '')
  .split(',')
  .filter(Boolean)
  .map((name) => {
    const j = DENSE_FEATURES.indexOf(name);
    if (j < 0) throw new Error(`no feature ${name}`);
    return j;
  });
const blockFeatures = (...a) => {
  const xs = allFeatures(...a);
  for (const x of xs) for (const j of DROP) x[j] = 0;
  return xs;
};
const { blocksOf } = await import(join(dist, 'trim.js'));
const { blockText } = await import(join(dist, 'text.js'));
const { parseDocument } = await import(join(dist, 'dom.js'));
/** The model the build ships (the "shipped" rows: in fold for the sets it was trained on, unseen for the others). */
const { BLOCK_MODEL } = await import(join(dist, 'block-model.js'));

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const FOLDS = Number(opt('--folds', '5'));
const EDGES = opt('--edges', '0.05,0.1,0.15,0.2,0.25,0.3,0.4').split(',').map(Number);
const L2 = Number(opt('--l2', '0.001'));
const BUCKETS = Number(opt('--buckets', '64'));
const WORDS = Number(opt('--words', '0'));
/** Train on the blocks this close to an edge of the body only (where the stage decides); 0: all. */
const NEAR = Number(opt('--near', '0'));
const WRITE = opt('--write', null);
const JSON_OUT = opt('--json', null);
const EPOCHS = Number(opt('--epochs', '400'));
const KIND = opt('--model', 'stumps');
/** The stumps' and trees' L2 on the leaf values (Newton steps): larger is smoother. */
const LAMBDA = Number(opt('--lambda', '1'));
const ROUNDS = Number(opt('--rounds', '200'));
const SHRINK = Number(opt('--shrink', '0.1'));
/** extract-eval labels: the story's at this share of gold tokens or more, furniture under the other; between, unlabelled. */
const CONTENT_MIN = Number(opt('--content-min', '0.5'));
const FURNITURE_MAX = Number(opt('--furniture-max', '0.5'));
/**
 * The inner rule: after the edge rule at --inner-edge, blocks between the edges with a chance under
 * each --inner threshold go, restricted by each --inner-only (any, short, link, short-or-link, not-heading).
 * --inner-all also trains fold models on every block of the body (the edge model saw only blocks
 * within --near of an edge) and measures the inner rule with their chances.
 */
const INNER = opt('--inner', '').split(',').filter(Boolean).map(Number);
const INNER_ONLY = opt('--inner-only', 'any,short,link,short-or-link').split(',');
const INNER_EDGE = Number(opt('--inner-edge', '0.6'));
const INNER_ALL = args.includes('--inner-all');
/**
 * Recall (measured only): --recall K finds the body's first and last block in a fresh parse of the
 * page (stage 4's blocks of the whole page, matched by text), takes up to K blocks before and after
 * them as candidates, trains fold models on those (features over the candidates, the body's span and
 * their lowest common ancestor), and adds back, outward from the body, the contiguous candidates whose
 * chance is at least each --recall-at threshold (after the edge rule at --inner-edge). With the gold's
 * labels in place of the model: the ceiling.
 */
/**
 * --nested T,…: the edge threshold chosen on the training folds, not on the pages it is judged on.
 * For each outer fold f, models trained without f and one inner fold g give the training pages
 * (folds other than f) their own out-of-fold texts at each threshold T; the T whose objective is
 * best on them (--objective mean|worst|eval|broad of the F-beta of --beta; ties to the lower threshold,
 * which removes less) is the one fold f's model is applied with.
 */
const NESTED = opt('--nested', '').split(',').filter(Boolean).map(Number);
const OBJECTIVE = opt('--objective', 'mean');
const BETA = Number(opt('--beta', '1'));
const RECALL = Number(opt('--recall', '0'));
/**
 * The dev sets (never heldout): news = data/extract-eval, broad = data/extract-snippets, fresh =
 * data/extract-fresh, extra = data/extract-extra (its two sources, fundus and cwced, count as two
 * sets in the figures). --train-sets: the ones whose blocks train the models (the shipped model
 * before x-more: news,broad); --eval-sets: the ones scored (every page of them out of fold by site,
 * whether trained on or not). A site's pages of every set fall in one fold (FNV-1a of the site),
 * so a fresh page is judged by the models that did not see its site's extract-eval page either.
 */
const SET_DIRS = { news: 'extract-eval', broad: 'extract-snippets', fresh: 'extract-fresh', extra: 'extract-extra' };
const TRAIN_SETS = opt('--train-sets', 'news,broad').split(',');
const EVAL_SETS = [...new Set([...TRAIN_SETS, ...opt('--eval-sets', 'news,broad,fresh,extra').split(',')])];
for (const s of EVAL_SETS) if (!SET_DIRS[s]) throw new Error(`no set ${s} (news, broad, fresh, extra)`);
/** The sets as scored: extra splits into its sources. */
const GROUPS = EVAL_SETS.flatMap((s) => (s === 'extra' ? ['fundus', 'cwced'] : [s]));
const TRAIN_GROUPS = TRAIN_SETS.flatMap((s) => (s === 'extra' ? ['fundus', 'cwced'] : [s]));
/**
 * --share G=x,…: set G's blocks weigh x times news's in total (news 1). Default: broad 1 (or
 * --broad-share), as before; fresh, fundus and cwced per block as much as a news block (they are
 * labelled the same way, from gold text).
 */
const SHARE = Object.fromEntries(
  opt('--share', '')
    .split(',')
    .filter(Boolean)
    .map((kv) => kv.split('='))
    .map(([k, v]) => [k, Number(v)]),
);
/** Extract without the time budget (as extract-ablate.mjs and extract-output-hash.mjs): load cannot move a page to the one-pass finder. */
const NO_BUDGET = { timeBudgetMs: 1e9 };
/**
 * --title-labels keep|strip: the gold sets whose gold starts with the headline (title_in_gold) are
 * scored with the extracted title in front of the text, so the headline's tokens are the title's to
 * earn; strip takes the title's tokens (once each) out of the gold before the body's blocks are
 * labelled against it, so a headline repeated in the body is not labelled the story's on its own
 * words. keep (the default): as before.
 */
const TITLE_LABELS = opt('--title-labels', 'keep');
const RECALL_AT = opt('--recall-at', '0.7,0.8,0.9').split(',').map(Number);

/** The lowest common ancestor of two elements. */
function lca(a, b) {
  const seen = new Set();
  for (let e = a; e; e = e.parentElement) seen.add(e);
  for (let e = b; e; e = e.parentElement) if (seen.has(e)) return e;
  return null;
}

/** The K page blocks before and after the body (nearest first), with features and labels; null when the body is not found. */
function recallCandidates(page, body) {
  const inBody = blocksOf(body);
  if (inBody.length === 0) return null;
  let doc;
  try {
    doc = parseDocument(new TextDecoder('utf-8').decode(page.bytes));
  } catch {
    return null;
  }
  for (const el of [...doc.querySelectorAll('script,style,noscript,template,svg')]) el.parentNode?.removeChild(el);
  const top = doc.body ?? doc.documentElement;
  if (!top) return null;
  const all = blocksOf(top);
  const a = all.findIndex((b) => b.str === inBody[0].str);
  if (a < 0) return null;
  const last = inBody[inBody.length - 1].str;
  let b = -1;
  for (let i = a; i < all.length; i++) if (all[i].str === last) b = i;
  if (b < 0) return null;
  const lo = Math.max(0, a - RECALL);
  const hi = Math.min(all.length - 1, b + RECALL);
  const root = lca(all[lo].el, all[hi].el)?.parentElement ?? top;
  const span = all.slice(lo, hi + 1);
  const xs = blockFeatures(span, root, BUCKETS, WORDS);
  const out = [];
  for (let i = a - 1; i >= lo; i--) out.push({ side: 'pre', d: a - i, str: all[i].str, x: xs[i - lo], y: labelOf(page, all[i].str) });
  for (let i = b + 1; i <= hi; i++) out.push({ side: 'post', d: i - b, str: all[i].str, x: xs[i - lo], y: labelOf(page, all[i].str) });
  return out;
}
/** A block this short (characters) is short for --inner-only; over half its text in links, link-heavy. */
const INNER_SHORT = 80;
const HEADING = /^h[1-6]$/;

/**
 * The inner rule (measured here, not in the stage: not kept, see the module's README): the blocks
 * the edge rule left whose chance is under `inner`, restricted by `only` (any, short, link,
 * short-or-link, not-heading).
 */
function innerBlocksToDrop(blocks, chances, edgeDrop, inner, only) {
  const gone = new Set(edgeDrop);
  const out = [];
  for (let i = 0; i < blocks.length; i++) {
    if (gone.has(i) || chances[i] >= inner) continue;
    const b = blocks[i];
    const short = b.text < INNER_SHORT;
    const link = b.text > 0 && b.links / b.text > 0.5;
    if (
      only === 'any' ||
      (only === 'short' && short) ||
      (only === 'link' && link) ||
      (only === 'short-or-link' && (short || link)) ||
      (only === 'not-heading' && !HEADING.test(b.el.localName))
    )
      out.push(i);
  }
  return out;
}

/** The dev pages of one data set (the split is fixed: heldout pages are never read). */
function devPages(name) {
  const set = SET_DIRS[name];
  const o = { manifest: join(root, 'data', set, 'manifest.jsonl'), split: 'dev', ids: [] };
  return loadEvalPages(
    o,
    () => true,
    (p, dir) => {
      const page = {
        set,
        group: name === 'extra' ? p.source : name,
        fold: fnv1a(String(p.site).toLowerCase()) % FOLDS,
        half: fnv1a(String(p.site ?? p.id)) % 2,
      };
      if (set !== 'extract-snippets') {
        page.goldText = readFileSync(join(dir, p.gold), 'utf8');
        page.gold = bag(tokenize(page.goldText));
        // Scored as extract-eval.mjs scores it: against each variant of the gold without some optional paragraphs (extract-extra).
        page.goldTexts = goldVariants(page.goldText, p.optional_paragraphs);
      } else page.snippets = JSON.parse(readFileSync(join(dir, p.snippets), 'utf8'));
      return page;
    },
  );
}

/** A block's label: 1 the story's, 0 furniture, null unknown. */
function labelOf(page, str) {
  if (page.set !== 'extract-snippets') {
    const toks = tokenize(str);
    if (toks.length === 0) return null;
    let hit = 0;
    const gold = page.labelGold ?? page.gold;
    for (const t of toks) if (gold.has(t)) hit++;
    const share = hit / toks.length;
    return share >= CONTENT_MIN ? 1 : share < FURNITURE_MAX ? 0 : null;
  }
  const b = snippetNorm(str);
  if (!b) return null;
  const holds = (s) => {
    const n = snippetNorm(s);
    return n.length > 0 && (b.includes(n) || (b.length >= 15 && n.includes(b)));
  };
  const w = page.snippets.with.some(holds);
  const wo = page.snippets.without.some(holds);
  if (w === wo) return null;
  return w ? 1 : 0;
}

function extract(page) {
  try {
    return extractArticle({ bytes: page.bytes, url: page.url ?? undefined }, NO_BUDGET);
  } catch (e) {
    return { title: null, text: '', error: String(e) };
  }
}

// ---------------------------------------------------------------- pass 1: blocks and labels --

const pages = EVAL_SETS.flatMap((name) => devPages(name));
const rows = []; // { x, y, w, fold, set }
learnedStage.model = null;
let t0 = Date.now();
for (const page of pages) {
  learnedStage.observe = (body) => {
    if (RECALL > 0) page.cands = recallCandidates(page, body);
    const blocks = blocksOf(body);
    const xs = blockFeatures(blocks, body, BUCKETS, WORDS);
    page.pending = [];
    for (let i = 0; i < blocks.length; i++) {
      const near = !(NEAR > 0 && i >= NEAR && blocks.length - 1 - i >= NEAR);
      if (!near && !INNER_ALL) continue;
      page.pending.push({
        full: blocks[i].str,
        near,
        x: xs[i],
        fold: page.fold,
        set: page.set,
        group: page.group,
        id: page.id,
        i,
        n: blocks.length,
        str: blocks[i].str.slice(0, 100),
        tag: blocks[i].el.localName,
        len: blocks[i].text,
      });
    }
  };
  const r = extract(page);
  page.title = r.title;
  page.base = r.text ?? '';
  // Labelled once the title is known (--title-labels strip reads it).
  if (TITLE_LABELS === 'strip' && page.gold && page.title_in_gold && page.title) {
    page.labelGold = new Map(page.gold);
    for (const t of tokenize(page.title)) {
      const c = page.labelGold.get(t);
      if (c === undefined) continue;
      if (c <= 1) page.labelGold.delete(t);
      else page.labelGold.set(t, c - 1);
    }
  }
  for (const { full, ...row } of page.pending ?? []) {
    const y = labelOf(page, full);
    if (y !== null) rows.push({ ...row, y });
  }
  page.pending = null;
}
learnedStage.observe = null;
const allRows = rows.splice(0, rows.length);
rows.push(...allRows.filter((r) => r.near && TRAIN_GROUPS.includes(r.group)));
const bySet = (s) => rows.filter((r) => r.set === s);
const nSnip = bySet('extract-snippets').length;
// Each data set weighs the same in training (extract-eval labels every block, the broad set a few);
// --broad-share scales the broad set's total against extract-eval's; the other gold sets weigh per
// block as extract-eval's do, unless --share says otherwise (totalOf, below).
const BROAD_SHARE = Number(opt('--broad-share', '1'));
// --pos-weight P: the story's blocks weigh P times furniture's (a removed line of the story costs
// recall, a kept furniture line precision); --len-weight log|sqrt: a block weighs by its length, as
// the text it carries is what the scorers count. Then each set's total is scaled as above.
const POS_WEIGHT = Number(opt('--pos-weight', '1'));
const LEN_WEIGHT = opt('--len-weight', 'none');
const lenFactor = (r) => (LEN_WEIGHT === 'log' ? Math.log1p(r.len) / 4 : LEN_WEIGHT === 'sqrt' ? Math.sqrt(r.len) / 8 : 1);
for (const r of rows) r.w = lenFactor(r) * (r.y ? POS_WEIGHT : 1);
/** Labelled blocks per trained set. */
const nOf = Object.fromEntries(TRAIN_GROUPS.map((g) => [g, rows.filter((r) => r.group === g).length]));
/** Each trained set's total weight, in news blocks (see --share). */
const totalOf = (g) => {
  const unit = nOf.news || 1;
  if (SHARE[g] !== undefined) return SHARE[g] * unit;
  if (g === 'broad') return BROAD_SHARE * unit;
  return nOf[g];
};
{
  const sum = {};
  for (const r of rows) sum[r.group] = (sum[r.group] ?? 0) + r.w;
  for (const r of rows) r.w *= totalOf(r.group) / sum[r.group];
}
console.error(
  `pass 1: ${pages.length} dev pages, ${rows.length} labelled blocks (${TRAIN_GROUPS.map(
    (g) =>
      `${g} ${nOf[g]}, content ${rows.filter((r) => r.group === g && r.y).length}, weight ${(totalOf(g) / (nOf.news || 1)).toFixed(2)}`,
  ).join('; ')}) in ${((Date.now() - t0) / 1000).toFixed(0)} s; ` +
    `fold sizes ${Array.from({ length: FOLDS }, (_, f) => pages.filter((p) => p.fold === f).length).join('/')}`,
);

// ---------------------------------------------------------------- logistic regression --

/** Full-batch gradient descent with Adam on the weighted log loss plus L2 (bias not penalised). */
function trainLr(data) {
  const d = data[0].x.length;
  const w = new Float64Array(d);
  const m = new Float64Array(d);
  const v = new Float64Array(d);
  const g = new Float64Array(d);
  let wsum = 0;
  for (const r of data) wsum += r.w;
  const lr = 0.05;
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    g.fill(0);
    for (const r of data) {
      const x = r.x;
      let z = 0;
      for (let j = 0; j < d; j++) if (x[j] !== 0) z += x[j] * w[j];
      const p = 1 / (1 + Math.exp(-z));
      const e = (p - r.y) * r.w;
      for (let j = 0; j < d; j++) if (x[j] !== 0) g[j] += e * x[j];
    }
    for (let j = 0; j < d; j++) {
      const gj = g[j] / wsum + (j > 0 ? L2 * w[j] : 0);
      m[j] = 0.9 * m[j] + 0.1 * gj;
      v[j] = 0.999 * v[j] + 0.001 * gj * gj;
      const mh = m[j] / (1 - 0.9 ** epoch);
      const vh = v[j] / (1 - 0.999 ** epoch);
      w[j] -= (lr * mh) / (Math.sqrt(vh) + 1e-8);
    }
  }
  return { weights: Array.from(w, (x) => Math.round(x * 1e4) / 1e4) };
}

/** The weighted log-odds of the story's blocks: where boosting starts. */
function priorLogOdds(data) {
  let wsum = 0;
  let wpos = 0;
  for (const r of data) {
    wsum += r.w;
    wpos += r.w * r.y;
  }
  return Math.log(wpos / (wsum - wpos));
}

/**
 * Gradient-boosted stumps (Newton steps on the weighted log loss): each round, the one split of one
 * feature, at one of its quantiles, that gains most; its two leaves shrunk by SHRINK.
 */
function trainStumps(data) {
  const d = data[0].x.length;
  const n = data.length;
  const lambda = LAMBDA;
  // Candidate thresholds per feature (the distinct values' quantiles) and each row's bin.
  const { cuts, bins } = binsOf(data);
  const bias = priorLogOdds(data);
  const z = new Float64Array(n).fill(bias);
  const stumps = [];
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  for (let round = 0; round < ROUNDS; round++) {
    let G = 0;
    let H = 0;
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-z[i]));
      g[i] = (p - data[i].y) * data[i].w;
      h[i] = Math.max(p * (1 - p), 1e-6) * data[i].w;
      G += g[i];
      H += h[i];
    }
    let best = null;
    for (let j = 0; j < d; j++) {
      const c = cuts[j];
      if (c.length === 0) continue;
      const hg = new Float64Array(c.length + 1);
      const hh = new Float64Array(c.length + 1);
      for (let i = 0; i < n; i++) {
        hg[bins[i][j]] += g[i];
        hh[bins[i][j]] += h[i];
      }
      let gl = 0;
      let hl = 0;
      for (let k = 0; k < c.length; k++) {
        gl += hg[k];
        hl += hh[k];
        const gr = G - gl;
        const hr = H - hl;
        const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - (G * G) / (H + lambda);
        if (!best || gain > best.gain) best = { gain, j, k, t: c[k], left: -gl / (hl + lambda), right: -gr / (hr + lambda) };
      }
    }
    if (!best) break;
    const left = Math.round(best.left * SHRINK * 1e4) / 1e4;
    const right = Math.round(best.right * SHRINK * 1e4) / 1e4;
    const t = Math.round(best.t * 1e6) / 1e6;
    stumps.push([best.j, t, left, right]);
    for (let i = 0; i < n; i++) z[i] += data[i].x[best.j] < t ? left : right;
  }
  return { bias: Math.round(bias * 1e4) / 1e4, stumps };
}

/** Cut candidates per feature (at most 32 quantiles of its values) and each row's bin per feature. */
function binsOf(data) {
  const d = data[0].x.length;
  const cuts = [];
  for (let j = 0; j < d; j++) {
    const vals = [...new Set(data.map((r) => r.x[j]))].sort((a, b) => a - b);
    const c = [];
    if (vals.length > 1) {
      const step = Math.max(1, Math.floor(vals.length / 32));
      for (let k = step; k < vals.length; k += step) c.push((vals[k - 1] + vals[k]) / 2);
    }
    cuts.push(c);
  }
  const bins = data.map((r) => {
    const b = new Uint8Array(d);
    for (let j = 0; j < d; j++) {
      const c = cuts[j];
      let k = 0;
      while (k < c.length && r.x[j] >= c[k]) k++;
      b[j] = k;
    }
    return b;
  });
  return { cuts, bins };
}

/** The best split of the rows `idx` (Newton gain), or null. */
function bestSplit(idx, cuts, bins, g, h, lambda) {
  let G = 0;
  let H = 0;
  for (const i of idx) {
    G += g[i];
    H += h[i];
  }
  let best = null;
  for (let j = 0; j < cuts.length; j++) {
    const c = cuts[j];
    if (c.length === 0) continue;
    const hg = new Float64Array(c.length + 1);
    const hh = new Float64Array(c.length + 1);
    for (const i of idx) {
      hg[bins[i][j]] += g[i];
      hh[bins[i][j]] += h[i];
    }
    let gl = 0;
    let hl = 0;
    for (let k = 0; k < c.length; k++) {
      gl += hg[k];
      hl += hh[k];
      const gr = G - gl;
      const hr = H - hl;
      if (hl < 1 || hr < 1) continue;
      const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - (G * G) / (H + lambda);
      if (!best || gain > best.gain) best = { gain, j, k, t: c[k], left: -gl / (hl + lambda), right: -gr / (hr + lambda) };
    }
  }
  return best
    ? { ...best, leaf: -G / (H + lambda) }
    : { leaf: -G / (H + lambda), j: -1, t: 0, left: -G / (H + lambda), right: -G / (H + lambda) };
}

/** Boosted trees of depth 2: [f, t, fL, tL, vLL, vLR, fR, tR, vRL, vRR]. */
function trainTrees(data) {
  const n = data.length;
  const lambda = LAMBDA;
  const { cuts, bins } = binsOf(data);
  const bias = priorLogOdds(data);
  const z = new Float64Array(n).fill(bias);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const all = Array.from({ length: n }, (_, i) => i);
  const r4 = (v) => Math.round(v * SHRINK * 1e4) / 1e4;
  const r6 = (v) => Math.round(v * 1e6) / 1e6;
  const trees = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-z[i]));
      g[i] = (p - data[i].y) * data[i].w;
      h[i] = Math.max(p * (1 - p), 1e-6) * data[i].w;
    }
    const top = bestSplit(all, cuts, bins, g, h, lambda);
    if (top.j < 0) break;
    const L = all.filter((i) => data[i].x[top.j] < top.t);
    const R = all.filter((i) => data[i].x[top.j] >= top.t);
    const sl = bestSplit(L, cuts, bins, g, h, lambda);
    const sr = bestSplit(R, cuts, bins, g, h, lambda);
    const tree = [
      top.j,
      r6(top.t),
      Math.max(sl.j, 0),
      r6(sl.t),
      r4(sl.left),
      r4(sl.right),
      Math.max(sr.j, 0),
      r6(sr.t),
      r4(sr.left),
      r4(sr.right),
    ];
    trees.push(tree);
    for (let i = 0; i < n; i++) z[i] += treeValue(tree, data[i].x);
  }
  return { bias: Math.round(bias * 1e4) / 1e4, trees };
}

function treeValue(t, x) {
  return x[t[0]] < t[1] ? (x[t[2]] < t[3] ? t[4] : t[5]) : x[t[6]] < t[7] ? t[8] : t[9];
}

const train = KIND === 'lr' ? trainLr : KIND === 'trees' ? trainTrees : trainStumps;

/** The model's log-odds for one row (the stage's own arithmetic, blockChances). */
function logit(model, x) {
  let z = model.bias ?? 0;
  if (model.weights) for (let j = 0; j < x.length; j++) if (x[j] !== 0) z += x[j] * model.weights[j];
  if (model.stumps) for (const [f, t, below, above] of model.stumps) z += x[f] < t ? below : above;
  if (model.trees) for (const t of model.trees) z += treeValue(t, x);
  return z;
}

t0 = Date.now();
const foldModels = [];
for (let f = 0; f < FOLDS; f++) foldModels.push(train(rows.filter((r) => r.fold !== f)));
const allModel = train(rows);
/** nestModels[f][g]: trained without folds f and g (g !== f), for the nested choice of the threshold. */
const nestModels = NESTED.length
  ? Array.from({ length: FOLDS }, (_, f) =>
      Array.from({ length: FOLDS }, (_, g) => (g === f ? null : train(rows.filter((r) => r.fold !== f && r.fold !== g)))),
    )
  : [];
// The inner rule's own models, on every block (each data set weighing the same again).
const innerFoldModels = [];
if (INNER_ALL) {
  const trained = allRows.filter((r) => TRAIN_GROUPS.includes(r.group));
  const e = trained.filter((r) => r.set !== 'extract-snippets').length;
  const b = trained.length - e;
  const weighted = trained.map((r) => ({ ...r, w: r.set !== 'extract-snippets' ? 1 : (BROAD_SHARE * e) / b }));
  for (let f = 0; f < FOLDS; f++) innerFoldModels.push(train(weighted.filter((r) => r.fold !== f)));
  console.error(`inner-all: ${allRows.length} labelled blocks (every block of the body), ${FOLDS} fold models`);
}
console.error(`trained ${FOLDS} fold models and the full one in ${((Date.now() - t0) / 1000).toFixed(0)} s`);

// Block-level accuracy out of fold (log loss and accuracy at 0.5), for the record.
{
  let ll = 0;
  let ok = 0;
  for (const r of rows) {
    const p0 = logit(foldModels[r.fold], r.x);
    const z = p0;
    const p = 1 / (1 + Math.exp(-z));
    ll -= Math.log(r.y ? Math.max(p, 1e-9) : Math.max(1 - p, 1e-9));
    if (p >= 0.5 === (r.y === 1)) ok++;
  }
  if (opt('--dump', null))
    writeFileSync(
      opt('--dump', null),
      rows
        .map((r) =>
          JSON.stringify({
            id: r.id,
            set: r.set,
            i: r.i,
            n: r.n,
            y: r.y,
            p: 1 / (1 + Math.exp(-logit(foldModels[r.fold], r.x))),
            tag: r.tag,
            str: r.str,
          }),
        )
        .join('\n'),
    );
  console.error(`out-of-fold block log loss ${(ll / rows.length).toFixed(4)}, accuracy ${(ok / rows.length).toFixed(4)}`);
}

// --feature-auc: each dense feature's AUC alone on the labelled rows (0.5: no signal; either side of it
// separates), per set, and how often the full model's stumps split on it.
if (args.includes('--feature-auc')) {
  const auc = (rs, j) => {
    const s = rs.map((r) => [r.x[j], r.y]).sort((a, b) => a[0] - b[0]);
    let pos = 0;
    let neg = 0;
    let sum = 0;
    for (let k = 0; k < s.length; ) {
      let e = k;
      while (e < s.length && s[e][0] === s[k][0]) e++;
      const p = s.slice(k, e).filter((v) => v[1]).length;
      sum += p * (neg + (e - k - p) / 2);
      pos += p;
      neg += e - k - p;
      k = e;
    }
    return pos && neg ? sum / (pos * neg) : 0.5;
  };
  const uses = new Map();
  for (const [f] of allModel.stumps ?? []) uses.set(f, (uses.get(f) ?? 0) + 1);
  DENSE_FEATURES.forEach((name, j) => {
    console.log(
      `${name.padEnd(18)} auc eval ${auc(bySet('extract-eval'), j).toFixed(3)} broad ${auc(bySet('extract-snippets'), j).toFixed(3)} stumps ${uses.get(j) ?? 0}`,
    );
  });
}

if (WRITE !== null) {
  const edge = Number(WRITE);
  const names = [
    ...DENSE_FEATURES,
    ...Array.from({ length: BUCKETS }, (_, i) => `name_${i}`),
    ...Array.from({ length: WORDS }, (_, i) => `word_${i}`),
  ];
  const body = allModel.weights
    ? `  weights: [\n${allModel.weights.map((w, i) => `    ${w}, // ${names[i]}`).join('\n')}\n  ],`
    : allModel.stumps
      ? `  bias: ${allModel.bias},\n  // [feature, threshold, log-odds below, log-odds at or above]\n  stumps: [\n${allModel.stumps
          .map(([f, t, l, r]) => `    [${f}, ${t}, ${l}, ${r}], // ${names[f]}`)
          .join('\n')}\n  ],`
      : `  bias: ${allModel.bias},\n  trees: [\n${allModel.trees
          .map((t) => `    [${t.join(', ')}], // ${names[t[0]]}: ${names[t[2]]} | ${names[t[6]]}`)
          .join('\n')}\n  ],`;
  const how =
    KIND === 'lr'
      ? `logistic regression, L2 ${L2}, ${EPOCHS} epochs`
      : `${ROUNDS} boosted ${KIND === 'trees' ? 'trees of depth 2' : 'stumps'}, shrinkage ${SHRINK}${LAMBDA !== 1 ? `, leaf L2 ${LAMBDA}` : ''}`;
  const tokenSets = TRAIN_GROUPS.filter((g) => g !== 'broad').map(
    (g) =>
      `//   ${nOf[g]} of ${g === 'news' ? 'data/extract-eval' : g === 'fresh' ? 'data/extract-fresh' : `data/extract-extra (${g})`} dev`,
  );
  const out = `// Written by scripts/train-block-model.mjs — do not edit by hand. Retrain with:
//   npm run build && node scripts/train-block-model.mjs ${args.join(' ')}
// Trained on the DEV splits only. Labelled blocks:
${tokenSets.join('\n')} (a block is the story's when at least ${CONTENT_MIN} of its tokens
//   are in the gold text, furniture under ${FURNITURE_MAX})${
    nSnip ? `\n//   ${nSnip} of data/extract-snippets dev (blocks holding a "with" / "without" snippet)` : ''
  }
// ${how}; the edge threshold chosen by grouped ${FOLDS}-fold cross-validation on dev (folds by
// site; --nested picks it on the training folds only).
import type { BlockModel } from './block-model-shape.js';

export const BLOCK_MODEL: BlockModel = {
  buckets: ${BUCKETS},
  words: ${WORDS},
  edge: ${edge},
${body}
};
`;
  writeFileSync(join(root, 'src/ingest/extract/block-model.ts'), out);
  console.error('wrote src/ingest/extract/block-model.ts');
}

// ---------------------------------------------------------------- pass 2: texts and scores --

const variants = [];
for (const mode of ['oof', 'in']) for (const edge of EDGES) variants.push({ mode, edge });
// --oracle: the gold's own labels as the model (edge blocks only, then every block): the ceiling.
if (args.includes('--oracle')) variants.push({ mode: 'oracle-edge', edge: 0.5 }, { mode: 'oracle-all', edge: 0.5 });
for (const innerModel of INNER_ALL ? ['edge', 'all'] : ['edge'])
  for (const inner of INNER) for (const only of INNER_ONLY) variants.push({ mode: 'oof-inner', edge: INNER_EDGE, inner, only, innerModel });
// In fold: the model trained on all dev (as written) for both rules.
for (const inner of INNER)
  for (const only of INNER_ONLY) variants.push({ mode: 'in-inner', edge: INNER_EDGE, inner, only, innerModel: 'edge' });
/** A trained model as the stage runs it, at `edge`. */
const staged = (model, edge) => ({
  buckets: BUCKETS,
  words: WORDS,
  ...model,
  edge,
});

t0 = Date.now();
let mismatch = 0;
let reruns = 0;
for (const page of pages) {
  page.texts = null;
  // The edge rule's texts are the extractor's own output: the blocks a model would drop are found on
  // the body here, and each distinct set of them is then extracted with that model in the stage (so
  // the headings it leaves dangling, and the stages after it, act as in use). A model that drops
  // nothing gives the output without the stage ('' below).
  const jobs = new Map();
  learnedStage.observe = (body) => {
    const base = blockText(body.cloneNode(true));
    const blocks = blocksOf(body);
    const xs = blocks.length >= 3 ? blockFeatures(blocks, body, BUCKETS, WORDS) : [];
    const keyOf = (model, edge) => {
      if (xs.length === 0) return '';
      const m = staged(model, edge);
      const rowsOf = m.buckets === BUCKETS && (m.words ?? 0) === WORDS ? xs : blockFeatures(blocks, body, m.buckets, m.words ?? 0);
      const drop = edgeBlocksToDrop(blockChances(rowsOf, m), edge);
      if (drop.length === 0) return '';
      const key = drop.join(',');
      if (!jobs.has(key)) jobs.set(key, m);
      return key;
    };
    page.shipped = keyOf(BLOCK_MODEL, BLOCK_MODEL.edge);
    page.texts = variants.map((v) => {
      const copy = body.cloneNode(true);
      if (v.mode.startsWith('oracle')) {
        const blocks = blocksOf(copy);
        const chances = blocks.map((b) => (labelOf(page, b.str) === 0 ? 0 : 1));
        const drop = v.mode === 'oracle-edge' ? edgeBlocksToDrop(chances, 0.5) : chances.flatMap((c, i) => (c === 0 ? [i] : []));
        for (const i of drop) blocks[i].el.parentNode?.removeChild(blocks[i].el);
        return { text: blockText(copy), base };
      }
      if (v.mode.endsWith('-inner')) {
        const blocks = blocksOf(copy);
        if (blocks.length < 3) return { text: blockText(copy), base };
        const xs = blockFeatures(blocks, copy, BUCKETS, WORDS);
        const edgeModel = v.mode === 'oof-inner' ? foldModels[page.fold] : allModel;
        const chances = blockChances(xs, { buckets: BUCKETS, words: WORDS, ...edgeModel, edge: v.edge });
        const inChances =
          v.innerModel === 'all'
            ? blockChances(xs, { buckets: BUCKETS, words: WORDS, ...innerFoldModels[page.fold], edge: v.edge })
            : chances;
        const drop = edgeBlocksToDrop(chances, v.edge);
        // An inner model's chance can be under the inner threshold for a block the edge model keeps as the body's anchor: keep those.
        const keep = v.innerModel === 'all' ? (i) => chances[i] < v.edge : () => true;
        const inner = drop.length < blocks.length ? innerBlocksToDrop(blocks, inChances, drop, v.inner, v.only).filter(keep) : [];
        // The inner blocks dropped, by their gold label (1 the story's, 0 furniture, null unlabelled).
        const labels = inner.map((i) => labelOf(page, blocks[i].str));
        for (const i of [...drop, ...inner]) blocks[i].el.parentNode?.removeChild(blocks[i].el);
        return { text: blockText(copy), base, inner: labels };
      }
      const model = v.mode === 'oof' ? foldModels[page.fold] : allModel;
      return { key: keyOf(model, v.edge), base };
    });
    if (NESTED.length) {
      // The texts at every threshold under the page's own fold model (oof) and under each outer
      // fold's inner model (the page is a training page of every other fold).
      const textsOf = (model) => NESTED.map((edge) => keyOf(model, edge));
      page.nestOof = textsOf(foldModels[page.fold]);
      page.nest = Array.from({ length: FOLDS }, (_, f) => (f === page.fold ? null : textsOf(nestModels[f][page.fold])));
    }
  };
  jobs.clear();
  const r = extract(page);
  if (page.texts && page.texts[0].base !== (r.text ?? '')) mismatch++;
  learnedStage.observe = null;
  const textOf = new Map([['', page.base]]);
  for (const [key, m] of jobs) {
    learnedStage.model = m;
    textOf.set(key, extract(page).text ?? '');
    learnedStage.model = null;
    reruns++;
  }
  page.shipped = textOf.get(page.shipped ?? '');
  if (page.texts) page.texts = page.texts.map((t) => (t.key !== undefined ? { ...t, text: textOf.get(t.key) } : t));
  if (page.nestOof) {
    page.nestOof = page.nestOof.map((k) => textOf.get(k));
    page.nest = page.nest.map((a) => a?.map((k) => textOf.get(k)));
  }
}
learnedStage.observe = null;
console.error(
  `pass 2 in ${((Date.now() - t0) / 1000).toFixed(0)} s; ${reruns} extractions with a model in the stage; ${mismatch} pages whose body's text differs from the output (later stages)`,
);

/** Figures on every dev page (figuresOn, below, on a subset). */
function figures(textOf) {
  return figuresOn(pages, textOf);
}

/** Pages whose scores moved against `ref`: extract-eval by more than 0.005 of F1, broad by tp − fp. */
function movedPages(f, ref) {
  let better = 0;
  let worse = 0;
  f.evalScores.forEach((s, i) => {
    const d = s.f1 - ref.evalScores[i].f1;
    if (d > 0.005) better++;
    else if (d < -0.005) worse++;
  });
  let bBetter = 0;
  let bWorse = 0;
  f.counts.forEach((c, i) => {
    const d = c.tp - c.fp - (ref.counts[i].tp - ref.counts[i].fp);
    if (d > 0) bBetter++;
    else if (d < 0) bWorse++;
  });
  return { better, worse, bBetter, bWorse };
}

/** A page's score change against `ref` in set `g`: F1 (gold sets; moved beyond 0.005) or tp − fp (broad). */
function pageDeltas(f, ref, g) {
  const a = f.groups[g];
  const b = ref.groups[g];
  if (!a || !b) return [];
  return g === 'broad'
    ? a.counts.map((c, i) => ({ id: c.id, d: c.tp - c.fp - (b.counts[i].tp - b.counts[i].fp), before: b.counts[i], after: c }))
    : a.scores.map((s, i) => ({
        id: s.id,
        d: Math.abs(s.f1 - b.scores[i].f1) > 0.005 ? s.f1 - b.scores[i].f1 : 0,
        before: b.scores[i],
        after: s,
      }));
}
/** "better/worse" pages of every set against `ref`. */
const movedBySet = (f, ref) =>
  GROUPS.map((g) => {
    const ds = pageDeltas(f, ref, g);
    return `${g} ${ds.filter((x) => x.d > 0).length}/${ds.filter((x) => x.d < 0).length}`;
  }).join(', ');

const base = figures((p) => p.base);
const shipped = figures((p) => p.shipped ?? p.base);
const report = { base: null, variants: [] };
const fmtOthers = (f) =>
  GROUPS.filter((g) => g !== 'news' && g !== 'broad' && f.groups[g])
    .map((g) => ` | ${g} F1 ${f.groups[g].f.toFixed(4)}`)
    .join('');
const fmt = (f) =>
  `extract-eval F1 ${f.evalF1.toFixed(4)} (P ${f.evalP.toFixed(4)} R ${f.evalR.toFixed(4)}) | broad F ${f.broad.f.toFixed(4)} (P ${f.broad.precision.toFixed(4)} R ${f.broad.recall.toFixed(4)}; tp ${f.broad.tp} fp ${f.broad.fp} fn ${f.broad.fn})${fmtOthers(f)}`;
console.log(`base (no stage):            ${fmt(base)}`);
console.log(`shipped model (the build's, edge ${BLOCK_MODEL.edge}): ${fmt(shipped)} | pages better/worse: ${movedBySet(shipped, base)}`);
report.base = { evalF1: base.evalF1, broad: base.broad, groups: strip(base.groups) };
report.shipped = { groups: strip(shipped.groups) };
variants.forEach((v, k) => {
  const f = figures((p) => (p.texts ? p.texts[k].text : p.base));
  const { better, worse, bBetter, bWorse } = movedPages(f, base);
  console.log(
    `${v.mode.padEnd(11)} edge ${v.edge.toFixed(2)}${v.inner !== undefined ? ` inner ${v.inner} ${v.only} (${v.innerModel} model)` : ''}: ${fmt(f)} | pages better/worse: ${movedBySet(f, base)}`,
  );
  if (args.includes('--show') && v.mode.startsWith('oof')) {
    const byId = new Map(pages.map((p) => [p.id, p]));
    const gone = (p) => {
      const now = new Set(p.texts[k].text.split('\n\n'));
      return p.base
        .split('\n\n')
        .filter((x) => !now.has(x))
        .map((x) => x.slice(0, 70));
    };
    for (const g of GROUPS)
      for (const x of pageDeltas(f, base, g))
        if (x.d !== 0)
          console.log(`   ${g} ${x.d > 0 ? '+' : '-'} ${Math.abs(x.d).toFixed(3)} ${x.id}: ${JSON.stringify(gone(byId.get(x.id)))}`);
  }
  if (v.mode.endsWith('-inner')) {
    const labels = pages.flatMap((p) => (p.texts ? (p.texts[k].inner ?? []) : []));
    console.log(
      `   inner blocks dropped: ${labels.length} (furniture ${labels.filter((y) => y === 0).length}, the story's ${labels.filter((y) => y === 1).length}, unlabelled ${labels.filter((y) => y === null).length})`,
    );
  }
  report.variants.push({
    ...v,
    evalF1: f.evalF1,
    evalP: f.evalP,
    evalR: f.evalR,
    broad: f.broad,
    better,
    worse,
    bBetter,
    bWorse,
    groups: strip(f.groups),
  });
});

/** The per-set figures without the per-page lists (for --json). */
function strip(groups) {
  return Object.fromEntries(Object.entries(groups).map(([g, x]) => [g, { f: x.f, p: x.p, r: x.r, n: x.n }]));
}

/** F-beta from P and R. */
const fbeta = (p, r) => (p + r > 0 ? ((1 + BETA * BETA) * p * r) / (BETA * BETA * p + r) : 0);
/**
 * Figures on a subset of the pages (the `figures` arithmetic): extract-eval's (evalF1 …) and the
 * broad set's (broad, counts) as before, and every set's in `groups` (F, P, R and per-page scores).
 * Gold sets are scored as extract-eval.mjs scores them (title in front where the gold has the
 * headline; the best of the gold variants when the page has optional paragraphs).
 */
function figuresOn(sub, textOf) {
  const evalScores = [];
  const counts = [];
  const byGroup = {};
  for (const page of sub) {
    const text = textOf(page);
    byGroup[page.group] ??= { scores: [], counts: [] };
    const g = byGroup[page.group];
    if (page.set !== 'extract-snippets') {
      const scored = page.title_in_gold && page.title ? `${page.title}\n\n${text}` : text;
      const s = {
        id: page.id,
        ...(page.goldTexts.length > 1 ? scorePageBest(scored, page.goldTexts) : scorePage(scored, page.goldText)),
      };
      g.scores.push(s);
      if (page.set === 'extract-eval') evalScores.push(s);
    } else {
      const c = { id: page.id, ...countPage(page.snippets, text) };
      g.counts.push(c);
      counts.push(c);
    }
  }
  const groups = {};
  for (const [name, g] of Object.entries(byGroup)) {
    if (name === 'broad') {
      const s = snippetScores(sumCounts(g.counts));
      groups[name] = { f: s.f, p: s.precision, r: s.recall, n: g.counts.length, counts: g.counts };
    } else {
      const a = aggregate(g.scores);
      groups[name] = { f: a.f1, p: a.p, r: a.r, n: g.scores.length, scores: g.scores };
    }
  }
  const a = evalScores.length ? aggregate(evalScores) : { f1: 0, p: 0, r: 0 };
  const s = sumCounts(counts);
  return { evalF1: a.f1, evalP: a.p, evalR: a.r, evalScores, broad: { ...s, ...snippetScores(s) }, counts, groups };
}
/**
 * The threshold's objective on training pages: the mean F-beta of the trained sets (or news / broad
 * alone); worst: the smallest gain over no stage (`ref`, the same pages' figures) of any trained set,
 * so that a threshold that costs one set loses to one that removes less.
 */
function objective(f, ref) {
  const fb = (x, g) => (x.groups[g] ? fbeta(x.groups[g].p ?? 0, x.groups[g].r) : 0);
  if (OBJECTIVE === 'eval') return fb(f, 'news');
  if (OBJECTIVE === 'broad') return fb(f, 'broad');
  const gs = TRAIN_GROUPS.filter((g) => f.groups[g]);
  if (OBJECTIVE === 'worst') return Math.min(...gs.map((g) => fb(f, g) - fb(ref, g)));
  return gs.reduce((t, g) => t + fb(f, g), 0) / gs.length;
}
if (NESTED.length) {
  const chosen = [];
  for (let f = 0; f < FOLDS; f++) {
    const trainPages = pages.filter((p) => p.fold !== f);
    let best = -1;
    let bestObj = Number.NEGATIVE_INFINITY;
    const ref = figuresOn(trainPages, (p) => p.base);
    NESTED.forEach((_, k) => {
      const o = objective(
        figuresOn(trainPages, (p) => (p.nest ? p.nest[f][k] : p.base)),
        ref,
      );
      if (o > bestObj + 1e-9) {
        bestObj = o;
        best = k;
      }
    });
    chosen.push(best);
  }
  const nestedText = (p) => (p.nestOof ? p.nestOof[chosen[p.fold]] : p.base);
  const f = figures(nestedText);
  console.log(
    `nested (thresholds chosen on the training folds: ${chosen.map((k) => NESTED[k]).join('/')}; objective ${OBJECTIVE} of ${TRAIN_GROUPS.join('+')}, beta ${BETA}): ${fmt(f)} | pages better/worse: ${movedBySet(f, base)}`,
  );
  // Every set, whole and by site half (FNV-1a of the site, h0 even / h1 odd, as extract-ablate.mjs):
  // no stage, the shipped model (in fold where it was trained), out of fold with the nested
  // thresholds and at each fixed one; pages better / worse against no stage.
  const cols = [
    ['base', (p) => p.base],
    ['shipped', (p) => p.shipped ?? p.base],
    ['nested', nestedText],
    ...NESTED.map((t, k) => [`oof ${t}`, (p) => (p.nestOof ? p.nestOof[k] : p.base)]),
  ];
  console.log(`   ${'set'.padEnd(10)} ${cols.map(([n]) => n.padStart(16)).join(' ')}`);
  const table = {};
  for (const g of GROUPS)
    for (const h of ['all', 0, 1]) {
      const sub = pages.filter((p) => p.group === g && (h === 'all' || p.half === h));
      if (sub.length === 0) continue;
      const fs = cols.map(([, t]) => figuresOn(sub, t));
      const cells = fs.map((x, c) => {
        if (c === 0) return x.groups[g].f.toFixed(4).padStart(16);
        const ds = pageDeltas(x, fs[0], g);
        return `${x.groups[g].f.toFixed(4)} +${ds.filter((d) => d.d > 0).length}/-${ds.filter((d) => d.d < 0).length}`.padStart(16);
      });
      const name = `${g}${h === 'all' ? '' : ` h${h}`} (${sub.length})`;
      console.log(`   ${name.padEnd(16)} ${cells.join(' ')}`);
      table[`${g}${h === 'all' ? '' : ` h${h}`}`] = Object.fromEntries(
        fs.map((x, c) => [cols[c][0], { f: x.groups[g].f, p: x.groups[g].p, r: x.groups[g].r }]),
      );
    }
  if (args.includes('--show-nested'))
    for (const g of GROUPS)
      for (const x of pageDeltas(f, base, g)) {
        if (x.d === 0) continue;
        const p = pages.find((q) => q.id === x.id);
        const v = (s) => (g === 'broad' ? `${s.tp}/${s.fp}` : s.f1.toFixed(3));
        console.log(`   nested ${g} h${p.half} ${x.id} (${p.site}) ${v(x.before)} -> ${v(x.after)}`);
      }
  report.nested = { chosen: chosen.map((k) => NESTED[k]), evalF1: f.evalF1, evalP: f.evalP, evalR: f.evalR, broad: f.broad, table };
}

// --moved EDGE: the pages whose score the model trained on all of the trained sets' dev pages (in
// fold, at EDGE: the model --write EDGE writes) moves against the shipped model — what shipping it changes.
if (opt('--moved', null) !== null) {
  const k = variants.findIndex((v) => v.mode === 'in' && v.edge === Number(opt('--moved', null)));
  if (k < 0) throw new Error('--moved EDGE must be one of --edges');
  const f = figures((p) => (p.texts ? p.texts[k].text : p.base));
  console.log(`in fold at ${variants[k].edge} against the shipped model: ${movedBySet(f, shipped)}`);
  for (const g of GROUPS)
    for (const x of pageDeltas(f, shipped, g)) {
      const p = pages.find((q) => q.id === x.id);
      const changed = p.texts && p.texts[k].text !== (p.shipped ?? p.base);
      if (!changed) continue;
      const v = (s) => (g === 'broad' ? `${s.tp}/${s.fp}` : s.f1.toFixed(3));
      console.log(`   moved ${g} h${p.half} ${x.id} (${p.site}) ${v(x.before)} -> ${v(x.after)}${x.d === 0 ? ' (text only)' : ''}`);
    }
}

if (RECALL > 0) {
  const found = pages.filter((p) => p.cands);
  const cand = found.flatMap((p) => p.cands.filter((c) => c.y !== null).map((c) => ({ ...c, fold: p.fold, set: p.set })));
  const e = cand.filter((r) => r.set === 'extract-eval').length;
  for (const r of cand) r.w = r.set === 'extract-eval' ? 1 : e / Math.max(1, cand.length - e);
  console.log(
    `recall: body found in ${found.length} of ${pages.length} pages; ${found.reduce((n, p) => n + p.cands.length, 0)} candidates, ` +
      `${cand.length} labelled (the story's ${cand.filter((r) => r.y === 1).length}; extract-eval ${e}, broad ${cand.length - e})`,
  );
  const recallModels = Array.from({ length: FOLDS }, (_, f) => train(cand.filter((r) => r.fold !== f)));
  // The edge rule's out-of-fold text at --inner-edge (a variant of pass 2), with the candidates added outward from the body.
  const k0 = variants.findIndex((v) => v.mode === 'oof' && v.edge === INNER_EDGE);
  const edgeText = (p) => (p.texts && k0 >= 0 ? p.texts[k0].text : p.base);
  const withRecall = (p, keep) => {
    if (!p.cands || !p.texts) return edgeText(p);
    const side = (s) => {
      const got = [];
      for (const c of p.cands.filter((c) => c.side === s)) {
        if (!keep(p, c)) break;
        got.push(c.str);
      }
      return got;
    };
    const pre = side('pre').reverse();
    return [...pre, edgeText(p), ...side('post')].filter(Boolean).join('\n\n');
  };
  const edgeF = figures(edgeText);
  const line = (name, f) => {
    const { better, worse, bBetter, bWorse } = movedPages(f, edgeF);
    console.log(
      `${name.padEnd(34)} ${fmt(f)} | pages better/worse than the edge rule: extract-eval ${better}/${worse}, broad ${bBetter}/${bWorse}`,
    );
  };
  line(`edge ${INNER_EDGE} alone (oof)`, edgeF);
  const ceiling = figures((p) => withRecall(p, (_, c) => c.y === 1));
  line('recall ceiling (gold labels)', ceiling);
  if (args.includes('--show')) {
    const evalPages = pages.filter((p) => p.set === 'extract-eval');
    ceiling.evalScores.forEach((s, i) => {
      const d = s.f1 - edgeF.evalScores[i].f1;
      const p = evalPages[i];
      if (d < -0.005)
        console.log(
          `   ceiling eval ${d.toFixed(3)} ${s.id}: ${JSON.stringify(p.cands.filter((c) => c.y === 1).map((c) => `${c.side}${c.d} ${c.str.slice(0, 60)}`))}`,
        );
    });
  }
  for (const t of RECALL_AT) {
    const chance = (p, c) => 1 / (1 + Math.exp(-logit(recallModels[p.fold], c.x)));
    let added = 0;
    const f = figures((p) => {
      const t2 = withRecall(p, (q, c) => chance(q, c) >= t);
      if (t2 !== edgeText(p)) added++;
      return t2;
    });
    line(`recall at ${t} (oof; ${added} pages changed)`, f);
  }
}
if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify(report, null, 1));
