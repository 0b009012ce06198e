// A one-pass content finder for pages too big for the full scoring passes within the time
// budget, and for pages where those passes find nothing. Each paragraph-like element credits
// its text (less its link text) to its parent, half to its grandparent and a quarter to the
// next one up; the element with the most credit holds the article. Cheap, and right both for
// the common "column of <p>s" layout and for paragraphs wrapped one by one in their own <div>s.
import type { DomDocument, DomElement, DomNode } from './dom.js';
import { walkList } from './walk.js';

// A table row counts as one paragraph: its cells are too short to count one by one. A selector
// query on the document, not walk.ts's elementsByTags: that one walks the root element only, and
// a page can have content after </html> that the document's own query finds.
const PARA_SELECTOR = 'p, pre, blockquote, h2, h3, h4, li, tr';
// NodeFilter's SHOW_ELEMENT.
const SHOW_ELEMENT = 0x1;

const isLink = (n: DomNode): boolean => (n as DomElement).localName === 'a';

/**
 * The trimmed text length of the <a> elements under `el`: what reading
 * `el.getElementsByTagName('a')` gives on linkedom (the elements named exactly "a", in document
 * order), from one walk of its node list instead of a name upper-cased per element.
 */
function linkTextLength(el: DomElement): number {
  let n = 0;
  for (const a of walkList(el, SHOW_ELEMENT, isLink)) n += (a.textContent ?? '').trim().length;
  return n;
}

/** The element most likely to hold the article, or the body when nothing stands out. */
export function fallbackContent(doc: DomDocument, maxParagraphs = 20000): DomElement | null {
  const scores = new Map<DomElement, number>();
  const paras = doc.querySelectorAll(PARA_SELECTOR);
  const n = Math.min(paras.length, maxParagraphs);
  for (let i = 0; i < n; i++) {
    const p = paras[i]!;
    const text = (p.textContent ?? '').trim();
    if (text.length < 25) continue;
    const value = Math.max(0, text.length - 2 * linkTextLength(p));
    if (value === 0) continue;
    let ancestor = p.parentElement;
    for (let share = 1; ancestor && share >= 0.25; share /= 2) {
      scores.set(ancestor, (scores.get(ancestor) ?? 0) + value * share);
      ancestor = ancestor.parentElement;
    }
  }
  let best: DomElement | null = null;
  let bestScore = 0;
  for (const [el, s] of scores) {
    if (s > bestScore) {
      best = el;
      bestScore = s;
    }
  }
  return best ?? doc.body;
}
