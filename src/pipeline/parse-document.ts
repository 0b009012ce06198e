// Parse and adapt one fetched feed document: the synchronous, CPU-bound half of reading a feed
// (XML tree, sanitising every item's HTML, plain text, identities). Run in a worker thread by
// ParsePool so a huge feed never stalls the event loop that serves pages; run inline only where
// no pool is given (tests, one-off tools). Items are bounded per document (maxEntries).
import type { NewEntry } from '../domain/entry.js';
import { FeedParseError, parseFeed } from '../ingest/parse/index.js';
import type { ParsedFeed } from '../ingest/parse/types.js';
import { adaptEntries } from './adapt-entry.js';

export interface ParseJob {
  bytes: Uint8Array;
  url?: string | undefined;
  headers?: Record<string, string> | undefined;
  /** Items read at most (document order). */
  maxEntries?: number | undefined;
  /** Stands in for missing dates (the check's time). */
  now: number;
}

export interface ParsedDocument {
  /** The document's metadata; `entries` is left empty (the adapted items are in `items`). */
  feed: ParsedFeed;
  items: NewEntry[];
  /** Epoch ms of the dated items (publishing-rate evidence). */
  publishedTimes: number[];
  /** Items read (before adapting). */
  entryCount: number;
  parseMs: number;
  adaptMs: number;
}

/** Parses and adapts; a document that is no feed throws FeedParseError (as parseFeed does). */
export function parseDocument(job: ParseJob): ParsedDocument {
  const t0 = performance.now();
  const feed = parseFeed({ bytes: job.bytes, url: job.url, headers: job.headers }, { maxEntries: job.maxEntries });
  const t1 = performance.now();
  const items = adaptEntries(feed, job.now);
  const publishedTimes: number[] = [];
  for (const e of feed.entries) {
    const iso = e.published ?? e.updated;
    const t = iso ? Date.parse(iso) : Number.NaN;
    if (!Number.isNaN(t)) publishedTimes.push(t);
  }
  const entryCount = feed.entries.length;
  return {
    feed: { ...feed, entries: [] },
    items,
    publishedTimes,
    entryCount,
    parseMs: t1 - t0,
    adaptMs: performance.now() - t1,
  };
}

export { FeedParseError };
