// The story's text from the page's structured data, for pages whose HTML does not hold it.
// Many news sites now render the story with JavaScript: the HTML served holds a skeleton, a
// teaser or an "enable JavaScript" notice, while the schema.org object they write for search
// engines (NewsArticle, Article, BlogPosting, ReportageNewsArticle …, in JSON-LD, possibly inside
// @graph or an array) carries the whole story as plain text in `articleBody`. When the body the
// stages found is short, and the page's own article object (the one whose address or headline is
// the page's, not one of a listing's other stories) has an `articleBody` clearly longer, that text
// is the body: split into paragraphs at its line breaks, put into the tree as text nodes (never
// parsed as markup), then sanitised like any body.
//
// Not when the structured data says the article is not free to read (schema.org
// isAccessibleForFree false, on the object, on one of its parts or anywhere on the page): there
// `articleBody` is the text the publisher withholds from readers without a subscription, given to
// search engines only, and the reader gets what the page shows.
import type { DomDocument, DomElement, PageIndex } from './dom.js';
import { tagged } from './dom.js';
import { type Json, type JsonObject, decodeEntities, isObject, jsonLdObjects, notFree, types } from './metadata.js';

/** A body under this many characters (squeezed) is short: the structured data is consulted. */
export const STRUCTURED_SHORT = 1500;
/** `articleBody` must hold at least this many characters … */
export const STRUCTURED_MIN = 500;
/** … and at least this many times the body found. */
export const STRUCTURED_FACTOR = 2;
/**
 * At most this much of `articleBody` is read (the page itself is cut to MAX_HTML_CHARS before
 * parsing, so a script cannot be longer; this bounds the work on what is read from it).
 */
export const MAX_ARTICLE_BODY_CHARS = 1_000_000;

/** Types whose `articleBody` is one story's text (LiveBlogPosting's is the intro to its updates). */
const STORY_TYPE = /^(?:\w*Article|BlogPosting|Report)$/;

function typesOf(o: JsonObject): string[] {
  // "schema:NewsArticle", "http://schema.org/NewsArticle": the local name counts.
  return types(o).map((x) => x.replace(/^.*[/:#]/, ''));
}

/** Whether the object, or a part of it (`hasPart`), is marked as not free to read. */
function closed(o: JsonObject): boolean {
  if (notFree(o.isAccessibleForFree)) return true;
  const parts = Array.isArray(o.hasPart) ? o.hasPart : [o.hasPart];
  return parts.some((p) => isObject(p) && notFree(p.isAccessibleForFree));
}

/** A JSON-LD text value: a string, a value object, or (written by some publishers) a list of them. */
function textValue(v: Json | undefined, depth = 0): string | null {
  if (typeof v === 'string') return v;
  if (isObject(v)) return typeof v['@value'] === 'string' ? v['@value'] : null;
  if (Array.isArray(v) && depth === 0) {
    const parts: string[] = [];
    for (const x of v) {
      const t = textValue(x, 1);
      // The same text twice (two renderers writing one field) is one text.
      if (t?.trim() && !parts.includes(t)) parts.push(t);
    }
    return parts.length > 0 ? parts.join('\n\n') : null;
  }
  return null;
}

/**
 * `articleBody` as paragraphs of plain text. It is schema.org Text, but some publishers write
 * their HTML into it: scripts and styles go with their content, block ends and <br> become line
 * breaks, other tags are dropped; then entities are decoded, so "&lt;b&gt;" comes out as the
 * literal text "<b>" (which the HTML built from it escapes again).
 */
export function bodyParagraphs(raw: string): string[] {
  const s = withoutScripts(raw.slice(0, MAX_ARTICLE_BODY_CHARS))
    .replace(/<(?:br\s*\/?|\/(?:p|div|h[1-6]|li|blockquote|figure|section|tr))\s*>/gi, '\n')
    .replace(/<\/?[a-z][^<>]*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ');
  const out: string[] = [];
  for (const line of decodeEntities(s).split(/\r\n|[\n\r\u2028\u2029]/)) {
    const p = line.replace(/[\s\u00a0]+/g, ' ').trim();
    if (p) out.push(p);
  }
  return out;
}

const SCRIPT_OPEN = /<(script|style)\b/gi;

/**
 * `s` without its <script> and <style> elements, content and all, in one pass: each opening tag
 * is followed by one search for its closing tag. (A lazy regular expression with a back-reference
 * would rescan to the end for every unclosed tag: quadratic on a hostile million characters.) An
 * unclosed one runs to the end, as a browser reads it: what follows is the script's, not text.
 */
function withoutScripts(s: string): string {
  const lower = s.toLowerCase();
  let out = '';
  let from = 0;
  SCRIPT_OPEN.lastIndex = 0;
  for (let m = SCRIPT_OPEN.exec(s); m !== null; m = SCRIPT_OPEN.exec(s)) {
    out += `${s.slice(from, m.index)}\n`;
    const close = lower.indexOf(`</${m[1]!.toLowerCase()}`, SCRIPT_OPEN.lastIndex);
    if (close < 0) return out;
    const end = s.indexOf('>', close);
    if (end < 0) return out;
    from = end + 1;
    SCRIPT_OPEN.lastIndex = from;
  }
  return out + s.slice(from);
}

/** An address compared by host and path: scheme, "www.", query, fragment and a final slash aside. */
function addressKey(u: string | null | undefined, base: string | undefined): string | null {
  if (!u) return null;
  try {
    const url = new URL(u.trim(), base);
    const path = url.pathname.replace(/\/+$/, '');
    if (!path) return null; // a site's home page is no one story's address
    return `${url.hostname.toLowerCase().replace(/^www\./, '')}${path}`;
  } catch {
    return null;
  }
}

function objectAddresses(o: JsonObject): string[] {
  const out: string[] = [];
  for (const v of [o.url, o['@id'], o.mainEntityOfPage]) {
    if (typeof v === 'string') out.push(v);
    else if (isObject(v)) for (const k of ['@id', 'url']) if (typeof v[k] === 'string') out.push(v[k] as string);
  }
  return out;
}

/** A title compared by its letters and digits, in lower case. */
function titleKey(s: string | null | undefined): string {
  return decodeEntities(s ?? '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The page's own titles: <title>, the social-card titles and the <h1>s. */
function pageTitles(doc: DomDocument, index: PageIndex): string[] {
  const out = [doc.title ?? ''];
  for (const m of tagged(index, 'meta')) {
    const key = (m.getAttribute('property') ?? m.getAttribute('name') ?? '').toLowerCase();
    if (key === 'og:title' || key === 'twitter:title') out.push(m.getAttribute('content') ?? '');
  }
  for (const h of tagged(index, 'h1')) out.push(h.textContent ?? '');
  return out.map(titleKey).filter((t) => t.length >= 8);
}

/** A headline is the page's when a page title is it, or holds it (a site name added: "Headline | Site"). */
function headlineMatches(o: JsonObject, titles: string[]): boolean {
  for (const v of [o.headline, o.name, o.alternativeHeadline]) {
    const h = titleKey(typeof v === 'string' ? v : null);
    if (h.length >= 8 && titles.some((t) => t === h || t.includes(h))) return true;
  }
  return false;
}

export interface StructuredBodyPage {
  doc: DomDocument;
  index: PageIndex;
  /** The page's address and its canonical address. */
  addresses: (string | null | undefined)[];
  base: string | undefined;
  /** Any object of the page's structured data says its article is not free to read. */
  paywalled: boolean;
}

export interface StructuredBody {
  paragraphs: string[];
  /** Characters of the paragraphs, joined as `text` joins them. */
  length: number;
}

/**
 * The page's own story object's `articleBody`, as paragraphs, when it is clearly longer than the
 * `found` characters of body the stages found (at least STRUCTURED_FACTOR times, and at least
 * STRUCTURED_MIN); null otherwise, and for a page marked as paywalled. The story object is the
 * one whose address is the page's; failing that, the one whose headline is the page's title.
 * Broken JSON-LD blocks are skipped (jsonLdObjects).
 */
export function structuredBody(page: StructuredBodyPage, found: number): StructuredBody | null {
  if (page.paywalled) return null;
  const stories = jsonLdObjects(page.index).filter((o) => o.articleBody !== undefined && typesOf(o).some((t) => STORY_TYPE.test(t)));
  if (stories.length === 0) return null;
  const pageKeys = new Set(page.addresses.map((a) => addressKey(a, page.base)).filter((k): k is string => k !== null));
  let story = stories.find((o) => objectAddresses(o).some((a) => pageKeys.has(addressKey(a, page.base) ?? '')));
  if (!story) {
    const titles = pageTitles(page.doc, page.index);
    const byTitle = stories.filter((o) => headlineMatches(o, titles));
    // Two different stories both titled like the page: which one is the page's is not known.
    if (byTitle.length === 0 || byTitle.some((o) => textValue(o.articleBody) !== textValue(byTitle[0]!.articleBody))) return null;
    story = byTitle[0]!;
  }
  // The paywall mark on the story object itself (or one of its parts) also counts when another
  // object of the page does not carry it.
  if (closed(story)) return null;
  const raw = textValue(story.articleBody);
  if (raw === null || raw.length < STRUCTURED_MIN) return null;
  const paragraphs = bodyParagraphs(raw);
  const length = paragraphs.reduce((n, p) => n + p.length, 0) + 2 * Math.max(0, paragraphs.length - 1);
  if (length < STRUCTURED_MIN || length < STRUCTURED_FACTOR * found) return null;
  return { paragraphs, length };
}

/** A <div> of the document holding one <p> per paragraph, each a text node: markup in the text stays text. */
export function structuredContent(doc: DomDocument, body: StructuredBody): DomElement {
  const root = doc.createElement('div');
  for (const p of body.paragraphs) {
    const el = doc.createElement('p');
    el.appendChild(doc.createTextNode(p));
    root.appendChild(el);
  }
  return root;
}
