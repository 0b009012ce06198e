// Page metadata from what publishers mark up for search engines and social cards: JSON-LD,
// OpenGraph / Twitter / Dublin Core <meta>, microdata, <link rel>, <time>. Read before the
// content extractor runs, because it removes scripts and rewrites the tree.
import type { DomDocument, DomElement, PageIndex } from './dom.js';
import { hasAncestor, tagged } from './dom.js';
import { normalizeDate } from './dates.js';

export interface PageMetadata {
  title: string | null;
  /** Whether the title came from structured data (JSON-LD, <meta>) rather than <title>. */
  titleIsStructured: boolean;
  byline: string | null;
  published: string | null;
  siteName: string | null;
  excerpt: string | null;
  leadImage: string | null;
  canonicalUrl: string | null;
  lang: string | null;
  dir: string | null;
  /** The page's structured data says its article is not free to read (schema.org isAccessibleForFree). */
  paywalled: boolean;
  /** The page's structured data says it is a live blog (schema.org LiveBlogPosting). */
  live: boolean;
}

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

const ARTICLE_TYPE =
  /^(?:\w*Article|BlogPosting|LiveBlogPosting|Report|ReportageNews|SocialMediaPosting|WebPage|ItemPage|Review|Recipe|HowTo|CreativeWork|VideoObject)$/;

export function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function types(o: JsonObject): string[] {
  const t = o['@type'];
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

/** A schema.org isAccessibleForFree value saying "not free": false, or the string "False" as some write it. */
export function notFree(v: Json | undefined): boolean {
  return v === false || (typeof v === 'string' && v.trim().toLowerCase() === 'false');
}

/**
 * At most this many items of one JSON-LD array are read, here and by the structured body's walk
 * (structured-body.ts): a hostile block can hold an array of a million numbers in the page's
 * three million characters, and no page's metadata or story sits past its thousandth item.
 */
export const MAX_LD_ITEMS = 1000;
/** Arrays nested deeper than this in a name or image value are not read (`"author": [[[…]]]`). */
const MAX_VALUE_DEPTH = 4;

/** The parsed JSON-LD blocks of a page, in page order, parsed once per page (metadata and 4f read them). */
const parsedBlocks = new WeakMap<PageIndex, Json[]>();

/** The page's JSON-LD blocks, parsed; broken ones skipped. */
export function jsonLdBlocks(index: PageIndex): Json[] {
  const known = parsedBlocks.get(index);
  if (known) return known;
  const out: Json[] = [];
  for (const script of tagged(index, 'script')) {
    if (!/^\s*application\/ld\+json\s*$/i.test(script.getAttribute('type') ?? '')) continue;
    const raw = (script.textContent ?? '').replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '').trim();
    if (!raw) continue;
    try {
      out.push(JSON.parse(raw) as Json);
    } catch {
      // broken JSON-LD is common (and nesting too deep for the parser lands here too); the page's
      // other metadata still counts
    }
  }
  parsedBlocks.set(index, out);
  return out;
}

/**
 * Every object in the page's JSON-LD blocks, @graph and arrays flattened, in page order (breadth
 * first within a block): at most 200 objects, MAX_LD_ITEMS items of any one array.
 */
export function jsonLdObjects(index: PageIndex): JsonObject[] {
  const out: JsonObject[] = [];
  for (const parsed of jsonLdBlocks(index)) {
    // A queue read by position (no shift, no spread: an array of a million items is neither
    // copied onto the stack nor moved item by item).
    const queue: Json[] = [parsed];
    for (let at = 0; at < queue.length && out.length < 200; at++) {
      const v = queue[at] as Json;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length && i < MAX_LD_ITEMS; i++) queue.push(v[i] as Json);
      } else if (isObject(v)) {
        out.push(v);
        const graph = v['@graph'];
        if (graph !== undefined) queue.push(graph);
      }
    }
  }
  return out;
}

function str(v: Json | undefined): string | null {
  if (typeof v === 'string') {
    const s = v.replace(/\s+/g, ' ').trim();
    return s || null;
  }
  if (typeof v === 'number') return String(v);
  return null;
}

function names(v: Json | undefined, depth = 0): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return str(v) ? [str(v) as string] : [];
  if (Array.isArray(v)) return depth < MAX_VALUE_DEPTH ? v.slice(0, MAX_LD_ITEMS).flatMap((x) => names(x, depth + 1)) : [];
  if (isObject(v)) {
    const n = str(v.name);
    return n ? [n] : [];
  }
  return [];
}

function imageUrl(v: Json | undefined, depth = 0): string | null {
  if (typeof v === 'string') return str(v);
  if (Array.isArray(v)) {
    if (depth >= MAX_VALUE_DEPTH) return null;
    for (const x of v) {
      const u = imageUrl(x, depth + 1);
      if (u) return u;
    }
    return null;
  }
  if (isObject(v)) return str(v.url) ?? str(v.contentUrl) ?? str(v['@id']);
  return null;
}

/** The character references JSON-LD and <meta> values carry: numeric ones and the five XML names and nbsp. */
export function decodeEntities(s: string): string {
  return s.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos|nbsp));/gi, (m, dec: string, hex: string, named: string) => {
    if (dec || hex) {
      const cp = dec ? Number(dec) : parseInt(hex, 16);
      // Out-of-range and surrogate code points are what a browser shows as U+FFFD.
      const valid = cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff);
      return valid ? String.fromCodePoint(cp) : '\ufffd';
    }
    const table: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
    return table[named.toLowerCase()] ?? m;
  });
}

/** <meta> values by lower-cased name / property / itemprop; the first occurrence wins. */
function metaValues(index: PageIndex): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tagged(index, 'meta')) {
    const content = m.getAttribute('content');
    if (content === null || !content.trim()) continue;
    for (const attr of ['property', 'name', 'itemprop']) {
      const keyList = m.getAttribute(attr);
      if (!keyList) continue;
      // RDFa allows several space-separated properties on one <meta>.
      for (const key of keyList.toLowerCase().split(/\s+/)) {
        if (key && !out.has(key)) out.set(key, decodeEntities(content).replace(/\s+/g, ' ').trim());
      }
    }
  }
  return out;
}

function first(meta: Map<string, string>, keys: string[]): string | null {
  for (const k of keys) {
    const v = meta.get(k);
    if (v) return v;
  }
  return null;
}

/** Resolves `href` against `base`; null for unusable values. */
export function absoluteUrl(href: string | null | undefined, base: string | undefined): string | null {
  if (!href) return null;
  const h = href.trim();
  if (!h || /^(?:javascript|data|vbscript):/i.test(h)) return null;
  // Without a base only an address with a scheme parses (a letter first, past leading controls and
  // spaces, and a colon): the rest would throw, and a throw costs about thirty parses.
  if (base === undefined && (!h.includes(':') || !/^[\x00-\x20]*[A-Za-z]/.test(h))) return null;
  try {
    return new URL(h, base).href;
  } catch {
    return null;
  }
}

function isUrlLike(s: string): boolean {
  return /^(?:https?:)?\/\//i.test(s);
}

function attr(el: DomElement | null, name: string): string | null {
  const v = el?.getAttribute(name);
  return v?.trim() ? v.trim() : null;
}

function hasItemprop(el: DomElement, name: string): boolean {
  return (el.getAttribute('itemprop') ?? '').split(/\s+/).includes(name);
}

function publishedFromDom(index: PageIndex): string | null {
  const itemprop = index.itemprop.find((e) => hasItemprop(e, 'datePublished')) ?? null;
  const fromItemprop = attr(itemprop, 'content') ?? attr(itemprop, 'datetime');
  if (fromItemprop) return fromItemprop;
  // A <time pubdate> or the first dated <time> inside the article is the publication time far
  // more often than not; <time>s elsewhere (sidebars, comments) are not trusted.
  const times = tagged(index, 'time').filter((t) => t.hasAttribute('datetime'));
  const pub = times.find((t) => t.hasAttribute('pubdate')) ?? times.find((t) => hasAncestor(t, (a) => a.localName === 'article')) ?? null;
  return attr(pub, 'datetime');
}

function bylineFromDom(index: PageIndex): string | null {
  const authors = index.itemprop.filter((e) => hasItemprop(e, 'author'));
  const el =
    index.itemprop.find((e) => hasItemprop(e, 'name') && hasAncestor(e, (a) => authors.includes(a))) ??
    authors[0] ??
    tagged(index, 'a').find((a) => (a.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('author'));
  const t = el ? (attr(el, 'content') ?? (el.textContent ?? '').replace(/\s+/g, ' ').trim()) : '';
  return t && t.length <= 100 ? t : null;
}

function linkRel(index: PageIndex, rel: string): DomElement | null {
  return tagged(index, 'link').find((l) => (l.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes(rel)) ?? null;
}

/**
 * Metadata of a parsed page. `baseUrl` resolves relative URLs (the page address, already
 * combined with <base href>). `headers` are the HTTP response headers, lower-cased names.
 */
export function readMetadata(
  doc: DomDocument,
  index: PageIndex,
  baseUrl: string | undefined,
  headers: Record<string, string> = {},
): PageMetadata {
  const meta = metaValues(index);
  const ld = jsonLdObjects(index);
  const article =
    ld.find((o) => types(o).some((t) => ARTICLE_TYPE.test(t) && t !== 'WebPage')) ??
    ld.find((o) => types(o).some((t) => ARTICLE_TYPE.test(t)));
  const site = ld.find((o) => types(o).some((t) => t === 'WebSite'));

  const ldAuthors = article ? names(article.author ?? article.creator) : [];
  const metaAuthor = first(meta, ['author', 'dc.creator', 'dcterms.creator', 'sailthru.author', 'parsely-author', 'byl', 'article:author']);
  const byline =
    (ldAuthors.length > 0 ? ldAuthors.join(', ') : null) ??
    (metaAuthor && !isUrlLike(metaAuthor) ? metaAuthor : null) ??
    bylineFromDom(index);

  const structuredTitle =
    (article ? (str(article.headline) ?? str(article.name)) : null) ??
    first(meta, [
      'og:title',
      'twitter:title',
      'dc.title',
      'dc:title',
      'dcterm:title',
      'dcterms.title',
      'title',
      'parsely-title',
      'weibo:article:title',
      'weibo:webpage:title',
    ]);
  const title = structuredTitle ?? (doc.title ? doc.title.replace(/\s+/g, ' ').trim() || null : null);

  const publishedRaw =
    (article ? (str(article.datePublished) ?? str(article.dateCreated)) : null) ??
    first(meta, [
      'article:published_time',
      'og:published_time',
      'published_time',
      'datepublished',
      'parsely-pub-date',
      'pubdate',
      'publishdate',
      'publish-date',
      'date',
      'dc.date.issued',
      'dc.date',
      'dcterms.date',
      'dcterms.created',
      'sailthru.date',
      'article.published',
      'cxenseparse:recs:publishtime',
    ]) ??
    publishedFromDom(index);

  const publisher = article && isObject(article.publisher) ? str(article.publisher.name) : null;
  const siteName = first(meta, ['og:site_name', 'application-name']) ?? publisher ?? (site ? str(site.name) : null);

  const excerpt =
    first(meta, ['description', 'og:description', 'twitter:description', 'dc.description', 'dcterms.description']) ??
    (article ? str(article.description) : null);

  const leadImageRaw =
    first(meta, ['og:image:secure_url', 'og:image', 'og:image:url', 'twitter:image', 'twitter:image:src', 'thumbnailurl']) ??
    (article ? (imageUrl(article.image) ?? imageUrl(article.thumbnailUrl)) : null) ??
    attr(linkRel(index, 'image_src'), 'href');

  const canonicalRaw = attr(linkRel(index, 'canonical'), 'href') ?? first(meta, ['og:url']);

  const html = doc.documentElement;
  const langAttr = attr(html, 'lang') ?? attr(html, 'xml:lang');
  const lang =
    langAttr ??
    first(meta, ['content-language', 'dc.language', 'language']) ??
    (headers['content-language'] ? (headers['content-language'].split(',')[0] ?? '').trim() || null : null) ??
    (article ? str(article.inLanguage) : null) ??
    meta.get('og:locale')?.replace('_', '-') ??
    null;

  return {
    title: title ? decodeEntities(title) : null,
    titleIsStructured: structuredTitle !== null,
    byline: byline ? decodeEntities(byline) : null,
    published: normalizeDate(publishedRaw),
    siteName: siteName ? decodeEntities(siteName) : null,
    excerpt: excerpt ? decodeEntities(excerpt) : null,
    leadImage: absoluteUrl(leadImageRaw, baseUrl),
    canonicalUrl: absoluteUrl(canonicalRaw, baseUrl),
    lang,
    dir: attr(html, 'dir')?.toLowerCase() ?? attr(doc.body, 'dir')?.toLowerCase() ?? null,
    paywalled: ld.some((o) => notFree(o.isAccessibleForFree)),
    live: ld.some((o) => types(o).includes('LiveBlogPosting')),
  };
}
