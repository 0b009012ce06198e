// Readability keeps a copy of the page's body as markup for its retries — `pageCacheHtml =
// page.innerHTML` at the start of `_grabArticle`, written back with `page.innerHTML =
// pageCacheHtml` only when an attempt finds too little text — so every page pays for serialising
// its whole body (every text escaped, every tag and attribute written out and joined: 3.5% of our
// time on the bench's generated pages), and almost no page reads the copy back. MarkupCopy keeps
// instead what linkedom's serialisation reads — each node of the body's list in order: elements,
// the value each attribute has at that moment, the text of each text node (strings, which nothing
// can change) — and writes the markup from it only if it is asked for, as linkedom would have
// written it when the copy was taken. Only for linkedom 0.18.x's serialisation (its element
// `toString` checked by its source; elements with a `toString` of their own, such as <title> or
// <textarea>, and comments are serialised on the spot by linkedom itself).
import { createHash } from 'node:crypto';
import type { DomDocument, DomElement, DomNode, Listed } from './dom.js';
import { ELEMENT_NODE, TEXT_NODE, linksOf } from './dom.js';

const ATTRIBUTE_NODE = 2;
// linkedom's end marker of an element in its node list.
const NODE_END = -1;

// linkedom 0.18's Element.prototype.toString (an element's outer markup, read off its node list),
// its source with runs of white space made one space, hashed (sha-256). `markup()` writes what it
// writes; the attribute, text and end-tag pieces it asks of linkedom's own objects.
const ELEMENT_TO_STRING_SHA256 = '9b4ac5e48a97a495d6c18bbd67aa8152854ba6e0288001863edd6de03782a745';

type Serialise = (this: DomNode) => string;

const known = new WeakMap<object, boolean>();

/** linkedom's element `toString` for `el`, where it is the one whose serialisation MarkupCopy mirrors; else null. */
function elementToString(el: DomElement): Serialise | null {
  const fn = (el as unknown as { toString: Serialise }).toString;
  let ok = known.get(fn);
  if (ok === undefined) {
    const src = Function.prototype.toString.call(fn).replace(/\s+/g, ' ');
    ok = createHash('sha256').update(src).digest('hex') === ELEMENT_TO_STRING_SHA256;
    known.set(fn, ok);
  }
  return ok ? fn : null;
}

// Markers in a copy's parts. Any other object is an element (its start) or an attribute (followed
// by its value); a string is a text node's text.
const END = { end: true };
const LITERAL = { literal: true };

/**
 * The markup `el.innerHTML` gives on linkedom at the moment `MarkupCopy.of(el)` is called, written
 * only when `markup()` is asked for, however the tree has changed since.
 */
export class MarkupCopy {
  private written: string | null = null;

  private constructor(
    private readonly doc: DomDocument,
    private readonly parts: unknown[],
  ) {}

  /** A copy of `el`'s inner markup as it stands; null where linkedom's serialisation is not the one mirrored. */
  static of(el: DomElement): MarkupCopy | null {
    const doc = el.ownerDocument;
    const l = linksOf(el);
    const generic = elementToString(el);
    if (doc === null || l === null || generic === null || !Object.hasOwn(el, l.next)) return null;
    const parts: unknown[] = [];
    // `innerHTML` is `childNodes.join('')`: each child's own toString in turn.
    for (let c = el.firstChild; c !== null; c = c.nextSibling) {
      const type = c.nodeType;
      if (type === TEXT_NODE) parts.push(c.textContent ?? '');
      else if (type === ELEMENT_NODE && (c as unknown as { toString: unknown }).toString === generic)
        record(c as unknown as Listed, l.next, l.end, generic, parts);
      else parts.push(LITERAL, String(c));
    }
    return new MarkupCopy(doc, parts);
  }

  /** The markup, as linkedom would have written it when the copy was taken (written once). */
  markup(): string {
    this.written ??= write(this.doc, this.parts);
    return this.written;
  }
}

/**
 * What linkedom's element toString reads on its walk from `el` to `el`'s end marker, kept in
 * `parts`: the same walk, the same cases.
 */
function record(el: Listed, next: symbol, end: symbol, generic: Serialise, parts: unknown[]): void {
  const last = el[end];
  let n: Listed = el;
  parts.push(el);
  do {
    n = n[next]!;
    switch (n.nodeType) {
      case ATTRIBUTE_NODE:
        parts.push(n, (n as unknown as { value: string }).value);
        break;
      case NODE_END:
        parts.push(END);
        break;
      case ELEMENT_NODE:
        if ((n as unknown as { toString: unknown }).toString !== generic) {
          parts.push(LITERAL, String(n));
          n = n[end]!;
        } else parts.push(n);
        break;
      case TEXT_NODE:
        parts.push(n.textContent ?? '');
        break;
      case 4: // CDATA section
      case 8: // comment
        parts.push(LITERAL, String(n));
        break;
    }
  } while (n !== last);
}

/** linkedom's serialisation of the recorded walk (Element.prototype.toString's, piece for piece). */
function write(doc: DomDocument, parts: unknown[]): string {
  const out: string[] = [];
  const open: DomElement[] = [];
  let isOpened = false;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (typeof p === 'string') {
      out.push((isOpened ? '>' : '') + String(doc.createTextNode(p)));
      isOpened = false;
    } else if (p === END) {
      const start = open.pop()!;
      out.push(isOpened ? emptyClose(start) : `</${start.localName}>`);
      isOpened = false;
    } else if (p === LITERAL) {
      out.push((isOpened ? '>' : '') + (parts[++i] as string));
      isOpened = false;
    } else if ((p as DomNode).nodeType === ELEMENT_NODE) {
      if (isOpened) out.push('>');
      const el = p as DomElement;
      out.push(`<${el.localName}`);
      open.push(el);
      isOpened = true;
    } else {
      const attr = ` ${attributeAt(p as AttrLike, parts[++i] as string)}`;
      if (attr !== ' id' && attr !== ' class' && attr !== ' style') out.push(attr);
    }
  }
  return out.join('');
}

type AttrLike = { value: string; cloneNode(): AttrLike; toString(): string };

/** linkedom's markup of the attribute `attr` with the value `value` (the one it had when recorded). */
function attributeAt(attr: AttrLike, value: string): string {
  if (attr.value === value) return String(attr);
  // A detached copy (same name, same document) given the old value: its setter tells no element.
  const copy = attr.cloneNode();
  copy.value = value;
  return String(copy);
}

/**
 * What linkedom writes at the end marker of `start` when nothing was written inside it (" />",
 * ">" or the end tag, by its name, document and kind): read off a bare shallow copy of it, whose
 * markup is its start tag's `<name` and that ending.
 */
function emptyClose(start: DomElement): string {
  type Bare = DomElement & { attributes: ArrayLike<object>; removeAttributeNode(a: object): void };
  const bare = (start as unknown as { cloneNode(deep: boolean): Bare }).cloneNode(false);
  for (const a of Array.from(bare.attributes)) bare.removeAttributeNode(a);
  return String(bare).slice(1 + start.localName.length);
}
