// parseFeed: bytes (plus what HTTP said about them) → ParsedFeed. Decoding, format detection
// and the liberal XML reading happen here; format readers (rss/, rdf/, atom/, cdf/, jsonfeed/)
// find the structure, and the adapter maps elements onto the ParsedFeed contract.
import { decodeDocument } from '../../text/encoding.js';
import { withoutUserinfo } from '../../text/redact-url.js';
import { readContainer, type Target } from './adapter/container.js';
import type { AdaptContext } from './adapter/context.js';
import { isAtom, readAtom } from './atom/reader.js';
import { isCdf, readCdf } from './cdf/reader.js';
import { dedupeKey } from './dedupe-key.js';
import { FeedParseError, HTML_PAGE_MESSAGE } from './errors.js';
import { adaptJsonFeed } from './jsonfeed/adapter.js';
import { readJsonFeed } from './jsonfeed/reader.js';
import { isRdf, readRdf } from './rdf/reader.js';
import { isRss, readRss } from './rss/reader.js';
import type { FeedMeta, ParsedEntry, ParsedFeed, ParseInput } from './types.js';
import { joinBase } from './urls.js';
import { extractDoctype } from './xml/doctype.js';
import { ENTRY_NAMES, childElements, findAll, firstChild, type XmlFeedLayout } from './xml/layout.js';
import { buildTree, type XmlElement } from './xml/tree.js';

export { FeedParseError, ParseLimitError } from './errors.js';
export { dedupeKey, fingerprint } from './dedupe-key.js';

export interface ParseOptions {
  /**
   * Pass HTML through the shared sanitiser (default true). Turning it off is only for measuring
   * the parser on its own: unsanitised output must never be stored or shown.
   */
  sanitize?: boolean;
  /**
   * Items read at most, in document order (feeds list newest first); the rest are counted in
   * `entriesSkipped` and not read, so a document of 100,000 items costs what its first ones cost
   * once the tree is built. Default: all.
   */
  maxEntries?: number | undefined;
}

function lowerHeaders(h: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!h) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v;
  return out;
}

/** A document of nothing but spaces, line breaks and NULs: no feed, and often a server hiccup. */
export function isBlankDocument(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x00) return false;
  }
  return true;
}

function layoutOf(root: XmlElement, netscape: boolean): XmlFeedLayout {
  if (isRss(root)) return readRss(root, netscape);
  if (isRdf(root)) return readRdf(root);
  if (isAtom(root)) return readAtom(root);
  if (isCdf(root)) return readCdf(root);
  // Unknown root: read whatever channel/items or entries it holds.
  const channel = firstChild(root, 'channel');
  const entries = findAll(root, ENTRY_NAMES, ENTRY_NAMES);
  if (!channel && !entries.length) {
    throw new FeedParseError(
      `not a feed: this XML document's root element is <${root.qname}>, not <rss>, <feed> or <rdf:RDF>, and it holds no items`,
    );
  }
  return { version: '', feed: channel ?? root, feedChildren: childElements(channel ?? root, ENTRY_NAMES), entries };
}

const FEED_ROOTS: ReadonlySet<string> = new Set(['rss', 'feed']);

/**
 * A feed wrapped in another document: some blogs serve their Atom feed inside an XHTML page
 * (`<html><body><feed xmlns="http://www.w3.org/2005/Atom">…`). The first RSS, Atom or RSS 1.0
 * root found inside, breadth first, is the feed; undefined when there is none.
 */
function wrappedFeedRoot(root: XmlElement): XmlElement | undefined {
  const queue: XmlElement[] = [root];
  for (let i = 0; i < queue.length; i++) {
    for (const k of queue[i]!.children) {
      if (typeof k === 'string') continue;
      if ((k.ns === '' && FEED_ROOTS.has(k.local)) || isRdf(k)) return k;
      queue.push(k);
    }
  }
  return undefined;
}

function looksLikeHtmlPage(text: string, root: XmlElement | undefined): boolean {
  if (root) return root.local === 'html' || root.local === 'head' || root.local === 'body';
  return /^\s*(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html[\s>])/i.test(text);
}

export function parseFeed(input: ParseInput, options: ParseOptions = {}): ParsedFeed {
  const sanitize = options.sanitize ?? true;
  const max = options.maxEntries !== undefined ? Math.max(0, Math.floor(options.maxEntries)) : undefined;
  const headers = lowerHeaders(input.headers);
  if (isBlankDocument(input.bytes)) {
    throw new FeedParseError('empty body: the document has no content, so there is no feed to read');
  }
  const decoded = decodeDocument(input.bytes, headers);
  const problems: string[] = [];
  if (decoded.problem) problems.push(decoded.problem);

  // Base URI: Content-Location (itself relative to the request URL), else the URL. Never with the
  // feed address's user:password@: relative links resolved against it would carry the password
  // into every stored link and onto every page that shows one.
  let baseUrl = input.url === undefined ? undefined : withoutUserinfo(input.url);
  const contentLocation = headers?.['content-location'];
  if (contentLocation) {
    const joined = joinBase(baseUrl, contentLocation);
    if (joined !== undefined) baseUrl = withoutUserinfo(joined);
  }

  const trimmedStart = decoded.text.trimStart();
  if (decoded.json || trimmedStart.startsWith('{') || trimmedStart.startsWith('[')) {
    let data: unknown;
    let jsonOk = true;
    try {
      data = JSON.parse(decoded.text);
    } catch {
      jsonOk = false;
    }
    if (jsonOk) {
      const doc = readJsonFeed(data);
      if (!doc) throw new FeedParseError('this JSON document is not a JSON Feed (no "version" of https://jsonfeed.org and no "items")');
      const skipped = max !== undefined && doc.items.length > max ? doc.items.length - max : 0;
      if (skipped) doc.items = doc.items.slice(0, max);
      const out = adaptJsonFeed(doc, { url: baseUrl, sanitize, encoding: decoded.encoding });
      if (skipped) out.entriesSkipped = skipped;
      if (problems.length) {
        out.bozo = true;
        out.bozoReason = problems[0]!;
      }
      setDedupeKeys(out.entries);
      return out;
    }
    if (decoded.json && !trimmedStart.startsWith('<')) {
      throw new FeedParseError('the document is declared as JSON but is not valid JSON');
    }
  }

  const doctype = extractDoctype(decoded.text);
  const lang = headers?.['content-language']?.split(',')[0]?.trim() || undefined;
  const tree = buildTree(doctype.text, { baseUrl, lang, doctype });
  problems.push(...tree.problems);
  let root = tree.root;
  const wrapped = root && !isRss(root) && !isRdf(root) && !isAtom(root) && !isCdf(root) ? wrappedFeedRoot(root) : undefined;
  if (wrapped) root = wrapped;
  else if (looksLikeHtmlPage(decoded.text, root)) {
    const entries = root ? findAll(root, ENTRY_NAMES, ENTRY_NAMES).length : 0;
    if (!entries) throw new FeedParseError(HTML_PAGE_MESSAGE);
  }
  if (!root) {
    // Markup-free text is not a feed; a prolog with nothing after it is a (very) broken one.
    if (!decoded.text.includes('<')) throw new FeedParseError('not a feed: the document contains no markup at all');
    return { version: '', bozo: true, bozoReason: problems[0] ?? 'no root element', encoding: decoded.encoding, feed: {}, entries: [] };
  }

  const layout = layoutOf(root, doctype.netscape);
  const ctx: AdaptContext = {
    version: layout.version,
    isAtom: layout.version.startsWith('atom'),
    sanitize,
  };

  const feed: Target = {};
  const rootLang = root.attrs['xml:lang'] ?? layout.feed?.attrs['xml:lang'];
  if (rootLang) feed.language = rootLang.replace(/_/g, '-');
  else if (lang) feed.language = lang;
  readContainer(layout.feed ?? root, feed, ctx, 'feed', layout.feedChildren);

  const entries: ParsedEntry[] = [];
  const read = max !== undefined && layout.entries.length > max ? layout.entries.slice(0, max) : layout.entries;
  for (const el of read) {
    const e: Target = {};
    readContainer(el, e, ctx, 'entry');
    const lang = el.lang || feed.language;
    if (lang) e.language = lang.replace(/_/g, '-');
    entries.push(toEntry(e));
  }
  setDedupeKeys(entries);

  const out: ParsedFeed = {
    version: layout.version,
    bozo: problems.length > 0,
    encoding: decoded.encoding,
    feed: toFeedMeta(feed),
    entries,
  };
  if (problems.length) out.bozoReason = problems[0]!;
  if (read.length < layout.entries.length) out.entriesSkipped = layout.entries.length - read.length;
  return out;
}

function setDedupeKeys(entries: ParsedEntry[]): void {
  for (const e of entries) e.dedupeKey = dedupeKey(e, entries);
}

// The shared Target type lets one element table serve both levels; strip what does not belong.
function toFeedMeta(t: Target): FeedMeta {
  const {
    summary: _s,
    summaryType: _st,
    content: _c,
    created: _cr,
    expired: _ex,
    enclosures: _en,
    comments: _co,
    source: _so,
    dedupeKey: _d,
    mediaTitle: _m,
    mediaDescription: _md,
    syPeriod: _sp,
    syFrequency: _sf,
    ...rest
  } = t;
  return rest;
}

function toEntry(t: Target): ParsedEntry {
  const {
    subtitle: _s,
    subtitleType: _st,
    image: _i,
    icon: _ic,
    logo: _l,
    rights: _r,
    rightsType: _rt,
    generator: _g,
    ttlSeconds: _t,
    mediaTitle: _m,
    mediaDescription: _md,
    syPeriod: _sp,
    syFrequency: _sf,
    ...rest
  } = t;
  return rest;
}
