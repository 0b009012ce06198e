// A one-pass content finder for pages too big for the full scoring passes within the time
// budget, and for pages where those passes find nothing. Each paragraph-like element credits
// its text (less its link text) to its parent, half to its grandparent and a quarter to the
// next one up; the element with the most credit holds the article. Cheap, and right both for
// the common "column of <p>s" layout and for paragraphs wrapped one by one in their own <div>s.
import type { DomDocument, DomElement } from './dom.js';

// A table row counts as one paragraph: its cells are too short to count one by one.
const PARA_SELECTOR = 'p, pre, blockquote, h2, h3, h4, li, tr';

function linkTextLength(el: DomElement): number {
  const links = el.getElementsByTagName('a');
  let n = 0;
  for (let i = 0; i < links.length; i++) n += (links[i]!.textContent ?? '').trim().length;
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
