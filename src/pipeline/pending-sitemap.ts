// A sitemap's URLs as PendingItems (pending-items.ts), loaded with the sitemap reader.
import type { ParsedFeed } from '../ingest/parse/types.js';
import { sitemapUrlDates, sitemapUrlToEntry } from '../ingest/sitemap/to-entries.js';
import type { SitemapUrl } from '../ingest/sitemap/types.js';
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
