// The parts of a feed that outlive parsing: the feed's own metadata (kept per source, used by
// feeds out) and the value types it is made of. Field names follow the `newsdesk parse` contract.

export type TextType = 'text/plain' | 'text/html' | 'application/xhtml+xml';

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
