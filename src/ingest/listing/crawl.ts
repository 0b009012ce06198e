// Reads a listing and, on first import, the pages after it. The caller supplies the fetching
// (with its politeness, caching and SSRF rules); this module decides what to read next and when to
// stop: the page limit, a page already seen, or a page with nothing new. A page comes as HTML or
// as bytes with their Content-Type, decoded where its teasers are found (page-doc.ts).
import { ParseLimitError } from '../parse/errors.js';
import { extractListing } from './detect.js';
import { listingHtml, type ListingPageDoc } from './page-doc.js';
import type { ListingItem, ListingOptions, ListingResult } from './types.js';

/**
 * Fetches a page and returns it (decoded HTML, or its bytes and Content-Type) with its final URL
 * (after redirects). Bytes are the crawl's own: they go to `read` and are not read after it.
 */
export type FetchHtml = (url: string) => Promise<ListingPageDoc>;

/**
 * Finds one page's teasers: extractListing on this thread unless the caller reads pages elsewhere
 * (the scheduler's checks and the desk's preview: a worker pool with limits,
 * src/pipeline/parse-pool.ts, which decodes the bytes there too). A page past such a reader's
 * limits rejects with ParseLimitError.
 */
export type ReadListingPage = (page: ListingPageDoc, opts: ListingOptions) => Promise<ListingResult>;

export interface CrawlOptions extends ListingOptions {
  /** Pages to read in all, the first included (1 = no "next page" following). */
  maxPages?: number;
  /** Ids already stored: a page made only of these ends the walk (we have caught up). */
  knownIds?: ReadonlySet<string>;
  /** The start page when the caller has fetched it already (a conditional GET, say). */
  first?: ListingPageDoc;
  /** Where each page is read (default: extractListing, here). */
  read?: ReadListingPage | undefined;
}

export interface CrawlResult {
  items: ListingItem[];
  /** URLs read, in order. */
  pages: string[];
  /** The strategy that found the first page's items. */
  strategy: string;
  /** The next page not read because of the limit, if any. */
  nextPage?: string;
  /** The first page's <title> and language. */
  pageTitle?: string;
  lang?: string;
  /** Later pages that could not be read (the items before them are kept). */
  warnings: string[];
  /** Later pages the reader's limits gave up on (also among the warnings); the first one's rejects the crawl. */
  abandoned?: { url: string; problem: string }[];
}

export async function crawlListing(fetchHtml: FetchHtml, startUrl: string, opts: CrawlOptions = {}): Promise<CrawlResult> {
  const maxPages = Math.max(1, opts.maxPages ?? 1);
  const seenPages = new Set<string>();
  const seenIds = new Set<string>();
  const items: ListingItem[] = [];
  const pages: string[] = [];
  const warnings: string[] = [];
  const abandoned: { url: string; problem: string }[] = [];
  let strategy = 'none';
  let pageTitle: string | undefined;
  let lang: string | undefined;
  let next: string | undefined = startUrl;
  while (next !== undefined && pages.length < maxPages && !seenPages.has(next)) {
    seenPages.add(next);
    let page: ListingPageDoc;
    try {
      page = pages.length === 0 && opts.first ? opts.first : await fetchHtml(next);
    } catch (err) {
      // The listing itself failing fails the read; a later page failing keeps what was read.
      if (pages.length === 0) throw err;
      warnings.push(`${next}: ${(err as Error).message}`);
      next = undefined;
      break;
    }
    seenPages.add(page.url);
    let res: ListingResult;
    if (opts.read) {
      try {
        res = await opts.read(page, listingOptions(opts));
      } catch (err) {
        // As a page that failed to load: the listing's own fails the read, a later one keeps the rest.
        if (pages.length === 0) throw err;
        warnings.push(`${page.url}: ${(err as Error).message}`);
        if (err instanceof ParseLimitError) abandoned.push({ url: page.url, problem: err.message });
        next = undefined;
        break;
      }
    } else res = extractListing(listingHtml(page), page.url, opts);
    pages.push(page.url);
    if (pages.length === 1) ({ strategy, pageTitle, lang } = res);
    let fresh = 0;
    let unknown = 0;
    for (const it of res.items) {
      if (seenIds.has(it.id)) continue;
      seenIds.add(it.id);
      items.push(it);
      fresh++;
      if (!opts.knownIds?.has(it.id)) unknown++;
    }
    next = res.nextPage;
    // A page that adds nothing, or only what is already stored, means the rest is old too.
    if (fresh === 0 || (opts.knownIds !== undefined && unknown === 0)) {
      next = undefined;
      break;
    }
  }
  return {
    items,
    pages,
    strategy,
    warnings,
    ...(abandoned.length ? { abandoned } : {}),
    ...(next !== undefined && !seenPages.has(next) ? { nextPage: next } : {}),
    ...(pageTitle ? { pageTitle } : {}),
    ...(lang ? { lang } : {}),
  };
}

/** What a page reader is told: the listing options only (ids and the first page stay here). */
function listingOptions(o: CrawlOptions): ListingOptions {
  return {
    ...(o.selectors ? { selectors: o.selectors } : {}),
    ...(o.now !== undefined ? { now: o.now } : {}),
    ...(o.maxItems !== undefined ? { maxItems: o.maxItems } : {}),
  };
}
