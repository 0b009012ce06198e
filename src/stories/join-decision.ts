// Join or start: what the clusterer knows about the best candidate story when it decides whether
// an article joins it, and a rule over those numbers (see README.md, "Join or start, learned").

/** The best candidate story for an article, described for the join-or-start decision. */
export interface JoinDecision {
  /** The story's id and the member that matched best (for explain views and evaluation). */
  story: string;
  via: string;
  /** Best member's similarity (decayed, cross-language scaled) and the threshold of its kind. */
  score: number;
  need: number;
  /** The best member is in another language. */
  cross: boolean;
  /** The next story's score over its own threshold (0 when there is none). */
  runnerUp: number;
  /** The story's second-best member's similarity (0 when none reached the floor). */
  second: number;
  /** Members reaching the cohesion floor, and the story's live originals. */
  support: number;
  live: number;
  /** For a merge: the live originals of the story the article joined (0 for a join). */
  partnerLive: number;
  /** Hours to the best member, and from the story's first member to its latest (its span). */
  gapHours: number;
  spanHours: number;
}

/** Decides join (true) or start a new story (false). */
export type JoinRule = (d: JoinDecision) => boolean;

// The input kind (headline alone or full text) is not among the numbers: it sets the threshold the
// ratio is read against, and as a feature of its own it let the model learn the real headlines'
// strictness (3,379 of the 3,887 training decisions are uci's) and apply it to every headline-only
// article; out of fold the vector without it ties or gains and carries across sets (README.md,
// "A ninth round"). Nor are ln ratio and ln support, which repeat ratio and support share.
export const JOIN_FEATURES = [
  'ratio',
  'cross',
  'margin',
  'second/score',
  'support share',
  'ln live',
  'gap/pace',
  'ln partner live',
  'lone',
] as const;

/**
 * Hours added to a story's span when the gap is read against it (a one-article story has none).
 * The time to the story is read against the story's own pace, not in hours: a day's silence ends a
 * story whose coverage came within an hour (uci's day-split market reports) but not one that has
 * run for two days (README.md, "A ninth round": in hours, the models learned uci's day split and
 * cut every event that runs for days).
 */
const PACE_HOURS = 6;

/**
 * The span a story of one live original is read against, at least: that of a typical event (the
 * median span of dev's multi-article events, 15.7 h). Such a story has no pace of its own: its
 * span of 0 hours says nothing, not "fast". Read against 0 hours, a next-day follow-up in nearly
 * the same words was refused, since uci's gold (every event within a minute, the next day's report
 * another event) set the gap's weight (README.md, "A lone story's pace").
 */
const LONE_PACE_HOURS = 16;

/** The decision as numbers, in the order of `JOIN_FEATURES`. */
export function joinVector(d: JoinDecision): number[] {
  const ratio = d.need > 0 ? d.score / d.need : 0;
  return [
    ratio,
    d.cross ? 1 : 0,
    ratio - d.runnerUp,
    d.score > 0 ? d.second / d.score : 0,
    d.live > 0 ? Math.min(1, d.support / d.live) : 0,
    Math.log1p(d.live),
    Math.log1p(d.gapHours / ((d.live > 1 ? d.spanHours : Math.max(d.spanHours, LONE_PACE_HOURS)) + PACE_HOURS)),
    Math.log1p(d.partnerLive),
    d.partnerLive > 0 && Math.min(d.partnerLive, d.live) === 1 ? 1 : 0,
  ];
}

/** A logistic model over `joinVector`: weights on standardised features, a bias, a cut. */
export interface JoinModel {
  mean: readonly number[];
  scale: readonly number[];
  weights: readonly number[];
  bias: number;
  /** Join when the probability reaches this. */
  cut: number;
}

export function joinProbability(m: JoinModel, x: readonly number[]): number {
  let z = m.bias;
  for (let k = 0; k < x.length; k++) z += (m.weights[k] ?? 0) * (((x[k] as number) - (m.mean[k] ?? 0)) / (m.scale[k] || 1));
  return 1 / (1 + Math.exp(-z));
}

export function joinRuleOf(m: JoinModel): JoinRule {
  return (d) => joinProbability(m, joinVector(d)) >= m.cut;
}
