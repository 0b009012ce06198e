// Flat, document-order reads of a subtree. linkedom keeps a tree as one linked list of start
// and end markers, so walking it through firstChild/nextSibling (each a scan past attribute
// nodes and end markers, behind generic getters) costs several times what its own tree walker
// does: one pass over the list into an array. Every stage that measures text reads it this way.
import type { DomDocument, DomElement, DomNode, Links, Listed } from './dom.js';
import { ELEMENT_NODE, SHOW_ELEMENT, TEXT_NODE, linksOf } from './dom.js';
import { isSpace } from '../../text/white-space.js';
import { SqueezedCounter, addShape, pieceShape, squeeze, squeezedLength } from './squeeze.js';

// NodeFilter's whatToShow bits.
const SHOW_TEXT = 0x4;

const DOCUMENT_NODE = 9;

// NodeFilter's whatToShow bits for the other kinds of node a tree walker shows.
const SHOW_CDATA_SECTION = 0x8;
const SHOW_COMMENT = 0x80;
const CDATA_SECTION_NODE = 4;
const COMMENT_NODE = 8;

function shown(n: DomNode, mask: number): boolean {
  switch (n.nodeType) {
    case ELEMENT_NODE:
      return (mask & SHOW_ELEMENT) !== 0;
    case TEXT_NODE:
      return (mask & SHOW_TEXT) !== 0;
    case COMMENT_NODE:
      return (mask & SHOW_COMMENT) !== 0;
    case CDATA_SECTION_NODE:
      return (mask & SHOW_CDATA_SECTION) !== 0;
  }
  return false;
}

/**
 * The nodes `doc.createTreeWalker(root, mask)` visits, in its order, that pass `keep`. linkedom's
 * walker copies its node list into an array before the first step; reading the list here skips
 * that array (and the one the caller would build). The list is linkedom's own (the links are
 * found by name on the first element or document met); without them, its walker is used.
 * Appends to `out` when given.
 */
export function walkList(root: DomNode, mask: number, keep?: (n: DomNode) => boolean, out: DomNode[] = []): DomNode[] {
  const isDoc = root.nodeType === DOCUMENT_NODE;
  const doc = isDoc ? (root as DomDocument) : root.ownerDocument;
  if (!doc) return out;
  const l = linksOf(root) ?? linksOf(doc);
  const start = isDoc ? (root as DomDocument).documentElement : root;
  // A node of another copy of linkedom would have links of its own: its walker is used then.
  if (l === null || start === null || !Object.hasOwn(start, l.next)) {
    const walker = doc.createTreeWalker(root, mask);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (keep === undefined || keep(n)) out.push(n);
    return out;
  }
  const list = start as unknown as Record<symbol, DomNode | undefined>;
  // As linkedom's walker: from the node after `root` (a document: from its root element) up to
  // the end marker of that element.
  const end = list[l.end];
  let next: DomNode | undefined | null = isDoc ? start : list[l.next];
  while (next && next !== end) {
    if (shown(next, mask) && (keep === undefined || keep(next))) out.push(next);
    next = (next as unknown as Record<symbol, DomNode | undefined>)[l.next];
  }
  return out;
}

/** linkedom's links when `el` lies on its node list; null for a node of another DOM (or copy of linkedom). */
export function listLinks(el: DomElement): Links | null {
  const doc = el.ownerDocument;
  const l = linksOf(el) ?? (doc ? linksOf(doc) : null);
  return l !== null && Object.hasOwn(el, l.next) ? l : null;
}

/**
 * Hands `take` the text of each text and CDATA node under `el` (what linkedom's textContent
 * joins), in order, without joining them, until it returns true. Returns whether it did.
 */
function someTextPiece(el: DomElement, l: Links, take: (s: string) => boolean): boolean {
  const end = (el as unknown as Listed)[l.end];
  let next = (el as unknown as Listed)[l.next];
  while (next && next !== end) {
    const t = next.nodeType;
    if ((t === TEXT_NODE || t === CDATA_SECTION_NODE) && take(next.textContent ?? '')) return true;
    next = next[l.next];
  }
  return false;
}

const NON_SPACE = /\S/;

/**
 * Whether the text under `el` has a character other than white space: `el.textContent.trim().length
 * > 0`, stopping at the first such node instead of building the whole text.
 */
export function hasNonSpaceText(el: DomElement): boolean {
  const l = listLinks(el);
  return l === null ? NON_SPACE.test(el.textContent ?? '') : someTextPiece(el, l, (s) => NON_SPACE.test(s));
}

/**
 * `squeezedLength(el.textContent)`, counted piece by piece without joining the text: link density
 * asks it of every candidate block and each of its links, and the joined text of a large block was
 * a copy of it thrown away at once. With `stopAt`, counting ends once the count reaches it: an
 * answer under `stopAt` is the length, one at or over it says only that the length is that much
 * or more.
 */
export function squeezedTextLength(el: DomElement, stopAt = Number.POSITIVE_INFINITY): number {
  const l = listLinks(el);
  if (l === null) return squeezedLength(el.textContent ?? '', stopAt);
  const count = new SqueezedCounter();
  someTextPiece(el, l, (s) => {
    count.add(s);
    return count.length >= stopAt;
  });
  return count.length;
}

/**
 * Readability's link density of `el` — `squeezedTextLength(el)` over the sum, in document order,
 * of `squeezedTextLength(a) * weight(a)` for each `<a>` (name exactly "a") under it — read in one
 * walk of its list instead of one for the text, one for the tag query and one per link: the
 * candidate loop asks it of every scored ancestor, html and body included. Each piece of text goes
 * to the element's counter and, inside a link, to that link's, as the separate walks would count
 * them. Null where the walk cannot tell the same sum cheaply (a link inside a link, whose
 * products the original adds in another order than their ends come; a node of another DOM): the
 * caller measures the original way then. `weight` is called as the original calls its test, once per
 * link, in order, and only when the text is not empty.
 */
export function linkDensityInOneWalk(el: DomElement, weight: (a: DomElement) => number): number | null {
  const l = listLinks(el);
  if (l === null) return null;
  const text = new SqueezedCounter();
  // Links are weighed after the walk (the original reads no attribute when the text is empty).
  let links: DomElement[] | null = null;
  let lengths: number[] | null = null;
  let link: SqueezedCounter | null = null;
  let linkEnd: unknown = null;
  const end = (el as unknown as Listed)[l.end];
  let n = (el as unknown as Listed)[l.next];
  while (n && n !== end) {
    const t = n.nodeType;
    if (t === TEXT_NODE || t === CDATA_SECTION_NODE) {
      const s = n.textContent ?? '';
      text.add(s);
      if (link !== null) link.add(s);
    } else if (t === ELEMENT_NODE) {
      if ((n as unknown as DomElement).localName === 'a') {
        if (link !== null) return null;
        link = new SqueezedCounter();
        linkEnd = n[l.end];
        (links ??= []).push(n as unknown as DomElement);
      }
    } else if (n === linkEnd && link !== null) {
      (lengths ??= []).push(link.length);
      link = null;
      linkEnd = null;
    }
    n = n[l.next];
  }
  if (text.length === 0) return 0;
  let linkLength = 0;
  if (links !== null && lengths !== null) for (let i = 0; i < links.length; i++) linkLength += lengths[i]! * weight(links[i]!);
  return linkLength / text.length;
}

/** An element open in linkDensitiesInOneWalk: its end marker, its text's count, its links' sum. */
type OpenCount = { el: DomElement; end: unknown; length: number; gap: boolean; links: number };

/**
 * linkDensityInOneWalk of every element under `root` (and `root`) that `counted` picks, from one
 * walk of `root`'s list: Readability's candidate loop asks the link density of every scored
 * element — the paragraphs' parents and their ancestors up to five levels, nested inside each
 * other — and each walk read the same text again, once per open candidate (html and body
 * excepted, about six times a piece). Here each piece of text is measured once (pieceShape) and
 * added to the count of every counted element open around it and of the open link; each link's
 * product (its length times `weight`, called once per link) is added, as its end passes, to the
 * sum of every counted element open when it began — the same products, summed in the same order
 * (the links' document order) as each element's own walk sums them, so the same quotient. Null
 * where that walk would be null (a link inside a link) or `root` is not on linkedom's list.
 */
export function linkDensitiesInOneWalk(
  root: DomElement,
  counted: (el: DomElement) => boolean,
  weight: (a: DomElement) => number,
): Map<DomElement, number> | null {
  const l = listLinks(root);
  if (l === null) return null;
  const out = new Map<DomElement, number>();
  const open: OpenCount[] = [];
  const close = (c: OpenCount): void => {
    out.set(c.el, c.length === 0 ? 0 : c.links / c.length);
  };
  if (counted(root)) open.push({ el: root, end: null, length: 0, gap: false, links: 0 });
  const link = { length: 0, gap: false };
  let linkEl: DomElement | null = null;
  let linkEnd: unknown = null;
  // How many counted elements were open when the link began: those its product goes to.
  let linkOuter = 0;
  const end = (root as unknown as Listed)[l.end];
  let n = (root as unknown as Listed)[l.next];
  while (n && n !== end) {
    const t = n.nodeType;
    if (t === TEXT_NODE || t === CDATA_SECTION_NODE) {
      if (open.length > 0 || linkEl !== null) {
        const s = n.textContent ?? '';
        if (s.length > 0) {
          const shape = pieceShape(s);
          for (let i = 0; i < open.length; i++) addShape(open[i]!, shape);
          if (linkEl !== null) addShape(link, shape);
        }
      }
    } else if (t === ELEMENT_NODE) {
      const el = n as unknown as DomElement;
      if (el.localName === 'a') {
        if (linkEl !== null) return null;
        linkEl = el;
        linkEnd = n[l.end];
        linkOuter = open.length;
        link.length = 0;
        link.gap = false;
      }
      if (counted(el)) open.push({ el, end: n[l.end], length: 0, gap: false, links: 0 });
    } else {
      if (n === linkEnd && linkEl !== null) {
        if (linkOuter > 0) {
          const product = link.length * weight(linkEl);
          for (let i = 0; i < linkOuter; i++) open[i]!.links += product;
        }
        linkEl = null;
        linkEnd = null;
      }
      const last = open[open.length - 1];
      if (last !== undefined && n === last.end) close(open.pop()!);
    }
    n = n[l.next];
  }
  // Only the root is still open: the walk stops at its end marker.
  for (const c of open) close(c);
  return out;
}

/**
 * `el.textContent.trim().length`, from the lengths of the text pieces and the white space at the
 * ends of the text, without joining it: the readerable test reads it for every paragraph until
 * the page's score is reached. (`trim` removes what `\s` matches, the characters isSpace tells.)
 */
export function trimmedTextLength(el: DomElement): number {
  const l = listLinks(el);
  if (l === null) return (el.textContent ?? '').trim().length;
  let total = 0;
  // White space before the first other character, and after the last one seen so far.
  let lead = 0;
  let trail = 0;
  let seen = false;
  someTextPiece(el, l, (s) => {
    const len = s.length;
    total += len;
    let i = 0;
    while (i < len && isSpace(s.charCodeAt(i))) i++;
    if (i === len) {
      if (seen) trail += len;
      else lead += len;
      return false;
    }
    if (!seen) lead += i;
    seen = true;
    let j = len;
    while (isSpace(s.charCodeAt(j - 1))) j--;
    trail = len - j;
    return false;
  });
  return seen ? total - lead - trail : 0;
}

/** The elements and text nodes under `root` (not `root` itself), in document order. */
export function descendants(root: DomNode, what: 'elements' | 'text' | 'both' = 'both'): DomNode[] {
  return walkList(root, what === 'elements' ? SHOW_ELEMENT : what === 'text' ? SHOW_TEXT : SHOW_ELEMENT | SHOW_TEXT);
}

/**
 * An <a> that counts as a link. `<a name="…">` without an href is a named anchor — a link's
 * target, which old pages wrap round headings and whole sections — and its text the page's own.
 * Other <a>s without an href stay links: scripts make them buttons ("Like us", "Log in").
 */
const isLink = (el: DomElement): boolean => el.localName === 'a' && (el.hasAttribute('href') || !el.hasAttribute('name'));

/**
 * Calls `onText` for every text node under `root` in document order, with whether it lies inside
 * an <a> below `root` (or `root` itself when `rootCounts`). On linkedom's list the open links are
 * told by their end markers, without an array of the subtree's nodes or a look at any node's
 * parent (pruning measures every candidate block this way, nested blocks again inside their
 * parents: the array was most of the garbage of that stage); elsewhere the open elements are
 * kept on a stack, as in text.ts.
 */
function eachText(root: DomElement, rootCounts: boolean, onText: (s: string, inLink: boolean) => void): void {
  const rootLinked = rootCounts && isLink(root);
  const l = listLinks(root);
  if (l === null) {
    eachTextByParents(root, rootLinked, onText);
    return;
  }
  // The end markers of the open <a> elements below root.
  const links: unknown[] = [];
  const end = (root as unknown as Listed)[l.end];
  let n = (root as unknown as Listed)[l.next];
  while (n && n !== end) {
    const type = n.nodeType;
    if (type === TEXT_NODE) onText(n.textContent ?? '', rootLinked || links.length > 0);
    else if (type === ELEMENT_NODE) {
      if (isLink(n as unknown as DomElement)) links.push(n[l.end]);
    } else if (links.length > 0 && n === links[links.length - 1]) links.pop();
    n = n[l.next];
  }
}

function eachTextByParents(root: DomElement, rootLinked: boolean, onText: (s: string, inLink: boolean) => void): void {
  const open: DomNode[] = [root];
  const linked: boolean[] = [rootLinked];
  for (const n of descendants(root, 'both')) {
    const parent = n.parentNode;
    while (open.length > 1 && open[open.length - 1] !== parent) {
      open.pop();
      linked.pop();
    }
    const inLink = linked[linked.length - 1]!;
    if (n.nodeType === ELEMENT_NODE) {
      open.push(n);
      linked.push(inLink || isLink(n as DomElement));
    } else if (n.nodeType === TEXT_NODE) onText(n.textContent ?? '', inLink);
  }
}

/**
 * Characters of text under `el` (each text node squeezed on its own, as textAndLinks counts them),
 * read only until `max` is reached: the exact count when it is under `max`, else at least `max`.
 */
export function textLengthUpTo(el: DomElement, max: number): number {
  const l = listLinks(el);
  if (l === null) return textAndLinks(el).text;
  let text = 0;
  const end = (el as unknown as Listed)[l.end];
  let n = (el as unknown as Listed)[l.next];
  while (n && n !== end && text < max) {
    if (n.nodeType === TEXT_NODE) text += squeezedLength(n.textContent ?? '');
    n = n[l.next];
  }
  return text;
}

/**
 * `textAndLinks(el).text` without the links: characters of text under `el`, each text node
 * squeezed on its own, in one loop over its list (no callback, no link tracking). Pruning measures
 * the whole body so, and every block it removes.
 */
export function textLength(el: DomElement): number {
  return textLengthUpTo(el, Number.POSITIVE_INFINITY);
}

/**
 * Characters of text under `el` and of the part inside links, each text node's white space
 * squeezed on its own (a node of only white space counts nothing).
 */
export function textAndLinks(el: DomElement): { text: number; links: number } {
  let text = 0;
  let links = 0;
  eachText(el, false, (s, inLink) => {
    const len = squeezedLength(s);
    text += len;
    if (inLink) links += len;
  });
  return { text, links };
}

/**
 * Characters of text under `el` (each text node squeezed on its own), the part of them inside
 * links `counts` accepts (an <a>, `el` itself included, not inside another such link), and how
 * many such links; nothing inside an element named in `skip` (nor `el`'s own text when it is one)
 * is read. On linkedom's list, a skipped element is stepped over by its end marker and the open
 * link is told by its end marker; elsewhere, through parents and children.
 */
export function textInLinks(
  el: DomElement,
  skip: ReadonlySet<string>,
  counts: (a: DomElement) => boolean,
): { text: number; links: number; count: number } {
  const l = listLinks(el);
  if (l === null) return textInLinksByChildren(el, skip, counts);
  let text = 0;
  let links = 0;
  let count = 0;
  if (skip.has(el.localName)) return { text, links, count };
  const rootLinked = el.localName === 'a' && counts(el);
  if (rootLinked) count++;
  // The end marker of the counted link the walk is inside, if any.
  let linkEnd: Listed | null = null;
  const end = (el as unknown as Listed)[l.end];
  let n = (el as unknown as Listed)[l.next];
  while (n && n !== end) {
    const type = n.nodeType;
    if (type === TEXT_NODE) {
      const len = squeezedLength(n.textContent ?? '');
      text += len;
      if (rootLinked || linkEnd !== null) links += len;
    } else if (type === ELEMENT_NODE) {
      const e = n as unknown as DomElement;
      if (skip.has(e.localName)) {
        n = n[l.end];
        if (!n) break;
      } else if (!rootLinked && linkEnd === null && e.localName === 'a' && counts(e)) {
        count++;
        linkEnd = n[l.end] ?? null;
      }
    } else if (n === linkEnd) linkEnd = null;
    n = n[l.next];
  }
  return { text, links, count };
}

/**
 * textInLinks by a walk through parents and children: the way for a tree linkedom's node list does
 * not serve, and the reference the list walk is tested against.
 */
export function textInLinksByChildren(
  el: DomElement,
  skip: ReadonlySet<string>,
  counts: (a: DomElement) => boolean,
): { text: number; links: number; count: number } {
  let text = 0;
  let links = 0;
  let count = 0;
  const visit = (n: DomNode, inLink: boolean): void => {
    if (n.nodeType === TEXT_NODE) {
      const len = squeezedLength(n.textContent ?? '');
      text += len;
      if (inLink) links += len;
      return;
    }
    if (n.nodeType !== ELEMENT_NODE) return;
    const e = n as DomElement;
    if (skip.has(e.localName)) return;
    let here = inLink;
    if (!inLink && e.localName === 'a' && counts(e)) {
      count++;
      here = true;
    }
    for (let k = e.firstChild; k; k = k.nextSibling) visit(k, here);
  };
  visit(el, false);
  return { text, links, count };
}

/**
 * The text under `el` with its white space squeezed (`str`, and its length `text`), and the
 * characters of it inside links, `el` itself included (each link's text node squeezed on its
 * own, at most `text`).
 */
export function measureText(el: DomElement): { text: number; links: number; str: string } {
  let str = '';
  let links = 0;
  eachText(el, true, (s, inLink) => {
    str += s;
    if (inLink) links += squeezedLength(s);
  });
  str = squeeze(str).trim();
  return { text: str.length, links: Math.min(links, str.length), str };
}

/** Whether some element under `el` passes `test`; `inTemplate` tells whether it lies in a <template>'s contents. */
export function someElement(el: DomElement, test: (d: DomElement, inTemplate: boolean) => boolean): boolean {
  let templates = false;
  for (const n of descendants(el, 'elements')) {
    const d = n as DomElement;
    if (test(d, templates && inTemplateBelow(d, el))) return true;
    if (d.localName === 'template') templates = true;
  }
  return false;
}

/** Whether `el` lies inside a <template> strictly below `root`. */
function inTemplateBelow(el: DomNode, root: DomNode): boolean {
  for (let p = el.parentNode; p && p !== root; p = p.parentNode) {
    if (p.nodeType === ELEMENT_NODE && (p as DomElement).localName === 'template') return true;
  }
  return false;
}

/**
 * What `root.getElementsByTagName(name)` returns on linkedom for an element `root` and a `name`
 * with a lower-case ASCII letter (the names the stages ask for: "p", "img"): the elements under
 * `root` named exactly `name`, in document order, a <template>'s contents included — linkedom
 * upper-cases every other element's name (a new string each) to compare it with the name, and no
 * name upper-cases to one with a lower-case letter. One pass over the same node list; an array,
 * not a live list, as the callers copied it anyway.
 */
export function elementsNamed(root: DomElement, name: string): DomElement[] {
  if (!/[a-z]/.test(name)) return Array.from(root.getElementsByTagName(name));
  return walkList(root, SHOW_ELEMENT, (n) => (n as DomElement).localName === name) as DomElement[];
}

/**
 * What `root.querySelectorAll(tags.join(','))` returns on linkedom — the elements under `root`
 * with one of these tag names in any case, in document order, none from inside a <template> —
 * without compiling a selector for every call (linkedom compiles one per query). Not
 * getElementsByTagName: it matches names case-sensitively, and Readability creates elements
 * as "DIV" and "P", which the selector query finds.
 */
export function elementsByTags(root: DomNode, tags: readonly string[]): ArrayLike<DomElement> {
  // One tag in a document without <template>s: the elements whose name upper-cased is the tag's
  // (what linkedom's getElementsByTagName does given the name in upper case, i.e. names in any
  // case), from one pass over linkedom's node list. Names already in either case are compared
  // as they are: getElementsByTagName upper-cases every element's name (a new string each) to
  // compare it, hundreds of times per page.
  if (tags.length === 1 && !hasTemplate(root)) {
    const upper = tags[0]!.toUpperCase();
    const lower = tags[0]!.toLowerCase();
    // Upper-casing never makes a name shorter.
    return walkList(root, SHOW_ELEMENT, (n) => {
      const name = (n as DomElement).localName;
      return name === lower || name === upper || (name.length <= upper.length && upperCased(name) === upper);
    }) as DomElement[];
  }
  const wanted = new Set(tags.map((t) => t.toLowerCase()));
  return selectElements(root, (tag) => wanted.has(tag.toLowerCase()));
}

/**
 * `convert` (a change of case) remembered per element name: a page has a few dozen distinct names,
 * and the cap keeps a page of made-up names from growing the table without bound.
 */
function rememberedCase(convert: (name: string) => string): (name: string) => string {
  const table = new Map<string, string>();
  return (name) => {
    let c = table.get(name);
    if (c === undefined) {
      c = convert(name);
      if (table.size < 4096) table.set(name, c);
    }
    return c;
  };
}

/** `name.toUpperCase()`, answered from a table for names seen before. */
export const upperCased = rememberedCase((name) => name.toUpperCase());
/** `name.toLowerCase()`, answered from a table for names seen before. */
export const lowerCased = rememberedCase((name) => name.toLowerCase());

// Whether a document holds a <template>, looked up once per document: the stages and
// Readability remove, move and rename elements but never create a template.
const templateIn = new WeakMap<DomDocument, boolean>();

function hasTemplate(root: DomNode): boolean {
  const doc = root.nodeType === DOCUMENT_NODE ? (root as DomDocument) : root.ownerDocument;
  if (!doc) return true;
  let found = templateIn.get(doc);
  if (found === undefined) {
    found = doc.getElementsByTagName('TEMPLATE').length > 0;
    templateIn.set(doc, found);
  }
  return found;
}

/** What `root.querySelectorAll('*')` returns on linkedom (see elementsByTags). */
export function allElements(root: DomNode): DomElement[] {
  return selectElements(root, () => true);
}

/**
 * The first of allElements(root) that passes `test` (given its name and itself), or null; the
 * walk stops there. What `root.querySelector(selector)` returns on linkedom for a selector that
 * `test` answers, without compiling the selector (linkedom compiles one per query).
 */
export function firstElement(root: DomNode, test: (tag: string, el: DomElement) => boolean): DomElement | null {
  return selectElements(root, test, true)[0] ?? null;
}

function selectElements(root: DomNode, test: (tag: string, el: DomElement) => boolean, firstOnly = false): DomElement[] {
  // On linkedom's list a <template> below `root` is stepped over by its end marker: its contents
  // are never asked about. Climbing from every element after the first template to `root` to
  // tell whether one holds it cost a walk of the ancestors per element (x-holds).
  const isDoc = root.nodeType === DOCUMENT_NODE;
  const doc = isDoc ? (root as DomDocument) : root.ownerDocument;
  const l = doc ? (linksOf(root) ?? linksOf(doc)) : null;
  const start = isDoc ? (root as DomDocument).documentElement : root;
  if (l !== null && start !== null && Object.hasOwn(start, l.next)) {
    const out: DomElement[] = [];
    const end = (start as unknown as Listed)[l.end];
    let next: Listed | undefined = isDoc ? (start as unknown as Listed) : (start as unknown as Listed)[l.next];
    while (next && next !== end) {
      if (next.nodeType === ELEMENT_NODE) {
        const tag = (next as unknown as DomElement).localName;
        if (test(tag, next as unknown as DomElement)) {
          out.push(next as unknown as DomElement);
          if (firstOnly) return out;
        }
        if (tag === 'template') next = next[l.end];
      }
      next = next?.[l.next];
    }
    return out;
  }
  let templates = false;
  return walkList(root, SHOW_ELEMENT, (n) => {
    const el = n as DomElement;
    const tag = el.localName;
    if (templates && inTemplateBelow(el, root)) return false;
    const keep = test(tag, el);
    if (tag === 'template') templates = true;
    return keep;
  }) as DomElement[];
}

// Structural changes to the documents `mutationsCounted` was asked about: a count that grows by
// at least one with every node linkedom inserts or removes in them.
let mutations = 0;
// linkedom's key for a document's mutation-observer record, found by name on the first document.
let observerKey: symbol | null | undefined;
// The stand-in record put on each document whose changes are counted.
const countedIn = new WeakMap<DomDocument, object>();

/**
 * Whether changes to `doc`'s tree are counted in `mutations` (from now on, the first time it is
 * asked). linkedom calls one function for every node it inserts or removes (its mutation
 * observers' hook, `moCallback`), and that function first reads `active` from the document's
 * observer record — a plain `{active: false, class: null}` until a script asks for the
 * document's MutationObserver. That record is replaced by one whose `active` counts each read and
 * answers false, as the plain one did. Where the record is anything else (an observer was asked
 * for: linkedom puts its own in place, and ours with it is gone), false: nothing is counted.
 */
function mutationsCounted(doc: DomDocument): boolean {
  const ours = countedIn.get(doc);
  const key = observerKey ?? findObserverKey(doc);
  if (key === null) return false;
  const record = (doc as unknown as Record<symbol, unknown>)[key];
  if (ours !== undefined) return record === ours;
  if (
    record === null ||
    typeof record !== 'object' ||
    Object.getPrototypeOf(record) !== Object.prototype ||
    Object.keys(record).join() !== 'active,class' ||
    (record as { active: unknown }).active !== false ||
    (record as { class: unknown }).class !== null
  )
    return false;
  const standIn = {
    get active(): boolean {
      mutations++;
      return false;
    },
    class: null,
  };
  (doc as unknown as Record<symbol, unknown>)[key] = standIn;
  countedIn.set(doc, standIn);
  return true;
}

function findObserverKey(doc: DomDocument): symbol | null {
  if (observerKey === undefined) observerKey = Object.getOwnPropertySymbols(doc).find((s) => s.description === 'MutationObserver') ?? null;
  return observerKey;
}

/**
 * elementsByTags of one name for one Readability run, from one walk per subtree while its
 * document does not change. Readability asks a subtree for its elements of one name some thirty
 * times per page — its cleaning asks the article for object, embed, footer, link, aside, iframe,
 * input, textarea, select, button, form, fieldset, table, p … one walk each — and most asks find
 * nothing and so change nothing. The second ask about a subtree with no insertion or removal in
 * the document since the first (`mutationsCounted`) groups the subtree's elements by upper-cased
 * name in one walk; that ask and the next ones, until the document changes, are answered from the
 * groups: the same elements in the same order elementsByTags finds. Undefined where it must walk:
 * several names, a document whose changes are not counted or that holds a <template>, and a name
 * whose lower-case form upper-cases to something else than its upper-case form. Holds elements of
 * the page: `clear` at the end of the run.
 */
export class TagCensus {
  private root: DomNode | null = null;
  private version = -1;
  private groups: Map<string, DomElement[]> | null = null;

  clear(): void {
    this.root = null;
    this.version = -1;
    this.groups = null;
  }

  query(root: DomNode, tags: readonly string[]): DomElement[] | undefined {
    if (tags.length !== 1) return undefined;
    const doc = root.nodeType === DOCUMENT_NODE ? (root as DomDocument) : root.ownerDocument;
    if (!doc || hasTemplate(root) || !mutationsCounted(doc)) return undefined;
    if (root !== this.root || mutations !== this.version) {
      // The first ask about this subtree in this state: walked as before, remembered.
      this.root = root;
      this.version = mutations;
      this.groups = null;
      return undefined;
    }
    const tag = tags[0]!;
    const upper = tag.toUpperCase();
    // elementsByTags's test — the name is the tag lower-cased, upper-cased, or upper-cases to the
    // latter — is the last alone when both forms upper-case to the upper-case form.
    if (upperCased(tag.toLowerCase()) !== upper || upperCased(upper) !== upper) return undefined;
    const groups = (this.groups ??= groupsByName(root));
    return groups.get(upper)?.slice() ?? [];
  }
}

/** The elements under `root` (walkList's), grouped by upper-cased name, each group in order. */
function groupsByName(root: DomNode): Map<string, DomElement[]> {
  const groups = new Map<string, DomElement[]>();
  walkList(root, SHOW_ELEMENT, (n) => {
    const up = upperCased((n as DomElement).localName);
    const group = groups.get(up);
    if (group === undefined) groups.set(up, [n as DomElement]);
    else group.push(n as DomElement);
    return false;
  });
  return groups;
}
