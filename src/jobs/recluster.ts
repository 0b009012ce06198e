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
import {
  CLUSTER_TEXT_CHARS,
  deskClusterChoice,
  entityIds,
  entityNames,
  reclusterLive,
  toArticle,
  toAssignment,
  type DeskClusterChoice,
} from '../pipeline/steps/cluster-stories.js';
import type { Job } from '../store/jobs.js';
import type { ClusterCursor, ReclusterProgress, StoryAssignmentInput } from '../store/stories.js';
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
}

export interface ReclusterOptions {
  store: Pick<Store, 'entries' | 'stories' | 'topics' | 'desk'>;
  /** A fresh clusterer (the one the pipeline uses), as the desk's settings choose it (read at the start of the run). */
  create: (choice: DeskClusterChoice) => StoryClusterer;
  /** Entries per batch (one read and one write transaction each; default 500). */
  batchSize?: number | undefined;
  onProgress?: ((report: ReclusterReport) => void) | undefined;
  /** Stops after the current batch. */
  signal?: AbortSignal | undefined;
  clock?: (() => number) | undefined;
}

export async function recluster(opts: ReclusterOptions): Promise<ReclusterReport> {
  const { store } = opts;
  const clock = opts.clock ?? Date.now;
  const batchSize = Math.max(1, opts.batchSize ?? 500);
  const total = await store.entries.count();
  await store.stories.startRecluster(total, clock());
  await store.stories.clear();
  const clusterer = opts.create(await deskClusterChoice(store));
  const stories = new Set<string>();
  const report: ReclusterReport = { total, done: 0, stories: 0, finished: false };
  let after: ClusterCursor | null = null;
  for (;;) {
    if (opts.signal?.aborted) return report;
    const batch = await store.stories.clusterInputs(after, batchSize, CLUSTER_TEXT_CHARS);
    if (batch.length === 0) break;
    const tags = await store.topics.tagsFor(batch.map((b) => b.entryId));
    const out: StoryAssignmentInput[] = [];
    for (const input of batch) {
      const a = toAssignment(
        clusterer.add(toArticle(input, entityIds(tags.get(input.entryId)), entityNames(tags.get(input.entryId)))),
        (k) => k,
      );
      if (!a) continue;
      out.push(a);
      stories.add(a.storyKey);
      for (const m of a.merged ?? []) stories.delete(m);
    }
    await store.stories.assign(out, clock());
    const last = batch[batch.length - 1]!;
    after = { publishedAt: last.publishedAt, entryId: last.entryId };
    await store.stories.recordRecluster(after, batch.length, clock());
    report.done += batch.length;
    report.stories = stories.size;
    opts.onProgress?.({ ...report });
    await nextTurn();
  }
  await store.stories.finishRecluster(clock());
  report.finished = true;
  report.stories = stories.size;
  opts.onProgress?.({ ...report });
  return report;
}

/**
 * The pending key of a re-clustering asked for by hand (the desk's "Re-group stored stories now"):
 * while one is queued or running, asking again adds none.
 */
export const RECLUSTER_PENDING_KEY = 'recluster:desk';

/** What asking for a re-clustering did. */
export type ReclusterRequest =
  /** A run is recording progress now: nothing queued (a second run would start history over). */
  | { outcome: 'running'; progress: ReclusterProgress }
  /** A re-clustering job is queued already, or claimed and not yet started: nothing queued. */
  | { outcome: 'pending'; job: Job }
  | { outcome: 'queued'; job: Job };

/**
 * Queues a re-clustering of stored history as a background job (src/server/jobs.ts runs it with
 * the clusterer the desk's settings choose), unless one is running (the store's progress) or a
 * re-clustering job, by hand or periodic, is queued or claimed already. The pending key makes two
 * requests at once queue one job.
 */
export async function queueRecluster(
  store: Pick<Store, 'stories' | 'jobs'>,
  payload: Record<string, unknown> = {},
  now = Date.now(),
): Promise<ReclusterRequest> {
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
