// A sitemap's URLs as PendingItems (pending-items.ts), loaded with the sitemap reader.
import type { ParsedFeed } from '../ingest/parse/types.js';
import { sitemapUrlDates, sitemapUrlToEntry } from '../ingest/sitemap/to-entries.js';
import { pickedUrlList } from '../ingest/sitemap/picked.js';
import type { PickedUrls, SitemapUrl } from '../ingest/sitemap/types.js';
import { adaptEntry, publishedAtOf } from './adapt-entry.js';
import { timesOf, type PendingItems } from './pending-items.js';

/**
 * A sitemap's URLs, one per entry of `feed` (sitemapToLazyFeed): an entry is built only when it
 * is adapted, and the dates are read from the URL as sitemapUrlToEntry sets them.
 */
export function pendingOfSitemap(urls: readonly SitemapUrl[], feed: ParsedFeed): PendingItems {
  return {
    count: urls.length,
    publishedAt: (i, now) => publishedAtOf(sitemapUrlDates(urls[i]!), now),
    adapt: (i, now) => adaptEntry(sitemapUrlToEntry(urls[i]!), feed, now),
    publishedTimes: () =>
      timesOf(
        urls.map((u) => {
          const d = sitemapUrlDates(u);
          return d.published ?? d.updated;
        }),
      ),
  };
}

/**
 * The URLs a parse worker picked (src/pipeline/pick-sitemap.ts): the newest it sent whole are
 * adapted from what it sent; any other URL, or every publishedAt, reads the rest it sent as one
 * block (a capped check whose newest were all stored already). The same items as pendingOfSitemap
 * of every URL.
 */
export function pendingOfPicked(p: PickedUrls, feed: ParsedFeed): PendingItems {
  const sent = new Map<number, SitemapUrl>(p.newest.map((i, k) => [i, p.head[k]!]));
  let all: readonly SitemapUrl[] | undefined;
  const url = (i: number): SitemapUrl => sent.get(i) ?? (all ??= pickedUrlList(p))[i]!;
  return {
    count: p.count,
    publishedAt: (i, now) => publishedAtOf(sitemapUrlDates(url(i)), now),
    adapt: (i, now) => adaptEntry(sitemapUrlToEntry(url(i)), feed, now),
    publishedTimes: () => Array.from(p.times),
    newest: (n, now) => (p.ordered && now === p.now && n <= p.newest.length ? p.newest.slice(0, n) : undefined),
  };
}
