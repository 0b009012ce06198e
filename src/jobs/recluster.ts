// Re-clustering stored history: every live entry, in time order, through one fresh clusterer, its
// answers stored batch by batch, with progress kept in the store (the CLI draws a bar from it, a
// page can show it). Run after a clusterer upgrade, or to cluster entries stored before stories
// existed.
//
// - It starts over every time: the clusterer's state is its whole history in time order, so a
//   run cut short cannot resume mid-way. A stopped run leaves the entries it reached clustered and
//   the rest without a story (listed on their own, never hidden); the pipeline's window rebuild
//   clusters the recent ones, and the next run redoes all.
// - Stories are forgotten at the start (their pages answer 404 until the run reaches them again);
//   entries are never touched beyond their story and copy marks.
// - A running pipeline sees the run in the store's progress and rebuilds its window when it ends
//   (src/pipeline/steps/cluster-stories.ts), so `serve` need not be stopped.
// - The clusterer is made as the desk's settings choose it (country names across scripts), read
//   once at the start: the run groups history the way the pipeline groups new entries.
// - Each batch is one short write transaction, and the job yields between batches, so a web server
//   in the same process keeps answering.
// - One run at a time in the whole deployment: a run holds the store's re-clustering lease (its
//   worker and job recorded), renews it with each batch's progress and ends it when it ends, stops
//   or fails. A run that finds it in force does nothing (a desk run and a periodic one falling due
//   beside it, on two workers or in two slots of one); a retried attempt of the same job takes it
//   over at once (its worker died: the job's own lease said so), any other run once it runs out.
// - Fenced (p-fence): each write of the run (start, wipe, each batch's progress with its stories,
//   end) checks in its own transaction that the lease still names this run's holder and the
//   generation its take gave it. A run that stalled past its lease and was taken over writes
//   nothing more, and reports `lost` with the run that carries on.
// - Beside the other writers of stories (p-fence2): the pipeline's story step leaves new entries to
//   a live run and its writes are refused once a run took the lease after its check; the run sweeps
//   the entries stored behind its place before it ends, so every live entry has a story then. An
//   editor's merge, before or during a run, is kept: its entries are locked, and the merged story
//   stays (pointing at the result) through the wipe, so the clusterer naming it lands in the result.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  CLUSTER_TEXT_CHARS,
  entityIds,
  entryInput,
  entityNames,
  forgetGone,
  RECLUSTER_LEASE_MS,
  reclusterLive,
  toArticle,
  toAssignment,
  type DeskClusterChoice,
} from '../pipeline/steps/cluster-stories.js';
import { HeldKeys } from '../pipeline/steps/held-keys.js';
import type { Job } from '../store/jobs.js';
import type {
  ClusterCursor,
  ClusterInput,
  ReclusterFence,
  ReclusterHolder,
  ReclusterLease,
  ReclusterProgress,
  ReclusterRetake,
  StoryAssignmentInput,
} from '../store/stories.js';
import type { ClockFn } from '../store/clock.js';
import type { Store } from '../store/store.js';
import type { StoryClusterer } from '../stories/types.js';
import { nextTurn } from '../pipeline/turns.js';
import { JOB_KINDS } from './periodic.js';

export interface ReclusterReport {
  total: number;
  done: number;
  /** Stories at the end of the run (or when it stopped). */
  stories: number;
  finished: boolean;
  /**
   * Another run held the store's lease at the start: this one did nothing, not even read the
   * entries (the lease it found, with its holder).
   */
  skipped?: ReclusterLease;
  /**
   * This run's lease ran out and another run took it over (this one was too slow to renew it): it
   * stopped at its next write, which wrote nothing (each write checks the lease in its own
   * transaction). The lease of the run that took it over, as read then (it carries on while
   * `until` is ahead; null: the row names no other taker).
   */
  lost?: ReclusterLease | null;
  /** Times this run found its lease run out, untaken, and took it anew (see ReclusterRetaken). */
  retaken?: number;
  /**
   * Times this run found the editors' curation counter moved (a merge or split at the desk while it
   * ran) and filed the entries they placed in its clusterer (StoryClusterer.relocate).
   */
  relocated?: number;
}

/**
 * How far back of its place a run reloads the entries editors placed: the clusterer's default
 * window (72 hours; an article older than that can no longer draw new ones).
 */
const PLACED_WINDOW_MS = 3 * 86_400_000;

/**
 * A run that stalled past its lease, which nobody took over meanwhile, took it anew at its next
 * batch's write (in that write's transaction, the generation raised): the pipeline's story step,
 * which saw no live run while the lease was out, may have written new entries' stories beside it
 * then; its writes are refused from this one on.
 */
export interface ReclusterRetaken {
  /** When the lease had run out (the run's last renewal's `until`). */
  expiredAt: number;
  /** When the run took it anew (the batch's write). */
  at: number;
  /** The generation the run fences its writes with from now on. */
  generation: number;
  /** Entries the run had written before (its place). */
  done: number;
}

export interface ReclusterOptions {
  store: Pick<Store, 'entries' | 'stories' | 'topics' | 'desk' | 'clock'>;
  /** A fresh clusterer (the one the pipeline uses), as the desk's settings choose it (read at the start of the run). */
  create: (choice: DeskClusterChoice) => StoryClusterer;
  /** Entries per batch (one read and one write transaction each; default 500). */
  batchSize?: number | undefined;
  onProgress?: ((report: ReclusterReport) => void) | undefined;
  /** Stops after the current batch. */
  signal?: AbortSignal | undefined;
  /** The time the lease is judged by (default: the store's clock; tests set it). */
  clock?: ClockFn | undefined;
  /**
   * Who runs it: the worker and its job (the job handler), or the command's process. Default: this
   * process, no job, with a token of its own (two calls in one process are two holders).
   */
  holder?: ReclusterHolder | undefined;
  /** The lease's length from each renewal (default RECLUSTER_LEASE_MS). */
  leaseMs?: number | undefined;
  /** Called when the run took its run-out lease anew (the job handler logs `lease-retaken`). */
  onRetaken?: ((r: ReclusterRetaken) => void) | undefined;
}

/** A holder naming this process (host and pid) and no job. */
export function processHolder(prefix: string): ReclusterHolder {
  return { owner: `${prefix}:${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`, job: null };
}

/**
 * Re-clusters stored history, holding the store's re-clustering lease for the whole run: taken
 * first (a run that finds it in force does nothing and says so: `skipped`), renewed with each
 * batch's progress in the transaction that writes the batch's stories (a run whose lease was taken
 * over writes nothing of the batch and stops there: `lost`), and ended with the run, or when it
 * stops or fails.
 */
export async function recluster(opts: ReclusterOptions): Promise<ReclusterReport> {
  const { store } = opts;
  // The lease is judged by the store's clock (the database server's on PostgreSQL), as every other
  // run's: a machine whose own clock runs fast would take a live run's lease over.
  const clock: ClockFn = opts.clock ?? (() => store.clock.now());
  const batchSize = Math.max(1, opts.batchSize ?? 500);
  const leaseMs = opts.leaseMs ?? RECLUSTER_LEASE_MS;
  const holder = opts.holder ?? processHolder('recluster');
  const report: ReclusterReport = { total: 0, done: 0, stories: 0, finished: false };
  const takeAt = await clock();
  let leaseUntil = takeAt + leaseMs;
  const took = await store.stories.takeReclusterLease(holder, leaseUntil, takeAt);
  if (!took.taken) return { ...report, skipped: took.lease };
  // Every write below is fenced by this: the holder and the generation this take gave the lease.
  // A retake (a batch written after the lease ran out, nobody having taken it) raises it.
  const fence: ReclusterFence = { ...holder, generation: took.generation };
  // A fenced write's answer: false when the run lost the lease; a retake (the lease had run out,
  // nobody took it, and the write took it anew) moves the fence to the new generation. `until`:
  // the lease the write renewed (null: it ended it).
  const renewed = (answer: boolean | ReclusterRetake, now: number, until: number | null): boolean => {
    if (!answer) return false;
    if (answer !== true && answer.retaken) {
      opts.onRetaken?.({ expiredAt: leaseUntil, at: now, generation: answer.generation, done: report.done });
      fence.generation = answer.generation;
      report.retaken = (report.retaken ?? 0) + 1;
    }
    if (until !== null) leaseUntil = until;
    return true;
  };
  // The editors' curation counter as the run's clusterer knows it (read before its first batch):
  // each batch's write reads it in the same statement and answers when it moved (p-recluster).
  let curation = 0;
  // The removals counter as the run's clusterer knows it (r-live): read after each batch's read.
  let removals = 0;
  let clusterer: StoryClusterer | undefined;
  // Each batch's write: its progress, renewing the lease (taking it anew when it had run out), and
  // its stories. False when the run lost the lease.
  const record = async (at: ClusterCursor, n: number, out: StoryAssignmentInput[]): Promise<boolean> => {
    const now = await clock();
    const until = now + leaseMs;
    const recorded = await store.stories.recordRecluster(at, n, now, { holder: { ...fence }, until, curation }, out);
    if (!recorded || !renewed(recorded, now, until)) return false;
    if (recorded !== true && recorded.curation !== undefined) {
      // An editor merged or split stories since: the entries they placed, among those the
      // clusterer holds, are filed in their stories before the next batch (as a batch read after
      // the editor would have given them, placed). The counter first: a later move is seen again.
      curation = recorded.curation;
      await reload(at);
    }
    return true;
  };
  // An entry removed during the run (deleted, or its source removed) would stay in the run's
  // clusterer, and the run's later entries would join a story through its text, written to the
  // store to stay (r-live). The removals counter is read after each batch's read, before it is
  // clustered (one small read a batch); when it moved, the clusterer forgets what is no longer
  // live, as the story step does, and the batch loses what was removed since it was read. A removal
  // after this read is seen at the next batch, before anything else is clustered; that batch's
  // write refuses the removed entry's own answer (StoryRepo.recordRecluster, as `assign`). The live
  // ids are read from the window before the run's place on (those after it too: the sweep adds late
  // entries of any date), or from the batch's oldest entry when older; a held article older than
  // that is forgotten as well, as a batch read there would not hold it.
  // The copy that stands in for a removed original the run held (the store makes its first live
  // copy an article of its own) was answered as a copy and is not held: the live articles of the
  // forgotten entries' stories behind the run's place that it does not hold are clustered ahead of
  // the batch, and their answers written with it (c-leftovers).
  // The stored story of each article the run's clusterer holds (r-standin, see HeldKeys).
  const keys = new HeldKeys();
  const pruned = async (at: ClusterCursor | null, batch: readonly ClusterInput[]): Promise<readonly ClusterInput[]> => {
    if (!clusterer?.forget || batch.length === 0) return batch;
    const now = (await store.stories.clusterCheck()).removals;
    if (now === removals) return batch;
    removals = now;
    let since = at === null ? Number.POSITIVE_INFINITY : at.publishedAt - PLACED_WINDOW_MS;
    for (const b of batch) since = Math.min(since, b.publishedAt);
    const live = new Set(await store.stories.liveEntryIds(since));
    const { gone, held } = forgetGone(clusterer, live);
    const kept = batch.filter((b) => live.has(b.entryId));
    // By key as well: an entry removed with its source left no row naming its story (r-standin).
    const goneKeys = keys.take(gone);
    keys.trim(since);
    if (gone.length === 0 || at === null) return kept;
    const inBatch = new Set(kept.map((b) => b.entryId));
    const found = new Map(
      (await store.stories.standIns(gone, since, goneKeys))
        .filter((f) => !held.has(f.entryId) && !inBatch.has(f.entryId))
        .map((f) => [f.entryId, f]),
    );
    if (found.size === 0) return kept;
    const behind = (await store.entries.getMany([...found.keys()]))
      .filter((e) => e.publishedAt < at.publishedAt || (e.publishedAt === at.publishedAt && e.id <= at.entryId))
      .sort((a, b) => a.publishedAt - b.publishedAt || a.id - b.id)
      .map((e): ClusterInput => ({ ...entryInput(e), storyKey: found.get(e.id)!.storyKey, locked: found.get(e.id)!.locked }));
    return [...behind, ...kept];
  };
  const reload = async (at: ClusterCursor): Promise<void> => {
    if (!clusterer?.relocate) return;
    const placed = await store.stories.placedEntries(at.publishedAt - PLACED_WINDOW_MS, at.publishedAt);
    clusterer.relocate(placed.map((p) => ({ id: String(p.entryId), story: p.storyKey })));
    report.relocated = (report.relocated ?? 0) + 1;
  };
  const lost = async (): Promise<ReclusterReport> => {
    const { lease, generation } = await store.stories.reclusterProgress();
    report.lost = lease !== null && generation !== fence.generation ? lease : null;
    return report;
  };
  try {
    report.total = await store.entries.count();
    // The start and the wipe renew the lease too, and take it anew if it ran out while the run
    // stalled before them (nobody taking it over): the story step's writes checked while it was
    // out are refused from then on, as after a batch's retake.
    const startAt = await clock();
    if (!renewed(await store.stories.startRecluster(report.total, startAt, fence, startAt + leaseMs), startAt, startAt + leaseMs))
      return await lost();
    const wipeAt = await clock();
    if (!renewed(await store.stories.clear(fence, { now: wipeAt, until: wipeAt + leaseMs }), wipeAt, wipeAt + leaseMs)) return await lost();
    // The desk's setting and the editors' curation counter in one read, before the first batch's:
    // a merge or split after it moves the counter past what the run knows.
    const check = await store.stories.clusterCheck();
    curation = check.curation;
    removals = check.removals;
    const made = opts.create({ places: check.clusterPlaces });
    clusterer = made;
    const stories = new Set<string>();
    const cluster = async (batch: readonly ClusterInput[]): Promise<StoryAssignmentInput[]> => {
      const tags = await store.topics.tagsFor(batch.map((b) => b.entryId));
      const out: StoryAssignmentInput[] = [];
      for (const input of batch) {
        const a = toAssignment(
          made.add(toArticle(input, entityIds(tags.get(input.entryId)), entityNames(tags.get(input.entryId)))),
          (k) => k,
        );
        if (!a) continue;
        if (a.duplicateOf === null) keys.set(a.entryId, a.storyKey, input.publishedAt);
        out.push(a);
        stories.add(a.storyKey);
        for (const m of a.merged ?? []) stories.delete(m);
      }
      return out;
    };
    let after: ClusterCursor | null = null;
    for (;;) {
      if (opts.signal?.aborted) return report;
      const read = await store.stories.clusterInputs(after, batchSize, CLUSTER_TEXT_CHARS);
      if (read.length === 0) break;
      const batch = await pruned(after, read);
      const out = await cluster(batch);
      const last = read[read.length - 1]!;
      after = { publishedAt: last.publishedAt, entryId: last.entryId };
      // Keys older than any later batch's look-up of stand-ins go (the map stays the window's size).
      keys.trim(after.publishedAt - PLACED_WINDOW_MS);
      // The batch's progress, renewing the lease, and its stories: one transaction that checks the
      // lease first, so a run that lost it (stalled past it, however long) writes nothing of it.
      if (!(await record(after, read.length, out))) return await lost();
      report.done += read.length;
      report.stories = stories.size;
      opts.onProgress?.({ ...report });
      await nextTurn();
    }
    // Entries stored while the run went on (the story step leaves new entries to a live run) were
    // reached above only when published after the place the run had reached when they arrived; the
    // others (a late feed item, a sitemap's archive) are swept now, while the lease still keeps the
    // story step out, through the same clusterer (as the story step adds a late article): every
    // live entry has a story when the run ends. Passes repeat while one finds entries the run has
    // not seen (more may arrive meanwhile); an entry seen once is not chased again.
    const swept = new Set<number>();
    for (let fresh = true; fresh; ) {
      fresh = false;
      let at: ClusterCursor | null = null;
      for (;;) {
        if (opts.signal?.aborted) return report;
        const found = await store.stories.unclusteredInputs(at, batchSize, CLUSTER_TEXT_CHARS);
        if (found.length === 0) break;
        const last = found[found.length - 1]!;
        at = { publishedAt: last.publishedAt, entryId: last.entryId };
        const batch = found.filter((b) => !swept.has(b.entryId));
        if (batch.length === 0) continue;
        fresh = true;
        for (const b of batch) swept.add(b.entryId);
        const out = await cluster(await pruned(after ?? at, batch));
        // The run's place stays where it is; these were not counted in its total.
        if (!(await record(after ?? at, 0, out))) return await lost();
        report.stories = stories.size;
        await nextTurn();
      }
    }
    // The end: refused (lost) when another run took the lease over, whose progress and lease stay
    // its own; taken anew as it ends when it had run out with nobody taking it.
    const endAt = await clock();
    if (!renewed(await store.stories.finishRecluster(endAt, fence), endAt, null)) return await lost();
    report.finished = true;
    report.stories = stories.size;
    opts.onProgress?.({ ...report });
    return report;
  } finally {
    // Stopped, failed or fenced out: the lease ends now if it is still ours (the release is fenced
    // too), so the next run need not wait for it to run out.
    if (!report.finished) await (async () => store.stories.releaseReclusterLease(fence, await clock()))().catch(() => false);
  }
}

/**
 * The pending key of a re-clustering asked for by hand (the desk's "Re-group stored stories now"):
 * while one is queued or running, asking again adds none.
 */
export const RECLUSTER_PENDING_KEY = 'recluster:desk';

/** What asking for a re-clustering did. */
export type ReclusterRequest =
  /** A run holds the lease now: nothing queued (a second run would start history over). */
  | { outcome: 'running'; progress: ReclusterProgress }
  /** A re-clustering job is queued already, or claimed and not yet started: nothing queued. */
  | { outcome: 'pending'; job: Job }
  | { outcome: 'queued'; job: Job };

/**
 * Queues a re-clustering of stored history as a background job (src/server/jobs.ts runs it with
 * the clusterer the desk's settings choose), unless one is running (the store's lease) or a
 * re-clustering job, by hand or periodic, is queued or claimed already. The pending key makes two
 * requests at once queue one job.
 */
export async function queueRecluster(
  store: Pick<Store, 'stories' | 'jobs'>,
  payload: Record<string, unknown> = {},
  at?: number,
): Promise<ReclusterRequest> {
  // Whether a run is live is judged by the store's clock, as its lease was taken by it.
  const now = at ?? (await store.jobs.clock.now());
  const progress = await store.stories.reclusterProgress();
  if (reclusterLive(progress, now)) return { outcome: 'running', progress };
  for (const state of ['running', 'queued'] as const) {
    const [open] = await store.jobs.list({ kind: JOB_KINDS.recluster, state, limit: 1 });
    if (open) return { outcome: 'pending', job: open };
  }
  const { job, created } = await store.jobs.enqueue(
    { kind: JOB_KINDS.recluster, pendingKey: RECLUSTER_PENDING_KEY, payload, maxAttempts: 3 },
    now,
  );
  return created ? { outcome: 'queued', job } : { outcome: 'pending', job };
}
