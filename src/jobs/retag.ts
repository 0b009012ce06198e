// Re-tagging stored history. Saving a new or changed topic marks it pending (its definition hash
// moved); this job then walks every stored entry in id order, in batches, runs the matcher and
// rewrites that topic's tags, so stories from before the topic existed appear on its page.
//
// - Reads are never blocked: each batch is one short write transaction (WAL lets other readers
//   and processes go on), and the job yields to the event loop every few milliseconds of matching
//   and between batches, so the web server in the same process keeps answering.
// - Progress is persisted per topic (last entry id done, done/total), so the web page can show it
//   and a restarted process resumes where it stopped instead of starting over.
// - A batch only writes topics whose stored hash is the one its matcher was compiled from: if a
//   topic changes mid-run, the stale run's work for it is dropped and the next run redoes it.
import type { Store } from '../store/store.js';
import { definitionHash, type EntryTagging, type TopicDefinitionInput, type TopicSyncResult } from '../store/topics.js';
import type { TopicDefinition } from '../topics/definition.js';
import { matchingPart, storedDefinition } from '../topics/stored.js';
import { matchEntry, type EntryMatcher } from '../pipeline/steps/tag-topics.js';
import { nextTurn } from '../pipeline/turns.js';

export interface RetagReport {
  /** Topics being re-tagged. */
  topics: string[];
  /** Entries done for the furthest-behind topic, and the number to do. */
  done: number;
  total: number;
  finished: boolean;
  /** Set when the run stopped on an error (a Retagger's promise resolves with it, never rejects). */
  error?: string;
}

export interface RetagOptions {
  store: Pick<Store, 'entries' | 'topics'>;
  matcher: EntryMatcher;
  /** Topic id → the definition hash `matcher` was compiled from. */
  hashes: ReadonlyMap<string, string>;
  /** Entries per batch (one scan and one write transaction each; default 200). */
  batchSize?: number | undefined;
  onProgress?: ((report: RetagReport) => void) | undefined;
  /** Longest stretch of matching before yielding to the event loop (ms). */
  sliceMs?: number | undefined;
  /** Stops after the current batch; progress is kept and the next run resumes. */
  signal?: AbortSignal | undefined;
  /**
   * The time its rows are dated by (tests set it). Without one the store dates them by its own
   * clock (src/store/clock.ts): Date.now here put a fast machine's time in every run's start and
   * finish and every tag row on PostgreSQL, which all machines read (r-clock2).
   */
  clock?: (() => number) | undefined;
}

/** Re-tags every stored entry for the pending topics this matcher knows. Resolves when none is left. */
export async function retag(opts: RetagOptions): Promise<RetagReport> {
  const { store, matcher, hashes } = opts;
  const batchSize = Math.max(1, opts.batchSize ?? 200);
  const clock = (): number | undefined => opts.clock?.();
  const sliceMs = opts.sliceMs ?? 20;
  let report: RetagReport = { topics: [], done: 0, total: 0, finished: false };
  let total: number | undefined;
  for (;;) {
    if (opts.signal?.aborted) return report;
    const mine = (await store.topics.retagPending()).filter((r) => hashes.get(r.id) === r.hash);
    if (mine.length === 0) {
      report = { ...report, finished: true };
      opts.onProgress?.(report);
      return report;
    }
    for (const r of mine) {
      if (r.retag.status !== 'pending') continue;
      total ??= await store.entries.count();
      await store.topics.startRetag(r.id, r.hash, total, clock());
      r.retag = { ...r.retag, status: 'running', total, afterId: 0, done: 0 };
    }
    const slowest = mine.reduce((a, b) => (b.retag.afterId < a.retag.afterId ? b : a));
    const cursor = slowest.retag.afterId;
    const batch = await store.entries.scan(cursor, batchSize);
    const ids = mine.map((r) => r.id);
    if (batch.length === 0) {
      for (const r of mine) await store.topics.finishRetag(r.id, r.hash, clock());
      report = { topics: ids, done: slowest.retag.done, total: slowest.retag.total, finished: false };
      continue;
    }
    const wanted = new Set(ids);
    const items: EntryTagging[] = [];
    let slice = performance.now();
    for (const e of batch) {
      items.push({ entryId: e.id, publishedAt: e.publishedAt, tags: matchEntry(matcher, e).filter((t) => wanted.has(t.topicId)) });
      // Matching is the slow part: give the event loop a turn every few milliseconds of it.
      if (performance.now() - slice > sliceMs) {
        await nextTurn();
        slice = performance.now();
      }
    }
    await store.topics.retagBatch(items, ids, clock());
    const lastId = batch[batch.length - 1]!.id;
    await store.topics.recordRetag(
      mine.map((r) => ({ id: r.id, hash: r.hash, afterId: lastId, doneDelta: batch.filter((e) => e.id > r.retag.afterId).length })),
    );
    report = {
      topics: ids,
      done: slowest.retag.done + batch.length,
      total: Math.max(slowest.retag.total, slowest.retag.done + batch.length),
      finished: false,
    };
    opts.onProgress?.(report);
    await nextTurn();
  }
}

/**
 * The hash of what decides a topic's tags: its matching part (names, entities, query; not the
 * description, not alert settings). Editing a description or alerts does not re-tag history;
 * adding an alias does.
 */
export function matchingHash(def: TopicDefinition): string {
  return definitionHash(matchingPart(def));
}

/**
 * The store's view of a topic set: each checked topic as storedDefinition writes it (no secret
 * values; see topics/stored.ts) with its matching hash.
 */
export function definitionInputs(parsed: readonly TopicDefinition[]): TopicDefinitionInput[] {
  return parsed.map((def) => ({ id: def.id, definition: storedDefinition(def), hash: matchingHash(def) }));
}

export interface TopicsApplied {
  sync: TopicSyncResult;
  /** Resolves when history is re-tagged for every new or changed topic. */
  retagged: Promise<RetagReport>;
}

/**
 * Makes a topic set the stored one and starts re-tagging history in the background. Runs are
 * serialised: a new set stops the current run after its batch, then runs with the new matcher
 * (topics that did not change keep their progress).
 */
export class Retagger {
  private current: { abort: AbortController; done: Promise<RetagReport> } | undefined;
  private last: RetagReport | undefined;

  constructor(
    private readonly store: Pick<Store, 'entries' | 'topics'>,
    private readonly opts: { batchSize?: number; onProgress?: (r: RetagReport) => void; onError?: (err: unknown) => void } = {},
  ) {}

  /**
   * `all`: re-tag every topic, changed or not (after the matcher itself improved). `run: false`
   * only stores the set and marks what needs re-tagging: the process leading periodic work (the
   * coordinator) does the re-tag.
   */
  async apply(
    parsed: readonly TopicDefinition[],
    matcher: EntryMatcher,
    opts: { all?: boolean; run?: boolean } = {},
  ): Promise<TopicsApplied> {
    const inputs = definitionInputs(parsed);
    const sync = await this.store.topics.syncDefinitions(inputs);
    if (opts.all) await this.store.topics.requestRetag();
    const hashes = new Map(inputs.map((i) => [i.id, i.hash ?? definitionHash(i.definition)]));
    if (opts.run === false) return { sync, retagged: Promise.resolve({ topics: [], done: 0, total: 0, finished: false }) };
    return { sync, retagged: this.run(matcher, hashes) };
  }

  /** Resumes pending re-tags (after a restart) with the matcher of the active topic set. */
  resume(parsed: readonly TopicDefinition[], matcher: EntryMatcher): Promise<RetagReport> {
    return this.run(matcher, new Map(parsed.map((d) => [d.id, matchingHash(d)])));
  }

  /** Whether a run is going on now. */
  running(): boolean {
    return this.current !== undefined;
  }

  /** The latest progress of the current (or last) run. */
  progress(): RetagReport | undefined {
    return this.last;
  }

  /** Stops the current run after its batch. */
  async stop(): Promise<void> {
    const c = this.current;
    if (!c) return;
    c.abort.abort();
    await c.done.catch(() => undefined);
  }

  private run(matcher: EntryMatcher, hashes: Map<string, string>): Promise<RetagReport> {
    const previous = this.current;
    previous?.abort.abort();
    const abort = new AbortController();
    const done = (async (): Promise<RetagReport> => {
      await previous?.done.catch(() => undefined);
      try {
        return await retag({
          store: this.store,
          matcher,
          hashes,
          batchSize: this.opts.batchSize,
          signal: abort.signal,
          onProgress: (r) => {
            this.last = r;
            this.opts.onProgress?.(r);
          },
        });
      } catch (err) {
        // Progress is persisted: the next run (or restart) resumes after the last good batch.
        const report: RetagReport = {
          ...(this.last ?? { topics: [], done: 0, total: 0 }),
          finished: false,
          error: (err as Error).message ?? String(err),
        };
        this.opts.onError?.(err);
        return report;
      }
    })();
    const entry = { abort, done };
    this.current = entry;
    void done.then(() => {
      if (this.current === entry) this.current = undefined;
    });
    return done;
  }
}
