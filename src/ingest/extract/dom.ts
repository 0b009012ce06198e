// The slice of the DOM the extractor uses, typed structurally so the project needs no DOM lib
// typings, plus parsing with linkedom (a fast server-side DOM on htmlparser2).
import { DOMParser } from 'linkedom';

export interface DomNode {
  readonly nodeType: number;
  readonly ownerDocument: DomDocument | null;
  readonly nodeName: string;
  readonly parentNode: DomNode | null;
  readonly childNodes: ArrayLike<DomNode>;
  readonly firstChild: DomNode | null;
  readonly nextSibling: DomNode | null;
  readonly previousSibling: DomNode | null;
  textContent: string | null;
  removeChild(child: DomNode): DomNode;
  replaceChild(node: DomNode, child: DomNode): DomNode;
  insertBefore(node: DomNode, child: DomNode | null): DomNode;
  appendChild(node: DomNode): DomNode;
}

export interface DomElement extends DomNode {
  readonly tagName: string;
  readonly localName: string;
  readonly children: ArrayLike<DomElement>;
  readonly parentElement: DomElement | null;
  innerHTML: string;
  readonly outerHTML: string;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  hasAttribute(name: string): boolean;
  removeAttribute(name: string): void;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  getElementsByTagName(name: string): ArrayLike<DomElement>;
  remove(): void;
}

export interface DomDocument extends DomNode {
  readonly documentElement: DomElement;
  readonly head: DomElement | null;
  readonly body: DomElement | null;
  title: string;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  getElementsByTagName(name: string): ArrayLike<DomElement>;
  createElement(name: string): DomElement;
  createTextNode(text: string): DomNode;
  createTreeWalker(root: DomNode, whatToShow?: number): { nextNode(): DomNode | null };
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const COMMENT_NODE = 8;
// NodeFilter's whatToShow bits.
export const SHOW_ELEMENT = 0x1;
const SHOW_COMMENT = 0x80;

/** Parses an HTML string into a linkedom document with the html > head + body shape browsers build. */
export function parseDocument(html: string): DomDocument {
  // linkedom keeps the tree as written: without an <html> element it has no document element.
  const at = html.slice(0, 8192).search(/<html[\s>]/i);
  const source = at < 0 ? `<html>${html.replace(/^\s*<!doctype[^>]*>/i, '')}</html>` : strayBeforeRoot(html, at);
  // Not linkedom's `parseHTML`: it returns the document's window, which linkedom keeps in a
  // WeakMap keyed by the document whose value (a Proxy whose handlers close over the document)
  // holds its key. A collection of the young generation treats such a value as a root, so every
  // page parsed that way stayed alive, and was promoted, until the next full collection (README,
  // "Speed and memory round (x-speed2)"). The document is the same either way; a window is made
  // only if something asks for `defaultView`.
  const document = new DOMParser().parseFromString(source, 'text/html') as unknown as DomDocument;
  fixStructure(document);
  return document;
}

/**
 * Content before the <html> tag (a server's warning printed ahead of the page, "<br>
 * <b>Warning</b>: …"): the HTML standard's tree builder opens the root, head and body at the
 * first such content, and the later <html> and <head> tags add nothing; linkedom instead makes
 * that content the document element and loses the page's head (its title and <meta>) under it.
 * The content is moved inside the <html> tag, where fixStructure puts it at the body's start as
 * a browser shows it. The page (comments already cut by shrink) is returned as it is otherwise.
 */
function strayBeforeRoot(html: string, at: number): string {
  if (at === 0) return html;
  const before = html.slice(0, at).replace(/<!doctype[^>]*>/gi, '');
  if (!before.trim()) return html;
  const tagEnd = html.indexOf('>', at);
  if (tagEnd < 0) return html;
  return `${html.slice(at, tagEnd + 1)}${before}${html.slice(tagEnd + 1)}`;
}

// Elements a browser keeps in <head> when they come before any content.
const HEAD_TAGS = new Set(['title', 'meta', 'link', 'base', 'style', 'script', 'noscript', 'template']);

function isBlankText(n: DomNode): boolean {
  return n.nodeType === TEXT_NODE && !(n.textContent ?? '').trim();
}

/**
 * Gives the document the shape the HTML standard's tree builder would: one <head> holding the
 * metadata, then one <body> holding everything else. linkedom does not build it, and pages
 * that leave out the optional <head>/<body> tags, or put content after </body>, are common;
 * without this their content would sit outside document.body, where extractors do not look.
 */
function fixStructure(doc: DomDocument): void {
  const root = doc.documentElement as DomElement | null;
  if (!root) return;
  const top = childList(root);
  const head = top.find((n) => isElement(n, 'head')) as DomElement | undefined;
  const body = top.find((n) => isElement(n, 'body')) as DomElement | undefined;
  const stray = top.filter((n) => n !== head && n !== body && !isBlankText(n) && n.nodeType !== COMMENT_NODE);
  const headIsClean = !head || childList(head).every((n) => n.nodeType !== ELEMENT_NODE || HEAD_TAGS.has((n as DomElement).localName));
  if (head && body && stray.length === 0 && headIsClean && top.indexOf(head) < top.indexOf(body)) return;

  const newHead = head ?? doc.createElement('head');
  const newBody = body ?? doc.createElement('body');
  const toBodyStart: DomNode[] = [];
  const toBodyEnd: DomNode[] = [];
  // Content a parser left inside <head> ends the head: it and what follows belong to the body.
  if (head) {
    const kids = childList(head);
    const firstContent = kids.findIndex((n) => n.nodeType === ELEMENT_NODE && !HEAD_TAGS.has((n as DomElement).localName));
    if (firstContent >= 0) toBodyStart.push(...kids.slice(firstContent));
  }
  let seenBody = false;
  let seenContent = toBodyStart.length > 0 || (body !== undefined && !childList(body).every(isBlankText));
  for (const n of top) {
    if (n === head) continue;
    if (n === body) {
      seenBody = true;
      continue;
    }
    if (!seenBody && !seenContent && n.nodeType === ELEMENT_NODE && HEAD_TAGS.has((n as DomElement).localName)) {
      newHead.appendChild(n);
      continue;
    }
    if (isBlankText(n) || n.nodeType === COMMENT_NODE) continue;
    seenContent = true;
    (seenBody ? toBodyEnd : toBodyStart).push(n);
  }
  const first = newBody.firstChild;
  for (const n of toBodyStart) newBody.insertBefore(n, first);
  for (const n of toBodyEnd) newBody.appendChild(n);
  root.insertBefore(newHead, root.firstChild);
  root.insertBefore(newBody, newHead.nextSibling);
}

function childList(n: DomNode): DomNode[] {
  const out: DomNode[] = [];
  for (let k = n.firstChild; k; k = k.nextSibling) out.push(k);
  return out;
}

function isElement(n: DomNode, tag: string): boolean {
  return n.nodeType === ELEMENT_NODE && (n as DomElement).localName === tag;
}

// h1–h3 for the headline inside the document title (title.ts headlineOf).
const INDEXED_TAGS = new Set(['meta', 'link', 'base', 'script', 'time', 'a', 'mjx-container', 'title', 'h1', 'h2', 'h3', 'noscript']);

/** Elements metadata is read from, in document order. */
export interface PageIndex {
  /** meta, link, base, script, time, a, mjx-container, title, h1–h3 and noscript elements by tag name. */
  byTag: Map<string, DomElement[]>;
  /** Elements with an itemprop attribute (microdata). */
  itemprop: DomElement[];
  /** Elements with an itemtype attribute (microdata items that name their schema.org type). */
  itemtype: DomElement[];
  /** Elements whose class or id names a byline, in Readability's words (`BYLINE_NAMES`). */
  bylines: DomElement[];
  /** Elements whose class or id names a publication date (`STAMP_NAMES`). */
  stamps: DomElement[];
}

/** Class or id words of a byline element, as Readability (0.6.0, REGEXPS.byline) reads them. */
export const BYLINE_NAMES = /byline|author|dateline|writtenby|p-author/i;
/**
 * Class or id words of an element that holds the publication date: "published" (hAtom's
 * `published`, microformats2's `dt-published`), "pubdate" (HTML5's withdrawn attribute's name)
 * and "pub date" / "publish date" written with a hyphen, an underscore or none.
 */
export const STAMP_NAMES = /published|pub[-_]?date|publish[-_]?date/i;

export interface TreeInfo {
  /** Subtrees collapsed to text for nesting too deep. */
  collapsed: number;
  /** Elements in the document. */
  elements: number;
  index: PageIndex;
}

/** The indexed elements with tag `tag`. */
export function tagged(index: PageIndex, tag: string): DomElement[] {
  return index.byTag.get(tag) ?? [];
}

/** Whether the link `a` leads to another page: an address that is neither a place on this page nor a script. */
export function leadsAway(a: DomElement): boolean {
  const href = (a.getAttribute('href') ?? '').trim();
  return href !== '' && href[0] !== '#' && !/^javascript:/i.test(href);
}

/** Whether `el` has an ancestor matching `test`. */
export function hasAncestor(el: DomElement, test: (a: DomElement) => boolean): boolean {
  for (let a = el.parentElement; a; a = a.parentElement) if (test(a)) return true;
  return false;
}

/** The element after `n` among its siblings, or null (linkedom's nextElementSibling walks the same way). */
export function nextElement(n: DomNode): DomElement | null {
  for (let k = n.nextSibling; k; k = k.nextSibling) if (k.nodeType === ELEMENT_NODE) return k as DomElement;
  return null;
}

/** The element before `n` among its siblings, or null. */
export function prevElement(n: DomNode): DomElement | null {
  for (let k = n.previousSibling; k; k = k.previousSibling) if (k.nodeType === ELEMENT_NODE) return k as DomElement;
  return null;
}

/** The element children of `el`, in order (a plain array: linkedom builds `children` afresh on every read). */
export function childElements(el: DomElement): DomElement[] {
  const out: DomElement[] = [];
  for (let k = el.firstChild; k; k = k.nextSibling) if (k.nodeType === ELEMENT_NODE) out.push(k as DomElement);
  return out;
}

/** linkedom's own links between the nodes of its list: the next node, and an element's end marker. */
export type Links = { next: symbol; end: symbol };
let links: Links | null | undefined;

export function linksOf(node: object): Links | null {
  if (links === undefined) {
    let next: symbol | undefined;
    let end: symbol | undefined;
    for (const s of Object.getOwnPropertySymbols(node)) {
      if (s.description === 'next') next = s;
      else if (s.description === 'end') end = s;
    }
    // Found on an element or a document only (text nodes have no end marker): try again later.
    if (next === undefined || end === undefined) return null;
    links = { next, end };
  }
  return links;
}

/**
 * Prepares a parsed page for the tree code: removes comments (never content, and they split
 * runs of inline text such as "Page <!-- -->A<!-- -->22" into separate paragraphs), and
 * collapses every element nested deeper than `maxDepth` into its text. Readability and most tree
 * code recurse once per level, so a hostile or broken page with thousands of levels would
 * overflow the stack; no real article nests its text that deep.
 * The same walk indexes the few elements metadata is read from, sparing a selector query
 * (a full-tree walk each on linkedom) per metadata field.
 * `viaWalker` takes the tree walker's path even where linkedom's list can be read (for tests).
 */
export function normalizeTree(doc: DomDocument, maxDepth: number, viaWalker = false): TreeInfo {
  const info: TreeInfo = { collapsed: 0, elements: 0, index: { byTag: new Map(), itemprop: [], itemtype: [], bylines: [], stamps: [] } };
  const root = doc.documentElement;
  if (!root) return info;
  const l = viaWalker ? null : linksOf(root);
  const comments =
    l !== null && Object.hasOwn(root, l.next) ? normalizeList(root, maxDepth, l, info) : normalizeWalked(doc, root, maxDepth, info);
  for (const c of comments) c.parentNode?.removeChild(c);
  return info;
}

/** Files `el` in the index when metadata reads its kind. */
function indexElement(el: DomElement, info: TreeInfo): void {
  info.elements++;
  const tag = el.localName;
  if (INDEXED_TAGS.has(tag)) {
    const list = info.index.byTag.get(tag);
    if (list) list.push(el);
    else info.index.byTag.set(tag, [el]);
  }
  if (el.hasAttribute('itemprop')) info.index.itemprop.push(el);
  if (el.hasAttribute('itemtype')) info.index.itemtype.push(el);
  const cls = el.getAttribute('class');
  const id = el.getAttribute('id');
  if (cls || id) {
    const names = id ? `${cls ?? ''} ${id}` : (cls as string);
    if (BYLINE_NAMES.test(names)) info.index.bylines.push(el);
    if (STAMP_NAMES.test(names)) info.index.stamps.push(el);
  }
}

/** Replaces the children of `el`, nested too deep, by their text; counts it when it had child elements. */
function collapse(el: DomElement, info: TreeInfo): void {
  if (el.children.length > 0) {
    el.textContent = el.textContent ?? '';
    info.collapsed++;
  }
}

/** A node of linkedom's list, its links read by symbol. */
export interface Listed extends DomNode {
  [link: symbol]: Listed | undefined;
}

/**
 * normalizeTree's walk on linkedom's node list, the same nodes in the same order as its tree
 * walker visits (the elements and comments from `root` to its end marker). Reading the list
 * spares the walker's copy of it, and the open elements on a stack give each element's depth
 * where a map from every element to its depth cost more than the rest of the walk (about 2% of
 * our time on real pages, a map entry per element and per parse). A collapsed element's contents
 * are skipped: the walk goes on from its end marker, as the walker skips the nodes it removed.
 * Returns the comments to remove.
 */
function normalizeList(root: DomElement, maxDepth: number, l: Links, info: TreeInfo): DomNode[] {
  const comments: DomNode[] = [];
  // The end markers of the open elements, outermost (root's) first: an element's depth is the
  // number of elements open around it.
  const open: unknown[] = [];
  const last = (root as unknown as Listed)[l.end];
  let n: Listed | undefined = root as unknown as Listed;
  while (n !== undefined && n !== last) {
    const type = n.nodeType;
    if (type === ELEMENT_NODE) {
      const el = n as unknown as DomElement;
      const d = open.length;
      indexElement(el, info);
      if (d >= maxDepth) {
        collapse(el, info);
        n = n[l.end]![l.next];
        continue;
      }
      open.push(n[l.end]);
    } else if (type === COMMENT_NODE) comments.push(n);
    else if (n === open[open.length - 1]) open.pop();
    n = n[l.next];
  }
  return comments;
}

/** normalizeTree's walk through the document's tree walker, for a tree that is not linkedom's list. */
function normalizeWalked(doc: DomDocument, root: DomElement, maxDepth: number, info: TreeInfo): DomNode[] {
  // One flat pass in document order. An element's depth is its parent's plus one; the contents
  // of a collapsed element are gone from the tree and are skipped.
  const depth = new Map<DomNode, number>([[root, 0]]);
  const gone = new Set<DomNode>();
  const comments: DomNode[] = [];
  const walker = doc.createTreeWalker(root, SHOW_ELEMENT | SHOW_COMMENT);
  for (let n: DomNode | null = root; n; n = walker.nextNode()) {
    const parent = n.parentNode;
    if (n !== root && (parent === null || gone.has(parent))) {
      if (n.nodeType === ELEMENT_NODE) gone.add(n);
      continue;
    }
    if (n.nodeType === COMMENT_NODE) {
      comments.push(n);
      continue;
    }
    if (n.nodeType !== ELEMENT_NODE) continue;
    const el = n as DomElement;
    const d = n === root ? 0 : (depth.get(parent as DomNode) ?? 0) + 1;
    indexElement(el, info);
    if (d >= maxDepth) {
      gone.add(el);
      collapse(el, info);
      continue;
    }
    depth.set(el, d);
  }
  return comments;
}
