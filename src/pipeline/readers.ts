// The first step of a refresh, by source kind: turn a source into a ParsedFeed (or "not
// modified"). Feeds are fetched and parsed here; listing pages (src/ingest/listing) and sitemaps
// (src/ingest/sitemap) are read by their own modules, whose items come back as a ParsedFeed so every
// later step is shared. Another kind plugs in as one more entry of the readers table.
import { threadId } from 'node:worker_threads';
import type { Source, SourceKind } from '../domain/source.js';
import type { CandidateParser } from '../ingest/discover/candidates.js';
import type { FetchRequest, HttpFetcher } from '../ingest/fetch/index.js';
import { FeedParseError } from '../ingest/parse/index.js';
import type { ParsedFeed } from '../ingest/parse/types.js';
import type { NewEntry } from '../domain/entry.js';
import { notAFeed } from './not-a-feed.js';
import { parseDocument, type ParsedDocument } from './parse-document.js';
import type { DocumentParser } from './parse-pool.js';
import type { PendingItems } from './pending-items.js';

export interface SourceRead {
  notModified: boolean;
  /** The document's items and metadata (absent when not modified). */
  feed?: ParsedFeed;
  /** Validators to send next time (kept from the source when the server sent none). */
  etag: string | null;
  lastModified: string | null;
  retryAfterMs?: number;
  maxAgeMs?: number;
  /** Bytes received on the wire. */
  wireBytes: number;
  /** Milliseconds spent parsing (synchronous work, unlike the fetch's waiting). */
  parseMs?: number;
  /** New source settings to store with a successful check (a sitemap's advanced cursor). */
  settings?: Record<string, unknown>;
  /** Problems that did not fail the check (a later listing page that failed), for the log. */
  warnings?: string[];
  /** The new address the source answered a permanent redirect (301/308) with. */
  movedTo?: string;
  /**
   * The feed's items not adapted yet, read more cheaply than through feed.entries (a sitemap's
   * URLs); the caller adapts only those it keeps. Absent: the caller adapts feed.entries.
   */
  pending?: PendingItems;
  /** The feed's items already adapted (read in a parser worker); else the caller adapts feed.entries. */
  items?: NewEntry[];
  /** Epoch ms of the dated items, when `items` is given. */
  publishedTimes?: number[];
  /** Milliseconds spent adapting, when `items` is given. */
  adaptMs?: number;
  /** The thread the document was parsed on (0: the main thread). */
  parseThreadId?: number;
  /** Later documents (a listing's next pages, a sitemap index's children) the page reader's limits gave up on. */
  abandoned?: { url: string; problem: string }[];
}

/** What a reader is given besides the source: where to parse, how much to read, when to stop. */
export interface ReadContext {
  /** Parses documents off the event loop (a worker pool); inline when absent. */
  parser?: DocumentParser | undefined;
  /**
   * Reads a listing's pages and a sitemap's files off the event loop (the same kind of pool, as a
   * CandidateParser: ops `listing-page` and `sitemap-file`); inline when absent. The desk's preview
   * and fetch now pass it.
   */
  pages?: CandidateParser | undefined;
  /** Items read per document at most. */
  maxItems?: number | undefined;
  /** Aborts the fetch and the parse (shutdown). */
  signal?: AbortSignal | undefined;
  /** The check's time. */
  now?: number | undefined;
  /**
   * New entries the check stores at most (maxNewEntriesPerCheck): with `pages` and `now`, a
   * sitemap's worker picks the newest this many and sends only them whole (pick-sitemap.ts).
   */
  keep?: number | undefined;
}

export type SourceReader = (source: Source, fetcher: HttpFetcher, ctx?: ReadContext) => Promise<SourceRead>;

/** Fetch (conditional GET) and parse; a document that is no feed becomes a NotAFeedError with a hint. */
export const readFeedSource: SourceReader = async (source, fetcher, ctx = {}) => {
  const res = await fetcher.fetch(source.url, {
    etag: source.etag,
    lastModified: source.lastModified,
    signal: ctx.signal,
    operatorUrl: true,
  });
  const base = {
    wireBytes: res.wireBytes,
    ...(res.retryAfterMs !== undefined ? { retryAfterMs: res.retryAfterMs } : {}),
    ...(res.maxAgeMs !== undefined ? { maxAgeMs: res.maxAgeMs } : {}),
    ...(res.permanentUrl ? { movedTo: res.permanentUrl } : {}),
  };
  if (res.notModified) return { ...base, notModified: true, etag: source.etag, lastModified: source.lastModified };
  let doc: ParsedDocument;
  const job = { bytes: res.body, url: res.url, headers: res.headers, maxEntries: ctx.maxItems, now: ctx.now ?? Date.now() };
  try {
    // Handed over to a pool: the worker explains a document that is no feed (not-a-feed.ts) from
    // the bytes it holds, so they move there when they are a whole buffer instead of being copied.
    doc = ctx.parser ? await ctx.parser.parse(job, ctx.signal, { transfer: true }) : parseDocument(job);
  } catch (err) {
    // Inline (or a parser that gave no explanation): the bytes are still here to explain it.
    if (err instanceof FeedParseError) throw notAFeed(err.message, res.body, res.url, res.headers);
    throw err;
  }
  const warnings = doc.feed.entriesSkipped
    ? [`read the first ${doc.entryCount} items of ${doc.entryCount + doc.feed.entriesSkipped} (maxItemsPerDocument)`]
    : undefined;
  // Validators are only kept when the server sent them: a feed that drops its ETag is read in full.
  return {
    ...base,
    notModified: false,
    feed: doc.feed,
    items: doc.items,
    publishedTimes: doc.publishedTimes,
    parseMs: doc.parseMs,
    adaptMs: doc.adaptMs,
    parseThreadId: 'threadId' in doc ? (doc as { threadId: number }).threadId : threadId,
    ...(warnings ? { warnings } : {}),
    etag: res.headers.etag ?? null,
    lastModified: res.headers['last-modified'] ?? null,
  };
};

function hints(r: { retryAfterMs?: number; maxAgeMs?: number; warnings?: string[] }): Partial<SourceRead> {
  return {
    ...(r.retryAfterMs !== undefined ? { retryAfterMs: r.retryAfterMs } : {}),
    ...(r.maxAgeMs !== undefined ? { maxAgeMs: r.maxAgeMs } : {}),
    ...(r.warnings?.length ? { warnings: r.warnings } : {}),
  };
}

/**
 * The fetcher with the stop signal added to every request, for readers that make several
 * requests of their own (listing pages, sitemap indexes): shutdown aborts them too.
 */
function withSignal(fetcher: HttpFetcher, signal: AbortSignal | undefined): HttpFetcher {
  if (!signal) return fetcher;
  const wrapped = Object.create(fetcher) as HttpFetcher;
  wrapped.fetch = (url: string, req: FetchRequest = {}) =>
    fetcher.fetch(url, { ...req, signal: req.signal ? AbortSignal.any([req.signal, signal]) : signal });
  return wrapped;
}

/** A listing page (kind "page"): teasers found by src/ingest/listing, as a ParsedFeed. */
export const readPageSourceKind: SourceReader = async (source, fetcher, ctx = {}) => {
  const { readPageSource } = await import('../ingest/listing/page-source.js');
  const pages = ctx.pages;
  const r = await readPageSource(
    withSignal(fetcher, ctx.signal),
    source,
    // Each page's bytes are handed over, decoded and read in the worker (a whole body moves there).
    pages ? { read: (doc, options) => pages.read({ op: 'listing-page', doc, options }, ctx.signal, { transfer: true }) } : {},
  );
  return {
    notModified: r.notModified,
    ...(r.feed ? { feed: r.feed } : {}),
    etag: r.etag,
    lastModified: r.lastModified,
    wireBytes: r.wireBytes,
    ...(r.abandoned ? { abandoned: r.abandoned } : {}),
    ...hints(r),
  };
};

/** A sitemap (kind "sitemap"): URLs new since the stored cursor, read by src/ingest/sitemap. */
export const readSitemapSourceKind: SourceReader = async (source, fetcher, ctx = {}) => {
  const { readSitemapSource } = await import('../ingest/sitemap/sitemap-source.js');
  const { pendingOfPicked, pendingOfSitemap } = await import('./pending-sitemap.js');
  const pages = ctx.pages;
  const pick = pages && ctx.now !== undefined && ctx.keep !== undefined ? { now: ctx.now, keep: ctx.keep } : undefined;
  const r = await readSitemapSource(
    withSignal(fetcher, ctx.signal),
    source,
    pages
      ? {
          // The file's bytes are handed over: readSitemaps reads them no more once parsed, so a
          // whole fetched body moves to the worker instead of being copied (src/threads/transfer.ts).
          parse: (bytes, url, p) =>
            pages.read({ op: 'sitemap-file', doc: { bytes, url }, ...(p ? { pick: p } : {}) }, ctx.signal, { transfer: true }),
          ...(pick ? { pick } : {}),
        }
      : {},
  );
  return {
    notModified: r.notModified,
    ...(r.feed ? { feed: r.feed } : {}),
    // Only the URLs a check keeps become entries (a sitemap may list 50,000 and keep 500); picked
    // in the worker, only those crossed back.
    ...(r.feed && r.picked
      ? { pending: pendingOfPicked(r.picked, r.feed) }
      : r.feed && r.urls
        ? { pending: pendingOfSitemap(r.urls, r.feed) }
        : {}),
    etag: r.etag,
    lastModified: r.lastModified,
    wireBytes: r.wireBytes,
    settings: r.settings,
    ...(r.abandoned ? { abandoned: r.abandoned } : {}),
    ...hints(r),
  };
};

/** A table of readers by source kind; the composition root builds one and passes it down. */
export type SourceReaders = ReadonlyMap<SourceKind, SourceReader>;

/** The readers of every kind Newsdesk knows (a fresh map: callers may replace one for tests). */
export function defaultReaders(): Map<SourceKind, SourceReader> {
  return new Map<SourceKind, SourceReader>([
    ['feed', readFeedSource],
    ['page', readPageSourceKind],
    ['sitemap', readSitemapSourceKind],
  ]);
}

export class NoReaderError extends Error {
  override name = 'NoReaderError';
}

export function readerFor(readers: SourceReaders, kind: SourceKind): SourceReader {
  const r = readers.get(kind);
  if (!r) throw new NoReaderError(`sources of kind "${kind}" cannot be polled yet; remove the source or change its kind`);
  return r;
}
