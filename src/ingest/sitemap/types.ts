// What a sitemap holds: article URLs (with Google News and image extensions) or, for an index,
// the child sitemaps. Dates are ISO 8601 UTC.

export interface SitemapNews {
  title?: string;
  publicationDate?: string;
  publicationName?: string;
  /** ISO 639 code as the sitemap gives it (zh-cn, fa, en). */
  language?: string;
  keywords?: string[];
  genres?: string[];
}

export interface SitemapImage {
  loc: string;
  title?: string;
  caption?: string;
}

export interface SitemapUrl {
  loc: string;
  lastmod?: string;
  changefreq?: string;
  priority?: number;
  news?: SitemapNews;
  images?: SitemapImage[];
}

/** A child sitemap listed by a sitemap index. */
export interface SitemapRef {
  loc: string;
  lastmod?: string;
}

export type SitemapKind = 'urlset' | 'sitemapindex' | 'text' | 'feed' | 'unknown';

export interface ParsedSitemap {
  /** `feed`: the URL serves RSS/Atom (some sites list their feed as a sitemap): add it as a feed. */
  kind: SitemapKind;
  urls: SitemapUrl[];
  sitemaps: SitemapRef[];
  /** Things skipped or repaired, for logs (bad locs, entries past the limit). */
  warnings: string[];
}

/**
 * What a scheduled check asks of the worker that parses a sitemap file (src/pipeline/pick-sitemap.ts):
 * the URLs new since `cursor`, without repeats, the newest `keep` chosen there, so that only
 * those cross back to the check's thread.
 */
export interface SitemapPick {
  cursor?: string | undefined;
  /** The check's time: the newest are those adaptEntry would date newest at this time. */
  now: number;
  /** The read's time, for the cursor (lastmods beyond it plus an hour are left out). */
  stampNow: number;
  /** How many of the newest are sent whole (maxNewEntriesPerCheck). */
  keep: number;
  /**
   * The URLs taken from the read's earlier files, as picked so far (a sitemap index's first
   * urlset child): a picked answer then covers them first, this file's new URLs after them
   * (repeats of them dropped), and is picked across both.
   */
  prior?: PickedUrls | undefined;
}

/** A urlset's URLs as the worker picked them (SitemapPick): what a check stores, and what it may need later. */
export interface PickedUrls {
  /** URLs changed since the cursor, first occurrences only, in document order (what readSitemaps takes). */
  count: number;
  /** The check's time the order was worked out for. */
  now: number;
  /**
   * True: `newest` is the document indices of the `keep` newest (newest first, undated last, ties
   * in document order). False: all URLs were no more than `keep`, and `newest` is every index in
   * document order.
   */
  ordered: boolean;
  newest: number[];
  /** The URLs of `newest`, in its order. */
  head: SitemapUrl[];
  /** Epoch ms of each dated URL (published, else updated), in document order: the schedule's input. */
  times: Float64Array;
  /** The newest stamp (stampOf) no further ahead of `stampNow` than the cursor's slack. */
  newestStamp?: number;
  /** The first news publication name and language, as sitemapFeedHeader takes them. */
  publicationName?: string;
  language?: string;
  /** Every URL (v8.serialize), when `head` is not all of them; read only if a check needs more. */
  all?: Uint8Array;
}
