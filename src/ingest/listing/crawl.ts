// Reads a listing and, on first import, the pages after it. The caller supplies the fetching
// (with its politeness, caching, SSRF rules and charset decoding); this module decides what to
// read next and when to stop: the page limit, a page already seen, or a page with nothing new.
import { extractListing } from './detect.js';
import type { ListingItem, ListingOptions } from './types.js';

/** Fetches a page and returns its decoded HTML and its final URL (after redirects). */
export type FetchHtml = (url: string) => Promise<{ html: string; url: string }>;

export interface CrawlOptions extends ListingOptions {
  /** Pages to read in all, the first included (1 = no "next page" following). */
  maxPages?: number;
  /** Ids already stored: a page made only of these ends the walk (we have caught up). */
  knownIds?: ReadonlySet<string>;
  /** The start page when the caller has fetched it already (a conditional GET, say). */
  first?: { html: string; url: string };
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
}

export async function crawlListing(fetchHtml: FetchHtml, startUrl: string, opts: CrawlOptions = {}): Promise<CrawlResult> {
  const maxPages = Math.max(1, opts.maxPages ?? 1);
  const seenPages = new Set<string>();
  const seenIds = new Set<string>();
  const items: ListingItem[] = [];
  const pages: string[] = [];
  const warnings: string[] = [];
  let strategy = 'none';
  let pageTitle: string | undefined;
  let lang: string | undefined;
  let next: string | undefined = startUrl;
  while (next !== undefined && pages.length < maxPages && !seenPages.has(next)) {
    seenPages.add(next);
    let page: { html: string; url: string };
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
    pages.push(page.url);
    const res = extractListing(page.html, page.url, opts);
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
    ...(next !== undefined && !seenPages.has(next) ? { nextPage: next } : {}),
    ...(pageTitle ? { pageTitle } : {}),
    ...(lang ? { lang } : {}),
  };
}
