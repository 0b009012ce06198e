// Flat, document-order reads of a subtree. linkedom keeps a tree as one linked list of start
// and end markers, so walking it through firstChild/nextSibling (each a scan past attribute
// nodes and end markers, behind generic getters) costs several times what its own tree walker
// does: one pass over the list into an array. Every stage that measures text reads it this way.
import type { DomDocument, DomElement, DomNode } from './dom.js';
import { ELEMENT_NODE, TEXT_NODE } from './dom.js';
import { squeezedLength } from './squeeze.js';

// NodeFilter's whatToShow bits.
const SHOW_ELEMENT = 0x1;
const SHOW_TEXT = 0x4;

const DOCUMENT_NODE = 9;

/** The elements and text nodes under `root` (not `root` itself), in document order. */
export function descendants(root: DomNode, what: 'elements' | 'text' | 'both' = 'both'): DomNode[] {
  // A document is its own owner (its ownerDocument is null); its walk starts at <html>.
  const doc = root.nodeType === DOCUMENT_NODE ? (root as DomDocument) : root.ownerDocument;
  const out: DomNode[] = [];
  if (!doc) return out;
  const mask = what === 'elements' ? SHOW_ELEMENT : what === 'text' ? SHOW_TEXT : SHOW_ELEMENT | SHOW_TEXT;
  const walker = doc.createTreeWalker(root, mask);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n);
  return out;
}

/** Whether text node `t` lies inside an <a> strictly below `root`. */
function inLinkBelow(t: DomNode, root: DomNode): boolean {
  for (let p = t.parentNode; p && p !== root; p = p.parentNode) {
    if (p.nodeType === ELEMENT_NODE && (p as DomElement).localName === 'a') return true;
  }
  return false;
}

/**
 * Characters of text under `el` and of the part inside links, each text node's white space
 * squeezed on its own (a node of only white space counts nothing).
 */
export function textAndLinks(el: DomElement): { text: number; links: number } {
  let text = 0;
  let links = 0;
  for (const t of descendants(el, 'text')) {
    if (t.nodeType !== TEXT_NODE) continue;
    const len = squeezedLength(t.textContent ?? '');
    if (len === 0) continue;
    text += len;
    if (inLinkBelow(t, el)) links += len;
  }
  return { text, links };
}

/**
 * The text under `el` with its white space squeezed (`str`, and its length `text`), and the
 * characters of it inside links, `el` itself included (each link's text node squeezed on its
 * own, at most `text`).
 */
export function measureText(el: DomElement): { text: number; links: number; str: string } {
  const rootIsLink = el.localName === 'a';
  let str = '';
  let links = 0;
  for (const t of descendants(el, 'text')) {
    if (t.nodeType !== TEXT_NODE) continue;
    const s = t.textContent ?? '';
    str += s;
    if (rootIsLink || inLinkBelow(t, el)) links += squeezedLength(s);
  }
  str = str.replace(/\s+/g, ' ').trim();
  return { text: str.length, links: Math.min(links, str.length), str };
}

/** Whether `el` lies inside a <template> strictly below `root`. */
function inTemplateBelow(el: DomNode, root: DomNode): boolean {
  for (let p = el.parentNode; p && p !== root; p = p.parentNode) {
    if (p.nodeType === ELEMENT_NODE && (p as DomElement).localName === 'template') return true;
  }
  return false;
}

/**
 * What `root.querySelectorAll(tags.join(','))` returns on linkedom — the elements under `root`
 * with one of these tag names, in document order, none from inside a <template> — without
 * compiling a selector for every call (linkedom compiles one per query).
 */
export function elementsByTags(root: DomNode, tags: readonly string[]): DomElement[] {
  const wanted = new Set(tags.map((t) => t.toLowerCase()));
  return selectElements(root, (tag) => wanted.has(tag.toLowerCase()));
}

/** What `root.querySelectorAll('*')` returns on linkedom (see elementsByTags). */
export function allElements(root: DomNode): DomElement[] {
  return selectElements(root, () => true);
}

function selectElements(root: DomNode, test: (tag: string) => boolean): DomElement[] {
  const out: DomElement[] = [];
  let templates = false;
  for (const n of descendants(root, 'elements')) {
    const el = n as DomElement;
    const tag = el.localName;
    if (templates && inTemplateBelow(el, root)) continue;
    if (test(tag)) out.push(el);
    if (tag === 'template') templates = true;
  }
  return out;
}
