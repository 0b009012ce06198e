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
