// A one-pass content finder for pages too big for the full scoring passes within the time
// budget, and for pages where those passes find nothing. Each paragraph-like element credits
// its text (less its link text) to its parent, half to its grandparent and a quarter to the
// next one up; the element with the most credit holds the article. Cheap, and right both for
// the common "column of <p>s" layout and for paragraphs wrapped one by one in their own <div>s.
import type { DomDocument, DomElement, DomNode } from './dom.js';
import { ELEMENT_NODE, SHOW_ELEMENT, linksOf } from './dom.js';
import { namesInAnyCase } from './readability-linkedom.js';
import { isSiteName } from './title.js';
import { elementsByTags, lowerCased, trimmedTextLength, walkList } from './walk.js';

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
  for (const a of walkList(el, SHOW_ELEMENT, isLink)) n += trimmedTextLength(a as DomElement);
  return n;
}

/** The element most likely to hold the article, or the body when nothing stands out. */
export function fallbackContent(doc: DomDocument, maxParagraphs = 20000): DomElement | null {
  return bestCredited(paragraphs(doc), maxParagraphs, null) ?? doc.body;
}

/**
 * The element of `root`'s subtree (`root` included) that the one-pass finder credits most when
 * only the paragraphs inside `root` count and no credit goes above it; null when none counts.
 */
export function contentWithin(root: DomElement, maxParagraphs = 20000): DomElement | null {
  return bestCredited(elementsByTags(root, PARA_LIST), maxParagraphs, root.parentElement);
}

const PARA_LIST = [...PARA_TAGS];

/** The finder's credit over `paras` (the first `maxParagraphs`), never given to `stop` or above it. */
function bestCredited(paras: ArrayLike<DomElement>, maxParagraphs: number, stop: DomElement | null): DomElement | null {
  const scores = new Map<DomElement, number>();
  const n = Math.min(paras.length, maxParagraphs);
  for (let i = 0; i < n; i++) {
    const p = paras[i]!;
    // `p.textContent.trim().length`, counted without joining the text (the preview runs the
    // finder on every page).
    const length = trimmedTextLength(p);
    if (length < 25) continue;
    const value = Math.max(0, length - 2 * linkTextLength(p));
    if (value === 0) continue;
    let ancestor = p.parentElement;
    for (let share = 1; ancestor && ancestor !== stop && share >= 0.25; share /= 2) {
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
  return best;
}

/** Letters and digits only, lower-cased: a headline and a title compared past quotes, dashes and spacing. */
const letters = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** The content of the page's og:title, read from the <meta> children of <head>. */
function ogTitle(doc: DomDocument): string | null {
  const head = doc.head;
  if (!head) return null;
  const kids = head.children; // linkedom builds the list afresh on every read
  for (let i = 0; i < kids.length; i++) {
    const m = kids[i]!;
    if (m.localName === 'meta' && m.getAttribute('property') === 'og:title') return m.getAttribute('content');
  }
  return null;
}

/**
 * The page's headline <h1>: of the <h1>s that are not the site's name (a link to the front page,
 * the logo of most themes, which the title names too), the longest whose letters and digits the
 * document's <title> or its og:title repeats (or that repeats one of them); failing that, the only one.
 */
export function headlineH1(doc: DomDocument, known?: ArrayLike<DomElement>): DomElement | null {
  const body = doc.body;
  if (!body) return null;
  const titles = [letters(doc.title ?? '')];
  const og = ogTitle(doc);
  if (og) titles.push(letters(og));
  const h1s = known ?? elementsByTags(body, ['h1']);
  let best: DomElement | null = null;
  let bestLength = 0;
  let only: DomElement | null = null;
  let count = 0;
  for (let i = 0; i < h1s.length; i++) {
    const h = h1s[i]!;
    const t = letters(h.textContent ?? '');
    if (t.length < 4 || isSiteName(h) || (known && !inside(h, body))) continue;
    count++;
    only = h;
    if (t.length > bestLength && titles.some((x) => x.length >= 4 && (x.includes(t) || t.includes(x)))) {
      best = h;
      bestLength = t.length;
    }
  }
  return best ?? (count === 1 ? only : null);
}

/**
 * The story's title heading: of the page's <h1>, <h2> and <h3> elements (`headings`; those that
 * pruning detached are passed over) that are not the site's name, the longest whose letters and
 * digits the document's <title> or its og:title repeats; failing that, the shortest that repeats
 * one of them. A theme's blog name in an <h1> the title also repeats is shorter than the post's
 * <h2> or <h3> title, and a "More on: …" heading that repeats the whole title is longer than the
 * heading the title repeats.
 */
export function titleHeading(doc: DomDocument, headings: ArrayLike<DomElement>): DomElement | null {
  const body = doc.body;
  if (!body) return null;
  const titles = [letters(doc.title ?? '')];
  const og = ogTitle(doc);
  if (og) titles.push(letters(og));
  const usable = titles.filter((x) => x.length >= 4);
  if (usable.length === 0) return null;
  let within: DomElement | null = null;
  let withinLength = 0;
  let around: DomElement | null = null;
  let aroundLength = Number.POSITIVE_INFINITY;
  for (let i = 0; i < headings.length; i++) {
    const h = headings[i]!;
    const t = letters(h.textContent ?? '');
    if (t.length < 4 || (t.length <= withinLength && within) || !inside(h, body) || isSiteName(h)) continue;
    if (usable.some((x) => x.includes(t))) {
      within = h;
      withinLength = t.length;
    } else if (!within && t.length < aroundLength && usable.some((x) => t.includes(x))) {
      around = h;
      aroundLength = t.length;
    }
  }
  return within ?? around;
}

/** Whether `el` lies under `root` (pruning detaches what it removes). */
function inside(el: DomElement, root: DomElement): boolean {
  for (let a = el.parentElement; a; a = a.parentElement) if (a === root) return true;
  return false;
}

/** The nearest <article> element above `h`, or null (none, or no `h`). */
export function articleAround(h: DomElement | null): DomElement | null {
  for (let a = h?.parentElement ?? null; a; a = a.parentElement) if (a.localName === 'article') return a;
  return null;
}
