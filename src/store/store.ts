// The Store contract. Every storage dialect (store/sqlite, store/postgres) implements
// it; nothing outside src/store knows SQL. Methods are async so a networked database fits the same
// shape as the embedded one. The store is split into repositories, one per concept.
import type { Entry, ExtractStatus, NewEntry } from '../domain/entry.js';
import type { NewSource, Source, SourcePatch } from '../domain/source.js';
import type { SameFeed } from '../domain/same-feed.js';
import type { RefusedSourceField, ShownSourceChange, SourceCondition } from '../domain/shown-check.js';
import type { FeedMeta } from '../domain/feed.js';
import type { EntryCursor, EntryQuery } from './entry-query.js';
import type { SearchRepo } from './search.js';
import type { ItemKeys } from './new-items.js';

export type { EntryCursor, EntryQuery } from './entry-query.js';
import type { TopicRepo } from './topics.js';
import type { AlertRepo } from './alerts.js';
import type { CoordinationRepo } from './coordination.js';
import type { StoryRepo } from './stories.js';
import type { DeskRepo } from './desk.js';
import type { AccountRepo } from './accounts.js';
import type { CurationRepo } from './curation.js';
import type { HostStateRepo, JobRepo } from './jobs.js';
import type { SharedClock } from './clock.js';

/**
 * A source's move (a patch with `url`) refused: another source is at the new address under some
 * spelling (feedKey; r2-sourcekey). Thrown by update and finishCheck; nothing of the patch is written.
 */
export class SourceAddressTaken extends Error {
  constructor(readonly otherSourceId: number) {
    super(`another source (#${otherSourceId}) is at that feed address`);
    this.name = 'SourceAddressTaken';
  }
}

export interface SourceRepo {
  /**
   * Adds a source, or returns the existing one at the same feed address (created: false): the same
   * URL or another spelling of it, by feedKey (domain/feed-key.ts; p-sourcekey). The address is
   * stored as given; the one already stored is kept.
   */
  add(input: NewSource, now?: number): Promise<{ source: Source; created: boolean }>;
  get(id: number): Promise<Source | undefined>;
  /** The source at `url` or at another spelling of it (feedKey): the exact spelling first, else the oldest. */
  getByUrl(url: string): Promise<Source | undefined>;
  list(): Promise<Source[]>;
  update(id: number, patch: SourcePatch): Promise<Source | undefined>;
  /**
   * A desk form's save (domain/shown-check.ts): each field with the value the form showed, written
   * only when the stored value is still that one, checked and written in one transaction against
   * the row as it is then (locked on PostgreSQL). Returns the source after, the source as that
   * transaction read it before writing (an audit row's "before": a change another writer made
   * after the caller's own read is theirs, not this save's — r-meanwhile) and the fields not
   * written; undefined when there is no such source. `unmet`: the change's `whole` condition (an
   * API client's If-Match, p-http) was false of the row as read there, and nothing was written.
   */
  updateShown(
    id: number,
    change: ShownSourceChange,
  ): Promise<{ source: Source; before: Source; refused: RefusedSourceField[]; unmet: boolean } | undefined>;
  /** Removes the source and its entries. */
  remove(id: number): Promise<boolean>;
  /**
   * Removes the source and its entries only if `whole` is true of its row as the removal's own
   * transaction reads it (locked on PostgreSQL; p-http: an API client's If-Match): "unmet" when it
   * is not, and then nothing is changed. "removed" carries that row, the source as it was removed:
   * an audit row's "before" (p-edges, as updateShown's `before`: a rename landing between the
   * caller's own read and the removal is in it, not the caller's stale read). `() => true` removes
   * unconditionally and still returns the row. `entries` is how many live entries the source
   * carried as that transaction removed it, those handed over to another source that also carried
   * them included (what `entries.count({sourceId})` said just before; r-edges: the desk's audit
   * counted them in its own read, before the removal, so entries stored meanwhile were missing).
   */
  remove(id: number, whole: SourceCondition): Promise<SourceRemoval>;
  /**
   * Leases up to `limit` sources due at `now` (next check passed, not disabled, no live lease, not
   * another spelling of a feed address a lower id that is not disabled has: sameFeeds) to
   * `owner` for `leaseMs`, so that several workers (processes or machines) never fetch one source
   * at once. A lease ends with `finishCheck` or by expiring (a crashed worker).
   */
  claimDue(now: number, limit: number, owner: string, leaseMs: number): Promise<Source[]>;
  /**
   * Extends the leases `owner` still holds on `ids` to `until` (epoch ms); returns how many it
   * still held. A poller renews the leases of the sources it is working on, so leases can be short:
   * a poller killed with SIGKILL stops renewing, and its sources are polled again within one lease.
   */
  renewLeases(ids: readonly number[], owner: string, until: number): Promise<number>;
  /**
   * Applies the outcome of a check and releases the lease; `feedMeta`, when given, is stored in
   * the same statement as setFeedMeta would (one write per check instead of two).
   */
  finishCheck(id: number, patch: SourcePatch, feedMeta?: FeedMeta): Promise<void>;
  /** The last parsed feed-level metadata (title, links, image…), kept raw for display and debugging. */
  setFeedMeta(id: number, meta: FeedMeta): Promise<void>;
  getFeedMeta(id: number): Promise<FeedMeta | undefined>;
  /** The stored feed metadata of several sources in one query (a page of feed items); ids without any are absent. */
  getFeedMetas(ids: readonly number[]): Promise<Map<number, FeedMeta>>;
  /** Earliest next check among sources that will be polled (for the scheduler's sleep). */
  nextDueAt(): Promise<number | undefined>;
  /**
   * The sources that share their feed address (feedKey) with another, stored as two spellings
   * before migration 46 (p-dupsources), in one query: per id, the others and the one polled in its
   * place (domain/same-feed.ts). Sources alone at their address are absent. claimDue and nextDueAt
   * leave out a source whose key has a lower id that is not paused: one poll per feed address.
   */
  sameFeeds(): Promise<Map<number, SameFeed>>;
}

/** What a conditional removal did; the source as the removal read it when it was removed, and its live entries then. */
export type SourceRemoval = { outcome: 'removed'; before: Source; entries: number } | { outcome: 'missing' | 'unmet' };

export interface EntryPage {
  items: Entry[];
  /** Cursor for the next older page, when there is one. */
  older?: EntryCursor;
  /** Cursor for the next newer page, when there is one. */
  newer?: EntryCursor;
}

export interface SaveResult {
  /** Entries stored for the first time, with their ids. */
  inserted: Entry[];
  /** Existing entries whose content changed. */
  updated: number;
  /** Items already stored unchanged, or deleted earlier (tombstoned). */
  unchanged: number;
  /** Items stored already from another source (same canonical URL): recorded as sightings of that entry. */
  sighted: number;
}

/** Which never-read entries of a source are offered a read (EntryStore.unreadIds). */
export interface UnreadQuery {
  /** Feed text under this many characters only (a source reading full text of short teasers); null: any. */
  shortChars: number | null;
  /** The pending-key prefix of the read's jobs: an entry holding one queued or running is left out. */
  pendingPrefix: string;
}

/** Which never-read entries of every source reading full text are offered a read (EntryStore.unreadIdsAll). */
export interface UnreadAllQuery {
  /** For a source reading full text of short teasers (mode "short"): feed text under this many characters only. */
  shortChars: number;
  /** The pending-key prefix of the read's jobs: an entry holding one queued or running is left out. */
  pendingPrefix: string;
}

/** Which page of the never-read entries a list shows (EntryRepo.unreadPage). */
export interface UnreadPageQuery extends UnreadAllQuery {
  /** At most this many rows. */
  limit: number;
  /** Only entries of an id below this (the keyset cursor: the last id of the page before). */
  beforeId?: number | undefined;
  /** Only this source's entries (still only when it reads full text, by its own mode). */
  sourceId?: number | undefined;
}

/** A never-read entry as the desk's list shows it, with its source's name (EntryRepo.unreadPage). */
export interface UnreadEntry {
  id: number;
  sourceId: number;
  url: string;
  title: string;
  lang: string | null;
  dir: 'ltr' | 'rtl';
  publishedAt: number;
  /** The source's title and address (its address may hold credentials: shown redacted). */
  sourceTitle: string | null;
  sourceUrl: string;
  /** The source's extract mode: why the entry is offered a read ("short" or "always"). */
  extractMode: 'short' | 'always';
}

export interface FullTextUpdate {
  fullHtml: string | null;
  text?: string;
  extractStatus: ExtractStatus;
  /** The reason's key when extractStatus is "failed" (src/domain/extract-failure.ts); cleared otherwise. */
  extractError?: string | null;
  /** The reason's key when extractStatus is "not-article" (NOT_ARTICLE_KINDS); stored in the same column. */
  notArticle?: string | null;
  leadImage?: string | null;
  lang?: string | null;
  /** With `lang`: it was guessed from the text, not declared by the page (Entry.langGuessed). */
  langGuessed?: boolean;
  dir?: 'ltr' | 'rtl';
  author?: string | null;
}

export interface SourceCount {
  sourceId: number;
  count: number;
}

export interface EntryRepo {
  /**
   * Stores a source's parsed items in one transaction. An item is the same entry as a stored one
   * when its dedupe key or its fingerprint matches (a feed that changed its GUIDs must not
   * duplicate); a tombstoned entry never comes back. An item whose canonical URL is stored already
   * is that entry: from this source, an edit (the entry takes the new headline, the old one kept in
   * its history); from another source, a sighting. Every entry has a sighting of its own source.
   */
  saveBatch(sourceId: number, items: NewEntry[], now?: number): Promise<SaveResult>;
  /**
   * For each item, whether saveBatch would store it as a new entry if called now (false: an entry
   * of the source has its dedupe key, a tombstone included, or its fingerprint; any source has its
   * canonical URL; or an earlier item of `items` takes its place). One query whatever the number of
   * items. Work worth doing only for new entries (the language guess) is done for these alone; an
   * entry stored between this read and the save is only work wasted, since saveBatch decides.
   */
  newItems(sourceId: number, items: readonly ItemKeys[]): Promise<boolean[]>;
  get(id: number): Promise<Entry | undefined>;
  list(query: EntryQuery): Promise<EntryPage>;
  /** Deletes an entry, keeping a tombstone of its key so later polls do not bring it back. */
  remove(id: number): Promise<boolean>;
  setFullText(id: number, update: FullTextUpdate): Promise<void>;
  count(query?: { sourceId?: number }): Promise<number>;
  /**
   * Live entries whose read in full failed, by the reason's key (a failure stored without one
   * counted as "other"), in one query over their partial index (the desk's filter and its count).
   */
  extractFailures(): Promise<Map<string, number>>;
  /**
   * Ids of live entries whose read in full failed for `reason` (a key of EXTRACT_FAILURE_KINDS;
   * "other" also takes failures stored without a key or with one this version does not know),
   * highest id first, those below `beforeId` when given (a keyset by id: the desk's "Retry all"
   * goes on where its last press stopped), at most `limit`, from the failures' partial index.
   */
  extractFailedIds(reason: string, limit: number, beforeId?: number): Promise<number[]>;
  /**
   * How many live failures of `reason` have an id below `beforeId` (all of them without it): what
   * "Retry all" has left. With `notPending` (a pending-key prefix, the entry's id after it), those
   * holding a queued or running job of that key are left out: a retry already queued is not left.
   */
  extractFailedCount(reason: string, beforeId?: number, notPending?: string): Promise<number>;
  /**
   * Live entries of a source never read in full (extract status "none": stored while full text was
   * off for it, past a check's cap, or left by a stalled scheduler) that a read is for: an http(s)
   * link and, with `shortChars`, feed text of fewer characters than that (null: any text). Those
   * holding a queued or running job of pending key `pendingPrefix` + id are left out. Highest id
   * first, at most `limit`.
   */
  unreadIds(sourceId: number, q: UnreadQuery, limit: number): Promise<number[]>;
  /** How many entries `unreadIds` would give without its limit. */
  unreadCount(sourceId: number, q: UnreadQuery): Promise<number>;
  /**
   * `unreadIds` over every source that reads full text, each by its own extract mode in the same
   * query: "always" any text, "short" feed text under `q.shortChars`, "off" none. Highest id first
   * across sources, at most `limit` (the desk-wide "Read them in full").
   */
  unreadIdsAll(q: UnreadAllQuery, limit: number): Promise<number[]>;
  /** How many entries `unreadIdsAll` would give without its limit: one aggregate query. */
  unreadCountAll(q: UnreadAllQuery): Promise<number>;
  /**
   * The entries `unreadIdsAll` gives, as rows of a list (headline, link, date, language, the
   * source's name and mode), highest id first below `q.beforeId` (a keyset by id, no offset), of
   * one source when `q.sourceId` is given, at most `q.limit`: one statement a page.
   */
  unreadPage(q: UnreadPageQuery): Promise<UnreadEntry[]>;
  /**
   * How many entries `unreadIdsAll` would give, per source (sources with none left out), in one
   * grouped aggregate query: the sources page's column, and the CLI's count.
   */
  unreadCountsBySource(q: UnreadAllQuery): Promise<SourceCount[]>;
  /**
   * Live entries whose page held no article (status "not-article"), by the reason's key (one stored
   * without a key counted as "no-article"), in one query over their partial index (the desk's filter).
   */
  notArticles(): Promise<Map<string, number>>;
  /**
   * Live entries per source, in one query (the sources page); sources without entries are left
   * out. `shown`: less the entries the public listings leave out (the dialects' HIDDEN), in one
   * query more driven by the editors' rows, so each count is what the source's page lists (r-counts).
   */
  countsBySource(shown?: boolean): Promise<SourceCount[]>;
  /**
   * The live entries with these ids, in the order asked (ids of deleted or unknown entries are left
   * out): one query for a batch, where a loop of get() would be one per row.
   */
  getMany(ids: number[]): Promise<Entry[]>;
  /** The plain text of live entries, without their HTML bodies (a teaser whose match lies deeper than its cut). */
  texts(ids: number[]): Promise<Map<number, string>>;
  /** Walks every live entry in id order in batches (re-tagging, re-indexing). */
  scan(afterId: number, limit: number): Promise<Entry[]>;
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * The clock every lease, claim, due time and host hold is compared with (./clock.ts): the
   * database server's on PostgreSQL, so machines whose own clocks disagree still agree on it.
   */
  readonly clock: SharedClock;
  readonly sources: SourceRepo;
  readonly entries: EntryRepo;
  /** Full-text search over entries (contract in ./search.ts). */
  readonly search: SearchRepo;
  /** Topic tags, stored topic definitions and re-tag progress (contract in ./topics.ts). */
  readonly topics: TopicRepo;
  /** The alert outbox and delivery log (contract in ./alerts.ts). */
  readonly alerts: AlertRepo;
  /** Who leads periodic work (one process of the deployment at a time). */
  readonly coordination: CoordinationRepo;
  /** Stories, copies, sightings and edits (contract in ./stories.ts). */
  readonly stories: StoryRepo;
  /** The sources and topics desk: private source settings, desk topics, rejected names (./desk.ts). */
  readonly desk: DeskRepo;
  /** Users, sessions, API tokens and the sign-in throttle (contract in ./accounts.ts). */
  readonly accounts: AccountRepo;
  /** Teaser and story overrides, and the audit log of desk changes (contract in ./curation.ts). */
  readonly curation: CurationRepo;
  /** Background jobs with leases, retries and dead letters (contract in ./jobs.ts). */
  readonly jobs: JobRepo;
  /** Per-host politeness holds (Retry-After, backoff) shared by every process. */
  readonly hosts: HostStateRepo;
  close(): Promise<void>;
}
