// A one-pass content finder for pages too big for the full scoring passes within the time
// budget, and for pages where those passes find nothing. Each paragraph-like element credits
// its text (less its link text) to its parent, half to its grandparent and a quarter to the
// next one up; the element with the most credit holds the article. Cheap, and right both for
// the common "column of <p>s" layout and for paragraphs wrapped one by one in their own <div>s.
import type { DomDocument, DomElement, DomNode } from './dom.js';
import { ELEMENT_NODE, SHOW_ELEMENT } from './dom.js';
import { namesInAnyCase } from './readability-linkedom.js';
import { linksOf, lowerCased, walkList } from './walk.js';

// A table row counts as one paragraph: its cells are too short to count one by one.
const PARA_TAGS = new Set(['p', 'pre', 'blockquote', 'h2', 'h3', 'h4', 'li', 'tr']);
const PARA_SELECTOR = 'p, pre, blockquote, h2, h3, h4, li, tr';

/**
 * `doc.querySelectorAll(PARA_SELECTOR)` on linkedom without compiling and running the selector
 * for every element (two thirds of this finder's time): linkedom's query reads the document's
 * whole node list — content after </html> included, which walk.ts's walks from the root element
 * leave out — skipping what is inside a <template>, and the selector matches an element whose
 * name, lower-cased in an HTML document, is one of the tags. The same loop here, on the same list.
 */
function paragraphs(doc: DomDocument): ArrayLike<DomElement> {
  const l = linksOf(doc);
  if (l === null || !Object.hasOwn(doc, l.next) || !Object.hasOwn(doc, l.end) || !doc.documentElement) {
    return doc.querySelectorAll(PARA_SELECTOR);
  }
  const anyCase = namesInAnyCase(doc);
  const out: DomElement[] = [];
  const list = doc as unknown as Record<symbol, DomNode | undefined>;
  const end = list[l.end];
  let next = list[l.next];
  while (next && next !== end) {
    const node = next as unknown as Record<symbol, DomNode | undefined>;
    if (next.nodeType === ELEMENT_NODE) {
      const name = (next as DomElement).localName;
      if (PARA_TAGS.has(name) || (anyCase && PARA_TAGS.has(lowerCased(name)))) out.push(next as DomElement);
      next = name === 'template' ? node[l.end] : node[l.next];
    } else next = node[l.next];
  }
  return out;
}

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
  const paras = paragraphs(doc);
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
