// Reading what discovery fetches: each candidate feed, sitemap and page is parsed through a
// CandidateParser the caller gives. The work itself is here (readCandidate, pure and synchronous);
// where it runs is the caller's choice: on the calling thread by default (inlineCandidates), or in
// a worker pool with time and memory limits (src/pipeline/parse-pool.ts), so that a huge or
// hostile candidate found while an editor adds a site at the desk never stalls the thread that
// serves pages. Answers are small (counts, titles, links): never a parsed document, except for the
// two reads of a source's own documents (`sitemap-file`, `listing-page`), which answer what the
// sitemap and listing readers go on with (the URLs, the teasers).
import { MAX_NAME_CHARS, shortText } from '../../text/short-text.js';
import { decodeHtml } from '../../text/encoding.js';
import type { ListingProbe } from '../listing/probe.js';
import { probeListing } from '../listing/probe.js';
import { extractListing } from '../listing/detect.js';
import { listingHtml, type ListingPageDoc } from '../listing/page-doc.js';
import type { ListingOptions, ListingResult, ListingSelectors } from '../listing/types.js';
import { parseFeed } from '../parse/index.js';
import { checkSitemap, type SitemapCheck } from '../sitemap/discover.js';
import { parseSitemap } from '../sitemap/parse.js';
import type { ParsedSitemap, PickedUrls, SitemapPick } from '../sitemap/types.js';
import { findFeedLinks, isHtmlDocument, type FeedLink } from './feed-links.js';

/** A fetched response. */
export interface CandidateDoc {
  bytes: Uint8Array;
  url: string;
  headers?: Record<string, string> | undefined;
}

/** A feed as discovery describes it: its own title and home-page link (unchecked), and its size. */
export interface FeedCandidate {
  title?: string;
  link?: string;
  entries: number;
}

/** A page read as a listing of teasers; `html` false when the page is no HTML page. */
export type ListingCandidate = { html: false } | { html: true; probe: ListingProbe; title?: string };

export type CandidateJob =
  /** The document as a feed (throws FeedParseError when it is none). */
  | { op: 'feed'; doc: CandidateDoc }
  /** The document as a sitemap (throws when unreadable). */
  | { op: 'sitemap'; doc: CandidateDoc }
  /** The feeds an HTML page advertises, the first `max`. */
  | { op: 'feed-links'; doc: CandidateDoc; max: number }
  /** An HTML page's <title>. */
  | { op: 'title'; doc: CandidateDoc }
  /** The page as a listing of teasers (with the given selectors, if any), and its <title>. */
  | { op: 'listing'; doc: CandidateDoc; selectors?: ListingSelectors | undefined }
  /**
   * One sitemap file as a sitemap source reads it (readSitemaps: its URLs or child sitemaps, every
   * one of them); throws when unreadable. The preview's teasers of a sitemap source. With `pick`
   * (a scheduled check's), the parse pool's worker answers a urlset with `picked` instead of
   * `urls` (src/pipeline/pick-sitemap.ts); read here, on the calling thread, `pick` is ignored.
   */
  | { op: 'sitemap-file'; doc: CandidateDoc; pick?: SitemapPick | undefined }
  /**
   * One listing page as a page source reads it (crawlListing: its teasers and next page). The
   * preview's teasers of a listing source; the HTML is already decoded (the shared decoder).
   */
  | { op: 'listing-page'; doc: ListingPageDoc; options: ListingOptions };

export interface CandidateResults {
  feed: FeedCandidate;
  sitemap: SitemapCheck;
  'feed-links': FeedLink[];
  title: string | undefined;
  listing: ListingCandidate;
  'sitemap-file': ParsedSitemap & { picked?: PickedUrls };
  'listing-page': ListingResult;
}

export type CandidateResult<J extends CandidateJob> = CandidateResults[J['op']];

/**
 * Reads candidates for discovery. A parser with limits rejects a document past them with
 * ParseLimitError (src/ingest/parse/errors.ts), and stops a read when `signal` fires.
 */
export interface CandidateParser {
  /**
   * `transfer`: the caller hands the document's bytes over and never reads them again, so a
   * parser in another thread may move them there rather than copy them (they may be detached).
   */
  read<J extends CandidateJob>(job: J, signal?: AbortSignal, opts?: { transfer?: boolean }): Promise<CandidateResult<J>>;
}

/** An HTML page's <title>, as a line of text (the few entities titles carry decoded). */
export function titleOf(html: string): string | undefined {
  const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  const t = m?.[1]?.replace(/\s+/g, ' ').trim();
  if (!t) return undefined;
  // The source's name: plain text of bounded length, as a feed's title (src/text/short-text.ts).
  const text = t
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'");
  return shortText(text, undefined, MAX_NAME_CHARS) || undefined;
}

function readFeed(doc: CandidateDoc): FeedCandidate {
  const feed = parseFeed({ bytes: doc.bytes, url: doc.url, headers: doc.headers });
  return {
    entries: feed.entries.length,
    // The title becomes the source's name: plain text (an HTML-typed title read as text), no
    // control characters (PostgreSQL refuses NUL), bounded in length.
    ...(feed.feed.title !== undefined ? { title: shortText(feed.feed.title, feed.feed.titleType, MAX_NAME_CHARS) } : {}),
    ...(feed.feed.link !== undefined ? { link: feed.feed.link } : {}),
  };
}

function readListing(doc: CandidateDoc, selectors: ListingSelectors | undefined): ListingCandidate {
  const contentType = doc.headers?.['content-type'];
  const text = decodeHtml(doc.bytes, contentType).text;
  if (!isHtmlDocument(text.slice(0, 2048), contentType)) return { html: false };
  const probe = probeListing(text, doc.url, selectors ? { selectors } : {});
  const title = probe.usable || (selectors !== undefined && probe.items > 0) ? titleOf(text) : undefined;
  return { html: true, probe, ...(title !== undefined ? { title } : {}) };
}

/** Does one candidate's work on this thread. */
export function readCandidate<J extends CandidateJob>(job: J): CandidateResult<J> {
  const j: CandidateJob = job;
  let out: CandidateResults[keyof CandidateResults];
  switch (j.op) {
    case 'feed':
      out = readFeed(j.doc);
      break;
    case 'sitemap':
      out = checkSitemap(j.doc.bytes, j.doc.url);
      break;
    case 'feed-links':
      out = findFeedLinks(decodeHtml(j.doc.bytes, j.doc.headers?.['content-type']).text, j.doc.url).slice(0, j.max);
      break;
    case 'title':
      out = titleOf(decodeHtml(j.doc.bytes, j.doc.headers?.['content-type']).text);
      break;
    case 'listing':
      out = readListing(j.doc, j.selectors);
      break;
    case 'sitemap-file':
      out = parseSitemap(j.doc.bytes, j.doc.url);
      break;
    case 'listing-page':
      out = extractListing(listingHtml(j.doc), j.doc.url, j.options);
      break;
  }
  return out as CandidateResult<J>;
}

/** Candidates read on the calling thread, without limits: for tools and tests (what discovery did before the pool). */
export const inlineCandidates: CandidateParser = {
  read: async (job) => readCandidate(job),
};
