// A liberal XML reader: htmlparser2's tokeniser (xmlMode) drives a small element tree, and we
// add the well-formedness checks the tokeniser does not make (mismatched or stray end tags,
// unclosed elements, undefined entities, bare ampersands, unbound prefixes, content after the
// root). Every problem is recorded and reading goes on, so an ill-formed feed still yields its
// entries. Element and attribute names are lower-cased and prefixes mapped to canonical ones
// (see namespaces.ts); xml:base and xml:lang are resolved per element.
import { Tokenizer } from 'htmlparser2';
import { XML_ENTITIES, htmlNamedEntity, numericReference } from '../../../text/entities.js';
import { joinBase } from '../urls.js';
import type { Doctype } from './doctype.js';
import { knownPrefix } from './namespaces.js';

export interface XmlElement {
  /** Canonical namespace prefix: '' for the feed formats, 'dc', 'media', …, or the document's own. */
  ns: string;
  /** Namespace URI as declared ('' when none). */
  uri: string;
  /** Lower-case local name. */
  local: string;
  /** Lower-case name as written (with the document's prefix), for re-serialising markup. */
  qname: string;
  /** Attributes by lower-case name; prefixed names use canonical prefixes (`xml:base`, `rdf:about`). */
  attrs: Record<string, string>;
  /** Attributes as written (lower-case names), in order, for re-serialising markup. */
  rawAttrs: [string, string][];
  /** Child elements and decoded text, in document order. */
  children: (XmlElement | string)[];
  /** Base URI in effect for this element's content. */
  base: string | undefined;
  /** xml:lang in effect ('' when explicitly unset). */
  lang: string | undefined;
}

export interface XmlDocument {
  root: XmlElement | undefined;
  /** Well-formedness problems, first one first. */
  problems: string[];
}

export interface TreeOptions {
  baseUrl?: string | undefined;
  lang?: string | undefined;
  doctype: Doctype;
}

type Scope = Map<string, string>;

// Cap on text produced by expanding declared entities, so a document cannot make us allocate
// much more than its own size.
const ENTITY_BUDGET_MIN = 1 << 20;
// Deeper nesting than this is not a feed but an attack on recursive consumers; elements past it
// are dropped (their text is kept) so every later walk of the tree stays shallow.
const MAX_DEPTH = 256;

export function buildTree(text: string, opts: TreeOptions): XmlDocument {
  const problems: string[] = [];
  const problem = (msg: string): void => {
    if (problems.length < 20) problems.push(msg);
  };
  const { entities, refused } = opts.doctype;
  let entityBudget = Math.max(ENTITY_BUDGET_MIN, text.length * 4);

  const docRoot: XmlElement = {
    ns: '',
    uri: '',
    local: '#document',
    qname: '#document',
    attrs: {},
    rawAttrs: [],
    children: [],
    base: opts.baseUrl,
    lang: opts.lang,
  };
  let root: XmlElement | undefined;
  let rootClosed = false;
  const stack: XmlElement[] = [docRoot];
  const scopes: Scope[] = [new Map([['xml', 'http://www.w3.org/XML/1998/namespace']])];
  const scopeDepth: number[] = [0];

  let tagName = '';
  let attrName = '';
  let attrValue = '';
  let pendingAttrs: [string, string][] = [];

  const decode = (raw: string, inAttr: boolean): string => {
    if (raw.indexOf('&') < 0) return raw;
    return raw.replace(/&(#[xX][0-9a-fA-F]+;?|#[0-9]+;?|[A-Za-z_:][\w.:-]*;?)?/g, (whole, body: string | undefined) => {
      if (body?.[body.length - 1] !== ';') {
        problem(inAttr ? 'unescaped & in an attribute value' : 'unescaped & in text');
        return whole;
      }
      const name = body.slice(0, -1);
      if (name[0] === '#') {
        const ch = numericReference(name);
        if (ch === undefined) {
          problem(`invalid character reference &${name};`);
          return whole;
        }
        return ch;
      }
      const xml = XML_ENTITIES[name];
      if (xml !== undefined) return xml;
      const declared = entities.get(name);
      if (declared !== undefined) {
        entityBudget -= declared.length;
        if (entityBudget < 0) {
          problem('entity expansion limit reached; remaining references left as written');
          return whole;
        }
        return declared.startsWith('&#') ? (numericReference(declared.slice(1, -1)) ?? '') : declared;
      }
      if (refused.has(name)) {
        problem(`entity &${name}; is external or refers to other entities; it was not expanded`);
        return whole;
      }
      const html = htmlNamedEntity(name);
      if (html !== undefined) {
        problem(`undefined entity &${name};`);
        return html;
      }
      problem(`undefined entity &${name};`);
      return whole;
    });
  };

  const appendText = (s: string): void => {
    const top = stack[stack.length - 1]!;
    if (top === docRoot) {
      if (s.trim()) problem(root ? 'text after the root element' : 'text before the root element');
      return;
    }
    const kids = top.children;
    const last = kids.length - 1;
    if (last >= 0 && typeof kids[last] === 'string') kids[last] = (kids[last] as string) + s;
    else kids.push(s);
  };

  const resolvePrefix = (prefix: string): string | undefined => {
    for (let i = scopes.length - 1; i >= 0; i--) {
      const u = scopes[i]!.get(prefix);
      if (u !== undefined) return u;
    }
    return undefined;
  };

  let tooDeep = 0;
  const openElement = (selfClosing: boolean): void => {
    if (stack.length > MAX_DEPTH) {
      if (tooDeep === 0) problem(`elements nested deeper than ${MAX_DEPTH} levels were dropped`);
      if (!selfClosing) tooDeep++;
      pendingAttrs = [];
      return;
    }
    const parent = stack[stack.length - 1]!;
    const qname = tagName.toLowerCase();
    if (parent === docRoot) {
      if (rootClosed || root) problem('more than one root element');
    }
    // Namespace declarations first: they apply to the element's own name and attributes.
    let scope: Scope | undefined;
    for (let i = 0; i < pendingAttrs.length; i++) {
      const a = pendingAttrs[i]!;
      const n = a[0];
      if (n === 'xmlns' || n.startsWith('xmlns:')) {
        scope ??= new Map();
        scope.set(n === 'xmlns' ? '' : n.slice(6), a[1]);
      }
    }
    if (scope) {
      scopes.push(scope);
      scopeDepth.push(stack.length);
    }
    const colon = qname.indexOf(':');
    const prefix = colon >= 0 ? qname.slice(0, colon) : '';
    const local = colon >= 0 ? qname.slice(colon + 1) : qname;
    let uri = resolvePrefix(prefix);
    if (uri === undefined) {
      if (prefix) problem(`unbound namespace prefix "${prefix}"`);
      uri = '';
    }
    const ns = knownPrefix(uri) ?? prefix;
    const attrs: Record<string, string> = {};
    for (let i = 0; i < pendingAttrs.length; i++) {
      const [n, v] = pendingAttrs[i]!;
      const c = n.indexOf(':');
      if (c > 0 && !n.startsWith('xmlns')) {
        const p = n.slice(0, c);
        const au = resolvePrefix(p);
        const canon = au !== undefined ? (knownPrefix(au) ?? p) : p;
        attrs[`${canon}:${n.slice(c + 1)}`] = v;
      } else {
        attrs[n] = v;
      }
    }
    const xmlBase = attrs['xml:base'];
    const xmlLang = attrs['xml:lang'];
    const el: XmlElement = {
      ns,
      uri,
      local,
      qname,
      attrs,
      rawAttrs: pendingAttrs,
      children: [],
      base: xmlBase !== undefined ? joinBase(parent.base, xmlBase) : parent.base,
      lang: xmlLang !== undefined ? xmlLang : parent.lang,
    };
    pendingAttrs = [];
    if (parent === docRoot) {
      root ??= el;
    }
    parent.children.push(el);
    stack.push(el);
    if (selfClosing) closeTop();
  };

  const closeTop = (): void => {
    stack.pop();
    while (scopeDepth.length > 1 && scopeDepth[scopeDepth.length - 1]! >= stack.length) {
      scopeDepth.pop();
      scopes.pop();
    }
    if (stack.length === 1) rootClosed = true;
  };

  const cbs = {
    onattribdata(start: number, end: number): void {
      attrValue += text.slice(start, end);
    },
    onattribentity(cp: number): void {
      attrValue += String.fromCodePoint(cp);
    },
    onattribend(quote: number, _end: number): void {
      if (quote === 0 /* NoValue */) problem(`attribute ${attrName} has no value`);
      else if (quote === 1 /* Unquoted */) problem(`attribute ${attrName} is not quoted`);
      pendingAttrs.push([attrName, decode(attrValue, true)]);
    },
    onattribname(start: number, end: number): void {
      attrName = text.slice(start, end).toLowerCase();
      attrValue = '';
    },
    oncdata(start: number, end: number, offset: number): void {
      appendText(text.slice(start, end - offset));
    },
    onclosetag(start: number, end: number): void {
      if (tooDeep > 0) {
        tooDeep--;
        return;
      }
      const name = text.slice(start, end).toLowerCase();
      const top = stack[stack.length - 1]!;
      if (top.qname === name) {
        closeTop();
        return;
      }
      for (let i = stack.length - 2; i > 0; i--) {
        if (stack[i]!.qname === name) {
          problem(`mismatched tag: </${name}> closes <${top.qname}>`);
          while (stack.length > i) closeTop();
          return;
        }
      }
      problem(`end tag </${name}> has no matching start tag`);
    },
    oncomment(): void {},
    ondeclaration(): void {},
    onend(): void {},
    onopentagend(_end: number): void {
      openElement(false);
    },
    onopentagname(start: number, end: number): void {
      tagName = text.slice(start, end);
      pendingAttrs = [];
    },
    onprocessinginstruction(): void {},
    onselfclosingtag(_end: number): void {
      openElement(true);
    },
    ontext(start: number, end: number): void {
      appendText(decode(text.slice(start, end), false));
    },
    ontextentity(): void {},
  };

  const tokenizer = new Tokenizer({ xmlMode: true, decodeEntities: false }, cbs);
  tokenizer.write(text);
  tokenizer.end();

  if (stack.length > 1) {
    problem(`document ended inside <${stack[stack.length - 1]!.qname}>`);
  }
  if (!root) problem('no root element');
  // Characters XML 1.0 forbids anywhere in a document.
  if (/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/.test(text)) problem('illegal control character in the document');
  return { root, problems };
}
