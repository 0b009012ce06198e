// One refresh of a source of kind `page`: fetch the listing (conditionally), find its teasers,
// and on first import follow "next page" up to a limit. Returns a ParsedFeed, so the pipeline
// stores the items as it stores feed items. The HTTP client is passed in (the pipeline's, with
// its politeness, caching and SSRF rules); charset decoding is the shared HTML decoder's, done
// where the teasers are found (in the page reader's worker when it has one; page-doc.ts).
import type { ParsedFeed } from '../parse/types.js';
import { crawlListing, type ReadListingPage } from './crawl.js';
import type { ListingPageDoc } from './page-doc.js';
import { SELECTOR_KEYS } from './source-checks.js';
import { listingToParsedFeed } from './to-entries.js';
import type { ListingSelectors } from './types.js';

/** What `source.settings` may hold for a page source. */
export interface PageSourceSettings {
  /** CSS selectors overriding detection (see ListingSelectors). */
  selectors?: ListingSelectors;
  /** Pages read on first import, the listing itself included (default 5). */
  firstImportPages?: number;
  /** Pages read on later polls (default 1: new items appear on the first page). */
  pollPages?: number;
  /** Items kept per page (default 500). */
  maxItems?: number;
}

/** The slice of the HTTP client this needs (HttpFetcher satisfies it). */
export interface PageFetcher {
  fetch(
    url: string,
    req?: { etag?: string | null; lastModified?: string | null; accept?: string; operatorUrl?: boolean; robots?: boolean },
  ): Promise<{
    url: string;
    headers: Record<string, string>;
    body: Uint8Array;
    notModified: boolean;
    /** Bytes received on the wire (HttpFetcher reports it). */
    wireBytes?: number;
    retryAfterMs?: number;
    maxAgeMs?: number;
  }>;
}

export const HTML_ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5';

/** A listing page with no teasers found: the page changed, or it needs selectors. */
export class NoListingError extends Error {
  constructor(url: string) {
    super(
      `found no list of teasers on ${url}; if the page does list articles, set CSS selectors in the source's ` +
        `settings.selectors (item, title, link, summary, date, next), or add the site's feed or sitemap instead`,
    );
    this.name = 'NoListingError';
  }
}

function positiveInt(v: unknown, name: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
    throw new Error(`settings.${name} must be a positive integer, not ${JSON.stringify(v)}`);
  return v;
}

/** Reads and checks the page settings; a wrong type says which setting to fix. */
export function pageSettings(raw: Record<string, unknown>): PageSourceSettings {
  const out: PageSourceSettings = {};
  if (raw.selectors !== undefined) {
    if (typeof raw.selectors !== 'object' || raw.selectors === null || Array.isArray(raw.selectors)) {
      throw new Error('settings.selectors must be an object such as {"item": ".post", "title": "h2 a"}');
    }
    const sel: ListingSelectors = {};
    for (const [k, v] of Object.entries(raw.selectors as Record<string, unknown>)) {
      if (!(SELECTOR_KEYS as readonly string[]).includes(k))
        throw new Error(`settings.selectors.${k} is not a known selector (known: ${SELECTOR_KEYS.join(', ')})`);
      if (typeof v !== 'string' || v.trim() === '') throw new Error(`settings.selectors.${k} must be a CSS selector string`);
      sel[k as (typeof SELECTOR_KEYS)[number]] = v;
    }
    out.selectors = sel;
  }
  const first = positiveInt(raw.firstImportPages, 'firstImportPages');
  const poll = positiveInt(raw.pollPages, 'pollPages');
  const maxItems = positiveInt(raw.maxItems, 'maxItems');
  if (first !== undefined) out.firstImportPages = first;
  if (poll !== undefined) out.pollPages = poll;
  if (maxItems !== undefined) out.maxItems = maxItems;
  return out;
}

export interface PageRead {
  /** 304 on the listing page: nothing to do. */
  notModified: boolean;
  feed?: ParsedFeed;
  /** Pages read, in order. */
  pages: string[];
  strategy: string;
  /** Validators of the listing page's response, for the next conditional GET. */
  etag: string | null;
  lastModified: string | null;
  /** Bytes received on the wire for every page read. */
  wireBytes: number;
  /** The listing page's Retry-After / max-age, for the scheduler. */
  retryAfterMs?: number;
  maxAgeMs?: number;
  /** Later pages that failed on first import (the items before them are kept), for the log. */
  warnings: string[];
  /** Later pages the page reader's limits gave up on (also among the warnings). */
  abandoned?: { url: string; problem: string }[];
}

export async function readPageSource(
  fetcher: PageFetcher,
  source: {
    url: string;
    settings: Record<string, unknown>;
    etag: string | null;
    lastModified: string | null;
    lastSuccessAt: number | null;
  },
  opts: {
    now?: number;
    knownIds?: ReadonlySet<string>;
    /** Where each page's teasers are found (default: on this thread); see crawl.ts. */
    read?: ReadListingPage | undefined;
  } = {},
): Promise<PageRead> {
  const settings = pageSettings(source.settings);
  const firstImport = source.lastSuccessAt === null;
  const maxPages = firstImport ? (settings.firstImportPages ?? 5) : (settings.pollPages ?? 1);
  const res = await fetcher.fetch(source.url, {
    ...(firstImport ? {} : { etag: source.etag, lastModified: source.lastModified }),
    accept: HTML_ACCEPT,
    operatorUrl: true,
    // Reading a site's pages on a schedule is crawling: its robots.txt is asked first.
    robots: true,
  });
  let wireBytes = res.wireBytes ?? 0;
  const hints = {
    ...(res.retryAfterMs !== undefined ? { retryAfterMs: res.retryAfterMs } : {}),
    ...(res.maxAgeMs !== undefined ? { maxAgeMs: res.maxAgeMs } : {}),
  };
  if (res.notModified)
    return {
      notModified: true,
      pages: [],
      strategy: 'not-modified',
      etag: source.etag,
      lastModified: source.lastModified,
      wireBytes,
      warnings: [],
      ...hints,
    };
  // The bytes as fetched: decoded by whoever reads the page (no second read of them here).
  const fetchHtml = async (url: string): Promise<ListingPageDoc> => {
    const r = await fetcher.fetch(url, { accept: HTML_ACCEPT, robots: true });
    wireBytes += r.wireBytes ?? 0;
    return { bytes: r.body, contentType: r.headers['content-type'], url: r.url };
  };
  const crawl = await crawlListing(fetchHtml, source.url, {
    maxPages,
    first: { bytes: res.body, contentType: res.headers['content-type'], url: res.url },
    ...(settings.selectors ? { selectors: settings.selectors } : {}),
    ...(settings.maxItems ? { maxItems: settings.maxItems } : {}),
    ...(opts.now !== undefined ? { now: opts.now } : {}),
    ...(opts.knownIds ? { knownIds: opts.knownIds } : {}),
    ...(opts.read ? { read: opts.read } : {}),
  });
  if (crawl.items.length === 0) throw new NoListingError(res.url);
  return {
    notModified: false,
    feed: listingToParsedFeed(crawl, res.url),
    pages: crawl.pages,
    strategy: crawl.strategy,
    etag: res.headers.etag ?? null,
    lastModified: res.headers['last-modified'] ?? null,
    wireBytes,
    warnings: crawl.warnings,
    ...(crawl.abandoned ? { abandoned: crawl.abandoned } : {}),
    ...hints,
  };
}
