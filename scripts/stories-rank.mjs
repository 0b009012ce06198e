#!/usr/bin/env node
// A learned story score done as ranking (issue 10), judged out of fold on the dev splits.
//
//   npm run build && nice node scripts/stories-rank.mjs [--folds K] [--train own|both]
//       [--tau acc|f1] [--story max|best] [--lambda L] [--merge-gap D] [--drop I,J…]
//       [--show-weights] [--plumbing]
//
// Figures and the verdict (not kept): src/stories/README.md, "A learned story score done as
// ranking". --plumbing runs this harness with the engine's own score and thresholds (a check).
//
// The anchor the issue names (multilingual streaming news clustering, 2018) scores an article
// against each candidate cluster with several similarities (one TF-IDF cosine per feature group,
// time features) whose weights are learned with a ranking objective (the article's own cluster
// should outrank the other candidates), then decides with a fitted threshold whether the best
// candidate is good enough or a new cluster starts. This script tries that inside our engine:
//
// - OnlineStoryClusterer (dist/) is run with its `score` replaced: the same inverted index, the
//   same postings (newest maxScan), the same two-word and cross-language sharing rules, the same
//   size and cohesion guards; but each candidate story is described by a vector of per-group
//   similarities to the members the index touched (elementwise best over the members): cosine
//   over all features (the engine's), over the language-neutral ones, over terms only, over the
//   headline's terms, over numbers `n:`, name keys `x:`, concepts `c:`, entities `e:`; same
//   language, either side headline-only, recency 0.5^(hours/36), shared terms and shared neutral
//   features (log 1+n), and the engine's own score (decayed, cross-language scaled) so the model
//   can at least reproduce the engine; three products (all-feature cosine × same language,
//   neutral cosine × other language, headline cosine × headline-only). --drop zeroes some.
//   --story best takes the vector of the member the engine's score finds best instead.
// - Training data are gathered once per set with the engine as it is (the vectors and the index
//   do not depend on the stories): for each original, its touched members grouped by GOLD event
//   (teacher forcing) give one candidate vector per event.
// - Weights: logistic pairwise ranking loss on (gold event, other candidate event) differences,
//   L2, features standardised, full-batch gradient descent (own code, no dependency).
// - Threshold: the learned score of the best candidate; τ maximises the accuracy of "join the
//   best candidate" on the training folds (positive when the best candidate is the gold event).
//   Merges of other stories need τ + merge-gap (the lone-article fold uses τ), and the engine's
//   own merge guard for two established stories stays on the cosine scale.
// - Out of fold: the events of each set are cut into K folds by time of first appearance
//   (contiguous blocks: an event is on one side only; the synthetic set's full-text and
//   headline-only variants share folds). Each article is scored by the model trained without its
//   event's fold (on the other folds of the synthetic set, and with --train both also of uci).
//
// Prints, for synthetic dev, synthetic dev headlines-only and uci dev: the engine as it is, and
// the learned score out of fold (pairwise, B-cubed, cross-language pairwise / B-cubed F1).
// Dev only: heldout is never read.
import { bestOnTrainingFolds, devMetrics, devSets, loadEngine } from './stories-dev.mjs';

const HOUR = 3_600_000;
const NAMES = [
  'cos all',
  'cos neutral',
  'cos terms',
  'cos headline terms',
  'cos n:',
  'cos x:',
  'cos c:',
  'cos e:',
  'same language',
  'headline-only',
  'recency',
  'shared terms',
  'shared neutral',
  'engine score',
  'cos all × same language',
  'cos neutral × other language',
  'cos headline terms × headline-only',
];
const D = NAMES.length;
const GROUPS = ['n:', 'x:', 'c:', 'e:'];

function parseArgs(argv) {
  const o = { folds: 4, train: 'both', lambda: 0.01, mergeGap: 1, showWeights: false, story: 'max', tau: 'acc', drop: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--folds') o.folds = Number(argv[++i]);
    else if (a === '--train') o.train = argv[++i];
    else if (a === '--lambda') o.lambda = Number(argv[++i]);
    else if (a === '--merge-gap') o.mergeGap = Number(argv[++i]);
    else if (a === '--show-weights') o.showWeights = true;
    else if (a === '--story') o.story = argv[++i];
    else if (a === '--plumbing') o.plumbing = true;
    else if (a === '--tau') o.tau = argv[++i];
    else if (a === '--drop') o.drop = argv[++i].split(',').map(Number);
    else if (a === '--split') {
      if (argv[++i] !== 'dev') throw new Error('--split: dev only (heldout is never read)');
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!['own', 'both'].includes(o.train)) throw new Error('--train is own or both');
  return o;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const { OnlineStoryClusterer, StoryIds, articleOf, articleFeatures } = await loadEngine();

  /** Per-group squared norms of a doc (cached on it), and its feature → weight map. */
  const prep = (d) => {
    if (d.rk) return d.rk;
    const w = new Map();
    const g = { all: 0, neutral: 0, terms: 0, title: 0, n: [0, 0, 0, 0] };
    for (let i = 0; i < d.feats.length; i++) {
      const f = d.feats[i];
      const x = d.weights[i];
      w.set(f, x);
      g.all += x * x;
      if (f.neutral) {
        g.neutral += x * x;
        const gi = GROUPS.indexOf(f.key.slice(0, 2));
        if (gi >= 0) g.n[gi] += x * x;
      } else {
        g.terms += x * x;
        if (d.titleKeys.has(f.key)) g.title += x * x;
      }
    }
    d.rk = { w, g };
    return d.rk;
  };
  const cos = (dot, a, b) => (a > 0 && b > 0 ? dot / Math.sqrt(a * b) : 0);

  /** The feature vector of one (article, member) pair; engineSim as the engine computes it. */
  const pairVector = (doc, m, engineSim, sharedTerms, sharedNeutral) => {
    const A = prep(doc);
    const B = prep(m);
    let all = 0;
    let neutral = 0;
    let terms = 0;
    let title = 0;
    let titleA = 0;
    let titleB = 0;
    const gd = [0, 0, 0, 0];
    for (let i = 0; i < m.feats.length; i++) {
      const f = m.feats[i];
      const wa = A.w.get(f);
      if (wa === undefined) continue;
      const p = wa * m.weights[i];
      all += p;
      if (f.neutral) {
        neutral += p;
        const gi = GROUPS.indexOf(f.key.slice(0, 2));
        if (gi >= 0) gd[gi] += p;
      } else {
        terms += p;
        if (doc.titleKeys.has(f.key) && m.titleKeys.has(f.key)) title += p;
      }
    }
    titleA = A.g.title;
    titleB = B.g.title;
    const v = new Float64Array(D);
    v[0] = cos(all, A.g.all, B.g.all);
    v[1] = cos(neutral, A.g.neutral, B.g.neutral);
    v[2] = cos(terms, A.g.terms, B.g.terms);
    v[3] = cos(title, titleA, titleB);
    for (let k = 0; k < 4; k++) v[4 + k] = cos(gd[k], A.g.n[k], B.g.n[k]);
    v[8] = doc.lang === m.lang ? 1 : 0;
    v[9] = doc.headlineOnly || m.headlineOnly ? 1 : 0;
    v[10] = 0.5 ** (Math.abs(doc.time - m.time) / HOUR / 36);
    v[11] = Math.log1p(sharedTerms);
    v[12] = Math.log1p(sharedNeutral);
    v[13] = engineSim;
    v[14] = v[0] * v[8];
    v[15] = v[1] * (1 - v[8]);
    v[16] = v[3] * v[9];
    for (const k of o.drop) v[k] = 0;
    return v;
  };

  class RankClusterer extends OnlineStoryClusterer {
    /** 'collect': record candidates, decide as the engine; 'model': decide with `model`. */
    mode = 'collect';
    model = null;
    /** Per original: [{ member doc id, vector }]. */
    collected = [];

    vectorise(seq, a, title, text, time, headlineOnly) {
      const doc = super.vectorise(seq, a, title, text, time, headlineOnly);
      const t = articleFeatures(title, '', a.entities, this.options.leadWords, 1, a.lang);
      doc.titleKeys = new Set(t.terms.keys());
      return doc;
    }

    score(doc) {
      const o = this.options;
      const sl = this.slots;
      const n = this.queue.length - this.queueHead;
      const dfCap = Math.min(o.maxDf, Math.max(o.minDfCap, o.maxDfShare * n));
      const dot = new Map();
      const dotN = new Map();
      const shN = new Map();
      const shT = new Map();
      for (let i = 0; i < doc.feats.length; i++) {
        const f = doc.feats[i];
        if (f.live === 0 || f.live > dfCap) continue;
        const qw = doc.weights[i];
        if (f.w.length > 2 * f.live + 8) this.compact(f);
        const stop = Math.max(0, f.w.length - o.maxScan);
        for (let k = f.w.length - 1; k >= stop; k--) {
          const t = f.at[2 * k];
          if (sl.seq[t] !== f.at[2 * k + 1]) continue;
          const p = qw * f.w[k];
          dot.set(t, (dot.get(t) ?? 0) + p);
          if (f.neutral) {
            dotN.set(t, (dotN.get(t) ?? 0) + p);
            shN.set(t, (shN.get(t) ?? 0) + 1);
          } else shT.set(t, (shT.get(t) ?? 0) + 1);
        }
      }
      const decay = Math.LN2 / (o.halfLifeHours * HOUR);
      const floor = o.joinSame0 * o.cohesionFloor;
      const rows = [];
      const byStory = new Map();
      for (const [t, dt0] of dot) {
        const m = sl.doc[t];
        const dt = Math.abs(doc.time - m.time);
        if (dt > o.windowMs) continue;
        let sim;
        if (m.lang === doc.lang) {
          if ((shT.get(t) ?? 0) < o.minSharedSame) continue;
          sim = doc.norm > 0 && m.norm > 0 ? dt0 / (doc.norm * m.norm) : 0;
        } else {
          if ((shN.get(t) ?? 0) < o.minSharedCross) continue;
          sim = doc.normNeutral > 0 && m.normNeutral > 0 ? (dotN.get(t) ?? 0) / (doc.normNeutral * m.normNeutral) : 0;
          sim *= o.joinSame0 / o.joinCross;
        }
        sim *= Math.exp(-dt * decay);
        const v = pairVector(doc, m, sim, shT.get(t) ?? 0, shN.get(t) ?? 0);
        rows.push({ id: m.id, v });
        const s = m.story;
        let e = byStory.get(s);
        if (!e) {
          e = { s, v: new Float64Array(D), best: -Infinity, second: -Infinity, via: m, simBest: 0, simSecond: 0, viaSim: -1 };
          byStory.set(s, e);
        }
        if (o.storyMode === 'max') for (let k = 0; k < D; k++) e.v[k] = Math.max(e.v[k], v[k]);
        else if (sim > e.viaSim) e.v = v;
        if (sim >= floor) {
          if (sim > e.simBest) {
            e.simSecond = e.simBest;
            e.simBest = sim;
          } else if (sim > e.simSecond) e.simSecond = sim;
        }
        if (sim > e.viaSim) {
          e.viaSim = sim;
          e.via = m;
        }
        if (this.mode === 'model') {
          const ms = this.model.score(v);
          if (ms > e.best) {
            e.second = e.best;
            e.best = ms;
          } else if (ms > e.second) e.second = ms;
        }
      }
      if (this.mode === 'collect') {
        this.collected.push({ id: doc.id, rows });
        return this.engineScore(byStory);
      }
      const out = [];
      const tau = this.model.tau;
      for (const e of byStory.values()) {
        const s = e.s;
        const score = this.model.score(e.v);
        if (score < tau || s.size >= o.maxStorySize || (s.live >= o.cohesionSize && e.simSecond === 0)) continue;
        s.score = score;
        // The merge guard of two established stories: the second member at the engine's merge level.
        s.second = e.simSecond >= o.merge0 ? Number.POSITIVE_INFINITY : 0;
        s.via = e.via;
        out.push(s);
      }
      return out;
    }

    /** The engine's own decision from the same candidates (for collect mode and a check). */
    engineScore(byStory) {
      const o = this.options;
      const out = [];
      for (const e of byStory.values()) {
        const s = e.s;
        if (e.simBest === 0) continue;
        const via = e.via;
        s.score = e.simBest;
        s.second = e.simSecond;
        s.via = via;
        const headlines = (this._headlineOnly || via.headlineOnly) && via.lang === this._lang;
        if (
          s.score < (headlines ? o.joinHeadlines : o.joinSame) ||
          s.size >= o.maxStorySize ||
          (s.live >= o.cohesionSize && s.second === 0)
        )
          continue;
        out.push(s);
      }
      return out;
    }
  }

  const runSet = (articles, setup) => {
    const c = new RankClusterer({ joinRule: null, mergeRule: null, candidateShare: 1 });
    c.options.joinSame0 = c.options.joinSame;
    c.options.merge0 = c.options.merge;
    c.options.storyMode = o.story;
    setup?.(c);
    const origScore = c.score.bind(c);
    c.score = (doc) => {
      c._headlineOnly = doc.headlineOnly;
      c._lang = doc.lang;
      return origScore(doc);
    };
    const ids = new StoryIds();
    const out = articles.map((a) => {
      c.beforeAdd?.(a);
      const r = c.add(articleOf(a));
      ids.note(r);
      return r;
    });
    return { stories: out.map((r) => ids.resolve(r.story)), collected: c.collected };
  };

  const sets = devSets(o.folds);

  // 1. The engine as it is, and the training data (candidates by gold event).
  for (const s of sets) {
    const r = runSet(s.articles);
    s.engine = devMetrics(s.articles, r.stories);
    const eventOf = new Map(s.articles.map((a) => [String(a.id), a.event]));
    s.examples = [];
    for (const { id, rows } of r.collected) {
      const byEvent = new Map();
      for (const { id: mid, v } of rows) {
        const e = eventOf.get(mid);
        let x = byEvent.get(e);
        if (o.story === 'max') {
          if (!x) byEvent.set(e, (x = new Float64Array(D)));
          for (let k = 0; k < D; k++) if (v[k] > x[k]) x[k] = v[k];
        } else if (!x || v[13] > x[13]) byEvent.set(e, v);
      }
      const gold = eventOf.get(id);
      s.examples.push({
        event: gold,
        fold: s.fold.get(gold),
        gold: byEvent.get(gold) ?? null,
        others: [...byEvent].filter(([e]) => e !== gold).map(([, v]) => v),
      });
    }
  }

  // 2. A model per (group, fold): ranking weights, then τ.
  const train = (examples) => {
    const mean = new Float64Array(D);
    const sd = new Float64Array(D);
    let cnt = 0;
    for (const ex of examples)
      for (const v of ex.gold ? [ex.gold, ...ex.others] : ex.others) {
        cnt++;
        for (let k = 0; k < D; k++) mean[k] += v[k];
      }
    for (let k = 0; k < D; k++) mean[k] /= Math.max(1, cnt);
    for (const ex of examples)
      for (const v of ex.gold ? [ex.gold, ...ex.others] : ex.others) for (let k = 0; k < D; k++) sd[k] += (v[k] - mean[k]) ** 2;
    for (let k = 0; k < D; k++) sd[k] = Math.sqrt(sd[k] / Math.max(1, cnt)) || 1;
    const diffs = [];
    for (const ex of examples) {
      if (!ex.gold) continue;
      for (const v of ex.others) {
        const d = new Float64Array(D);
        for (let k = 0; k < D; k++) d[k] = (ex.gold[k] - v[k]) / sd[k];
        for (const k of o.drop) d[k] = 0;
        diffs.push(d);
      }
    }
    const w = new Float64Array(D);
    if (!o.drop.includes(13)) w[13] = 1; // start from the engine's score
    // L2 toward the start (the engine's score alone), so a weak signal leaves the engine as it is.
    const w0 = Float64Array.from(w);
    const lr = 0.5;
    for (let it = 0; it < 400; it++) {
      const g = new Float64Array(D);
      for (const d of diffs) {
        let z = 0;
        for (let k = 0; k < D; k++) z += w[k] * d[k];
        const p = 1 / (1 + Math.exp(z)); // d loss / d z = -p
        for (let k = 0; k < D; k++) g[k] -= p * d[k];
      }
      for (let k = 0; k < D; k++) w[k] -= lr * (g[k] / Math.max(1, diffs.length) + o.lambda * (w[k] - w0[k]));
    }
    const score = (v) => {
      let z = 0;
      for (let k = 0; k < D; k++) z += (w[k] * (v[k] - mean[k])) / sd[k];
      return z;
    };
    // τ: accuracy of "join the best candidate" (right when the best candidate is the gold event).
    const cases = [];
    for (const ex of examples) {
      const cands = [...(ex.gold ? [{ v: ex.gold, ok: true }] : []), ...ex.others.map((v) => ({ v, ok: false }))];
      if (cands.length === 0) continue;
      let best = null;
      let bs = -Infinity;
      for (const c of cands) {
        const z = score(c.v);
        if (z > bs) {
          bs = z;
          best = c;
        }
      }
      cases.push({ z: bs, ok: best.ok });
    }
    cases.sort((a, b) => b.z - a.z);
    // Join everything at or above τ: accuracy = right joins above + right refusals below.
    const negTotal = cases.filter((c) => !c.ok).length;
    let pos = 0;
    let neg = 0;
    let bestAcc = negTotal;
    let tau = cases.length ? cases[0].z + 1 : 0;
    for (let i = 0; i < cases.length; i++) {
      if (cases[i].ok) pos++;
      else neg++;
      const acc = pos + (negTotal - neg);
      if (acc > bestAcc && (i + 1 === cases.length || cases[i + 1].z < cases[i].z)) {
        bestAcc = acc;
        tau = i + 1 < cases.length ? (cases[i].z + cases[i + 1].z) / 2 : cases[i].z - 1e-9;
      }
    }
    return { w, mean, sd, score, tau, pairs: diffs.length, acc: bestAcc / Math.max(1, cases.length), zs: cases.map((c) => c.z) };
  };

  const models = new Map();
  const modelFor = (group, fold) => {
    const key = `${group}/${fold}`;
    // --plumbing: the engine's own score and thresholds through this path (a check of the harness).
    if (o.plumbing) return { score: (v) => v[13], tau: 0.22, w: new Float64Array(D), sd: new Float64Array(D).fill(1), pairs: 0, acc: 0 };
    if (models.has(key)) return models.get(key);
    const ex = [];
    for (const s of sets) if (s.group === group || o.train === 'both') for (const e of s.examples) if (e.fold !== fold) ex.push(e);
    const m = train(ex);
    if (o.tau === 'f1') {
      // τ by the clustering itself, run on the training folds' articles only (each set of the pool).
      const zs = [...m.zs].sort((a, b) => a - b);
      const grid = [];
      for (let q = 0.02; q <= 0.5; q += 0.02) grid.push(zs[Math.floor(q * (zs.length - 1))]);
      const pool = { group, fold, both: o.train === 'both' };
      const best = bestOnTrainingFolds(
        sets,
        pool,
        grid,
        (arts, tau) =>
          runSet(arts, (c) => {
            c.mode = 'model';
            c.model = m;
            c.options.joinSame = tau;
            c.options.merge = tau + o.mergeGap;
          }).stories,
      );
      m.tau = best.value ?? m.tau;
      m.trainF = best.score;
    }
    models.set(key, m);
    return m;
  };

  for (const s of sets) {
    const ex = s.examples;
    const withGold = ex.filter((e) => e.gold);
    const contested = withGold.filter((e) => e.others.length > 0);
    const engineFirst = contested.filter((e) => e.others.every((v) => v[13] < e.gold[13])).length;
    const pairs = contested.reduce((n, e) => n + e.others.length, 0);
    console.log(
      `${s.name}: ${ex.length} originals, ${withGold.length} with their event among the candidates, ${contested.length} of them beside another event (${pairs} ranking pairs; the engine's score ranks the gold event first in ${engineFirst}), ${ex.length - withGold.length} with no earlier member of their event touched (${ex.filter((e) => !e.gold && e.others.length > 0).length} of them with other candidates)`,
    );
  }
  const f = (x) => x.toFixed(3);
  const line = (name, m) =>
    `${name.padEnd(40)} pairwise ${f(m.pw)}  B-cubed ${f(m.b3)}${m.multi ? `  xlang ${f(m.xpw)} / ${f(m.xb3)}` : ''}`;
  console.log(
    `stories-rank: ${o.folds} folds by event (time blocks), train ${o.train}, lambda ${o.lambda}, merge gap ${o.mergeGap}, story ${o.story}, tau ${o.tau}${o.drop.length ? `, without ${o.drop.map((k) => NAMES[k]).join(', ')}` : ''}`,
  );
  for (const s of sets) {
    const fold = s.fold;
    const r = runSet(s.articles, (c) => {
      c.mode = 'model';
      c.beforeAdd = (a) => {
        c.model = modelFor(s.group, fold.get(a.event));
        c.options.joinSame = c.model.tau;
        c.options.merge = o.plumbing ? 0.4 : c.model.tau + o.mergeGap;
      };
    });
    s.oof = devMetrics(s.articles, r.stories);
    console.log(line(`${s.name}: engine`, s.engine));
    console.log(line(`${s.name}: ranked, out of fold`, s.oof));
  }
  for (const [key, m] of models) {
    console.log(
      `model ${key}: ${m.pairs} ranking pairs, τ ${m.tau.toFixed(2)}, join accuracy ${f(m.acc)}${m.trainF ? `, training-fold F1 mean ${f(m.trainF)}` : ''}`,
    );
    if (o.showWeights) console.log(`  ${NAMES.map((n, k) => `${n} ${(m.w[k] / m.sd[k]).toFixed(2)}`).join(', ')}`);
  }
}

main().catch((e) => {
  console.error(`stories-rank: ${e.stack ?? e.message}`);
  process.exitCode = 2;
});
