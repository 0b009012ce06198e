// The parsed-feed shape: what `newsdesk parse` prints and what the pipeline adapts into entries.
// Field names follow the documented CLI contract (README, "newsdesk parse"); absent fields are
// left undefined so JSON output omits them. Dates are ISO 8601 UTC strings.

export type TextType = 'text/plain' | 'text/html' | 'application/xhtml+xml';

export type FeedVersion =
  | 'rss090' | 'rss091u' | 'rss091n' | 'rss092' | 'rss093' | 'rss094' | 'rss20' | 'rss10' | 'rss'
  | 'atom01' | 'atom02' | 'atom03' | 'atom10' | 'atom' | 'cdf' | 'json1' | 'json11' | '';

export interface Link {
  href: string;
  rel?: string;
  type?: string;
  title?: string;
  length?: string;
}

export interface Person {
  name?: string;
  email?: string;
  uri?: string;
}

export interface Category {
  term?: string;
  scheme?: string;
  label?: string;
}

export interface Content {
  value: string;
  type: TextType;
  language?: string;
  base?: string;
}

export interface Enclosure {
  href: string;
  length?: string;
  type?: string;
}

export interface FeedImage {
  href?: string;
  title?: string;
  link?: string;
  width?: number;
  height?: number;
}

export interface Generator {
  name?: string;
  uri?: string;
  version?: string;
}

export interface EntrySource {
  title?: string;
  link?: string;
  id?: string;
  url?: string;
}

export interface FeedMeta {
  title?: string;
  titleType?: TextType;
  subtitle?: string;
  subtitleType?: TextType;
  link?: string;
  links?: Link[];
  id?: string;
  language?: string;
  updated?: string;
  published?: string;
  authors?: Person[];
  contributors?: Person[];
  image?: FeedImage;
  icon?: string;
  logo?: string;
  rights?: string;
  rightsType?: TextType;
  generator?: Generator;
  categories?: Category[];
  /** Suggested refresh interval in seconds (RSS <ttl>, sy:updatePeriod), when the feed gives one. */
  ttlSeconds?: number;
}

export interface ParsedEntry {
  id?: string;
  title?: string;
  titleType?: TextType;
  link?: string;
  links?: Link[];
  summary?: string;
  summaryType?: TextType;
  content?: Content[];
  published?: string;
  updated?: string;
  created?: string;
  expired?: string;
  authors?: Person[];
  contributors?: Person[];
  categories?: Category[];
  enclosures?: Enclosure[];
  comments?: string;
  source?: EntrySource;
  /** Language of the entry (xml:lang / feed language), when known. */
  language?: string;
  /** Stable identity within its source, computed at parse time (see parse/dedupe-key.ts). */
  dedupeKey?: string;
}

export interface ParsedFeed {
  version: FeedVersion;
  bozo: boolean;
  bozoReason?: string;
  encoding?: string;
  feed: FeedMeta;
  entries: ParsedEntry[];
}

/** What the caller knows about where the bytes came from (an HTTP response or a file said to be one). */
export interface ParseInput {
  bytes: Uint8Array;
  /** The document's address: relative URIs resolve against it (after Content-Location and xml:base). */
  url?: string;
  /** Response headers, lower-case names. Content-Type charset, Content-Location, Content-Language matter. */
  headers?: Record<string, string>;
}
