// One poll of a sitemap source: read the sitemap (or index), descend into the child sitemaps
// that changed since the cursor, newest first, up to a budget, and return the new URLs and the
// cursor to store. The caller supplies the fetching, so politeness and SSRF rules stay theirs.
import { ParseLimitError } from '../parse/errors.js';
import { advanceCursor, newSince, newestFirst } from './incremental.js';
import { parseSitemap } from './parse.js';
import type { ParsedSitemap, SitemapKind, SitemapRef, SitemapUrl } from './types.js';

/** Fetches a URL and returns its bytes (gzip or not) and its final URL (after redirects). */
export type FetchBytes = (url: string) => Promise<{ bytes: Uint8Array; url: string }>;

/**
 * Parses one sitemap file: parseSitemap on this thread unless the caller parses elsewhere (the
 * desk's preview: a worker pool with limits). A file past such a parser's limits rejects with
 * ParseLimitError.
 */
export type ParseSitemapFile = (bytes: Uint8Array, url: string) => Promise<ParsedSitemap>;

export interface ReadSitemapOptions {
  /** The cursor stored after the previous read (ISO 8601); absent on first import. */
  cursor?: string;
  /** Sitemap files fetched per read, the first included. */
  maxSitemaps?: number;
  /** Index nesting followed (an index of indexes is depth 2). */
  maxDepth?: number;
  /** The start file when the caller has fetched it already (a conditional GET, say). */
  first?: { bytes: Uint8Array; url: string };
  /** Epoch ms; lastmods beyond it do not move the cursor (defaults to the clock). */
  now?: number;
  /** Where each file is parsed (default: parseSitemap, here). */
  parse?: ParseSitemapFile | undefined;
}

export interface SitemapReadResult {
  /** The kind of the first file (`feed` means: add this URL as a feed instead). */
  kind: SitemapKind;
  urls: SitemapUrl[];
  /** The cursor to store for the next read. */
  cursor?: string;
  /** Sitemap files fetched, in order. */
  fetched: string[];
  /** Changed child sitemaps left for lack of budget (they are read on the next poll). */
  skipped: string[];
  warnings: string[];
  /** Child files the parser's limits gave up on (also skipped, with a warning); the first file's rejects the read. */
  abandoned?: { url: string; problem: string }[];
}

export async function readSitemaps(fetchBytes: FetchBytes, startUrl: string, opts: ReadSitemapOptions = {}): Promise<SitemapReadResult> {
  const maxSitemaps = Math.max(1, opts.maxSitemaps ?? 10);
  const maxDepth = opts.maxDepth ?? 2;
  const queue: Array<{ url: string; depth: number }> = [{ url: startUrl, depth: 0 }];
  const seen = new Set<string>();
  const result: SitemapReadResult = { kind: 'unknown', urls: [], fetched: [], skipped: [], warnings: [] };
  const seenLocs = new Set<string>();
  const stamps: Array<SitemapRef | SitemapUrl> = [];
  let first = true;

  while (queue.length > 0) {
    const next = queue.shift()!;
    if (seen.has(next.url)) continue;
    if (result.fetched.length >= maxSitemaps) {
      result.skipped.push(next.url);
      continue;
    }
    seen.add(next.url);
    let res: { bytes: Uint8Array; url: string };
    let parsed: ParsedSitemap;
    try {
      res = first && opts.first ? opts.first : await fetchBytes(next.url);
      parsed = opts.parse ? await opts.parse(res.bytes, res.url) : parseSitemap(res.bytes, res.url);
    } catch (err) {
      // The start file failing fails the read; a child failing is retried next time (it counts
      // as skipped, which holds the cursor back).
      if (first) throw err;
      result.warnings.push(`${next.url}: ${(err as Error).message}`);
      result.skipped.push(next.url);
      if (err instanceof ParseLimitError) (result.abandoned ??= []).push({ url: next.url, problem: err.message });
      continue;
    }
    seen.add(res.url);
    result.fetched.push(res.url);
    if (first) result.kind = parsed.kind;
    first = false;
    result.warnings.push(...parsed.warnings.map((w) => `${res.url}: ${w}`));
    if (parsed.kind === 'sitemapindex') {
      if (next.depth >= maxDepth) {
        result.warnings.push(`${res.url}: index nested deeper than ${maxDepth}; not followed`);
        continue;
      }
      const sorted = newestFirst(parsed.sitemaps);
      const changed = new Set(newSince(sorted, opts.cursor));
      // The newest child is read even when its lastmod says "unchanged": some indexes never
      // update their lastmods while the current child keeps growing.
      sorted.forEach((s, i) => {
        if (changed.has(s) || i === 0) {
          queue.push({ url: s.loc, depth: next.depth + 1 });
          stamps.push(s);
        }
      });
    } else {
      for (const u of newSince(parsed.urls, opts.cursor)) {
        if (seenLocs.has(u.loc)) continue;
        seenLocs.add(u.loc);
        result.urls.push(u);
        stamps.push(u);
      }
    }
  }
  // On later reads, changed children left unread must be read next time, so the cursor stays put.
  // On first import the unread ones are the older archive (children are read newest first),
  // which is left alone on purpose.
  const cursor = result.skipped.length === 0 || opts.cursor === undefined ? advanceCursor(stamps, opts.cursor, opts.now) : opts.cursor;
  return cursor === undefined ? result : { ...result, cursor };
}
