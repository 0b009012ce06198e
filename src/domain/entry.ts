// An entry is one article as the first source that carried it published it. The same article reached
// from another source (same canonical URL) is a sighting of this entry, not a new one; articles on
// one event are grouped into a story (src/stories clusters them, the store keeps the assignment).

export type TextDirection = 'ltr' | 'rtl';

/** Where the entry's full text came from. */
export type ExtractStatus = 'none' | 'pending' | 'done' | 'failed' | 'not-article';

export interface Entry {
  id: number;
  sourceId: number;
  /** Identity within its source, computed at parse time; unique per source. */
  dedupeKey: string;
  /** Hash of normalised title + lead text: catches the same item re-published under a new GUID. */
  fingerprint: string;
  url: string | null;
  title: string;
  author: string | null;
  /** Sanitised HTML from the feed (content, else summary). */
  contentHtml: string | null;
  /** Plain text of the best content we have (full text when extracted, else the feed's). */
  text: string;
  lang: string | null;
  /**
   * Set when `lang` was guessed from the entry's text (src/pipeline/detect-language.ts), not
   * declared by its item, feed or page: a page read later that declares one is then believed.
   */
  langGuessed?: boolean;
  dir: TextDirection;
  /** Epoch ms; falls back to the time we first saw it when the source gives no date. */
  publishedAt: number;
  updatedAt: number | null;
  createdAt: number;
  /** Sanitised HTML of the full article, once extracted. */
  fullHtml: string | null;
  extractStatus: ExtractStatus;
  /**
   * Why the last read in full failed (extractStatus "failed"), a key of
   * src/domain/extract-failure.ts; null (or absent) otherwise and for entries failed before
   * reasons were kept.
   */
  extractError?: string | null;
  /**
   * Why the page held no article (extractStatus "not-article"), a key of NOT_ARTICLE_KINDS in
   * src/domain/extract-failure.ts (stored in entries.extract_error beside that status); null
   * otherwise and for entries stored before these reasons were kept.
   */
  notArticle?: string | null;
  leadImage: string | null;
  categories: string[];
  /**
   * The outlet an aggregator's item names as its origin (RSS 2.0 `<source>`): its name and
   * address. Null (or absent) when the item names none: the source is then the outlet.
   */
  outletName?: string | null;
  outletUrl?: string | null;
  /** The story (event) this article belongs to, once clustered. */
  storyId?: number | null;
  /** The earlier entry this one copies (syndicated or lightly edited text), when it is a copy. */
  duplicateOf?: number | null;
  /**
   * The address the extracted page names as its own (rel=canonical / og:url). Set by the extract
   * step for the stories step of the same check (copy detection); not stored.
   */
  pageUrl?: string | null;
}

/** What the pipeline hands to the store: everything but the ids and timestamps the store owns. */
export interface NewEntry {
  dedupeKey: string;
  fingerprint: string;
  url: string | null;
  title: string;
  author: string | null;
  contentHtml: string | null;
  text: string;
  lang: string | null;
  /** `lang` was guessed from the text (Entry.langGuessed). */
  langGuessed?: boolean;
  dir: TextDirection;
  publishedAt: number | null;
  updatedAt: number | null;
  leadImage?: string | null;
  categories?: string[];
  /** The outlet the item names (Entry.outletName, Entry.outletUrl). */
  outletName?: string | null;
  outletUrl?: string | null;
  /**
   * The article's URL in canonical form (tracking parameters, AMP/mobile variants removed), when
   * known: one canonical URL is one entry across all sources, however many feeds carry it.
   */
  canonicalUrl?: string | null;
}
