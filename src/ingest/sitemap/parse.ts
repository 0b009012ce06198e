// Sitemaps as sites serve them: XML urlsets with the Google News and image extensions, sitemap
// indexes, gzip-compressed files, plain-text URL lists. The XML reader is htmlparser2's
// streaming tokenizer in XML mode: it keeps going through the broken markup real sitemaps have,
// and it never expands DTD-declared entities (only the five XML ones and character references),
// so an entity bomb or an external entity is inert text.
import { gunzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { Parser } from 'htmlparser2';
import { MAX_MARKUP_DEPTH, MarkupDepth } from '../../domain/markup-depth.js';
import { parseDate } from '../../text/dates.js';
import { resolveHttpUrl } from '../listing/normalize-url.js';
import type { ParsedSitemap, SitemapImage, SitemapNews, SitemapRef, SitemapUrl } from './types.js';

export type { ParsedSitemap, SitemapImage, SitemapKind, SitemapNews, SitemapRef, SitemapUrl } from './types.js';

// Core elements are recognised in any namespace but the extensions' (old generators use Google's
// 0.84 namespace, some none at all).
const EXTENSION_NS = /sitemap-(?:news|image|video|mobile)|xhtml/;
const NS_NEWS = 'http://www.google.com/schemas/sitemap-news/0.9';
const NS_IMAGE = 'http://www.google.com/schemas/sitemap-image/1.1';

/** The protocol caps a sitemap at 50 MB uncompressed; a little headroom for sloppy generators. */
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
/** The protocol caps a sitemap at 50,000 URLs. */
const DEFAULT_MAX_ENTRIES = 50_000;

export interface SitemapParseOptions {
  /** Upper bound on the uncompressed size (gzip bombs stop here). */
  maxBytes?: number;
  /** Entries kept per file; the rest are dropped with a warning. */
  maxEntries?: number;
}

/** Gunzips when the bytes are gzip (by magic number, whatever the name says), with a size cap. */
export function gunzipIfNeeded(bytes: Uint8Array, maxBytes = DEFAULT_MAX_BYTES): Uint8Array {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
      throw new Error(
        `sitemap is larger than ${maxBytes} bytes once uncompressed; the protocol allows 50 MB, so this is not a sitemap to read`,
      );
    }
    throw new Error(`sitemap looks gzip-compressed but does not decompress (${e.message}); the file is truncated or corrupt`);
  }
}

/** Sitemaps must be UTF-8; a BOM or an XML declaration saying otherwise is honoured. */
function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16be');
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
  const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase();
  if (declared && declared !== 'utf-8' && declared !== 'utf8' && iconv.encodingExists(declared)) {
    return iconv.decode(Buffer.from(bytes), declared);
  }
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

interface Frame {
  ns: string;
  local: string;
  prefixes: Map<string, string>;
}

/** Parses a sitemap file: bytes as fetched (gzip or not) or text already decoded. */
export function parseSitemap(input: Uint8Array | string, sitemapUrl?: string, opts: SitemapParseOptions = {}): ParsedSitemap {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxEntries = opts.maxEntries ?? DEFAULT_MAX_ENTRIES;
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    const raw = gunzipIfNeeded(input, maxBytes);
    if (raw.length > maxBytes) throw new Error(`sitemap is larger than ${maxBytes} bytes; the protocol allows 50 MB`);
    text = decode(raw);
  }
  const out: ParsedSitemap = { kind: 'unknown', urls: [], sitemaps: [], warnings: [] };
  const trimmed = text.trimStart();
  if (trimmed !== '' && !trimmed.startsWith('<')) return parseTextSitemap(text, sitemapUrl, maxEntries, out);

  const stack: Frame[] = [];
  let buf = '';
  let url: SitemapUrl | undefined;
  let ref: SitemapRef | undefined;
  let news: SitemapNews | undefined;
  let image: SitemapImage | undefined;
  let dropped = 0;
  const topPrefixes = new Map<string, string>();

  const resolveLoc = (raw: string): string | undefined => {
    const loc = resolveHttpUrl(raw.trim(), sitemapUrl);
    if (!loc && raw.trim()) out.warnings.push(`skipped a loc that is not an http(s) URL: ${raw.trim().slice(0, 200)}`);
    return loc;
  };
  const isNs = (f: Frame, ns: string, prefix: string): boolean => f.ns === ns || f.ns === `?${prefix}`;
  // Elements of the core protocol: in its namespace, or in none (sitemaps often omit it).
  const isCore = (f: Frame | undefined, local: string): boolean =>
    f !== undefined && f.local === local && !f.ns.startsWith('?') && !EXTENSION_NS.test(f.ns);

  // Sitemaps nest four levels; one nested past MAX_MARKUP_DEPTH is not read further.
  const depth = new MarkupDepth();
  const parser = new Parser(
    {
      onparserinit: (p) => depth.attach(p),
      onopentag(name, attribs) {
        depth.opened();
        const parent = stack[stack.length - 1];
        let prefixes = parent?.prefixes ?? topPrefixes;
        for (const [k, v] of Object.entries(attribs)) {
          if (k === 'xmlns' || k.startsWith('xmlns:')) {
            if (prefixes === (parent?.prefixes ?? topPrefixes)) prefixes = new Map(prefixes);
            prefixes.set(k === 'xmlns' ? '' : k.slice(6), v.trim());
          }
        }
        const colon = name.indexOf(':');
        const prefix = colon === -1 ? '' : name.slice(0, colon);
        const local = (colon === -1 ? name : name.slice(colon + 1)).toLowerCase();
        // An undeclared prefix is kept as "?prefix" so news:/image: still work when the generator forgot xmlns.
        const ns = prefixes.get(prefix) ?? (prefix ? `?${prefix.toLowerCase()}` : '');
        const frame: Frame = { ns, local, prefixes };
        stack.push(frame);
        buf = '';
        if (stack.length === 1) {
          if (local === 'urlset') out.kind = 'urlset';
          else if (local === 'sitemapindex') out.kind = 'sitemapindex';
          else if (local === 'rss' || local === 'feed' || local === 'rdf') out.kind = 'feed';
          return;
        }
        if (isCore(frame, 'url') && stack.length === 2) url = { loc: '' };
        else if (isCore(frame, 'sitemap') && stack.length === 2) ref = { loc: '' };
        else if (url && local === 'news' && isNs(frame, NS_NEWS, 'news')) news = {};
        else if (url && local === 'image' && isNs(frame, NS_IMAGE, 'image')) image = { loc: '' };
      },
      ontext(t) {
        buf += t;
      },
      onclosetag() {
        depth.closed();
        const frame = stack.pop();
        if (!frame) return;
        const value = buf.trim();
        buf = '';
        const { local } = frame;
        if (image && isNs(frame, NS_IMAGE, 'image')) {
          if (local === 'image') {
            if (image.loc && url) (url.images ??= []).push(image);
            image = undefined;
          } else if (local === 'loc') image.loc = resolveLoc(value) ?? '';
          else if (local === 'title' && value) image.title = value;
          else if (local === 'caption' && value) image.caption = value;
          return;
        }
        if (news && isNs(frame, NS_NEWS, 'news')) {
          if (local === 'news') {
            if (url) url.news = news;
            news = undefined;
          } else if (local === 'title' && value) news.title = value;
          else if (local === 'publication_date') {
            const d = parseDate(value);
            if (d) news.publicationDate = d;
          } else if (local === 'name' && value) news.publicationName = value;
          else if (local === 'language' && value) news.language = value.toLowerCase();
          else if (local === 'keywords' && value)
            news.keywords = value
              .split(',')
              .map((k) => k.trim())
              .filter(Boolean);
          else if (local === 'genres' && value)
            news.genres = value
              .split(',')
              .map((k) => k.trim())
              .filter(Boolean);
          return;
        }
        const target = url ?? ref;
        if (target && stack.length === 2 && isCore(frame, local)) {
          if (local === 'loc') target.loc = resolveLoc(value) ?? '';
          else if (local === 'lastmod') {
            const d = parseDate(value);
            if (d) target.lastmod = d;
          } else if (url && local === 'changefreq' && value) url.changefreq = value.toLowerCase();
          else if (url && local === 'priority' && value && Number.isFinite(Number(value))) url.priority = Number(value);
          return;
        }
        if (stack.length === 1 && url && isCore(frame, 'url')) {
          if (url.loc) {
            if (out.urls.length < maxEntries) out.urls.push(url);
            else dropped++;
          }
          url = undefined;
        } else if (stack.length === 1 && ref && isCore(frame, 'sitemap')) {
          if (ref.loc) {
            if (out.sitemaps.length < maxEntries) out.sitemaps.push(ref);
            else dropped++;
          }
          ref = undefined;
        }
      },
    },
    { xmlMode: true, decodeEntities: true, recognizeSelfClosing: true },
  );
  parser.write(text);
  parser.end();
  if (depth.cut) out.warnings.push(`elements nested deeper than ${MAX_MARKUP_DEPTH} levels; the rest of the file was not read`);
  if (dropped > 0) out.warnings.push(`dropped ${dropped} entries past the limit of ${maxEntries} per sitemap`);
  return out;
}

function parseTextSitemap(text: string, base: string | undefined, maxEntries: number, out: ParsedSitemap): ParsedSitemap {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  // A text sitemap is a list of URLs; prose that mentions one (an error page) is not.
  const urlLines = lines.filter((l) => /^https?:\/\/\S+$/i.test(l)).length;
  if (urlLines === 0 || urlLines < lines.length / 2) return out;
  out.kind = 'text';
  for (const s of lines) {
    if (!/^https?:\/\//i.test(s)) continue;
    const loc = resolveHttpUrl(s, base);
    if (!loc) continue;
    if (out.urls.length >= maxEntries) {
      out.warnings.push(`dropped entries past the limit of ${maxEntries} per sitemap`);
      break;
    }
    out.urls.push({ loc });
  }
  return out;
}

// Incremental reading lives beside the parser: callers filter parsed entries by the stored cursor.
export { advanceCursor, newSince, newestFirst } from './incremental.js';
