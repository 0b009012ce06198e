// Dev-only switches for the stage ablation (scripts/extract-ablate.mjs): which stages and rules
// help on every dev set, and which only on the set they were tuned on. Unset in the extractor,
// as trim.ts's `trimTrace` is: each rule asks only at the point where it is about to act, through
// an optional call that is skipped when no hook is set, so the default path does the same work
// and gives the same output (extract-output-hash.mjs) as without the switches.

/**
 * The switchable stages and rules, by the name the ablation table uses. The edge trim's own rules
 * (stage 4's byline lines, captions, sweeps, rails …) are switched through `trimTrace` instead.
 */
export type Switch =
  | 'noscript'
  | 'prune'
  | 'prune:comments'
  | 'prune:form'
  | 'prune:share'
  | 'prune:related'
  | 'prune:promo'
  | 'prune:bio'
  | 'prune:nav'
  | 'prune:consent'
  | 'prune:consent-shape'
  | 'prune:person-box'
  | 'prune:overlay'
  | 'prune:footer'
  | 'prune:other-articles'
  | 'prune:teaser-lists'
  | 'prune:sign-up-email'
  | 'prune:thread-shape'
  | 'prune:thread-blocks'
  | 'prune:thread-runs'
  | 'prune:thread-names'
  | 'prune:sign-up-one-field'
  | 'trim'
  | 'trim:loose-text'
  | 'trim:lone-teaser'
  | 'grow'
  | 'grow:plain'
  | 'second-look'
  | 'title-story'
  | 'header-body'
  | 'gallery'
  | 'learned'
  | 'link-lines'
  | 'hover-card'
  | 'self-links'
  | 'titled-rail'
  | 'live-feed'
  | 'live-div-feed'
  | 'opening'
  | 'structured-body'
  | 'script-state';

/**
 * The hook: told that a rule is about to act on the page being extracted (once or more per page);
 * answering true switches it off there (the page goes on as if the rule had not matched). The
 * driver both records which rules act on a page (to rerun only those pages) and switches one off.
 * Null in the extractor: no rule is switched off and nothing is recorded.
 */
export const ablation: { off: ((rule: Switch) => boolean) | null } = { off: null };

/** `found` unless it is a body found by `rule` and the hook switches that rule off. */
export function unlessOff<T>(rule: Switch, found: T | null): T | null {
  return found !== null && ablation.off?.(rule) ? null : found;
}
