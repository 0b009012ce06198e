// The article body's sanitised HTML, read from the tree we hold instead of from its serialised
// markup. `sanitizeHtml(body.innerHTML)` made linkedom write the body out as a string only for
// htmlparser2 to tokenise it again; here one pass over linkedom's node list sends the sanitiser
// the events that parse would have given, so the output is the same string.
//
// The events equal the parse's only where the markup linkedom writes reads back as the same tree.
// Where it may not, the pass gives up and the caller serialises as before:
// - an element the parser would close on opening another (a <div> inside a <p>, an <li> straight
//   inside an <li>: htmlparser2 closes the outer one first), a <form> inside a <form> (ignored);
// - raw-text elements whose content is anything but text (it is not tokenised as markup), and
//   script, style, title, textarea (linkedom writes their text unescaped) and plaintext (its
//   text runs to the end), and elements linkedom writes its own way (any other toString, SVG);
// - foreign content (svg, math), <template>, <image> (read as <img>), elements void for one
//   side only, a void element with children, and names that would not tokenise back as written
//   (broken markup such as `<a <em>x</em>` does give an attribute named "<em", which does);
// - nodes other than elements, text and comments (CDATA sections).
import { sanitizeEvents, sanitizeHtml, type MarkupEvents, type SanitizeOptions } from '../../sanitize/index.js';
import type { DomElement, DomNode } from './dom.js';
import { ELEMENT_NODE, TEXT_NODE, COMMENT_NODE, linksOf } from './dom.js';
import { lowerCased } from './walk.js';

const ATTRIBUTE_NODE = 2;
// linkedom's marker for the end of an element in its node list.
const NODE_END = -1;

/**
 * The body's children sanitised, or null when they write no markup at all: exactly
 * `body.innerHTML ? sanitizeHtml(body.innerHTML, opts) : null`.
 */
export function sanitizedChildren(body: DomElement, opts: SanitizeOptions): string | null {
  // A body of text alone is short, and sanitizeHtml has a shortcut for markup-free input.
  if (firstElementChild(body) === null) {
    const html = body.innerHTML;
    return html ? sanitizeHtml(html, opts) : null;
  }
  return sanitizeEvents((events) => feed(body, events), opts) ?? sanitizeHtml(body.innerHTML, opts);
}

function firstElementChild(el: DomElement): DomNode | null {
  return (el as unknown as { firstElementChild: DomNode | null }).firstElementChild;
}

// Elements whose start closes an open element of these names (htmlparser2's HTML rules: the
// paragraph, list item, heading, table and form-control cases of the HTML standard, simplified).
const CLOSED_BY: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const m = new Map<string, Set<string>>();
  const rule = (openers: string, closed: string): void => {
    for (const o of openers.split(' ')) m.set(o, new Set([...(m.get(o) ?? []), ...closed.split(' ')]));
  };
  rule('tr', 'tr th td');
  rule('th', 'th');
  rule('td', 'thead th td');
  rule('body', 'head link script');
  rule('a', 'a');
  rule('li', 'li');
  rule('p', 'p');
  rule('h1 h2 h3 h4 h5 h6', 'h1 h2 h3 h4 h5 h6 p');
  rule('select input output button datalist textarea', 'input option optgroup select button datalist textarea');
  rule('option', 'option');
  rule('optgroup', 'optgroup option');
  rule('dd dt', 'dd dt');
  rule(
    'address article aside blockquote details div dl fieldset figcaption figure footer form header hr main nav ol pre section table ul',
    'p',
  );
  rule('rt rp', 'rt rp');
  rule('tbody tfoot', 'thead tbody');
  return m;
})();

// Void for htmlparser2 (no end tag read, no children).
const VOID = new Set(
  'area base basefont br col command embed frame hr img input isindex keygen link meta param source track wbr'.split(' '),
);

// Elements after which the parse would not read the tree linkedom holds (see the file's header).
const GIVE_UP = new Set('script style title textarea plaintext svg math template image menuitem basefont command frame isindex'.split(' '));

// Raw-text elements the parse reads as text up to their end tag: the same text run, provided
// they hold only text (linkedom escapes it, so it holds no "<").
const RAW_TEXT = new Set(['iframe', 'noembed', 'noframes', 'xmp']);

// Names htmlparser2's tokeniser reads back as written: a tag name starts with an ASCII letter;
// a name ends at white space, "/" or ">", an attribute name also at "=" (but may start with one).
const PLAIN_TAG = /^[a-zA-Z][^\t\n\f\r />]*$/;
const PLAIN_ATTR = /^[^\t\n\f\r />][^\t\n\f\r />=]*$/;

// Text as linkedom writes it in an HTML document.
const TEXT_SPECIAL = /[<>&\u00a0]/;
// Text that linkedom writes as it is and that the sanitiser's escaping leaves as it is (no NUL,
// which it drops): sent as a plain run (MarkupEvents.plainText).
const NOT_PLAIN = /[<>&\u00a0\0]/;
const TEXT_SPECIALS = /[<>&\u00a0]/g;
const TEXT_ESCAPES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '\u00a0': '&#160;' };
function asMarkup(text: string): string {
  return TEXT_SPECIAL.test(text) ? text.replace(TEXT_SPECIALS, (c) => TEXT_ESCAPES[c]!) : text;
}
// An attribute value as linkedom writes it in an HTML document (only the quote is escaped).
function attrAsMarkup(value: string): string {
  return value.indexOf('"') === -1 ? value : value.replace(/"/g, '&quot;');
}
// Attributes linkedom leaves out when empty.
const DROPPED_WHEN_EMPTY = new Set(['id', 'class', 'style']);

interface ListNode extends DomNode {
  [link: symbol]: ListNode | undefined;
}
type Attr = { name: string; value: string };

/** Sends the events for `root`'s children; false when their markup might not read back as this tree. */
function feed(root: DomElement, events: MarkupEvents): boolean {
  const links = linksOf(root);
  const rootNode = root as unknown as ListNode;
  if (links === null || !Object.hasOwn(rootNode, links.next)) return false;
  // linkedom writes elements of other classes (script, style, SVG ...) its own way.
  const plainWriter = (root as unknown as { toString: unknown }).toString;
  const end = rootNode[links.end];
  // Open elements of the fragment (lower-case names), whether each is void, and forms open.
  const names: string[] = [];
  const voids: boolean[] = [];
  let forms = 0;
  // Raw-text elements open (at most one: nothing but text may follow one's start).
  let rawText = 0;
  // The element whose start tag is being collected (its attributes follow it in the list).
  let pending: string | null = null;
  let attribs: Record<string, string> = {};
  let run = '';
  // Whether every text node of the run is plain (NOT_PLAIN finds nothing in it).
  let plain = true;
  const flush = (): void => {
    if (pending !== null) {
      events.open(pending, attribs);
      pending = null;
    }
    if (run !== '') {
      if (plain) events.plainText(run);
      else events.text(run);
      run = '';
      plain = true;
    }
  };
  let n = rootNode[links.next];
  // The root's own attributes come first: they are not part of its children's markup.
  while (n !== undefined && n.nodeType === ATTRIBUTE_NODE) n = n[links.next];
  for (; n !== undefined && n !== end; n = n[links.next]) {
    const type = n.nodeType;
    if (type === ATTRIBUTE_NODE) {
      if (pending === null) return false;
      const { name, value } = n as unknown as Attr;
      if (value === '' && DROPPED_WHEN_EMPTY.has(name)) continue;
      if (!PLAIN_ATTR.test(name)) return false;
      const key = lowerCased(name);
      if (!Object.hasOwn(attribs, key)) attribs[key] = attrAsMarkup(value);
      continue;
    }
    // A void element's children would be read as its siblings, a raw-text element's as text.
    if (type !== NODE_END && type !== TEXT_NODE && rawText > 0) return false;
    if (type !== NODE_END && voids[voids.length - 1] === true) return false;
    if (type === TEXT_NODE) {
      if (pending !== null) flush();
      const data = (n as unknown as { data: string }).data;
      if (NOT_PLAIN.test(data)) {
        plain = false;
        run += asMarkup(data);
      } else run += data;
    } else if (type === ELEMENT_NODE) {
      const el = n as unknown as DomElement & { toString: unknown };
      const raw = el.localName;
      if (!PLAIN_TAG.test(raw) || el.toString !== plainWriter || 'ownerSVGElement' in el) return false;
      const name = lowerCased(raw);
      if (GIVE_UP.has(name)) return false;
      if (names.length > 0 && CLOSED_BY.get(name)?.has(names[names.length - 1]!)) return false;
      if (name === 'form' && forms++ > 0) return false;
      if (RAW_TEXT.has(name)) rawText++;
      flush();
      pending = name;
      attribs = {};
      names.push(name);
      voids.push(VOID.has(name));
    } else if (type === NODE_END) {
      const name = names.pop();
      if (name === undefined) return false;
      voids.pop();
      flush();
      if (name === 'form') forms--;
      else if (RAW_TEXT.has(name)) rawText--;
      events.close(name);
    } else if (type === COMMENT_NODE) {
      flush();
    } else {
      return false;
    }
  }
  if (names.length > 0) return false;
  flush();
  return true;
}
