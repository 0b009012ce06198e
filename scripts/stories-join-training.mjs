// The training half of stories-join.mjs (issue 10), shared with stories-siblings.mjs: the engine
// run with learned join and merge rules (examples recorded and labelled), the logistic model, and
// the model of one kind for one held-out fold. `o` is stories-join.mjs's options object (its
// defaults: `joinDefaults()`); `engine` is stories-dev.mjs's `loadEngine()`. Dev only, as the
// sets given to it.
import { bestOnTrainingFolds } from './stories-dev.mjs';

/** stories-join.mjs's options before its arguments are read. */
export function joinDefaults() {
  return {
    what: 'join',
    mergeLambda: null,
    mergeDrop: null,
    band: Number.POSITIVE_INFINITY,
    emit: null,
    folds: 4,
    train: 'own',
    share: 0.6,
    lambda: 0.01,
    cut: '0.5',
    label: 'via',
    rounds: 1,
    drop: [],
    showWeights: false,
    balance: false,
    places: false,
  };
}

/**
 * Clusters `articles` in order. `decide(x, article)` is the join rule (null: the engine's);
 * every decision is recorded with its label. Returns the resolved story of each article, the
 * examples, and the engine's own answers (`assignments`: story before resolution, duplicateOf).
 */
export function runSet(engine, o, articles, decide) {
  const { OnlineStoryClusterer, StoryIds, articleOf, join } = engine;
  const { joinVector } = join;
  const eventOf = new Map(articles.map((a) => [String(a.id), a.event]));
  const members = new Map(); // story id → gold events of its articles (our own bookkeeping)
  let current = null;
  const examples = [];
  const label = (d) => {
    const gold = current.event;
    if (o.label === 'via') return eventOf.get(d.via) === gold ? 1 : 0;
    const ev = members.get(d.story) ?? [];
    return ev.filter((e) => e === gold).length * 2 > ev.length ? 1 : 0;
  };
  const ruleOf = (kind) => (d) => {
    const x = joinVector(d);
    for (const k of kind === 'merge' && o.mergeDrop ? o.mergeDrop : o.drop) x[k] = 0;
    const own = kind === 'join' ? d.score >= d.need : true;
    // --band R: the model decides a join only under R × the threshold; at or over it, the article joins.
    const join = decide?.[kind] ? (kind === 'join' && x[0] >= o.band ? true : decide[kind](x, current)) : own;
    examples.push({
      kind,
      x,
      y: label(d),
      event: current.event,
      join,
      id: current.id,
      via: d.via,
      story: d.story,
      title: current.title,
      d,
    });
    return join;
  };
  // The engine's defaults are the shipped models; without a decider for a kind, the rule used
  // is the engine before them (the threshold; every merge its guards allow).
  // --places: the engine compares country names across scripts (ClusterOptions.places), as the
  // models it trains will run when a desk clusters with places.
  const c = new OnlineStoryClusterer({
    joinRule: ruleOf('join'),
    mergeRule: ruleOf('merge'),
    candidateShare: decide?.join ? o.share : 1,
    places: o.places === true,
  });
  const ids = new StoryIds();
  const out = articles.map((a) => {
    current = a;
    const r = c.add(articleOf(a));
    ids.note(r);
    let list = members.get(r.story);
    if (!list) members.set(r.story, (list = []));
    list.push(a.event);
    for (const m of r.merged ?? []) {
      for (const e of members.get(m) ?? []) list.push(e);
      members.delete(m);
    }
    return r;
  });
  return { stories: out.map((r) => ids.resolve(r.story)), examples, assignments: out };
}

/** A logistic model over the examples' vectors (`D` numbers each): standardised features, L2, full-batch descent. */
export function train(o, D, ex, lambda = o.lambda) {
  const mean = new Array(D).fill(0);
  const scale = new Array(D).fill(0);
  for (const e of ex) for (let k = 0; k < D; k++) mean[k] += e.x[k] / ex.length;
  for (const e of ex) for (let k = 0; k < D; k++) scale[k] += (e.x[k] - mean[k]) ** 2 / ex.length;
  for (let k = 0; k < D; k++) scale[k] = Math.sqrt(scale[k]) || 1;
  const z = ex.map((e) => e.x.map((v, k) => (v - mean[k]) / scale[k]));
  // --balance: each set group carries the same total weight (uci has seven times the decisions).
  const groups = new Map();
  for (const e of ex) groups.set(e.group, (groups.get(e.group) ?? 0) + 1);
  const sw = ex.map((e) => (o.balance ? ex.length / (groups.size * groups.get(e.group)) : 1));
  const w = new Array(D).fill(0);
  let b = 0;
  const lr = 0.5;
  for (let it = 0; it < 600; it++) {
    const g = new Array(D).fill(0);
    let gb = 0;
    for (let i = 0; i < ex.length; i++) {
      let s = b;
      for (let k = 0; k < D; k++) s += w[k] * z[i][k];
      const err = (1 / (1 + Math.exp(-s)) - ex[i].y) * sw[i];
      gb += err;
      for (let k = 0; k < D; k++) g[k] += err * z[i][k];
    }
    for (let k = 0; k < D; k++) w[k] -= lr * (g[k] / ex.length + lambda * w[k]);
    b -= lr * (gb / ex.length);
  }
  return { mean, scale, weights: w, bias: b, cut: 0.5 };
}

/**
 * Round 1: each set clustered by the engine before the models; its decisions, with fold and
 * group, on `s.examples`. Returns each set's stories of that run.
 */
export function firstRoundExamples(engine, o, sets) {
  return sets.map((s) => {
    const r = runSet(engine, o, s.articles, null);
    s.examples = r.examples.map((e) => ({ ...e, fold: s.fold.get(e.event), group: s.group }));
    return r.stories;
  });
}

/**
 * The model of `kind` for the events of `fold` in `group`, trained on the other folds' examples
 * (of the group, or as --train says), at --cut or with --cut f1 at the best cut on the training folds.
 */
export function foldModel(engine, o, sets, kind, group, fold) {
  const { joinProbability, JOIN_FEATURES } = engine.join;
  const ex = [];
  for (const s of sets)
    if ((o.train === 'other') !== (s.group === group) || o.train === 'both')
      for (const e of s.examples) if ((e.fold !== fold || o.train === 'other') && e.kind === kind) ex.push(e);
  const m = train(o, JOIN_FEATURES.length, ex, kind === 'merge' ? (o.mergeLambda ?? o.lambda) : o.lambda);
  if (o.cut === 'f1') {
    const cuts = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7];
    const pool = { group, fold, both: o.train === 'both' };
    m.cut = bestOnTrainingFolds(
      sets,
      pool,
      cuts,
      (arts, cut) => runSet(engine, o, arts, { [kind]: (x) => joinProbability(m, x) >= cut }).stories,
    ).value;
  } else m.cut = Number(o.cut);
  m.n = ex.length;
  return m;
}
