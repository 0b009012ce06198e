// Metric functions for scripts/stories-eval.mjs (plain ESM, no dependencies, so the scorer runs
// without compiling and the test under test/stories-eval can import it).
//
// A clustering is given as an array of labels, one per article, in the same order as the gold
// labels. Pair counts are computed from contingency tables (no all-pairs loop over articles).

const pairs = (n) => (n * (n - 1)) / 2;

function countBy(keys) {
  const m = new Map();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

/** precision/recall/F1 with the conventions used throughout: an empty denominator gives 1 for
 *  precision (nothing claimed, nothing wrong) and for recall (nothing to find); F1 is 0 when
 *  both are 0. */
export function prf(tp, predicted, actual) {
  const p = predicted === 0 ? 1 : tp / predicted;
  const r = actual === 0 ? 1 : tp / actual;
  const f1 = p + r === 0 ? 0 : (2 * p * r) / (p + r);
  return { p, r, f1 };
}

/**
 * Pairwise precision, recall and F1 over unordered pairs of articles.
 * A pair is predicted when both articles share a predicted label, gold when they share a gold label.
 * With `langs` given and `crossLanguage` true, only pairs of articles in different languages count.
 */
export function pairwise(gold, pred, { langs, crossLanguage = false } = {}) {
  check(gold, pred);
  if (crossLanguage && (!langs || langs.length !== gold.length)) throw new Error('crossLanguage needs one language per article');
  const n = gold.length;
  const idx = [...Array(n).keys()];
  const both = (i) => JSON.stringify([gold[i], pred[i]]);
  if (!crossLanguage) {
    let tp = 0,
      pp = 0,
      gp = 0;
    for (const c of countBy(idx.map(both)).values()) tp += pairs(c);
    for (const c of countBy(pred).values()) pp += pairs(c);
    for (const c of countBy(gold).values()) gp += pairs(c);
    return { tp, predictedPairs: pp, goldPairs: gp, ...prf(tp, pp, gp) };
  }
  // Cross-language pairs in a group = all pairs minus same-language pairs.
  const xpairs = (keyOf) => {
    let total = 0;
    const groups = new Map();
    for (const i of idx) {
      const k = keyOf(i);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = []));
      g.push(langs[i]);
    }
    for (const ls of groups.values()) {
      let same = 0;
      for (const c of countBy(ls).values()) same += pairs(c);
      total += pairs(ls.length) - same;
    }
    return total;
  };
  const tp = xpairs(both);
  const pp = xpairs((i) => JSON.stringify(pred[i]));
  const gp = xpairs((i) => JSON.stringify(gold[i]));
  return { tp, predictedPairs: pp, goldPairs: gp, ...prf(tp, pp, gp) };
}

/**
 * B-cubed precision, recall and F1 (Bagga & Baldwin 1998), averaged over articles.
 * For article i: precision = |pred(i) ∩ gold(i)| / |pred(i)|, recall = |pred(i) ∩ gold(i)| / |gold(i)|,
 * where pred(i) and gold(i) are the predicted and gold clusters containing i (i itself included).
 *
 * Cross-language B-cubed (crossLanguage: true): the same, but for article i only the *other-language*
 * members of its clusters count: precision = |pred(i) ∩ gold(i) ∩ L(i)| / |pred(i) ∩ L(i)| and
 * recall = |pred(i) ∩ gold(i) ∩ L(i)| / |gold(i) ∩ L(i)|, L(i) = articles not in i's language.
 * Precision is averaged over the articles whose predicted cluster holds another language, recall over
 * the articles whose gold cluster holds another language (an empty average is 1).
 */
export function bcubed(gold, pred, { langs, crossLanguage = false } = {}) {
  check(gold, pred);
  if (crossLanguage && (!langs || langs.length !== gold.length)) throw new Error('crossLanguage needs one language per article');
  const n = gold.length;
  const key = (a, b) => JSON.stringify([a, b]);
  const gSize = countBy(gold),
    pSize = countBy(pred),
    bSize = new Map();
  for (let i = 0; i < n; i++) bSize.set(key(gold[i], pred[i]), (bSize.get(key(gold[i], pred[i])) ?? 0) + 1);
  if (!crossLanguage) {
    if (n === 0) return { ...prf(0, 0, 0), articles: 0 };
    let ps = 0,
      rs = 0;
    for (let i = 0; i < n; i++) {
      const inter = bSize.get(key(gold[i], pred[i]));
      ps += inter / pSize.get(pred[i]);
      rs += inter / gSize.get(gold[i]);
    }
    const p = ps / n,
      r = rs / n;
    return { p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r), articles: n };
  }
  // Per-language member counts of each cluster and of each intersection.
  const langCount = (keys) => {
    const m = new Map();
    for (let i = 0; i < n; i++) {
      const k = JSON.stringify([keys(i), langs[i]]);
      m.set(k, (m.get(k) ?? 0) + 1);
    }
    return m;
  };
  const gL = langCount((i) => gold[i]),
    pL = langCount((i) => pred[i]),
    bL = langCount((i) => key(gold[i], pred[i]));
  const other = (total, perLang, k, lang) => total - (perLang.get(JSON.stringify([k, lang])) ?? 0);
  let ps = 0,
    pn = 0,
    rs = 0,
    rn = 0;
  for (let i = 0; i < n; i++) {
    const bk = key(gold[i], pred[i]);
    const inter = other(bSize.get(bk), bL, bk, langs[i]);
    const pd = other(pSize.get(pred[i]), pL, pred[i], langs[i]);
    const gd = other(gSize.get(gold[i]), gL, gold[i], langs[i]);
    if (pd > 0) {
      ps += inter / pd;
      pn++;
    }
    if (gd > 0) {
      rs += inter / gd;
      rn++;
    }
  }
  const p = pn === 0 ? 1 : ps / pn,
    r = rn === 0 ? 1 : rs / rn;
  return { p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r), precisionArticles: pn, recallArticles: rn };
}

/**
 * Copy detection. `copyGroup[i]` is the gold copy group of article i (the id of the first article of
 * its chain of copies, or its own id); `goldCopy[i]` is true when article i is a copy (has copyOf).
 * `predDup[i]` is the predicted duplicateOf id or undefined; `indexOf` maps ids to positions.
 * A predicted duplicateOf is right when it names an article of the same gold copy group.
 * Precision = right predictions / predictions; recall = gold copies with a right prediction / gold copies.
 */
export function copies(copyGroup, goldCopy, predDup, indexOf) {
  let predicted = 0,
    right = 0,
    actual = 0,
    found = 0;
  for (let i = 0; i < copyGroup.length; i++) {
    const d = predDup[i];
    const ok =
      d !== undefined &&
      d !== null &&
      indexOf.has(String(d)) &&
      copyGroup[indexOf.get(String(d))] === copyGroup[i] &&
      indexOf.get(String(d)) !== i;
    if (d !== undefined && d !== null) {
      predicted++;
      if (ok) right++;
    }
    if (goldCopy[i]) {
      actual++;
      if (ok) found++;
    }
  }
  const p = predicted === 0 ? 1 : right / predicted;
  const r = actual === 0 ? 1 : found / actual;
  return { p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r), predicted, right, goldCopies: actual, found };
}

/** Gold copy group of each article: follow copyOf to the first article of the chain. */
export function copyGroups(articles) {
  const byId = new Map(articles.map((a) => [String(a.id), a]));
  return articles.map((a) => {
    let cur = a;
    const seen = new Set();
    while (cur.copyOf !== undefined && byId.has(String(cur.copyOf)) && !seen.has(cur.id)) {
      seen.add(cur.id);
      cur = byId.get(String(cur.copyOf));
    }
    return String(cur.id);
  });
}

/** Number of clusters and size of the largest. */
export function clusterStats(labels) {
  const c = countBy(labels);
  return { clusters: c.size, largest: Math.max(0, ...c.values()) };
}

function check(gold, pred) {
  if (gold.length !== pred.length) throw new Error(`gold has ${gold.length} labels, prediction ${pred.length}`);
}

/** Connected components of `n` articles joined by `links` ([i, j] pairs), leaving out link `skip`. */
export function components(n, links, skip = -1) {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (x) => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  links.forEach(([i, j], k) => {
    if (k !== skip) parent[find(i)] = find(j);
  });
  return parent.map((_, i) => find(i));
}

/** Pairs put together that share a gold label (`right`) and that do not (`wrong`). */
export function pairCounts(gold, pred) {
  check(gold, pred);
  let right = 0,
    all = 0;
  for (const c of countBy(gold.map((g, i) => JSON.stringify([g, pred[i]]))).values()) right += pairs(c);
  for (const c of countBy(pred).values()) all += pairs(c);
  return { right, wrong: all - right };
}

/**
 * What each link of an online clustering costs. The clustering is read as a forest: every decision
 * that put article i with article j (a join through its best member, a merge, a copy) is a link
 * [i, j], and the stories are the connected components. For each link, `wrongSaved` is how many
 * wrong pairs cutting it would remove and `rightLost` how many right pairs it would split: a
 * wrong join that bridges two big events costs the product of their sizes, which is what pairwise
 * scores weigh. Only the links in `which` (indexes, default all) are costed.
 */
export function linkCosts(gold, links, which = links.map((_, k) => k)) {
  const base = pairCounts(gold, components(gold.length, links));
  return which.map((k) => {
    const cut = pairCounts(gold, components(gold.length, links, k));
    return { link: k, wrongSaved: base.wrong - cut.wrong, rightLost: base.right - cut.right };
  });
}
