// Stage 3, the candidate choice: which body a page gets. Two candidates, built only as far as
// needed:
//   A. Readability's scoring on the page with its furniture removed (prune.ts). The default.
//   B. Readability's scoring on the whole page, furniture only marked, then cut out of the body
//      it chose. Built only when A is short (under SHORT_TEXT characters) and pruning removed
//      at least REMOVED_SHARE times A's text: that is the one case where pruning can mislead the
//      scorer — a short post whose paragraphs scored high only together with the comment thread
//      below them, so that without the thread a sidebar outscores them. Furniture with less
//      text than the body A chose did not weigh enough to move the choice (README, sixth round).
// Rule: B replaces A when the cut leaves B at least KEEP_SHARE of its text: then B's body was the
// article with furniture attached, found with everything in view, and A's choice came from
// the pruning rather than the page. When B's body was mostly furniture (the scorer picked a
// comment thread over a short post), the cut guts it and A stays.
import { ablation } from './ablation.js';
import { Readability } from '@mozilla/readability';
import type { DomDocument, DomElement } from './dom.js';
import { markFurniture, pruneFurniture, removeMarked } from './prune.js';
import { newReadability, tuneForLinkedom } from './readability-linkedom.js';
import { squeezedAtLeast, squeezedLength } from './squeeze.js';
import { squeezedTextLength } from './walk.js';

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

/** A body under this many characters of text is checked against candidate B. */
export const SHORT_TEXT = 1500;
/**
 * Candidate B is built only when pruning removed at least this many times the text of A's body:
 * less furniture than that did not decide which block the scorer chose (not a proof; measured).
 */
export const REMOVED_SHARE = 1;
/** Share of its text candidate B must keep after its furniture is cut to replace A. */
export const KEEP_SHARE = 0.5;

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

function textLength(el: DomElement | null | undefined): number {
  return el ? squeezedTextLength(el) : 0;
}

/**
 * Chooses the body of `doc` (which it may change). `reparse` builds a fresh copy of the same
 * page, for candidate B. `onPruned` is given the pruned page before the scorer changes it.
 */
export function chooseArticle(
  doc: DomDocument,
  reparse: () => DomDocument,
  warnings: string[],
  onPruned?: (pruned: DomDocument) => void,
): ReadabilityArticle | null {
  const pruned = pruneFurniture(doc);
  onPruned?.(doc);
  const a = runReadability(doc, warnings);
  if (pruned.removed === 0) return a;
  if (a?.content) {
    // Readability already read the body's text; only whether it reaches SHORT_TEXT matters.
    const text = a.textContent ?? a.content.textContent ?? '';
    if (squeezedAtLeast(text, SHORT_TEXT)) return a;
    if (pruned.removedText < REMOVED_SHARE * squeezedLength(text)) return a;
  }
  const whole = reparse();
  markFurniture(whole);
  const b = runReadability(whole, []);
  if (!b?.content) return a;
  const before = textLength(b.content);
  removeMarked(b.content);
  return textLength(b.content) >= KEEP_SHARE * before && !ablation.off?.('candidate-b') ? b : a;
}
