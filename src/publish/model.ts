// What a published feed holds, independent of its format. A page (all stories, a source, a
// topic, a search) becomes one OutFeed; rss.ts, atom.ts and json-feed.ts write it out.

export interface OutItem {
  /** Permanent, unique id: our article page URL. */
  id: string;
  /** Our article page. */
  url: string;
  /** The original article, when known. */
  externalUrl?: string | undefined;
  title: string;
  /** Plain-text lead. */
  summary: string;
  /** Sanitised HTML body, when there is one. */
  contentHtml?: string | undefined;
  /** Epoch ms; absent when there is none a feed can write (writeFeed leaves such out). */
  published?: number | undefined;
  updated?: number | undefined;
  author?: string | undefined;
  source: OutSource;
  lang?: string | undefined;
  categories?: string[] | undefined;
}

/** The feed an item was read from, as Atom's <source> (RFC 4287 §4.2.11) keeps it. */
export interface OutSource {
  /** The source feed's own id (its Atom id), else the address we read it at. */
  id: string;
  /** The name we show for the source. */
  title: string;
  /** The address we read the feed at. */
  feedUrl: string;
  /** The site the feed belongs to. */
  siteUrl?: string | undefined;
  /** When the source feed last changed (its own date, else our last successful read); epoch ms. */
  updated?: number | undefined;
  /**
   * Who an item with no byline is by: the source feed's own author, else the outlet's name. Atom
   * readers take it from <source> before the aggregate feed's author, so such an item is never
   * credited to Newsdesk.
   */
  author: string;
}

export interface OutFeed {
  title: string;
  description: string;
  /** The HTML page this feed mirrors (absolute). */
  homeUrl: string;
  /** This feed's own URL (absolute), per format. */
  selfUrl: string;
  language?: string;
  /** Newest change among the items (epoch ms); the feed's updated/lastBuildDate. */
  updated: number;
  items: OutItem[];
}

export type FeedFormat = 'rss' | 'atom' | 'json';

export const FEED_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};
