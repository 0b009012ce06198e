// Feeds out: one page's entries as RSS 2.0, Atom 1.0 or JSON Feed 1.1.
import { toAtom } from './atom.js';
import { toJsonFeed } from './json-feed.js';
import type { FeedFormat, OutFeed } from './model.js';
import { toRss } from './rss.js';

export { FEED_TYPES, type FeedFormat, type OutFeed, type OutItem, type OutSource } from './model.js';
export { outSource } from './source.js';

export function writeFeed(format: FeedFormat, feed: OutFeed): string {
  return format === 'rss' ? toRss(feed) : format === 'atom' ? toAtom(feed) : toJsonFeed(feed);
}
