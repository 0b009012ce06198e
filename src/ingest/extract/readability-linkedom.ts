// Cheaper equivalents, on linkedom, of Readability internals that run for every element of a
// page, set on our own Readability instances only (the library and other users get the same
// answers as before). Each returns exactly what the original does on a linkedom tree:
// - the visibility test reads `node.style`, which makes linkedom build a style object and parse
//   the style attribute on every read; an element without a style attribute has an empty style,
//   so only elements that have one need the original test;
// - tag queries go through querySelectorAll, which on linkedom compiles a CSS selector afresh
//   for every call (hundreds per page); a filtered walk returns the same elements in the same order;
// - Readability also calls getElementsByTagName on elements directly (link density, conditional
//   cleaning: several per candidate block), and linkedom's upper-cases the name of every element
//   it passes to compare it; its tagName getter upper-cases the element's name afresh on every
//   read. While our instance's parse() runs — synchronously, so nothing else can call them
//   meanwhile — both answer from `tagQuery` and `fastTagName`, which give the same results.
//   They are switched by a module variable, not by swapping linkedom's methods in and out: a
//   getter redefined on a prototype changes its hidden class, which throws away every inline
//   cache and optimised function that reads a DOM property through it. Swapping the getter twice
//   per page made the whole extraction about 40% slower (bench pages, CPU time). So linkedom's two
//   members are replaced once, the first time a tuned parse() runs, by dispatchers that call the
//   originals unless a tuned parse() is running on the element's document;
// - parse() serialises the article for a debug message it then throws away (see GRABBED_LOG);
// - the byline test reads the text of every element it is asked about before the tests on its
//   attributes and names that decide for almost all of them (see cheapFirst); the empty-element
//   test builds an element's whole text to see whether any of it is not white space, where the
//   first word answers (see EMPTY_SOURCE); link density builds an element's text and every
//   link's, trimmed and squeezed, only to read their lengths (see LINK_DENSITY_SOURCE), and text
//   density does the same for every text-like element inside a candidate (see TEXT_DENSITY_SOURCE).
//   These four are replaced only where Readability's source reads as expected (checked once);
// - linkedom's className getter spreads the element's class tokens into an array to join them on
//   every read; while a tuned parse() runs it is answered by `fastClassName` (same string), a
//   dispatcher installed once beside tagName's;
// - the candidate loop asks the link density of every scored element, nested ones inside their
//   parents, each a walk of its subtree: one walk answers all of them (see CandidateLoop); and
//   Readability's tag queries of one name walk the same unchanged subtree again and again: one
//   walk per subtree answers them until the page changes (walk.ts TagCensus).
import { createHash } from 'node:crypto';
import { NodeList } from 'linkedom';
import type { DomDocument, DomElement, DomNode } from './dom.js';
import { ELEMENT_NODE, SHOW_ELEMENT, parseDocument } from './dom.js';
import { MarkupCopy } from './markup-copy.js';
import { squeezedLength } from './squeeze.js';
import {
  elementsByTags,
  hasNonSpaceText,
  linkDensitiesInOneWalk,
  linkDensityInOneWalk,
  squeezedTextLength,
  TagCensus,
  upperCased,
  walkList,
} from './walk.js';

type Internals = {
  _debug?: boolean;
  parse?: () => unknown;
  _grabArticle?: (page?: unknown) => DomElement | null;
  _isProbablyVisible?: (node: DomElement) => boolean;
  _getAllNodesWithTag?: (node: DomNode, tagNames: string[]) => ArrayLike<DomElement>;
  _isValidByline?: (node: DomElement, matchString: string) => boolean;
  _isElementWithoutContent?: (node: DomNode) => boolean;
  _getLinkDensity?: (element: DomElement) => number;
  _getTextDensity?: (e: DomElement, tags: string[]) => number;
  _getInnerText?: (e: DomElement, normalizeSpaces?: boolean) => string;
  _initializeNode?: (node: DomElement) => void;
  _fixRelativeUris?: (content: DomElement) => void;
  _setNodeTag?: (node: DomElement, tag: string) => DomElement;
  REGEXPS?: { byline?: unknown; hashUrl?: unknown; normalize?: unknown };
};

// Readability 0.6.0's constructor, its source with runs of white space made one space, hashed
// (sha-256): the constructor whose handling of its document `newReadability` relies on.
const CONSTRUCTOR_SHA256 = '0185c9ee53244732bb83547e907facf17d90e37d76a16b261b6f1d6545912748';
let knownConstructor: { ctor: unknown; known: boolean } | undefined;
let standIn: DomDocument | undefined;

/**
 * `new Readability(doc, options)` without the constructor's own functions keeping `doc`.
 * Readability 0.6.0's constructor reads `arguments` (non-strict code), so its parameters live in a
 * context object, and the two functions it makes on every call — its `log` and its default
 * serializer, made whether used or not — hold that context. Collections of V8's young generation
 * found those functions alive after the page (replacing them on the instance did not help: V8
 * itself refers to them, through references only a full collection clears), so every page's
 * document, its whole tree and the page's text with it, was kept and promoted to the old
 * generation until the next full collection (measured; README, "Speed and memory round
 * (x-speed2)"). So the instance is made on a small document kept for the purpose, then given
 * `doc` where the constructor puts it: `_doc`, and `_docJSDOMParser` read from `doc` as the
 * constructor reads it. That is the constructor's whole use of its document, so the instance is
 * the one `new Readability(doc, options)` makes — only where the constructor's source is that
 * version's (checked once) and `doc` passes its check (else the constructor runs on `doc`, and
 * throws as before).
 */
export function newReadability<T>(ctor: new (doc: never, options: never) => T, doc: DomDocument, options: object): T {
  if (knownConstructor?.ctor !== ctor) {
    const src = Function.prototype.toString.call(ctor).replace(/\s+/g, ' ');
    knownConstructor = { ctor, known: createHash('sha256').update(src).digest('hex') === CONSTRUCTOR_SHA256 };
  }
  const first = doc.documentElement ? (doc.firstChild as { __JSDOMParser__?: unknown } | null) : null;
  if (!knownConstructor.known || first === null) return new ctor(doc as never, options as never);
  standIn ??= parseDocument('<html><head></head><body></body></html>');
  const reader = new ctor(standIn as never, options as never) as T & { _doc: unknown; _docJSDOMParser: unknown };
  reader._doc = doc;
  reader._docJSDOMParser = first.__JSDOMParser__;
  return reader;
}

/** Gives `reader` (a Readability instance) the cheaper equivalents, where its version has them. */
export function tuneForLinkedom(reader: object): void {
  const r = reader as Internals;
  const visible = r._isProbablyVisible;
  if (typeof visible === 'function') {
    r._isProbablyVisible = function (this: unknown, node: DomElement): boolean {
      if (node.hasAttribute('style')) return visible.call(this, node);
      // The original's test, with display and visibility both empty.
      if (node.hasAttribute('hidden')) return false;
      if (!node.hasAttribute('aria-hidden') || node.getAttribute('aria-hidden') !== 'true') return true;
      const cls = (node as unknown as { className?: unknown }).className;
      return typeof cls === 'string' && cls !== '' && cls.includes('fallback-image');
    };
  }
  // Read before candidateLoopOf wraps it: text density's replacement checks the original's source.
  const innerText = r._getInnerText;
  const loop = candidateLoopOf(r);
  // Readability's tag queries, answered from one walk while the page does not change (TagCensus).
  const census = new TagCensus();
  const parse = r.parse;
  if (typeof parse === 'function') {
    r.parse = function (this: unknown): unknown {
      loop?.other();
      const doc = (this as { _doc?: DomDocument })._doc;
      try {
        return doc ? withTunedReads(doc, () => parse.call(this)) : parse.call(this);
      } finally {
        // The tag census and the loop's walk hold the page's elements: nothing of the page outlives the run.
        census.clear();
        loop?.other();
      }
    };
  }
  const grab = r._grabArticle;
  if (typeof grab === 'function') {
    const emptyLog = r._debug === false && typeof parse === 'function' && logsGrabbedMarkup(parse);
    // 0.6.0's _grabArticle reads the page's markup once for its retries (withBodyCopy).
    const copyBody = sourceHash(grab) === GRAB_SHA256;
    if (emptyLog || copyBody) {
      r._grabArticle = function (this: unknown, page?: unknown): DomElement | null {
        const el = copyBody ? withBodyCopy(this, page, () => grab.call(this, page)) : grab.call(this, page);
        if (el && emptyLog) serialiseNextAsEmpty(el);
        return el;
      };
    }
  }
  const setNodeTag = r._setNodeTag;
  if (typeof setNodeTag === 'function') {
    // Readability renames elements in upper case ("DIV" for a table cell it takes into the body,
    // "P" for a div of inline content). A browser's HTML document lower-cases the name it is
    // given; linkedom keeps it, so the renamed elements' localName read "DIV" and "P", and every
    // later stage that knows blocks by their lower-case names (the edge trim's blocks, the text's
    // paragraphs) read them as inline: a body of renamed cells became one block, blind to every
    // stage-4 rule. Readability itself compares tagName, upper-cased either way.
    r._setNodeTag = function (this: unknown, node: DomElement, tag: string): DomElement {
      loop?.other();
      return setNodeTag.call(this, node, tag.toLowerCase());
    };
  }
  const fixUris = r._fixRelativeUris;
  if (typeof fixUris === 'function') {
    r._fixRelativeUris = function (this: unknown, content: DomElement): void {
      // Readability resolves every link and picture address with `new URL(uri, baseURI)` and
      // keeps the address as it is where that throws. Without a usable base — a page given
      // without its address: linkedom's baseURI is null — every call throws, and each throw
      // records a stack trace (about thirty parses' worth) that nothing reads: none is recorded.
      const base = (this as { _doc?: { baseURI?: unknown } })._doc?.baseURI;
      if (base === undefined || URL.canParse(String(base))) {
        fixUris.call(this, content);
        return;
      }
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 0;
      try {
        fixUris.call(this, content);
      } finally {
        Error.stackTraceLimit = limit;
      }
    };
  }
  if (typeof r._getAllNodesWithTag === 'function') {
    r._getAllNodesWithTag = (node: DomNode, tagNames: string[]): ArrayLike<DomElement> => {
      loop?.other();
      return census.query(node, tagNames) ?? elementsByTags(node, tagNames);
    };
  }
  const byline = r._isValidByline;
  const bylineName = r.REGEXPS?.byline;
  if (typeof byline === 'function' && bylineName instanceof RegExp && sourceReads(byline, BYLINE_SOURCE)) {
    r._isValidByline = cheapFirst(byline, bylineName);
  }
  const empty = r._isElementWithoutContent;
  if (typeof empty === 'function' && sourceReads(empty, EMPTY_SOURCE)) {
    r._isElementWithoutContent = function (this: unknown, node: DomNode): boolean {
      loop?.other();
      // Any text that is not white space makes the original's `!node.textContent.trim().length` false.
      if (node.nodeType === ELEMENT_NODE && hasNonSpaceText(node as DomElement)) return false;
      return empty.call(this, node);
    };
  }
  const hashUrl = r.REGEXPS?.hashUrl;
  if (typeof r._getLinkDensity === 'function' && hashUrl instanceof RegExp && sourceReads(r._getLinkDensity, LINK_DENSITY_SOURCE)) {
    r._getLinkDensity = linkDensity(hashUrl, loop);
  }
  const normalize = r.REGEXPS?.normalize;
  if (
    typeof r._getTextDensity === 'function' &&
    typeof innerText === 'function' &&
    sourceReads(r._getTextDensity, TEXT_DENSITY_SOURCE) &&
    sourceReads(innerText, INNER_TEXT_SOURCE) &&
    normalize instanceof RegExp &&
    normalize.source === '\\s{2,}'
  ) {
    r._getTextDensity = loop
      ? function (this: Internals, e: DomElement, tags: string[]): number {
          loop.other();
          return textDensity.call(this, e, tags);
        }
      : textDensity;
  }
}

// Readability 0.6.0's sources of two tests replaced below, white space aside (the byline test's is further down).
const EMPTY_SOURCE = `_isElementWithoutContent(node) {
  return ( node.nodeType === this.ELEMENT_NODE && !node.textContent.trim().length &&
    (!node.children.length || node.children.length == node.getElementsByTagName("br").length + node.getElementsByTagName("hr").length) ); }`;
const LINK_DENSITY_SOURCE = `_getLinkDensity(element) {
  var textLength = this._getInnerText(element).length; if (textLength === 0) { return 0; }
  var linkLength = 0;
  // XXX implement _reduceNodeList?
  this._forEachNode(element.getElementsByTagName("a"), function (linkNode) {
    var href = linkNode.getAttribute("href");
    var coefficient = href && this.REGEXPS.hashUrl.test(href) ? 0.3 : 1;
    linkLength += this._getInnerText(linkNode).length * coefficient; });
  return linkLength / textLength; }`;

// Readability 0.6.0's text density, and the text reading it relies on (with REGEXPS.normalize
// /\s{2,}/g): the length of `_getInnerText(x, true)` is `squeezedLength(x.textContent)`.
const TEXT_DENSITY_SOURCE = `_getTextDensity(e, tags) {
  var textLength = this._getInnerText(e, true).length; if (textLength === 0) { return 0; }
  var childrenLength = 0; var children = this._getAllNodesWithTag(e, tags);
  this._forEachNode( children, child => (childrenLength += this._getInnerText(child, true).length) );
  return childrenLength / textLength; }`;
const INNER_TEXT_SOURCE = `_getInnerText(e, normalizeSpaces) {
  normalizeSpaces = typeof normalizeSpaces === "undefined" ? true : normalizeSpaces;
  var textContent = e.textContent.trim();
  if (normalizeSpaces) { return textContent.replace(this.REGEXPS.normalize, " "); }
  return textContent; }`;

const sources = new WeakMap<object, string>();
// The expected sources squeezed, once: they were squeezed afresh for every Readability instance,
// i.e. every page (about 14 KB of garbage a page).
const expectedSources = new Map<string, string>();

/** Whether `fn`'s source is `expected`, runs of white space aside. */
function sourceReads(fn: object, expected: string): boolean {
  let src = sources.get(fn);
  if (src === undefined) {
    src = Function.prototype.toString.call(fn).replace(/\s+/g, ' ');
    sources.set(fn, src);
  }
  let want = expectedSources.get(expected);
  if (want === undefined) {
    want = expected.replace(/\s+/g, ' ');
    expectedSources.set(expected, want);
  }
  return src === want;
}

// Readability 0.6.0's _grabArticle, _initializeNode and _getInnerText, their sources with runs of
// white space made one space, hashed (sha-256): the candidate loop CandidateLoop relies on.
const GRAB_SHA256 = '3bb73dd0a9dfb560e59bbc9b62ffa0750dabcf73bc8dad7d29fd951c516c2348';
const INITIALIZE_SHA256 = '328d009c4cdda5863c6be2354b257d496aba3cce7ca91f17dcb1c000fe1874d8';
const INNER_TEXT_SHA256 = 'fcb99ac17bbb8b39ce95c8e45126ea1f4d49a6302ea06ac6760ca4740499e323';
const knownSources = new WeakMap<object, string>();

/** sha-256 of `fn`'s source with runs of white space made one space (once per function). */
function sourceHash(fn: object): string {
  let h = knownSources.get(fn);
  if (h === undefined) {
    h = createHash('sha256').update(Function.prototype.toString.call(fn).replace(/\s+/g, ' ')).digest('hex');
    knownSources.set(fn, h);
  }
  return h;
}

/**
 * Readability 0.6.0's candidate loop, answered from one walk. After scoring the paragraphs,
 * `_grabArticle` asks the link density of every candidate (each scored element: the paragraphs'
 * parents and ancestors up to five levels, so nested in one another, the layout's wrappers
 * around the whole page among them), one after another with nothing in between but a log call
 * and sorting the top five — no change to the page — and each ask walked that candidate's whole
 * subtree. The loop is told by what comes before it: scoring calls `_initializeNode` for each new
 * candidate (and `_getInnerText` for each paragraph), and nothing else of ours. So the first link
 * density asked of an element with a score after an `_initializeNode`, with no other step of ours
 * between (`other`: the tag queries, renames, text density, the empty-element test, a new parse),
 * measures every scored element of the body in one walk (linkDensitiesInOneWalk: the same
 * numbers), and the asks after it are answered from those until any other step — `_getInnerText`
 * included — drops them. An ask for an element not among them drops them too, and goes the usual
 * way. Outside the loop, the only asks with nothing of ours since the last `_initializeNode` are
 * the sibling loop's, after the top candidate is chosen: an element there with a score that is
 * not appended at once is measured by one walk of the body at most once per run (it is then
 * disarmed), each answer as its own walk would give it — siblings moved into the article between
 * two asks leave every other sibling's subtree as it was, and `_getInnerText` follows each ask.
 */
export class CandidateLoop {
  private armed = false;
  private batch: Map<DomElement, number> | null = null;

  /** `_initializeNode` ran: a link density asked of a scored element next may start the loop. */
  scored(): void {
    this.batch = null;
    this.armed = true;
  }

  /** `_getInnerText` ran: scoring reads each paragraph's text; past the loop, it ends it. */
  read(): void {
    this.batch = null;
  }

  /** Any other step: no loop until the next `_initializeNode`. */
  other(): void {
    this.batch = null;
    this.armed = false;
  }

  /** The link density of `el` from the loop's walk; undefined where the usual way must answer. */
  density(el: DomElement, doc: DomDocument, weight: (a: DomElement) => number): number | undefined {
    const batch = this.batch;
    if (batch !== null) {
      const d = batch.get(el);
      if (d !== undefined) return d;
      this.batch = null;
      return undefined;
    }
    if (!this.armed || !scored(el)) return undefined;
    this.armed = false;
    const root = doc.body ?? doc.documentElement;
    if (root === null) return undefined;
    this.batch = linkDensitiesInOneWalk(root as DomElement, scored, weight);
    return this.batch?.get(el);
  }
}

/** Whether Readability has scored `el` (`_initializeNode` gave it its `readability`). */
function scored(el: DomElement): boolean {
  return (el as unknown as { readability?: unknown }).readability !== undefined;
}

/**
 * A CandidateLoop for `r`, with `_initializeNode` and `_getInnerText` telling it what runs, where
 * `_grabArticle` and both of them are 0.6.0's; null otherwise (link density asked the usual way).
 */
function candidateLoopOf(r: Internals): CandidateLoop | null {
  const grab = r._grabArticle;
  const init = r._initializeNode;
  const inner = r._getInnerText;
  if (typeof grab !== 'function' || typeof init !== 'function' || typeof inner !== 'function') return null;
  if (sourceHash(grab) !== GRAB_SHA256 || sourceHash(init) !== INITIALIZE_SHA256 || sourceHash(inner) !== INNER_TEXT_SHA256) return null;
  const loop = new CandidateLoop();
  r._initializeNode = function (this: unknown, node: DomElement): void {
    loop.scored();
    init.call(this, node);
  };
  r._getInnerText = function (this: unknown, e: DomElement, normalizeSpaces?: boolean): string {
    loop.read();
    return inner.call(this, e, normalizeSpaces);
  };
  return loop;
}

/**
 * Readability's link density with the lengths counted in place: `_getInnerText(x).length` is the
 * length of x's text trimmed with its runs of white space made one space, which is what
 * squeezedLength counts (squeezedTextLength: without joining the text); the links, coefficients
 * and sum are the original's, in its order.
 */
function linkDensity(hashUrl: RegExp, loop: CandidateLoop | null): (element: DomElement) => number {
  const weight = (link: DomElement): number => {
    const href = link.getAttribute('href');
    return href && hashUrl.test(href) ? 0.3 : 1;
  };
  return (element: DomElement): number => {
    // While a tuned parse() runs, the tag query below finds the elements named exactly "a"
    // (tagQuery), which the one walk finds too; otherwise linkedom's own query answers.
    if (running !== null && element.ownerDocument === running && !hashUrl.global && !hashUrl.sticky) {
      const known = loop?.density(element, running, weight);
      if (known !== undefined) return known;
      const density = linkDensityInOneWalk(element, weight);
      if (density !== null) return density;
    }
    const textLength = squeezedTextLength(element);
    if (textLength === 0) return 0;
    let linkLength = 0;
    const links = element.getElementsByTagName('a');
    for (let i = 0; i < links.length; i++) {
      const link = links[i]!;
      linkLength += squeezedTextLength(link) * weight(link);
    }
    return linkLength / textLength;
  };
}

/**
 * Readability's text density with the lengths counted in place (squeezedTextLength): conditional
 * cleaning asks it of every candidate block for the text-like elements inside it (divs, paragraphs,
 * lists, cells: nested ones again inside their parents), and each `_getInnerText` built that
 * element's whole text, trimmed and squeezed, only for its length to be read. Same elements (its
 * own tag query), same sum (of integers, so in any order the same), same quotient.
 */
function textDensity(this: Internals, e: DomElement, tags: string[]): number {
  const textLength = innerTextLength(e);
  if (textLength === 0) return 0;
  let childrenLength = 0;
  const children = this._getAllNodesWithTag!(e, tags);
  for (let i = 0; i < children.length; i++) childrenLength += innerTextLength(children[i]!);
  return childrenLength / textLength;
}

/** `_getInnerText(e, true).length`. */
function innerTextLength(e: DomElement): number {
  return e.nodeType === ELEMENT_NODE ? squeezedTextLength(e) : squeezedLength(e.textContent ?? '');
}

// Readability's byline test, as its source reads (0.6.0): the text's length is read first, for
// every element _grabArticle visits until a byline is found — html, body and every container
// included, each read a walk of its whole subtree (about 2% of our time on real pages) — and
// then needed only when the rel, itemprop or class/id test passes, which few elements do.
const BYLINE_SOURCE = `_isValidByline(node, matchString) {
    var rel = node.getAttribute("rel");
    var itemprop = node.getAttribute("itemprop");
    var bylineLength = node.textContent.trim().length;

    return (
      (rel === "author" ||
        (itemprop && itemprop.includes("author")) ||
        this.REGEXPS.byline.test(matchString)) &&
      !!bylineLength &&
      bylineLength < 100
    );
  }`;

/**
 * Readability's byline test with its cheap half first: an element whose rel, itemprop and
 * class/id say nothing of an author is answered false without reading its text; any other goes
 * to the original. The same answers: the text's length only matters when that half passes, and
 * neither reading the text nor testing the name changes anything (the name pattern has no g or
 * y flag, so it keeps no position between tests; a pattern with one goes to the original).
 */
export function cheapFirst(
  original: (node: DomElement, matchString: string) => boolean,
  name: RegExp,
): (this: unknown, node: DomElement, matchString: string) => boolean {
  if (name.global || name.sticky) return original;
  return function (this: unknown, node: DomElement, matchString: string): boolean {
    const itemprop = node.getAttribute('itemprop');
    if (node.getAttribute('rel') !== 'author' && !itemprop?.includes('author') && !name.test(matchString)) return false;
    return original.call(this, node, matchString);
  };
}

type TagQuery = (this: DomNode, tagName: string) => ArrayLike<DomElement>;

const DOCUMENT_NODE = 9;

// Whether a document compares element names in any case (an HTML document: linkedom upper-cases
// both sides), told by its root element's tagName, which linkedom upper-cases only then.
const anyCase = new WeakMap<DomDocument, boolean>();

export function namesInAnyCase(doc: DomDocument): boolean {
  let v = anyCase.get(doc);
  if (v === undefined) {
    const root = doc.documentElement;
    v = root !== null && root.localName !== root.tagName && root.localName.toUpperCase() === root.tagName;
    anyCase.set(doc, v);
  }
  return v;
}

/**
 * linkedom's getElementsByTagName, without its cost: it upper-cases the name of every element of
 * the subtree (a new string each) to compare it with the name asked for. Same list, same order
 * (its tree walker reads the same node list), same NodeList type. An element matches when its
 * name is the one asked for or upper-cases to it; no name upper-cases to one with a lower-case
 * ASCII letter in it (Readability asks for "a", "img", "p") nor to a shorter one.
 */
export function tagQuery(original: TagQuery): TagQuery {
  return function (this: DomNode, tagName: string): ArrayLike<DomElement> {
    const doc = this.nodeType === DOCUMENT_NODE ? (this as DomDocument) : this.ownerDocument;
    if (!doc || typeof tagName !== 'string' || !namesInAnyCase(doc)) return original.call(this, tagName);
    const out = new NodeList() as unknown as DomElement[];
    const exactOnly = /[a-z]/.test(tagName);
    walkList(
      this,
      SHOW_ELEMENT,
      (n) => {
        const name = (n as DomElement).localName;
        return name === tagName || (!exactOnly && name.length <= tagName.length && upperCased(name) === tagName);
      },
      out,
    );
    return out;
  };
}

/**
 * linkedom's tagName getter for the elements of `docOf()` (an HTML document): the name
 * upper-cased, from a table of the few dozen names a page has instead of a new string on every
 * read (Readability reads it for every node it visits, several times). Other elements, and all
 * elements when `docOf()` is null, get the original.
 */
export function fastTagName(docOf: () => DomDocument | null, original: () => unknown): (this: DomElement) => unknown {
  return function (this: DomElement): unknown {
    const doc = docOf();
    return doc !== null && this.ownerDocument === doc ? upperCased(this.localName) : original.call(this);
  };
}

/**
 * Runs `fn` with the cheaper tag queries, tag names and class names (tagQuery, fastTagName,
 * fastClassName) answering for `doc`'s elements — the same answers — as while a tuned parse()
 * runs; `fn` must be synchronous. Pruning uses it too: it reads the class of every element of the
 * body, each read a spread and join of the element's tokens otherwise.
 */
export function withTunedReads<T>(doc: DomDocument, fn: () => T): T {
  if (!namesInAnyCase(doc) || !dispatching(doc)) return fn();
  const outer = running;
  running = doc;
  try {
    return fn();
  } finally {
    running = outer;
  }
}

// The document whose tuned parse() is running, if any.
let running: DomDocument | null = null;

/** The document whose tuned parse() is running (null when none is): for tests. */
export function tunedDocument(): DomDocument | null {
  return running;
}

// Prototypes whose getElementsByTagName or tagName is already our dispatcher.
const dispatched = new WeakSet<object>();

/**
 * Makes linkedom's getElementsByTagName and tagName, for the prototypes `doc`'s nodes use,
 * dispatchers to `tagQuery` and `fastTagName` while a tuned parse() runs (once per prototype).
 * False when this linkedom does not have them where expected.
 */
function dispatching(doc: DomDocument): boolean {
  const queries = ownerOf(doc, 'getElementsByTagName');
  const names = doc.documentElement ? ownerOf(doc.documentElement, 'tagName') : null;
  if (!queries || !names) return false;
  if (!dispatched.has(queries)) {
    const query = queries.getElementsByTagName as TagQuery;
    if (typeof query !== 'function') return false;
    const fast = tagQuery(query);
    queries.getElementsByTagName = function (this: DomNode, tagName: string): ArrayLike<DomElement> {
      return (running !== null ? fast : query).call(this, tagName);
    };
    dispatched.add(queries);
  }
  if (!dispatched.has(names)) {
    const tagName = Object.getOwnPropertyDescriptor(names, 'tagName');
    if (!tagName?.get || !tagName.configurable) return false;
    Object.defineProperty(names, 'tagName', { ...tagName, get: fastTagName(tunedDocument, tagName.get) });
    dispatched.add(names);
  }
  // className lives on the same prototype as tagName: it has a set of its own. Without it (a
  // linkedom that defines it elsewhere or not configurable) the original answers, as before.
  const classes = doc.documentElement ? ownerOf(doc.documentElement, 'className') : null;
  if (classes && !classesDispatched.has(classes)) {
    const className = Object.getOwnPropertyDescriptor(classes, 'className');
    if (className?.get && className.configurable) {
      Object.defineProperty(classes, 'className', { ...className, get: fastClassName(tunedDocument, className.get) });
    }
    classesDispatched.add(classes);
  }
  return true;
}

// Prototypes whose className is already our dispatcher.
const classesDispatched = new WeakSet<object>();

/**
 * `[...tokens].join(' ')` — what linkedom's className getter answers, its element's class tokens
 * (a Set, in order) joined by spaces — without the array it spreads them into: one token (most
 * classed elements) is answered by itself, with nothing allocated. Undefined when a token is not a
 * string (join would convert it; the caller asks the original then).
 */
export function joinedClasses(tokens: Set<unknown>): string | undefined {
  let out: string | undefined;
  for (const t of tokens) {
    if (typeof t !== 'string') return undefined;
    out = out === undefined ? t : `${out} ${t}`;
  }
  return out ?? '';
}

/**
 * linkedom's className getter for the elements of `docOf()`: their class tokens joined
 * (joinedClasses) instead of spread into an array and joined on every read — Readability reads it
 * for every element it visits and every candidate it weighs, more than once. Other elements, and
 * all when `docOf()` is null, get the original.
 */
export function fastClassName(docOf: () => DomDocument | null, original: () => unknown): (this: DomElement) => unknown {
  return function (this: DomElement): unknown {
    const doc = docOf();
    if (doc !== null && this.ownerDocument === doc) {
      const tokens = (this as unknown as { classList?: unknown }).classList;
      if (tokens instanceof Set) {
        const joined = joinedClasses(tokens);
        if (joined !== undefined) return joined;
      }
    }
    return original.call(this);
  };
}

// Readability's parse() writes out the whole article as HTML for a debug message right after
// _grabArticle returns it — `this.log("Grabbed: " + articleContent.innerHTML)` — also when the
// log is off and the message is thrown away: a serialisation of the body on every page, about
// 2% of our time. Where parse() reads so (checked in its source, once), and debugging is off,
// that one read gets an empty string: an own getter on the returned element answers it and
// removes itself, so every later read is linkedom's.
const GRABBED_LOG = 'this.log("Grabbed: " + articleContent.innerHTML)';
let grabbedLog: { parse: unknown; reads: boolean } | undefined;

function logsGrabbedMarkup(parse: () => unknown): boolean {
  if (grabbedLog?.parse !== parse) {
    const src = Function.prototype.toString.call(parse);
    const at = src.indexOf(GRABBED_LOG);
    // The read must come straight after the call that returns the element.
    grabbedLog = {
      parse,
      reads: at > 0 && /=\s*this\._grabArticle\(\);\s*if \(!articleContent\) \{\s*return null;\s*\}\s*$/.test(src.slice(0, at)),
    };
  }
  return grabbedLog.reads;
}

// One getter and one setter for every page, reading the element as `this`. An accessor's functions
// are kept by the hidden class its definition makes (held in V8's transition tree until a full
// collection), so closures over each page's element kept that page's whole tree alive through
// every collection of the young generation until the next full one (measured; README, "Speed and
// memory round (x-speed2)"). With the same two functions every time nothing of a page is kept.
const EMPTY_ONCE: PropertyDescriptor = {
  configurable: true,
  get(this: { innerHTML?: string }): string {
    delete this.innerHTML;
    return '';
  },
  set(this: { innerHTML?: string }, html: string): void {
    delete this.innerHTML;
    this.innerHTML = html;
  },
};

// Readability 0.6.0's _grabArticle keeps the page's markup for its retries: `var pageCacheHtml =
// page.innerHTML` before its loop, `page.innerHTML = pageCacheHtml` after an attempt that found
// too little text, and no other read of it. While it runs, the page element answers the first read
// with a token and keeps a MarkupCopy of its children; writing the token back writes the copy's
// markup — what the read would have returned. Any other read or write is linkedom's. A page where
// no attempt fails never serialises its body. As for EMPTY_ONCE, the accessor's two functions are
// the same for every page and read the page's state from `bodyCopy`, cleared when the call returns.
type BodyCopy = { el: object; token: string; copy: MarkupCopy | null; read: boolean; own: PropertyDescriptor };
let bodyCopy: BodyCopy | null = null;
let bodyCopies = 0;

const COPY_ONCE: PropertyDescriptor = {
  configurable: true,
  get(this: DomElement): string {
    const s = bodyCopy;
    if (s === null || s.el !== this) return innerHtmlOf(this);
    if (s.read) return s.own.get!.call(this) as string;
    s.read = true;
    s.copy = MarkupCopy.of(this);
    return s.copy ? s.token : (s.own.get!.call(this) as string);
  },
  set(this: DomElement, html: string): void {
    const s = bodyCopy;
    if (s === null || s.el !== this) {
      delete (this as { innerHTML?: string }).innerHTML;
      this.innerHTML = html;
      return;
    }
    s.own.set!.call(this, s.copy !== null && html === s.token ? s.copy.markup() : html);
  },
};

function innerHtmlOf(el: DomElement): string {
  delete (el as { innerHTML?: string }).innerHTML;
  return el.innerHTML;
}

/** Runs `grab` (a 0.6.0 _grabArticle of `reader` on `page`) with its page's markup copied only when read back. */
function withBodyCopy(reader: unknown, page: unknown, grab: () => DomElement | null): DomElement | null {
  // The page _grabArticle works on: `page ? page : this._doc.body`.
  const el = (page ? page : (reader as { _doc?: DomDocument })._doc?.body) as DomElement | null | undefined;
  const owner = el && typeof el === 'object' ? ownerOf(el, 'innerHTML') : null;
  const own = owner ? Object.getOwnPropertyDescriptor(owner, 'innerHTML') : undefined;
  if (!el || bodyCopy !== null || Object.hasOwn(el, 'innerHTML') || !own?.get || !own.set) return grab();
  bodyCopy = { el, token: `\u0000body copy ${++bodyCopies}\u0000`, copy: null, read: false, own };
  Object.defineProperty(el, 'innerHTML', COPY_ONCE);
  try {
    return grab();
  } finally {
    bodyCopy = null;
    delete (el as { innerHTML?: string }).innerHTML;
  }
}

function serialiseNextAsEmpty(el: DomElement): void {
  if (Object.hasOwn(el, 'innerHTML')) return;
  Object.defineProperty(el, 'innerHTML', EMPTY_ONCE);
}

/** The prototype of `node` that defines `key`. */
function ownerOf(node: object, key: string): Record<string, unknown> | null {
  for (let p: object | null = Object.getPrototypeOf(node); p; p = Object.getPrototypeOf(p)) {
    if (Object.hasOwn(p, key)) return p as Record<string, unknown>;
  }
  return null;
}
