// What the dev-only stories scripts (stories-links.mjs, stories-rank.mjs, stories-join.mjs) share: the two
// evaluation sets, their dev articles, the clustering engine from the build (`npm run build`
// first), the out-of-fold cut by event (time blocks), the metrics of a run, and the choice of a
// cut or threshold on the training folds. Heldout is never returned.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { bcubed, pairwise } from './stories-metrics.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The evaluation sets: synthetic (data/stories-eval) and real headlines (data/stories-uci). */
export const STORY_SETS = {
  synthetic: join(ROOT, 'data', 'stories-eval', 'articles.jsonl'),
  uci: join(ROOT, 'data', 'stories-uci', 'articles.jsonl.gz'),
};

/** The dev articles of a set's file, in order; with `headlinesOnly` every text is empty. */
export function readDev(file, headlinesOnly) {
  const raw = readFileSync(file);
  return (file.endsWith('.gz') ? gunzipSync(raw) : raw)
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l))
    .filter((a) => a.split === 'dev')
    .map((a) => (headlinesOnly ? { ...a, text: '' } : a));
}

/**
 * The engine's modules from dist/: the clusterer, story ids, date parsing, the features, the join
 * decision; and `articleOf`, a dev row as the clusterer's input.
 */
export async function loadEngine() {
  const dist = (p) => import(pathToFileURL(join(ROOT, 'dist', 'src', 'stories', p)).href);
  const [{ OnlineStoryClusterer }, { StoryIds }, { parsePublished }, { articleFeatures }, joinDecision] = await Promise.all([
    dist('clusterer.js'),
    dist('story-ids.js'),
    dist('input.js'),
    dist('features.js'),
    dist('join-decision.js'),
  ]);
  /** A dev row as the clusterer's input: the contract's fields only (the gold labels stay out). */
  const articleOf = (a) => {
    const art = { id: String(a.id), title: a.title ?? '', text: a.text ?? '', published: parsePublished(a.published) };
    for (const k of ['url', 'lang', 'source']) if (a[k] !== undefined && a[k] !== null) art[k] = a[k];
    return art;
  };
  return { OnlineStoryClusterer, StoryIds, parsePublished, articleFeatures, join: joinDecision, articleOf };
}

/** Events cut into k folds by time of first appearance, in contiguous blocks of articles. */
export function foldsOf(articles, k) {
  const first = new Map();
  articles.forEach((a, i) => {
    if (!first.has(a.event)) first.set(a.event, i);
  });
  const events = [...first.keys()];
  const fold = new Map();
  // Cut where the running article count passes each k-th of the total.
  const count = new Map();
  for (const a of articles) count.set(a.event, (count.get(a.event) ?? 0) + 1);
  let run = 0;
  for (const e of events) {
    fold.set(e, Math.min(k - 1, Math.floor((run * k) / articles.length)));
    run += count.get(e);
  }
  return fold;
}

/**
 * The three dev sets the out-of-fold scripts judge on — synthetic, synthetic with headlines only,
 * uci — each with its fold of every event (`foldsOf`); the two synthetic variants share folds.
 */
export function devSets(k) {
  const sets = [
    { name: 'dev', group: 'synthetic', articles: readDev(STORY_SETS.synthetic, false) },
    { name: 'dev headlines-only', group: 'synthetic', articles: readDev(STORY_SETS.synthetic, true) },
    { name: 'uci dev', group: 'uci', articles: readDev(STORY_SETS.uci, false) },
  ];
  const folds = new Map();
  for (const s of sets) {
    if (!folds.has(s.group)) folds.set(s.group, foldsOf(s.articles, k));
    s.fold = folds.get(s.group);
  }
  return sets;
}

/** A run's stories against the gold events: pairwise P, R and F1, B-cubed F1, and both across languages. */
export function devMetrics(articles, stories) {
  const gold = articles.map((a) => a.event);
  const langs = articles.map((a) => a.lang ?? 'und');
  const p = pairwise(gold, stories);
  const b = bcubed(gold, stories);
  return {
    b3p: b.p,
    b3r: b.r,
    p: p.p,
    r: p.r,
    pw: p.f1,
    b3: b.f1,
    xpw: pairwise(gold, stories, { langs, crossLanguage: true }).f1,
    xb3: bcubed(gold, stories, { langs, crossLanguage: true }).f1,
    multi: new Set(langs).size > 1,
  };
}

/**
 * Of `candidates` (cuts, thresholds), the one whose clustering of the training folds' articles
 * gives the best mean of pairwise and B-cubed F1, averaged over the sets of the pool (the fold's
 * group, or every set with `both`); `run(articles, candidate)` clusters and returns the stories.
 */
export function bestOnTrainingFolds(sets, { group, fold, both }, candidates, run) {
  let best = { value: undefined, score: -1 };
  for (const value of candidates) {
    let sum = 0;
    let n = 0;
    for (const s of sets) {
      if (s.group !== group && !both) continue;
      const arts = s.articles.filter((a) => s.fold.get(a.event) !== fold);
      const m = devMetrics(arts, run(arts, value));
      sum += (m.pw + m.b3) / 2;
      n++;
    }
    if (sum / n > best.score) best = { value, score: sum / n };
  }
  return best;
}
