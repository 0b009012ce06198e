// Stage 3, the candidate choice: which body a page gets — Readability's scoring on the page with
// its furniture removed (prune.ts). Until the x-ablate round a second candidate was built for short
// bodies after heavy pruning (Readability on the whole page, furniture only marked, then cut out of
// the body it chose); switched off, no half of the three dev sets scored worse and four scored
// better, so it went (README, "Stage ablation"). A body chosen wrongly is the later stages' to
// replace (second-look.ts, title-story.ts, header-body.ts).
import { Readability } from '@mozilla/readability';
import type { DomDocument, DomElement } from './dom.js';
import { pruneFurniture } from './prune.js';
import { newReadability, tuneForLinkedom } from './readability-linkedom.js';

export type ReadabilityArticle = {
  title?: string | null;
  content?: DomElement | null;
  excerpt?: string | null;
  byline?: string | null;
  dir?: string | null;
  siteName?: string | null;
  lang?: string | null;
  publishedTime?: string | null;
  /** The body's text as Readability returned it (its textContent). */
  textContent?: string | null;
};

/** A body under this many characters of text is short: the second look (second-look.ts) looks again. */
export const SHORT_TEXT = 1500;

// Readability hands back the body element itself rather than its markup.
const OPTIONS = { keepClasses: true, serializer: (node: DomElement): DomElement => node };

function runReadability(doc: DomDocument, warnings: string[]): ReadabilityArticle | null {
  try {
    const reader = newReadability(Readability<DomElement>, doc, OPTIONS);
    tuneForLinkedom(reader);
    return reader.parse() as ReadabilityArticle | null;
  } catch (err) {
    // A tree linkedom built from broken markup can trip Readability; the page still has text.
    warnings.push(`content scoring failed (${err instanceof Error ? err.message : String(err)}); used the one-pass content finder`);
    return null;
  }
}

/**
 * Chooses the body of `doc` (which it changes): Readability's on the pruned page. `onPruned` is
 * given the pruned page before the scorer changes it.
 */
export function chooseArticle(doc: DomDocument, warnings: string[], onPruned?: (pruned: DomDocument) => void): ReadabilityArticle | null {
  pruneFurniture(doc);
  onPruned?.(doc);
  return runReadability(doc, warnings);
}
