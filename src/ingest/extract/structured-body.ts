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
import { type Json, type JsonObject, MAX_LD_ITEMS, decodeEntities, isObject } from './json-ld.js';
import { type StoryObject, atPage, closed, headlineMatches, pageAddressKeys, pageTitles, storiesOf, titleKey } from './ld-stories.js';

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
    .replace(/<\/?[a-z][^<>]*>/gi, ' ');
  const text = withoutComments(s);
  const out: string[] = [];
  for (const line of decodeEntities(text).split(/\r\n|[\n\r\u2028\u2029]/)) {
    const p = line.replace(/[\s\u00a0]+/g, ' ').trim();
    if (p) out.push(p);
  }
  return out;
}

/**
 * `s` with each closed comment made a space, in one pass: one search for each comment's end. (A
 * lazy pattern rescans to the end from every unclosed "<!--": quadratic, minutes of CPU on a
 * hostile string of a few hundred kilobytes.) An unclosed one stays as it is, as the pattern left it.
 */
function withoutComments(s: string): string {
  let out = '';
  let from = 0;
  for (let open = s.indexOf('<!--'); open >= 0; open = s.indexOf('<!--', from)) {
    const close = s.indexOf('-->', open + 4);
    if (close < 0) break;
    out += `${s.slice(from, open)} `;
    from = close + 3;
  }
  return out + s.slice(from);
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

export interface StructuredBodyPage {
  doc: DomDocument;
  index: PageIndex;
  /** The page's address and its canonical address. */
  addresses: (string | null | undefined)[];
  base: string | undefined;
  /** Any object of the page's structured data says its article is not free to read. */
  paywalled: boolean;
}

/** One block of the body built from structured data: a paragraph, or an update's heading. */
export interface StructuredPart {
  text: string;
  heading: boolean;
}

export interface StructuredBody {
  parts: StructuredPart[];
  /** Characters of the parts, joined as `text` joins them. */
  length: number;
  /** Where the text came from: a story's `articleBody`, or a live blog's `liveBlogUpdate`s. */
  source: 'articleBody' | 'liveBlogUpdate';
  /** Updates read, for a live blog. */
  updates: number;
}

/** Whether an update's headline only repeats the start of its text (some publishers fill it with the first words). */
function headlineRepeatsText(headline: string, text: string): boolean {
  const h = titleKey(headline.replace(/(?:\.{3}|…)\s*$/, ''));
  return h.length > 0 && titleKey(text.slice(0, headline.length + 40)).startsWith(h);
}

/**
 * A live blog's body from its `liveBlogUpdate`s, in the order the data gives them (newest first,
 * as the page prints them): each update's headline as a heading (unless it only repeats the start
 * of its text), its `articleBody` as paragraphs. The update's time is left out, as stage 4 drops
 * time lines from a live blog's HTML. At most MAX_LD_ITEMS updates, MAX_ARTICLE_BODY_CHARS in all.
 */
function updateParts(posting: JsonObject): { parts: StructuredPart[]; updates: number } {
  const raw = posting.liveBlogUpdate;
  const list = Array.isArray(raw) ? raw.slice(0, MAX_LD_ITEMS) : [raw];
  const parts: StructuredPart[] = [];
  let updates = 0;
  let chars = 0;
  for (const u of list) {
    if (!isObject(u) || chars > MAX_ARTICLE_BODY_CHARS) continue;
    const body = textValue(u.articleBody);
    const paragraphs = body ? bodyParagraphs(body) : [];
    const h = typeof u.headline === 'string' ? bodyParagraphs(u.headline).join(' ') : '';
    if (paragraphs.length === 0 && !h) continue;
    updates++;
    if (h && !(paragraphs[0] && headlineRepeatsText(h, paragraphs[0]))) {
      parts.push({ text: h, heading: true });
      chars += h.length;
    }
    for (const p of paragraphs) {
      parts.push({ text: p, heading: false });
      chars += p.length;
    }
  }
  return { parts, updates };
}

/** The text a candidate gives, for comparing two candidates titled like the page. */
function candidateText(c: StoryObject): string | null {
  return c.live ? JSON.stringify(c.o.liveBlogUpdate ?? null) : textValue(c.o.articleBody);
}

/**
 * The page's own story object's text, as blocks, when it is clearly longer than the `found`
 * characters of body the stages found (at least STRUCTURED_FACTOR times, and at least
 * STRUCTURED_MIN); null otherwise, and for a page marked as paywalled. The story object is the
 * one whose address is the page's (or that is the `mainEntity` of the object whose address is);
 * failing that, the one whose headline is the page's title. For a story it is its `articleBody`;
 * for a live blog (LiveBlogPosting) the text of its updates (updateParts). Broken JSON-LD blocks
 * are skipped (jsonLdBlocks).
 */
export function structuredBody(page: StructuredBodyPage, found: number): StructuredBody | null {
  if (page.paywalled) return null;
  const pageKeys = pageAddressKeys(page.addresses, page.base);
  // The page's walk, made by the metadata with the same addresses (ld-stories.ts storiesOf).
  const walked = storiesOf(page.index, pageKeys, page.base);
  const candidates = walked.stories.filter((c) => c.hasText);
  const anyClosed = walked.closed;
  // An object marked as not free to read anywhere in the data (a WebPage around its mainEntity,
  // an update): the page is paywalled whatever the story object says.
  if (candidates.length === 0 || anyClosed) return null;
  let story = candidates.find((c) => c.ownByPlace || atPage(c.o, pageKeys, page.base));
  if (!story) {
    const titles = pageTitles(page.doc, page.index);
    const byTitle = candidates.filter((c) => headlineMatches(c.o, titles));
    // Two different stories both titled like the page: which one is the page's is not known.
    if (byTitle.length === 0) return null;
    if (byTitle.length > 1) {
      const first = candidateText(byTitle[0]!);
      if (byTitle.some((c) => c.live !== byTitle[0]!.live || candidateText(c) !== first)) return null;
    }
    story = byTitle[0]!;
  }
  // The paywall mark on the story object itself (or one of its parts) also counts when another
  // object of the page does not carry it.
  if (closed(story.o)) return null;
  let parts: StructuredPart[];
  let updates = 0;
  if (story.live) {
    ({ parts, updates } = updateParts(story.o));
  } else {
    const raw = textValue(story.o.articleBody);
    if (raw === null || raw.length < STRUCTURED_MIN) return null;
    parts = bodyParagraphs(raw).map((text) => ({ text, heading: false }));
  }
  const length = parts.reduce((n, p) => n + p.text.length, 0) + 2 * Math.max(0, parts.length - 1);
  if (length < STRUCTURED_MIN || length < STRUCTURED_FACTOR * found) return null;
  return { parts, length, source: story.live ? 'liveBlogUpdate' : 'articleBody', updates };
}

/**
 * A <div> of the document holding one <p> per paragraph and one <h2> per update heading, each a
 * text node: markup in the text stays text.
 */
export function structuredContent(doc: DomDocument, body: StructuredBody): DomElement {
  const root = doc.createElement('div');
  for (const p of body.parts) {
    const el = doc.createElement(p.heading ? 'h2' : 'p');
    el.appendChild(doc.createTextNode(p.text));
    root.appendChild(el);
  }
  return root;
}
