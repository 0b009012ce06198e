// The parsed-feed shape: what `newsdesk parse` prints and what the pipeline adapts into entries.
// Field names follow the documented CLI contract (README, "newsdesk parse"); absent fields are
// left undefined so JSON output omits them. Dates are ISO 8601 UTC strings. The value types a
// feed shares with the rest of Newsdesk (links, people, the feed's own metadata) live in
// src/domain/feed.ts; the store keeps FeedMeta as it was read.
import type { Category, Content, Enclosure, EntrySource, FeedMeta, Link, Person, TextType } from '../../domain/feed.js';

export type {
  Category,
  Content,
  Enclosure,
  EntrySource,
  FeedImage,
  FeedMeta,
  Generator,
  Link,
  Person,
  TextType,
} from '../../domain/feed.js';

export type FeedVersion =
  | 'rss090'
  | 'rss091u'
  | 'rss091n'
  | 'rss092'
  | 'rss093'
  | 'rss094'
  | 'rss20'
  | 'rss10'
  | 'rss'
  | 'atom01'
  | 'atom02'
  | 'atom03'
  | 'atom10'
  | 'atom'
  | 'cdf'
  | 'json1'
  | 'json11'
  | '';

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
  /** Items the document held past ParseOptions.maxEntries, not read (absent when none). */
  entriesSkipped?: number;
}

/** What the caller knows about where the bytes came from (an HTTP response or a file said to be one). */
export interface ParseInput {
  bytes: Uint8Array;
  /** The document's address: relative URIs resolve against it (after Content-Location and xml:base). */
  url?: string | undefined;
  /** Response headers, lower-case names. Content-Type charset, Content-Location, Content-Language matter. */
  headers?: Record<string, string> | undefined;
}
