// The story contract: which story (event) each entry belongs to and which earlier entry it copies,
// the stories' summaries for pages and the API, the sightings of one article in several sources,
// the edit history of entries, and the progress of re-clustering history.
// The clustering itself is pure (src/stories); the store only keeps what it decided.
import type { TextDirection } from '../domain/entry.js';

/** Text an article needs to lead its story ahead of earlier, thinner ones (a flash, a headline). */
export const LEAD_MIN_TEXT = 200;

export interface Story {
  id: number;
  /** The clusterer's stable story id (the id of the story's first article, as a string). */
  key: string;
  /**
   * The article that names the story: of its first three articles (copies left out), the earliest
   * with a real text (at least LEAD_MIN_TEXT characters), else the earliest, so a headline-only
   * flash or a copy does not name a story that a full report covers. Only the first three are
   * read, so keeping it up costs the same for a story of five articles as for one of 50,000.
   */
  leadEntryId: number | null;
  headline: string;
  /** Publication times of the story's first and newest live entries. */
  firstPublished: number | null;
  lastPublished: number | null;
  /** Live entries in the story, copies included. */
  size: number;
  /** Live entries that copy nothing (the distinct articles). */
  articles: number;
  /** Distinct sources that carried the story (entries and sightings). */
  sources: number;
  /** Languages of the story's entries, most entries first. */
  languages: string[];
  /** Set when the story was merged into another (old links lead there). */
  mergedInto: number | null;
  createdAt: number;
  updatedAt: number;
}

/** One clusterer decision, in store terms. */
export interface StoryAssignmentInput {
  entryId: number;
  storyKey: string;
  /** The entry this one copies (null: none). */
  duplicateOf?: number | null | undefined;
  /** Keys of stories this entry bridged into `storyKey`: their entries move into it. */
  merged?: readonly string[] | undefined;
}

/** The part of a story's counts an editor hid (StoryRepo.hiddenShare), and what is left shown of its summary. */
export interface HiddenShare {
  size: number;
  articles: number;
  sources: number;
  /** The languages of the story's shown live entries, most first (p-counts). */
  languages: string[];
  /** Publication times of the story's first and newest shown live entries (null: none shown). */
  firstPublished: number | null;
  lastPublished: number | null;
}

/**
 * A story's summary as the public reads it: hidden entries (and sources that carried only those)
 * taken out of its counts, its languages and span those of its shown entries (p-counts).
 */
export function shownCounts<S extends Pick<Story, 'size' | 'articles' | 'sources' | 'languages' | 'firstPublished' | 'lastPublished'>>(
  s: S,
  h: HiddenShare | undefined,
): S {
  if (!h) return s;
  return {
    ...s,
    size: Math.max(0, s.size - h.size),
    articles: Math.max(0, s.articles - h.articles),
    sources: Math.max(0, s.sources - h.sources),
    languages: h.languages,
    firstPublished: h.firstPublished,
    lastPublished: h.lastPublished,
  };
}

/**
 * Whether the public is shown nothing of this story: every live entry of it an editor hid (or a
 * copy of a hidden one), so its shown counts are all zero. Such a story is gone from public reads,
 * as a story hidden whole (r-counts): its page, feeds and API answer 404, the API's list leaves it
 * out (as it leaves out a story of no live entry), an entry's answer and fold do not point at it.
 * A merged story (no entries, `mergedInto` set) is not: its address leads to the one it joined.
 */
export function nothingShown(s: Pick<Story, 'size' | 'mergedInto'>, h: HiddenShare | undefined): boolean {
  return h !== undefined && s.mergedInto === null && s.size - h.size <= 0;
}

/** An entry as a story's coverage lists it: no bodies. */
export interface CoverageItem {
  entryId: number;
  storyId: number;
  sourceId: number;
  title: string;
  url: string | null;
  lang: string | null;
  dir: TextDirection;
  publishedAt: number;
  duplicateOf: number | null;
  /** The outlet an aggregator's item names (Entry.outletName, Entry.outletUrl). */
  outletName?: string | null;
  outletUrl?: string | null;
}

/** One source carrying one entry: the first source (the entry's own) and every later one. */
export interface Sighting {
  entryId: number;
  sourceId: number;
  firstSeen: number;
  /** The item's address and headline as that source gave them. */
  url: string | null;
  title: string;
}

/** An edit of an entry (its headline, address or GUID changed at the source). */
export interface EntryEdit {
  entryId: number;
  sourceId: number;
  changedAt: number;
  titleBefore: string;
  titleAfter: string;
  urlBefore: string | null;
  urlAfter: string | null;
}

/** What the clusterer needs of a stored entry to rebuild its window, with the stored decision. */
export interface ClusterInput {
  entryId: number;
  sourceId: number;
  title: string;
  /** The opening of the entry's text (the clusterer reads no more). */
  text: string;
  url: string | null;
  lang: string | null;
  publishedAt: number;
  storyKey: string | null;
  duplicateOf: number | null;
  /**
   * An editor placed it (merged or split its story): `storyKey` is kept through re-clustering and
   * the clusterer files the entry there (StoryArticle.story).
   */
  locked: boolean;
}

/** Position in (publishedAt, entryId) order: the time order stories are built in. */
export interface ClusterCursor {
  publishedAt: number;
  entryId: number;
}

export interface StoryListQuery {
  /** Only stories with at least one entry tagged with this topic. */
  topicId?: string | undefined;
  /**
   * With `topicId`: only a tagged entry the public is shown counts (not hidden itself, through its
   * story or its original: hidden-live.ts `notHiddenSql`), so a story is not listed under a topic
   * by entries only editors see (p-copies).
   */
  shown?: boolean | undefined;
  /** Newest activity first; the page after this story (lastPublished, id). */
  after?: { lastPublished: number; id: number } | undefined;
  limit: number;
}

export interface StoryPage {
  items: Story[];
  older?: { lastPublished: number; id: number };
}

export type ReclusterStatus = 'idle' | 'running' | 'done';

export interface ReclusterProgress {
  status: ReclusterStatus;
  total: number;
  done: number;
  /** Where the run has reached (resumable after a restart). */
  after: ClusterCursor | null;
  startedAt: number | null;
  /** Last progress recorded: a run that stopped recording (its process died) is over. */
  updatedAt: number | null;
  finishedAt: number | null;
  /**
   * The last lease recorded (null: none ever, or a row written before leases): in force while
   * `until` is ahead; a released one ends at its release.
   */
  lease: ReclusterLease | null;
  /** The lease's generation: how many times it was taken (0: never). See ReclusterFence. */
  generation: number;
}

/**
 * What the pipeline's story step checks before each batch of new entries, in one read: the
 * re-clustering progress (a live run takes the entries; a new run makes the window stale) and the
 * desk's clustering setting (a change makes the window stale).
 */
export interface ClusterCheck {
  progress: ReclusterProgress;
  /** DeskSettings.clusterPlaces (the default when never saved). */
  clusterPlaces: boolean;
  /**
   * The editors' curation counter: raised by one in the same transaction as every `merge` and
   * `split` (the writes that lock entries to a story). A move makes the window stale: the step's
   * clusterer does not know where the editor placed those entries (p-splitgen). 0 when never raised.
   */
  curation: number;
  /**
   * The removals counter: raised by one in the same transaction as every removal of entries (an
   * entry deleted, a source removed with its entries). A move means the step's clusterer may hold
   * entries that are gone, whose text would still draw new articles (c-live). 0 when never raised.
   */
  removals: number;
}

/**
 * Who runs a re-clustering: a worker (a job runner's owner, or the command's process) and the job
 * it runs (null: `newsdesk recluster`, no job).
 */
export interface ReclusterHolder {
  owner: string;
  job: number | null;
}

/**
 * The re-clustering lease: at most one run holds it at a time, and only that run writes progress
 * and starts or finishes a run. It ends at `until` unless the run renews it (each batch does), so a
 * run whose process died frees it; it is released at the run's end, and on failure.
 */
export interface ReclusterLease extends ReclusterHolder {
  until: number;
}

/**
 * A holder as its run knows itself once it took the lease: with the lease's generation then, which
 * every take raises by one. The fence of the run's writes: they succeed only while the lease row
 * names this holder **and** this generation, checked in the writes' own transaction. The holder
 * alone cannot tell a later attempt of the same job on the same worker (same owner, same job) from
 * the stalled earlier one; the generation can.
 */
export interface ReclusterFence extends ReclusterHolder {
  generation: number;
}

/**
 * What the pipeline's story step saw when it checked that no re-clustering runs: the lease's
 * generation then (ReclusterProgress.generation). Its write of new entries' stories is refused
 * once a run has taken the lease since (the generation moved): that run forgets stories and
 * regroups every entry, and the step's clusterer, built before it, is stale.
 */
export interface ReclusterQuiet {
  generation: number;
}

/**
 * What a run's batch write answers when it has news for the run (else `true`):
 * - `retaken`: the run's lease had run out (`until` <= the write's `now`: the run stalled past it)
 *   and nobody took it over meanwhile (the row still names the run's holder and generation): the
 *   write took it anew in its own transaction, raising the generation as a take does. While the
 *   lease was out, the pipeline's story step saw no live run and may have written new entries'
 *   stories (checked against the old generation); from this write on, such a write is refused, as
 *   after any take. The run fences its later writes with `generation`.
 * - `curation`: the editors' curation counter (ClusterCheck.curation) as this write found it, when
 *   the run said which it knows (`lease.curation`) and it differs: an editor merged or split stories
 *   since, and the run's clusterer does not know where they placed those entries (p-recluster).
 */
export interface ReclusterRetake {
  retaken: boolean;
  generation: number;
  curation?: number;
}

/** An entry an editor placed (its story locked by a merge or a split), with its story's key. */
export interface PlacedEntry {
  entryId: number;
  storyKey: string;
  /** The entry it copies (null: an original): a copy placed with its original is no member of its own. */
  duplicateOf: number | null;
}

/**
 * A live entry that copies nothing, in the story of a removed entry (StoryRepo.standIns): among them
 * the copy that stands in for a removed original (the store makes its first live copy an article of
 * its own), which a clusterer that held the original and answered the copy as a copy never held.
 */
export interface StandIn {
  entryId: number;
  storyKey: string;
  /** An editor placed it: it goes to the clusterer with its story (StoryArticle.story). */
  locked: boolean;
}

/**
 * What taking the lease did: taken (with the generation this take gave it), or left to the run that
 * holds it (the lease in force).
 */
export type ReclusterLeaseTake = { taken: true; generation: number } | { taken: false; lease: ReclusterLease };

export interface StoryRepo {
  /**
   * Stores clusterer decisions in one transaction (entries an editor merged or split keep their
   * story: a decision about a locked entry, or a merge touching a story that holds one, is skipped): stories are created by key, entries joined to
   * them, merged stories' entries moved (the merged story keeps a pointer), and the touched
   * stories' summaries (size, sources, languages, lead, headline) recomputed.
   *
   * With `quiet` (the pipeline's story step), only while no re-clustering run has taken the lease
   * since the step's check read `quiet.generation`, checked in the same transaction (a take waits
   * for it, or it sees the take): false, nothing written, when one has. Without it, always (true).
   */
  assign(items: readonly StoryAssignmentInput[], now?: number, quiet?: ReclusterQuiet): Promise<boolean>;
  get(id: number): Promise<Story | undefined>;
  /** Several stories in one query (a page of teasers); unknown ids are absent. */
  getMany(ids: readonly number[]): Promise<Map<number, Story>>;
  /** Stories with live entries, newest activity first. */
  list(q: StoryListQuery): Promise<StoryPage>;
  /**
   * The coverage of several stories in one query: per story, up to `perStory` live articles (copies
   * left out), newest first. The teasers' "+N sources" list.
   */
  coverage(storyIds: readonly number[], perStory: number): Promise<Map<number, CoverageItem[]>>;
  /**
   * Per story, its earliest live article (copies left out) that no editor hid, in one query (one
   * walk of each story's article index, oldest first, stopping at the first shown one): what stands
   * in for a hidden lead (store/public-story.ts). Stories with none shown are absent.
   */
  firstShown(storyIds: readonly number[]): Promise<Map<number, CoverageItem>>;
  /**
   * What an editor hid of each of these stories, in one query, to take from its counts where the
   * public reads them (the stored `size`, `articles` and `sources` count every live entry): the
   * hidden live entries and the live copies of a hidden article, listed nowhere (`size`), those of
   * them that copy nothing (`articles`), and the sources
   * that carried (entry or sighting) a hidden entry of the story and no shown one (`sources`).
   * Only stories with a hidden entry are in the map. Driven by the hidden overrides (editors'
   * rows, few), so a story with nothing hidden costs no read of its entries. For a story with a
   * hidden entry, also the languages and first and last publication times of its shown live
   * entries (p-counts), read in the same query by one walk of that story's entries.
   */
  hiddenShare(storyIds: readonly number[]): Promise<Map<number, HiddenShare>>;
  /**
   * How many live copies of each of these entries an editor hid (r-hidden), in one query read from
   * the hidden overrides: to take from `copies()`' totals where a list shows only the shown copies.
   * Entries with none are not in the map.
   */
  hiddenCopies(entryIds: readonly number[]): Promise<Map<number, number>>;
  /**
   * A story's articles (copies left out) on a timeline, oldest first, by offset (the story page).
   * With `shown` (what the public reads), the articles an editor hid are left out in the query, so
   * the offset and limit count shown articles: a page of them is a full page while any are left,
   * and one past the last shown is empty (p-storypages; paged over every article, a page of hidden
   * ones came out short or empty with an "older" link on). A story hidden whole is the caller's
   * (its page and answer are 404). Without it, every live article (the desk).
   */
  articles(storyId: number, offset: number, limit: number, shown?: boolean): Promise<CoverageItem[]>;
  /**
   * The copies of several entries in one query: per entry, the first `perEntry` copies (oldest
   * first) and how many there are in all. With `shown` (what the public reads), the copies an
   * editor hid are left out of both, and of the offset: a page of copies is a page of shown ones
   * (p-counts; the total then takes off the hidden ones read from the hidden overrides, as
   * `hiddenCopies`, so it costs no probe per copy).
   */
  copies(
    entryIds: readonly number[],
    perEntry: number,
    offset?: number,
    shown?: boolean,
  ): Promise<Map<number, { items: CoverageItem[]; total: number }>>;
  /** Every source that carried each of these entries, first seen first, in one query. */
  sightings(entryIds: readonly number[]): Promise<Map<number, Sighting[]>>;
  /** An entry's edits, oldest first. */
  history(entryId: number): Promise<EntryEdit[]>;
  /** Entries in time order after `after` (all when null), for rebuilding the clusterer's window and re-clustering. */
  clusterInputs(after: ClusterCursor | null, limit: number, textChars: number, since?: number): Promise<ClusterInput[]>;
  /**
   * Live entries without a story, in time order after `after` (all when null): what a re-clustering
   * run did not reach, stored while it ran (src/jobs/recluster.ts sweeps them before it ends).
   */
  unclusteredInputs(after: ClusterCursor | null, limit: number, textChars: number): Promise<ClusterInput[]>;
  /**
   * Live entries an editor placed (merged or split: locked to their story), with their story's key,
   * published between `since` and `until` (both included), in time order: what a re-clustering run
   * reloads into its clusterer when the curation counter moved (src/jobs/recluster.ts).
   */
  placedEntries(since: number, until: number): Promise<PlacedEntry[]>;
  /**
   * The ids of the live entries published at `since` or later: what the story step's window holds
   * in the store, against which it forgets the entries its clusterer holds that are gone (deleted,
   * or removed with their source) when the removals counter moved (ClusterCheck.removals).
   */
  liveEntryIds(since: number): Promise<number[]>;
  /**
   * The ids of the live entries published at `since` or later that have a story: against them the
   * story step finds the entries other workers clustered since its window was built (r-workers), which
   * its clusterer must hold before it answers for new ones, as one worker's clusterer would.
   */
  clusteredEntryIds(since: number): Promise<number[]>;
  /** These live entries as clusterer input (text cut at `textChars`), in time order, in one query; unknown or removed ones are absent. */
  clusterInputsOf(entryIds: readonly number[], textChars: number): Promise<ClusterInput[]>;
  /**
   * Runs `fn` in the story turn: one at a time across every process on this store (r-workers). The
   * story step catches up with what other workers clustered, clusters its batch and writes it inside
   * the turn, so two workers clustering the same event at the same moment see each other's articles,
   * as one worker would. PostgreSQL: a session advisory lock (one key per schema) on a connection of
   * its own, taken after this process's own callers have queued (so one connection at most waits for
   * it), freed when `fn` settles or the connection drops (a killed worker holds nothing). SQLite: one
   * at a time per database file within the process (writers of one file are one process, or
   * threads of one: see docs/desk.md r-workers for what that leaves).
   *
   * Bounded (r2-workers) by `waitMs` (default DEFAULT_STORY_TURN_WAIT_MS), both ways. A caller
   * waits at most that for the turn (this process's earlier callers, then the lock); past it, `fn`
   * runs without the turn and is told so (`held` false). A holder keeps the turn at most that long
   * (a lease): past it the turn is freed for the next caller, and `fn` goes on without it. A hung
   * holder (an await that never settles) so costs the others one bound, not forever; a frozen
   * process (its timers stopped) costs each waiter one bound until the server ends its session.
   * Stalling every worker's story step is worse than what clustering without the turn risks (a
   * second story for one event, merged by the next re-clustering run).
   */
  clusterTurn<T>(fn: (held: boolean) => Promise<T>, waitMs?: number): Promise<T>;
  /**
   * Which of these entries are live, in one query of their ids (never their rows): the story step's
   * check that a batch saved before a removal is still there (c-leftovers).
   */
  liveAmong(entryIds: readonly number[]): Promise<number[]>;
  /**
   * The live entries that copy nothing, published at `since` or later, in the stories of these
   * (removed) entries, in time order, in one query: the copies that now stand in for removed
   * originals are among them (c-leftovers). A clusterer that forgot the originals adds those it does
   * not hold, as a rebuild of its window would hold them. `keys`: stories named by their key too
   * (one merged away: the story it was merged into), for entries removed with their source, whose
   * rows are gone and with them their story (r-standin).
   */
  standIns(removed: readonly number[], since: number, keys?: readonly string[]): Promise<StandIn[]>;
  /**
   * Forgets every story and assignment (the start of a re-clustering run) but an editor's (locked
   * ones, and the stories merged into a story with locked entries, which keep pointing at it); entries stay. With `fence`, only while it holds the lease, checked in the same
   * transaction (false otherwise, nothing cleared). With a fence (a generation) and `lease`, the
   * lease is renewed to `lease.until` in the same transaction, and taken anew when it had run out at
   * `lease.now` with nobody taking it (ReclusterRetake), as a batch's write does (p-recluster).
   */
  clear(fence?: ReclusterHolder | ReclusterFence, lease?: { now: number; until: number }): Promise<boolean | ReclusterRetake>;
  reclusterProgress(): Promise<ReclusterProgress>;
  /**
   * `reclusterProgress()`, the desk's `clusterPlaces` setting and the editors' curation counter, in
   * one read (the story step's check).
   */
  clusterCheck(): Promise<ClusterCheck>;
  /**
   * Takes the re-clustering lease for `holder` until `until`, in one conditional write (of two
   * processes taking it at once, one gets it): when none was ever taken, when the one recorded has
   * ended (`until` <= `now`: released, or its run died), or when it is held for the same job (an
   * earlier attempt of that job, which the job's own lease already gave up for dead). Otherwise it
   * is left as it is, and the lease in force is returned.
   */
  takeReclusterLease(holder: ReclusterHolder, until: number, now: number): Promise<ReclusterLeaseTake>;
  /** Ends `holder`'s lease at `now` (the row keeps the holder); false when another holds it. */
  releaseReclusterLease(holder: ReclusterHolder | ReclusterFence, now: number): Promise<boolean>;
  /**
   * Starts (or restarts) a re-clustering run of `total` entries. With `holder`, only while it
   * holds the lease (false otherwise, nothing written).
   *
   * Every `holder` of these writes may be a ReclusterFence: the lease's generation is then checked
   * too (a holder without one is checked by owner and job alone).
   *
   * With a fence and `until`, the lease is renewed to `until` in the same write, and taken anew
   * when it had run out at `now` with nobody taking it (ReclusterRetake), as a batch's write does.
   */
  startRecluster(
    total: number,
    now?: number,
    holder?: ReclusterHolder | ReclusterFence,
    until?: number,
  ): Promise<boolean | ReclusterRetake>;
  /**
   * Records a running run's progress. With `lease`, only while its holder holds the lease, which
   * is renewed to `lease.until` in the same write (false otherwise, nothing written). With
   * `assignments` (the batch's stories), they are stored in the same transaction, after the
   * progress and only when it was written (as `assign`): a run that lost its lease writes nothing
   * of the batch, however long it stalled before the write.
   *
   * With a fence (`lease.holder` has a generation) whose lease had run out at `now` and that nobody
   * took over, the write takes it anew (ReclusterRetake, the new generation); true when it was in force.
   * With a fence and `lease.curation` (the editors' counter the run knows), the counter is read in
   * the same write, and answered (ReclusterRetake.curation) when it differs.
   */
  recordRecluster(
    after: ClusterCursor,
    doneDelta: number,
    now?: number,
    lease?: { holder: ReclusterHolder | ReclusterFence; until: number; curation?: number | undefined },
    assignments?: readonly StoryAssignmentInput[],
  ): Promise<boolean | ReclusterRetake>;
  /**
   * Marks the run done; with `holder`, only while it holds the lease, which ends then (false
   * otherwise: another run took it over, and its progress and lease are left as they are). With a
   * fence whose lease had run out at `now`, nobody taking it, the generation is raised as it ends
   * (ReclusterRetake): a story step's write checked while the lease was out is refused.
   */
  finishRecluster(now?: number, holder?: ReclusterHolder | ReclusterFence): Promise<boolean | ReclusterRetake>;
  /**
   * An editor's merge: every entry of `fromId` moves into `intoId` (the merged story keeps a
   * pointer, so its links lead on) and the entries of the result are locked, so the clusterer
   * never takes them apart again. Returns the resulting story; undefined when either is unknown.
   */
  merge(intoId: number, fromId: number, now?: number): Promise<Story | undefined>;
  /**
   * An editor's split: these entries of the story (and their copies) move to a new story of their
   * own; both sides are locked against the clusterer. Returns the new story; undefined when no
   * given entry belongs to the story, or all of them would leave it.
   */
  split(storyId: number, entryIds: readonly number[], now?: number): Promise<Story | undefined>;
}
