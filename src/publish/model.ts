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
  published: number;
  updated?: number | undefined;
  author?: string | undefined;
  sourceName: string;
  /** The source's feed URL. */
  sourceUrl: string;
  lang?: string | undefined;
  categories?: string[] | undefined;
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
