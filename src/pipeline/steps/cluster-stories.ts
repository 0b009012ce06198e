// Story clustering for newly stored entries: each entry, with the ids of the topic entities the
// matcher found in it, goes through the clusterer (src/stories, pure, in time order), and the
// answers — story, copy of, stories merged — are stored in one transaction per check.
//
// The clusterer lives in memory. When the step first runs it rebuilds its window from the store:
// the entries of the last `windowMs` go through a fresh clusterer in time order. Its story ids for
// them need not equal the stored ones (the window starts mid-story), so the step keeps a map from
// the clusterer's id to the stored story key, and translates every later answer through it.
// Entries of the window that have no story yet (stored while the step failed) are stored then.
//
// How the clusterer is made follows the desk's settings (store.desk.deskSettings: country names
// across scripts, `clusterPlaces`), read at the rebuild and on every check: when an editor changes
// them, the window is rebuilt with the new clusterer, so new entries are grouped the new way from
// the next check on, in every process; stored stories change at the next re-clustering.
//
// So does an editor's merge or split (p-splitgen): the clusterer must know where the editor placed
// each locked entry (`toArticle`). Each raises the store's curation counter in its transaction, read
// in the same check; when it moved, the entries editors placed in the window are read and filed in
// their stories in the clusterer as it stands (p-recluster, `relocate`), without a rebuild; those it
// never held (clustered by another worker, or answered as copies of an original left in another
// story) are read and added placed, as a rebuild would hold them (c-live).
//
// And so does a removal of entries (an entry deleted, a source removed with its entries): each raises
// the store's removals counter, read in the same check; when it moved, the clusterer forgets the
// entries it holds that are no longer live in the window (`forget`), so no later article joins a
// story through a deleted entry's text (c-live).
import type { Entry } from '../../domain/entry.js';
import type { Store } from '../../store/store.js';
import type { ClusterInput, ReclusterLease, ReclusterProgress, StoryAssignmentInput } from '../../store/stories.js';
import type { TopicTag } from '../../store/topics.js';
import type { EntityName, StoryArticle, StoryAssignment, StoryClusterer } from '../../stories/types.js';
import type { PipelineStep } from '../step.js';
import { HeldKeys } from './held-keys.js';
import { nextTurn } from '../turns.js';

/** The clusterer reads no more of a text than this (its features come from the headline and lead). */
export const CLUSTER_TEXT_CHARS = 4000;
const DEFAULT_WINDOW_MS = 3 * 86_400_000;
const REBUILD_BATCH = 500;
/** A re-clustering run that recorded no progress for this long died with its process. */
export const RECLUSTER_SILENCE_MS = 10 * 60_000;
/**
 * How long a re-clustering run's lease lasts from its last renewal (every batch renews it): a run
 * whose process died frees it this long after its last batch. As long as the silence above, so a
 * run is over after the same time whichever the store records.
 */
export const RECLUSTER_LEASE_MS = RECLUSTER_SILENCE_MS;

/**
 * Whether a re-clustering run is going on at `now`. A run holds the store's lease
 * (src/jobs/recluster.ts): live while it is in force, over once released (at its end, when it
 * failed or was stopped) or run out (its process died). A row without a lease (written before
 * leases) is judged by its progress: started, not finished, and recorded within
 * RECLUSTER_SILENCE_MS.
 */
export function reclusterLive(
  progress: Pick<ReclusterProgress, 'status' | 'updatedAt'> & { lease?: ReclusterLease | null },
  now: number,
): boolean {
  if (progress.lease) return progress.lease.until > now;
  return progress.status === 'running' && now - (progress.updatedAt ?? 0) < RECLUSTER_SILENCE_MS;
}

/** What of the clusterer the desk's settings choose (store/desk.ts DeskSettings). */
export interface DeskClusterChoice {
  /** Country names compared across scripts (the clusterer's `places`). */
  places: boolean;
}

/** The desk's choice for its clusterer, from its stored settings. */
export async function deskClusterChoice(store: Pick<Store, 'desk'>): Promise<DeskClusterChoice> {
  const s = await store.desk.deskSettings();
  return { places: s.clusterPlaces };
}

export interface ClusterStepOptions {
  /** A fresh clusterer as the desk's settings choose it (the composition root passes the real one's factory). */
  create: (choice: DeskClusterChoice) => StoryClusterer;
  /** How far back the window is rebuilt from the store (default three days). */
  windowMs?: number | undefined;
  /** Clock for the window's start (tests). */
  now?: (() => number) | undefined;
  /** How long a batch waits for the story turn before it clusters without it (StoryRepo.clusterTurn; default there). */
  turnWaitMs?: number | undefined;
}

/** The entity ids the matcher found in an entry (aliases in every script map to one id). */
export function entityIds(tags: readonly TopicTag[] | undefined): string[] {
  const out = new Set<string>();
  for (const t of tags ?? []) for (const m of t.matches) if (m.entity) out.add(m.entity);
  return [...out];
}

/** The names those entities were found under, as written in the entry (the clusterer's `entityNames`). */
export function entityNames(tags: readonly TopicTag[] | undefined): EntityName[] {
  const out = new Map<string, EntityName>();
  for (const t of tags ?? []) {
    for (const m of t.matches) if (m.entity && m.text) out.set(`${m.entity}\u0000${m.text}`, { entity: m.entity, name: m.text });
  }
  return [...out.values()];
}

/**
 * An entry (or stored cluster input) as the clusterer sees it. An entry an editor placed (locked)
 * goes with its stored story's key as `story` (p-split): the clusterer files it there and never
 * merges that story with another, so an editor's split stays apart in the pipeline's window and
 * in a re-clustering run, while new articles join whichever part they match.
 */
export function toArticle(
  e: Pick<ClusterInput, 'entryId' | 'title' | 'text' | 'url' | 'lang' | 'publishedAt' | 'sourceId'> &
    Partial<Pick<ClusterInput, 'storyKey' | 'locked'>>,
  entities: string[],
  names: EntityName[] = [],
): StoryArticle {
  return {
    id: String(e.entryId),
    title: e.title,
    text: e.text.length > CLUSTER_TEXT_CHARS ? e.text.slice(0, CLUSTER_TEXT_CHARS) : e.text,
    url: e.url,
    published: e.publishedAt,
    lang: e.lang,
    source: String(e.sourceId),
    entities,
    entityNames: names,
    ...(e.locked && e.storyKey ? { story: e.storyKey } : {}),
  };
}

/** A stored entry as clusterer input, unplaced and without a story (its text as stored). */
export function entryInput(e: Entry): ClusterInput {
  return {
    entryId: e.id,
    sourceId: e.sourceId,
    title: e.title,
    text: e.text,
    url: e.url,
    lang: e.lang,
    publishedAt: e.publishedAt,
    storyKey: null,
    duplicateOf: null,
    locked: false,
  };
}

/** What of the store the story step reads and writes. */
export type DeskStore = Pick<Store, 'stories' | 'topics' | 'desk' | 'entries' | 'clock'>;

/** A clusterer answer as a store assignment, its story ids translated by `key`. */
export function toAssignment(a: StoryAssignment, key: (clusterId: string) => string): StoryAssignmentInput | undefined {
  const entryId = Number(a.id);
  if (!Number.isSafeInteger(entryId)) return undefined;
  const dup = a.duplicateOf === undefined ? null : Number(a.duplicateOf);
  const target = key(a.story);
  const merged = [...new Set((a.merged ?? []).map(key))].filter((k) => k !== target);
  return {
    entryId,
    storyKey: target,
    duplicateOf: dup !== null && Number.isSafeInteger(dup) && dup !== entryId ? dup : null,
    ...(merged.length ? { merged } : {}),
  };
}

/**
 * The clusterer with its window and the map from its story ids to stored keys. Shared by the
 * pipeline step (one per process) and usable on its own (tests, tools).
 */
export class StoryDesk {
  private clusterer: StoryClusterer | undefined;
  private ready: Promise<void> | undefined;
  /** Clusterer story id → stored story key, for the stories that were stored before this process. */
  private readonly alias = new Map<string, string>();
  /**
   * Entries the rebuild already clustered: the first check after a start stores its entries before
   * the step runs, so the window holds them; they must not be added twice. Placed entries added
   * after a curation (`curated`) too; cleared at the next rebuild.
   */
  private readonly rebuilt = new Set<number>();
  /** The stored story of each article the clusterer holds (r-standin, see HeldKeys). */
  private readonly keys = new HeldKeys();
  /**
   * Every entry the clusterer was handed since the window was built (id → published), whatever it
   * answered: the entries of the window's clustered ones it was not are those other workers
   * clustered since (r-workers, `caughtUp`). Trimmed to the window.
   */
  private readonly known = new Map<number, number>();
  /** When the last re-clustering run (src/jobs/recluster.ts) started, as seen at the rebuild. */
  private reclusterStarted: number | null | undefined;
  /** The desk's choice the window was rebuilt with. */
  private choice: DeskClusterChoice | undefined;
  /** The editors' curation counter (ClusterCheck.curation) as read before the window's entries. */
  private curation: number | undefined;
  /** The removals counter (ClusterCheck.removals), read with it. */
  private removals: number | undefined;

  constructor(private readonly opts: ClusterStepOptions) {}

  private key = (clusterId: string): string => this.alias.get(clusterId) ?? clusterId;

  /** Rebuilds the window once (concurrent callers wait for the same rebuild). */
  start(store: DeskStore): Promise<void> {
    this.ready ??= this.rebuild(store).catch((err: unknown) => {
      this.ready = undefined;
      throw err;
    });
    return this.ready;
  }

  /**
   * The time a re-clustering run's lease is judged by: the store's clock (the database server's on
   * PostgreSQL), as the run took it by, unless `now` sets it (tests).
   */
  private clockNow(store: DeskStore): Promise<number> {
    return this.opts.now ? Promise.resolve(this.opts.now()) : store.clock.now();
  }

  private async rebuild(store: DeskStore): Promise<void> {
    // One read for the progress, the desk's setting and the counters, before the window's entries:
    // an editor's merge, split or removal after it moves a counter past what is recorded here.
    const { progress, clusterPlaces, curation, removals } = await store.stories.clusterCheck();
    this.reclusterStarted = progress.startedAt;
    this.curation = curation;
    this.removals = removals;
    // The stories of entries the window finds without one are written only while no run holds the
    // lease (a process started during a run: the run regroups them, and this window is half
    // forgotten) and none has taken it since this read (see `add`).
    const quiet = { generation: progress.generation };
    let fenced = reclusterLive(progress, await this.clockNow(store));
    this.choice = { places: clusterPlaces };
    this.alias.clear();
    this.rebuilt.clear();
    this.keys.clear();
    this.known.clear();
    const clusterer = this.opts.create(this.choice);
    const since = (this.opts.now ?? Date.now)() - (this.opts.windowMs ?? DEFAULT_WINDOW_MS);
    let after: { publishedAt: number; entryId: number } | null = null;
    // The answers for entries found without a story, named by stored keys once the whole window is
    // read (r-workers): a story such an entry began is the stored one of a later member (one its
    // worker wrote before it died between the two), as the alias says only then.
    const missing: { answer: StoryAssignment; publishedAt: number }[] = [];
    for (;;) {
      const batch = await store.stories.clusterInputs(after, REBUILD_BATCH, CLUSTER_TEXT_CHARS, since);
      if (batch.length === 0) break;
      const tags = await store.topics.tagsFor(batch.map((b) => b.entryId));
      for (const input of batch) {
        this.rebuilt.add(input.entryId);
        this.known.set(input.entryId, input.publishedAt);
        const a = clusterer.add(toArticle(input, entityIds(tags.get(input.entryId)), entityNames(tags.get(input.entryId))));
        if (input.storyKey !== null) {
          if (!this.alias.has(a.story)) this.alias.set(a.story, input.storyKey);
          if (a.duplicateOf === undefined) this.keys.set(input.entryId, input.storyKey, input.publishedAt);
        } else {
          missing.push({ answer: a, publishedAt: input.publishedAt });
        }
      }
      const last = batch[batch.length - 1]!;
      after = { publishedAt: last.publishedAt, entryId: last.entryId };
      if (batch.length < REBUILD_BATCH) break;
    }
    const writes: StoryAssignmentInput[] = [];
    for (const { answer, publishedAt } of missing) {
      const assignment = toAssignment(answer, this.key);
      if (!assignment) continue;
      writes.push(assignment);
      if (answer.duplicateOf === undefined) this.keys.set(assignment.entryId, assignment.storyKey, publishedAt);
    }
    for (let i = 0; i < writes.length && !fenced; i += REBUILD_BATCH)
      fenced = !(await store.stories.assign(writes.slice(i, i + REBUILD_BATCH), undefined, quiet));
    this.clusterer = clusterer;
  }

  /**
   * An editor merged or split stories since the window was built (the curation counter moved to
   * `curation`, read before this): the entries editors placed in the window are filed in their
   * stories in the clusterer as it stands (StoryClusterer.relocate), instead of a rebuild of the
   * whole window (p-recluster: 20,000 entries over 3 days take seconds of CPU to rebuild, in every
   * worker, per merge or split; bench/story-curation-rebuild.ts). A placed story's id is its stored
   * key, which the answers name as they are. A clusterer without `relocate` is rebuilt as before.
   *
   * Placed entries the clusterer does not hold (`relocate` hands them back) are read and added placed
   * (c-live), as a rebuild adds them: entries another worker clustered since this window was built
   * (a split of those made a story this clusterer never held, which drew none of its new articles),
   * and copies the clusterer answered as such whose original the editor left in another story (a
   * rebuild files such a copy as a member of its placed story). A copy placed in its original's
   * story is left out: a rebuild answers it as a copy there too, holding nothing, and it would be read
   * again at every curation. The read is one query, and only when there is something to read.
   */
  private async curated(store: DeskStore, curation: number): Promise<void> {
    const clusterer = this.clusterer;
    if (!clusterer?.relocate) {
      this.ready = undefined;
      await this.start(store);
      return;
    }
    const now = (this.opts.now ?? Date.now)();
    const placed = await store.stories.placedEntries(now - (this.opts.windowMs ?? DEFAULT_WINDOW_MS), Number.MAX_SAFE_INTEGER);
    const skipped = clusterer.relocate(placed.map((p) => ({ id: String(p.entryId), story: p.storyKey })));
    this.curation = curation;
    if (skipped.length === 0) return;
    // The placements that are members of their own in a rebuild (all but a copy placed with its original).
    const keyOf = new Map(placed.map((p) => [p.entryId, p.storyKey]));
    const own = new Map<number, string>();
    for (const p of placed) {
      if (p.duplicateOf !== null && keyOf.get(p.duplicateOf) === p.storyKey) continue;
      own.set(p.entryId, p.storyKey);
    }
    const ids = skipped.map((p) => Number(p.id)).filter((id) => own.has(id));
    if (ids.length === 0) return;
    const entries = (await store.entries.getMany(ids)).sort((a, b) => a.publishedAt - b.publishedAt || a.id - b.id);
    const tags = await store.topics.tagsFor(entries.map((e) => e.id));
    for (const e of entries) {
      const input = { ...entryInput(e), storyKey: own.get(e.id) ?? null, locked: true };
      clusterer.add(toArticle(input, entityIds(tags.get(e.id)), entityNames(tags.get(e.id))));
      if (input.storyKey !== null) this.keys.set(e.id, input.storyKey, e.publishedAt);
      this.known.set(e.id, e.publishedAt);
      // Held now: should it come in a batch of this step after all (stored here, given its story by
      // another worker's rebuild, then placed), it is not added twice; its story is the editor's.
      this.rebuilt.add(e.id);
    }
  }

  /**
   * Entries were removed since the window was built (the removals counter moved to `removals`, read
   * before this): the clusterer forgets every article it holds that is not a live entry of the
   * window (StoryClusterer.forget), so no later article joins a story through a deleted entry's
   * text. One read of the window's live ids (an index range), only when the counter moved. An
   * article older than the window is forgotten too: a rebuild would not hold it either. A clusterer
   * without `forget` keeps them until it is rebuilt, as before.
   */
  private async pruned(store: DeskStore, removals: number): Promise<void> {
    const clusterer = this.clusterer;
    this.removals = removals;
    if (!clusterer?.forget) return;
    const since = (this.opts.now ?? Date.now)() - (this.opts.windowMs ?? DEFAULT_WINDOW_MS);
    const live = new Set(await store.stories.liveEntryIds(since));
    const { gone, held } = forgetGone(clusterer, live);
    this.keys.trim(since);
    await this.standIns(store, clusterer, gone, held, since);
  }

  /**
   * A removed original's copies stay in the store, the first live one made an article of its own
   * (EntryRepo.remove) in the original's story; this clusterer answered it as a copy and never held
   * it, so once the original is forgotten the event's text would be missing from its story here,
   * where a rebuild holds that copy (c-leftovers). The live articles of the forgotten entries'
   * stories that it does not hold are read (StoryRepo.standIns, one query, then their rows and tags)
   * and added as a rebuild adds them: placed when an editor placed them, else filed by their text,
   * a new story of the clusterer's named by the stored one. Entries another worker clustered into
   * those stories come with them, as a rebuild would hold them too. Only when something was forgotten.
   */
  private async standIns(
    store: DeskStore,
    clusterer: StoryClusterer,
    gone: readonly number[],
    held: ReadonlySet<number>,
    since: number,
  ): Promise<void> {
    if (gone.length === 0) return;
    // By key as well: an entry removed with its source left no row naming its story (r-standin).
    const found = new Map(
      (await store.stories.standIns(gone, since, this.keys.take(gone))).filter((s) => !held.has(s.entryId)).map((s) => [s.entryId, s]),
    );
    if (found.size === 0) return;
    const entries = (await store.entries.getMany([...found.keys()])).sort((a, b) => a.publishedAt - b.publishedAt || a.id - b.id);
    const tags = await store.topics.tagsFor(entries.map((e) => e.id));
    for (const e of entries) {
      const s = found.get(e.id)!;
      const a = clusterer.add(
        toArticle({ ...entryInput(e), storyKey: s.storyKey, locked: s.locked }, entityIds(tags.get(e.id)), entityNames(tags.get(e.id))),
      );
      // A story of the clusterer's it began is the stored one (as at the rebuild); one it joined keeps its name.
      if (!s.locked && a.story === String(e.id) && a.duplicateOf === undefined) this.alias.set(a.story, s.storyKey);
      if (a.duplicateOf === undefined) this.keys.set(e.id, s.storyKey, e.publishedAt);
      this.known.set(e.id, e.publishedAt);
      this.rebuilt.add(e.id);
    }
  }

  /**
   * The entries of the window other workers clustered since this clusterer was built, added to it
   * before it answers for new ones (r-workers): each worker's clusterer lives in its own process, and
   * without them a worker answered for an article as if the others' articles did not exist (a wire
   * copy carried by two sources, each polled by another worker, became two stories and two
   * originals, until a re-clustering run). Added as the rebuild adds a stored entry: placed when an
   * editor placed it; a story of the clusterer's it begins is named by the stored one; their answers
   * are not written (they are stored already). Run in the story turn (`add`), so no other worker
   * writes between this read and the batch's write. One read of the window's clustered ids (an
   * index range), then the rows of those not known, in time order. Returns their ids.
   */
  private async caughtUp(store: DeskStore, clusterer: StoryClusterer, since: number): Promise<Set<number>> {
    for (const [id, at] of this.known) if (at < since) this.known.delete(id);
    const added = new Set<number>();
    const unknown = (await store.stories.clusteredEntryIds(since)).filter((id) => !this.known.has(id));
    if (unknown.length === 0) return added;
    const inputs = await store.stories.clusterInputsOf(unknown, CLUSTER_TEXT_CHARS);
    const tags = await store.topics.tagsFor(inputs.map((i) => i.entryId));
    for (const input of inputs) {
      this.known.set(input.entryId, input.publishedAt);
      if (input.storyKey === null) continue;
      const a = clusterer.add(toArticle(input, entityIds(tags.get(input.entryId)), entityNames(tags.get(input.entryId))));
      if (!input.locked && a.story === String(input.entryId) && a.duplicateOf === undefined) this.alias.set(a.story, input.storyKey);
      if (a.duplicateOf === undefined) this.keys.set(input.entryId, input.storyKey, input.publishedAt);
      added.add(input.entryId);
    }
    return added;
  }

  /**
   * The batch's entries still live (r-live). The pipeline saved them before this step's check; an
   * entry removed in between is counted by that check already, so the prune (or rebuild) it caused
   * ran before the entry was added and no later move of the counter names it again: added, it would
   * stay in the clusterer, drawing articles through its text, until a rebuild. Read (one query of the
   * batch's ids, StoryRepo.liveAmong) only when the counter moved since this desk last saw it, or at its first batch.
   * Batches that overlap in one worker can still let one through (the other batch saw the move
   * first).
   */
  private async live(store: DeskStore, entries: readonly Entry[]): Promise<readonly Entry[]> {
    if (entries.length === 0) return entries;
    // Their ids only (c-leftovers): the rows are in hand already.
    const ids = new Set(await store.stories.liveAmong(entries.map((e) => e.id)));
    return entries.filter((e) => ids.has(e.id));
  }

  /**
   * Clusters new entries (in time order) and stores the answers; returns them. In the store's story
   * turn (StoryRepo.clusterTurn, r-workers): one worker at a time reads what the others clustered,
   * clusters its batch and writes it, so two workers clustering the same event at once end as one
   * worker would.
   */
  add(store: DeskStore, entries: readonly Entry[], now?: number): Promise<StoryAssignmentInput[]> {
    return store.stories.clusterTurn((held) => {
      if (!held) this.turnsMissed++;
      return this.addInTurn(store, entries, now);
    }, this.opts.turnWaitMs);
  }

  /**
   * Batches clustered without the story turn: its holder overstayed the bound (r2-workers). Such a
   * batch is clustered as before r-workers (what other workers write meanwhile may make a second
   * story of one event, until a re-clustering run); the step warns for each.
   */
  turnsMissed = 0;

  private async addInTurn(store: DeskStore, entries: readonly Entry[], now?: number): Promise<StoryAssignmentInput[]> {
    // The removals counter as this desk last saw it, before this batch's checks (r-live, see `live`).
    const known = this.removals;
    await this.start(store);
    // History is being re-clustered: leave new entries to it (it reaches them, or the rebuild after
    // it does); once a run has started since our rebuild, our window and names are stale.
    // One read for all checks (the progress, the desk's setting, the curation and removals counters).
    const { progress, clusterPlaces, curation, removals } = await store.stories.clusterCheck();
    if (reclusterLive(progress, await this.clockNow(store))) return [];
    // …once the desk's settings changed, the window is grouped the new way; once an editor merged or
    // split stories, their entries are placed where the editor put them; once entries were removed,
    // the clusterer forgets them.
    if (progress.startedAt !== this.reclusterStarted || clusterPlaces !== this.choice?.places) {
      this.ready = undefined;
      await this.start(store);
    } else {
      if (removals !== this.removals) await this.pruned(store, removals);
      if (curation !== this.curation) await this.curated(store, curation);
    }
    const clusterer = this.clusterer!;
    const batch = removals === known ? entries : await this.live(store, entries);
    let ordered = batch.filter((e) => !this.rebuilt.delete(e.id)).sort((a, b) => a.publishedAt - b.publishedAt || a.id - b.id);
    const out: StoryAssignmentInput[] = [];
    if (ordered.length === 0) return out;
    const since = (this.opts.now ?? Date.now)() - (this.opts.windowMs ?? DEFAULT_WINDOW_MS);
    // Another worker's rebuild may have given one of these its story already: held now, not added twice.
    const caught = await this.caughtUp(store, clusterer, since);
    if (caught.size) ordered = ordered.filter((e) => !caught.has(e.id));
    if (ordered.length === 0) return out;
    for (const e of ordered) this.known.set(e.id, e.publishedAt);
    const tags = await store.topics.tagsFor(ordered.map((e) => e.id));
    // The keys of articles out of the window go (the map stays the window's size).
    this.keys.trim(since);
    const copies = new Map<Entry, number | null>();
    for (const e of ordered) {
      const article = toArticle(entryInput(e), entityIds(tags.get(e.id)), entityNames(tags.get(e.id)));
      if (e.pageUrl) article.pageUrl = e.pageUrl;
      const assignment = toAssignment(clusterer.add(article), this.key);
      if (!assignment) continue;
      if (assignment.duplicateOf === null) this.keys.set(e.id, assignment.storyKey, e.publishedAt);
      out.push(assignment);
      copies.set(e, e.duplicateOf ?? null);
      e.duplicateOf = assignment.duplicateOf ?? null;
    }
    // Clustering and writing are two turns of the event loop (../turns.ts): readers are answered between.
    await nextTurn();
    // Written only if no re-clustering run has taken the lease since the check above (p-fence2):
    // such a run forgets the stories this clusterer knew and regroups every entry, these included
    // (as it reaches them, or in its sweep before it ends), perhaps another way (new settings). So
    // the entries are left to it, as when the check finds it running, and the window is rebuilt
    // once it has ended.
    if (!(await store.stories.assign(out, now, { generation: progress.generation }))) {
      for (const [e, dup] of copies) e.duplicateOf = dup;
      this.ready = undefined;
      return [];
    }
    return out;
  }
}

/**
 * Has `clusterer` forget every article it holds that is not in `live` (StoryClusterer.forget calls
 * its test once for each article it holds), and says which it forgot and which it kept.
 */
export function forgetGone(clusterer: StoryClusterer, live: ReadonlySet<number>): { gone: number[]; held: Set<number> } {
  const gone: number[] = [];
  const held = new Set<number>();
  clusterer.forget?.((id) => {
    const n = Number(id);
    if (live.has(n)) {
      held.add(n);
      return false;
    }
    gone.push(n);
    return true;
  });
  return { gone, held };
}

/**
 * The "stories" pipeline step. Register it after topic tagging: the entities the matcher found
 * are features of the clustering (they name one thing in every script).
 */
export function clusterStoriesStep(desk: StoryDesk): PipelineStep {
  return {
    name: 'stories',
    async run(entries, ctx) {
      const missed = desk.turnsMissed;
      const out = await desk.add(ctx.store, entries, ctx.now);
      if (desk.turnsMissed > missed)
        ctx.log.warn(
          { sourceId: ctx.source.id, entries: entries.length },
          'stories clustered without the story turn: another worker held it past the bound (is one hung?)',
        );
      ctx.log.debug(
        { sourceId: ctx.source.id, entries: entries.length, copies: out.filter((a) => a.duplicateOf !== null).length },
        'stories clustered',
      );
    },
  };
}
