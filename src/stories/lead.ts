// Which article fronts a story (its teaser headline and the "Read more" target). The rule:
//  1. in the reader's language when the story has coverage in it (a page in Persian leads with a
//     Persian article);
//  2. an original over a copy (a copy is the same text, republished later);
//  3. a complete article over a short one: text of at least COMPLETE_CHARS characters over a
//     stub or a headline alone;
//  4. the earliest (the outlet that broke it), undated ones after dated ones;
//  5. the smallest id, so the choice is stable.
// Pure, so the pipeline, the pages and the API pick the same lead from what the store holds.

export const COMPLETE_CHARS = 600;

export interface LeadCandidate {
  id: string;
  lang?: string | null;
  published?: number | null;
  /** Length of the plain text (0 for a headline alone). */
  textLength: number;
  /** Set when the article is a copy of another. */
  duplicateOf?: string | null;
}

function rank(c: LeadCandidate, lang: string | null): number[] {
  const base = (c.lang ?? '').toLowerCase().split(/[-_]/)[0];
  return [
    lang !== null && base === lang ? 0 : 1,
    c.duplicateOf ? 1 : 0,
    c.textLength >= COMPLETE_CHARS ? 0 : c.textLength > 0 ? 1 : 2,
    typeof c.published === 'number' && Number.isFinite(c.published) ? c.published : Number.POSITIVE_INFINITY,
  ];
}

/** The lead of a story's articles (see the rule above); undefined for none. */
export function chooseLead<T extends LeadCandidate>(candidates: readonly T[], lang?: string | null): T | undefined {
  const want = lang ? (lang.toLowerCase().split(/[-_]/)[0] as string) : null;
  let best: T | undefined;
  let bestRank: number[] = [];
  for (const c of candidates) {
    const r = rank(c, want);
    let better = best === undefined;
    if (!better) {
      for (let i = 0; i < r.length; i++) {
        if ((r[i] as number) !== (bestRank[i] as number)) {
          better = (r[i] as number) < (bestRank[i] as number);
          break;
        }
        if (i === r.length - 1) better = c.id < (best as T).id;
      }
    }
    if (better) {
      best = c;
      bestRank = r;
    }
  }
  return best;
}
