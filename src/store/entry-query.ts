// What a page of entries asks the store for: filters and a keyset position. Shared by the entry
// list, the teaser read model and search, so it sits apart from the contract that uses it.

/** Newest first: (publishedAt, id) descending. A cursor names the last row seen. */
export interface EntryCursor {
  publishedAt: number;
  id: number;
}

export interface EntryQuery {
  sourceId?: number | undefined;
  /** Only entries tagged with this topic (once topics exist). */
  topicId?: string | undefined;
  lang?: string | undefined;
  /** Epoch ms bounds on publishedAt (inclusive since, exclusive until). */
  since?: number | undefined;
  until?: number | undefined;
  /** Page after this cursor (older entries). */
  after?: EntryCursor | undefined;
  /** Page before this cursor (newer entries), still returned newest first. */
  before?: EntryCursor | undefined;
  /**
   * One row per story: copies are left out, and of a story's articles only the newest that passes
   * the other filters stands for it (entries not yet clustered stand for themselves).
   */
  onePerStory?: boolean | undefined;
  /**
   * Public pages: leave out what editors hid (an entry, or every entry of a hidden story). Hidden
   * entries are still stored and listed at the desk.
   */
  withoutHidden?: boolean | undefined;
  /**
   * The desk's "full text failed": only entries whose read in full failed (extract status
   * "failed", any reason), read through their own partial index (migration 21).
   */
  extractFailed?: boolean | undefined;
  /**
   * The desk's "No article on the page": only entries whose page held no article (extract status
   * "not-article", any reason), read through their own partial index (migration 22).
   */
  notArticle?: boolean | undefined;
  /**
   * With extractFailed or notArticle: only the rows of this reason, a kind of the catalogue
   * (EXTRACT_FAILURE_KINDS, NOT_ARTICLE_KINDS; see reasonKeys), read through the same partial index.
   */
  extractReason?: string | undefined;
  limit: number;
}
