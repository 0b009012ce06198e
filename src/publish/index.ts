// Feeds out: one page's entries as RSS 2.0, Atom 1.0 or JSON Feed 1.1.
import { safeHttpUrl } from '../domain/safe-url.js';
import { toAtom } from './atom.js';
import { toJsonFeed } from './json-feed.js';
import type { FeedFormat, OutFeed } from './model.js';
import { toRss } from './rss.js';
import { clampTime, writableTime } from './xml.js';

export { FEED_TYPES, type FeedFormat, type OutFeed, type OutItem, type OutSource } from './model.js';
export { outSource } from './source.js';
export { clampTime } from './xml.js';

/**
 * Links to other sites (an item's original article, a source's site) come from stored data; they
 * are checked against the one URL policy here, for every format, so data stored by an older
 * version cannot come out as a javascript: link in a reader. Our own URLs are built by us.
 */
function withSafeLinks(feed: OutFeed): OutFeed {
  return {
    ...feed,
    items: feed.items.map((it) => ({
      ...it,
      // And dates no format can write are left out (RSS pubDate, Atom published and JSON Feed's
      // dates are optional; Atom's required updated falls back to the feed's), where one would
      // have made an RFC 3339 date with a five-digit year, or the whole feed a 500.
      published: writableTime(it.published),
      updated: writableTime(it.updated),
      externalUrl: safeHttpUrl(it.externalUrl),
      source: { ...it.source, siteUrl: safeHttpUrl(it.source.siteUrl), updated: writableTime(it.source.updated) },
    })),
  };
}

export function writeFeed(format: FeedFormat, feed: OutFeed): string {
  const f = { ...withSafeLinks(feed), updated: clampTime(feed.updated) };
  return format === 'rss' ? toRss(f) : format === 'atom' ? toAtom(f) : toJsonFeed(f);
}
