// Sitemap URLs as parsed-feed entries. News sitemaps carry a title and a publication date; a
// plain sitemap has only the address, so the title falls back to the words of the URL's slug
// until full-text extraction supplies the real one.
import type { ParsedEntry, ParsedFeed } from '../parse/types.js';
import { normalizeUrl } from '../listing/normalize-url.js';
import { imageType } from '../listing/to-entries.js';
import type { SitemapUrl } from './types.js';

/** "/2024/03/05/mill-bridge-reopens-48211.html" → "Mill bridge reopens". */
export function titleFromSlug(url: string): string | undefined {
  let segs: string[];
  try {
    segs = new URL(url).pathname.split('/').filter(Boolean);
  } catch {
    return undefined;
  }
  for (let i = segs.length - 1; i >= 0; i--) {
    let s = segs[i]!;
    try {
      s = decodeURIComponent(s);
    } catch {
      // Keep the raw segment.
    }
    s = s
      .replace(/\.[a-z0-9]{2,5}$/i, '')
      .replace(/[-_+]+/g, ' ')
      .replace(/(?:^|\s)\d+(?=\s|$)/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (s.length >= 3 && /\p{L}/u.test(s)) return s.charAt(0).toLocaleUpperCase() + s.slice(1);
  }
  return undefined;
}

/** The dates a sitemap URL's entry carries: published (the news date, else lastmod) and updated (lastmod). */
export function sitemapUrlDates(u: SitemapUrl): { published?: string; updated?: string } {
  const out: { published?: string; updated?: string } = {};
  const published = u.news?.publicationDate ?? u.lastmod;
  if (published) out.published = published;
  if (u.lastmod) out.updated = u.lastmod;
  return out;
}

export function sitemapUrlToEntry(u: SitemapUrl): ParsedEntry {
  const key = normalizeUrl(u.loc);
  const entry: ParsedEntry = {
    id: key,
    link: u.loc,
    links: [{ href: u.loc, rel: 'alternate', type: 'text/html' }],
    dedupeKey: key,
  };
  const title = u.news?.title ?? titleFromSlug(u.loc);
  if (title) {
    entry.title = title;
    entry.titleType = 'text/plain';
  }
  const dates = sitemapUrlDates(u);
  if (dates.published) entry.published = dates.published;
  if (dates.updated) entry.updated = dates.updated;
  if (u.news?.language) entry.language = u.news.language;
  if (u.news?.publicationName) entry.source = { title: u.news.publicationName };
  if (u.news?.keywords?.length) entry.categories = u.news.keywords.map((term) => ({ term }));
  if (u.images?.length) {
    entry.enclosures = u.images.map((img) => {
      const type = imageType(img.loc);
      return type ? { href: img.loc, type } : { href: img.loc };
    });
  }
  return entry;
}

export function sitemapUrlsToEntries(urls: readonly SitemapUrl[]): ParsedEntry[] {
  return urls.map(sitemapUrlToEntry);
}

/** The first news publication name and language among the URLs (what the feed's header takes). */
export function sitemapNewsNames(urls: readonly SitemapUrl[]): { publicationName?: string | undefined; language?: string | undefined } {
  return {
    publicationName: urls.find((u) => u.news?.publicationName)?.news?.publicationName,
    language: urls.find((u) => u.news?.language)?.news?.language,
  };
}

/** The feed's metadata: titled after the news publication when the sitemap names one. */
function sitemapFeedHeader(
  urls: readonly SitemapUrl[] | undefined,
  sitemapUrl: string,
  names = sitemapNewsNames(urls ?? []),
): Omit<ParsedFeed, 'entries'> {
  const name = names.publicationName;
  const lang = names.language;
  let site = sitemapUrl;
  try {
    site = new URL('/', sitemapUrl).href;
  } catch {
    // Keep the sitemap URL itself.
  }
  return {
    version: '',
    bozo: false,
    feed: {
      link: site,
      ...(name ? { title: name, titleType: 'text/plain' as const } : {}),
      ...(lang ? { language: lang } : {}),
    },
  };
}

/** Sitemap URLs as a ParsedFeed: titled after the news publication when the sitemap names one. */
export function sitemapToParsedFeed(urls: readonly SitemapUrl[], sitemapUrl: string): ParsedFeed {
  return { ...sitemapFeedHeader(urls, sitemapUrl), entries: sitemapUrlsToEntries(urls) };
}

/**
 * The same feed, its entries built on first use. A scheduled check builds only the entries it
 * keeps (see src/pipeline/pending-items.ts): a sitemap may list 50,000 URLs and keep 500.
 */
export function sitemapToLazyFeed(
  urls: readonly SitemapUrl[] | (() => readonly SitemapUrl[]),
  sitemapUrl: string,
  /** The header's names, when `urls` is to be read only on first use (sitemapNewsNames of them). */
  names?: { publicationName?: string | undefined; language?: string | undefined },
): ParsedFeed {
  const feed = (
    typeof urls === 'function' ? sitemapFeedHeader(undefined, sitemapUrl, names ?? {}) : sitemapFeedHeader(urls, sitemapUrl)
  ) as ParsedFeed;
  let entries: ParsedEntry[] | undefined;
  Object.defineProperty(feed, 'entries', {
    enumerable: true,
    configurable: true,
    get: () => (entries ??= sitemapUrlsToEntries(typeof urls === 'function' ? urls() : urls)),
    set: (v: ParsedEntry[]) => {
      entries = v;
    },
  });
  return feed;
}
