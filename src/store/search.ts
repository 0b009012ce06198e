// The search contract: what every store dialect's full-text search takes and returns. The query
// arrives as a dialect-free AST (src/search/query.ts); each dialect compiles it to its own syntax
// (FTS5 MATCH on SQLite, tsquery on PostgreSQL).
import type { Entry } from '../domain/entry.js';
import type { SearchNode } from '../search/query.js';
import type { EntryCursor, EntryQuery } from './entry-query.js';

export interface SearchQuery {
  /** The parsed query; undefined when the user gave no words (then nothing matches). */
  ast: SearchNode | undefined;
  sourceId?: number | undefined;
  /** Only entries tagged with this topic (search within a topic). */
  topicId?: string | undefined;
  lang?: string | undefined;
  /** Epoch ms bounds on publishedAt (inclusive since, exclusive until). */
  since?: number | undefined;
  until?: number | undefined;
  /**
   * Leave out what editors hid (the public's search): an entry hidden itself, through its story,
   * or as a copy of a hidden article (hidden-live.ts, the listings' rule), before paging, so
   * pages are full and `nextOffset` names a page that holds something.
   */
  withoutHidden?: boolean | undefined;
  /** Ranked results page by offset: a ranking has no stable keyset. */
  offset?: number | undefined;
  limit: number;
  /**
   * Rank as the first page did (its SearchPage.asOf): only entries stored by then, recency at
   * that time. Later pages then hold the rest of the same ranking, however many entries arrived
   * and however much time passed between page loads: no hit twice, none skipped (but one removed
   * meanwhile). Without it, the store's newest entry and the current time.
   */
  asOf?: SearchAsOf | undefined;
}

/** A ranking's moment: the newest entry id it may hold, and the time its recency is measured at (epoch ms). */
export interface SearchAsOf {
  upto: number;
  at: number;
}

/**
 * One ranked row. Dialects rank; they do not highlight: the caller marks the words with
 * highlightHits (src/search/highlight-hits.ts), one dialect-free function for every store.
 */
export interface SearchHit {
  entry: Entry;
  /** Higher is better (bm25 relevance blended with recency). */
  score: number;
}

/**
 * The moment a page ranks as: the query's own (a later page's), else the newest entry and `now`.
 * `upto` comes from the client and is no later than the store's newest entry: above it there is
 * nothing to rank, and PostgreSQL's walk down the id windows (newestMatches) crossed the empty ids
 * between an absurd `upto` and the newest one window by window, one statement each: eleven more
 * statements for `upto=999999999999999` (r2-search). The answer's asOf says the bound used.
 */
export function rankingMoment(asked: SearchAsOf | undefined, newest: number, now: number): SearchAsOf {
  return asked ? { upto: Math.min(asked.upto, newest), at: asked.at } : { upto: newest, at: now };
}

/** A search's moment from its two request parameters (`upto`, `at`): both, or none. */
export function searchAsOf(upto: number | undefined, at: number | undefined): SearchAsOf | undefined {
  return upto === undefined || at === undefined ? undefined : { upto, at };
}

export interface SearchPage {
  hits: SearchHit[];
  /** Offset of the next page when there is one. */
  nextOffset?: number;
  /** The moment this page was ranked as (the query's own, else now): pass it with nextOffset. Absent when nothing was searched. */
  asOf?: SearchAsOf;
}

export interface SearchRepo {
  search(q: SearchQuery): Promise<SearchPage>;
  /**
   * A token that changes whenever any entry or source changes (from this process or another).
   * Web caches and ETags key on it.
   */
  changeStamp(): Promise<string>;
  /**
   * Languages of the shown live entries (for the public search filter: what editors hid, and copies
   * of what they hid, are not counted, p-edges), most common first, equally common ones by tag.
   */
  languages(): Promise<string[]>;
  /**
   * The read model of a topic page: the same rows, order and cursors as entries.list, but only
   * what a teaser shows, with the text cut to its first `textChars` characters. Bodies (feed and
   * full-text HTML) can be tens of kilobytes each; a page of 50 must not read them.
   */
  teasers(query: EntryQuery, textChars: number): Promise<TeaserPage>;
}

/**
 * What a teaser needs of an entry; `text` is only the opening of the entry's text. `extractError`
 * is the reason's key when the read in full failed ("other" for a failure stored without one),
 * null otherwise; `notArticle` likewise the key when the page held no article ("no-article" for
 * one stored without a key): the desk marks such teasers from the same query.
 */
export type EntrySummary = Pick<
  Entry,
  | 'id'
  | 'sourceId'
  | 'url'
  | 'title'
  | 'author'
  | 'lang'
  | 'dir'
  | 'publishedAt'
  | 'updatedAt'
  | 'createdAt'
  | 'text'
  | 'storyId'
  | 'duplicateOf'
  | 'outletName'
  | 'outletUrl'
> & {
  extractError?: string | null | undefined;
  notArticle?: string | null | undefined;
  /** Set (true) when the entry's page was never read in full (extract status "none"). */
  neverRead?: boolean | undefined;
};

export interface TeaserPage {
  items: EntrySummary[];
  older?: EntryCursor;
  newer?: EntryCursor;
}
