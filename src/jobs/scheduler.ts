// The poller: claims due sources from the store (leases, so several processes can share one
// database), refreshes them through the pipeline with a bounded worker pool and a per-host
// limit, and in continuous mode sleeps until the next source is due.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from '../config/options.js';
import type { Source } from '../domain/source.js';
import { HttpFetcher, type Resolver } from '../ingest/fetch/index.js';
import type { Logger } from '../log/logger.js';
import {
  refreshSource,
  schedulePolicy,
  type PipelineStep,
  type RefreshResult,
  type SchedulePolicy,
  type SourceReaders,
} from '../pipeline/index.js';
import type { ClockFn } from '../store/clock.js';
import type { Store } from '../store/store.js';
import { runHostPool } from './host-pool.js';
import { HeldSlot, HostGate, hostKey } from './politeness.js';
import { ParsePool, type DocumentParser } from '../pipeline/parse-pool.js';
import type { LanguageGuesser } from '../pipeline/detect-language.js';
import type { CandidateParser } from '../ingest/discover/candidates.js';

export interface PollSummary {
  /** Sources checked in this poll. */
  checked: number;
  /** 200 responses parsed and saved. */
  fetched: number;
  /** 304 responses (conditional GET hit). */
  notModified: number;
  failed: number;
  /** Sources disabled by this poll (410 Gone). */
  disabled: number;
  /** Entries stored for the first time. */
  inserted: number;
  updated: number;
  unchanged: number;
  /** Feed body bytes received on the wire. */
  wireBytes: number;
  durationMs: number;
  /**
   * Time summed over sources: reading (fetch + parse; overlapping waits included), and the
   * synchronous work of parsing, adapting entries and saving them.
   */
  readMs: number;
  parseMs: number;
  adaptMs: number;
  saveMs: number;
}

export interface SchedulerOptions {
  store: Store;
  config: Config;
  log: Logger;
  /** Steps run on inserted entries, in order (default: none; src/server/pipeline.ts builds the real list). */
  steps?: readonly PipelineStep[];
  /** How each kind of source is read (default: the pipeline's defaultReaders()). */
  readers?: SourceReaders;
  /** Stub resolver (tests); default: the system resolver. */
  resolve?: Resolver;
  /**
   * How long a claimed source stays leased to this process if it dies (default 60 s). Leases of
   * the sources being worked on are renewed every third of this, so a slow check keeps its lease
   * and a poller killed with SIGKILL holds its sources for at most one lease.
   */
  leaseMs?: number;
  /** Lease owner name (default: host:pid:random). */
  owner?: string;
  /** Longest sleep between polls in continuous mode, so sources added elsewhere are noticed. */
  maxSleepMs?: number;
  /**
   * The time source claims, lease renewals and due times are judged by. Default: the store's clock
   * (the database server's on PostgreSQL), so a machine whose own clock runs fast neither polls a
   * source before its next check nor takes the lease of a check another worker is doing.
   */
  clock?: ClockFn | undefined;
  /** Called after each source is checked (progress display). */
  onChecked?: (source: Source, result: RefreshResult) => void;
  /**
   * Told each time a check waited for one of its host's request slots held by other processes
   * (per-host waits, for metrics), with how long it waited.
   */
  onHostWait?: (host: string, waitedMs: number) => void;
  /** Where feed documents are parsed (default: a worker-thread pool the scheduler owns). */
  parser?: DocumentParser;
  /**
   * Where a sitemap source's files and a listing source's pages are read (ops `sitemap-file` and
   * `listing-page`): the composition root passes the same pool as `parser` (src/server/background.ts,
   * `newsdesk poll`), so a 40 MB sitemap is parsed off the thread that renews leases and answers
   * requests. Default: on this thread (tests, one-shots with no pool).
   */
  pages?: CandidateParser | undefined;
  /** The cluster-wide host slots and holds (default: one over the store with the config's limit). */
  gate?: HostGate;
  /** Where new undeclared entries' languages are guessed (default: the process's, refresh-feed.ts). */
  guesser?: LanguageGuesser;
}

/** Default source lease: short, because it is renewed while the source is worked on. */
export const DEFAULT_LEASE_MS = 60_000;

export function emptySummary(): PollSummary {
  return {
    checked: 0,
    fetched: 0,
    notModified: 0,
    failed: 0,
    disabled: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    wireBytes: 0,
    durationMs: 0,
    readMs: 0,
    parseMs: 0,
    adaptMs: 0,
    saveMs: 0,
  };
}

export class Scheduler {
  private readonly fetcher: HttpFetcher;
  private readonly policy: SchedulePolicy;
  private readonly owner: string;
  private readonly leaseMs: number;
  private readonly clock: ClockFn;
  private running: Promise<void> | undefined;
  /** pollOnce() rounds in flight (`poll --once` calls it without start()), which stop() waits for. */
  private readonly rounds = new Set<Promise<PollSummary>>();
  private stopping = false;
  private closed = false;
  private wakeUp: (() => void) | undefined;
  private readonly parser: DocumentParser;
  private readonly ownsParser: boolean;
  /** Fired by stop() once its deadline passes: aborts fetches, parses and extractions in flight. */
  private abort = new AbortController();
  private readonly gate: HostGate;

  constructor(private readonly o: SchedulerOptions) {
    const c = o.config;
    this.gate =
      o.gate ??
      new HostGate({
        store: o.store,
        perHost: c.perHostConcurrency,
        log: o.log,
        ...(o.clock ? { clock: o.clock } : {}),
        ...(o.onHostWait ? { onWait: o.onHostWait } : {}),
      });
    this.fetcher = new HttpFetcher({
      userAgent: c.userAgent,
      connectTimeoutMs: c.connectTimeoutMs,
      totalTimeoutMs: c.totalTimeoutMs,
      maxBodyBytes: c.maxBodyBytes,
      maxRedirects: c.maxRedirects,
      allowHosts: c.allowHosts,
      allowFileUrls: c.allowFileUrls,
      connectionsPerOrigin: c.perHostConcurrency,
      // A listing page and its next pages keep the site's Crawl-delay, for every worker alike.
      crawlDelayCapSeconds: c.crawlDelayCapSeconds,
      pacer: this.gate.pacer,
      ...(o.resolve ? { resolve: o.resolve } : {}),
    });
    this.policy = schedulePolicy(c);
    this.owner = o.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.leaseMs = o.leaseMs ?? DEFAULT_LEASE_MS;
    this.clock = o.clock ?? (() => o.store.clock.now());
    this.ownsParser = o.parser === undefined;
    this.parser = o.parser ?? new ParsePool({ size: 1, hardLimitMs: Math.max(60_000, c.totalTimeoutMs) });
  }

  /** Checks every source due now, then returns what happened (stop() ends it early). */
  async pollOnce(): Promise<PollSummary> {
    const round = this.pollRound();
    this.rounds.add(round);
    try {
      return await round;
    } finally {
      this.rounds.delete(round);
    }
  }

  private async pollRound(): Promise<PollSummary> {
    const started = Date.now();
    const summary = emptySummary();
    const seen = new Set<number>();
    // Claimed sources wait in the pool's queue while their host is busy; small batches keep that
    // wait (which the lease must cover) short.
    const batch = this.o.config.workers;
    // Sources checked earlier in this poll that are due again (tiny intervals) stay leased, unchecked,
    // until the poll ends, so later claims reach the sources not yet seen.
    const held: number[] = [];
    // Every source claimed and not yet finished, whose lease this process keeps renewing.
    const leased = new Set<number>();
    const renew = setInterval(
      () => {
        if (leased.size === 0) return;
        (async () => this.o.store.sources.renewLeases([...leased], this.owner, (await this.clock()) + this.leaseMs))().catch(
          (err: unknown) => this.o.log.warn({ err }, 'could not renew source leases'),
        );
      },
      Math.max(50, Math.floor(this.leaseMs / 3)),
    );
    renew.unref();
    try {
      await runHostPool<Source>({
        workers: this.o.config.workers,
        perHost: this.o.config.perHostConcurrency,
        hostOf: (s) => hostKey(s.url),
        more: async () => {
          for (;;) {
            if (this.stopping) return [];
            const claimed = await this.o.store.sources.claimDue(await this.clock(), batch, this.owner, this.leaseMs);
            if (claimed.length === 0) return [];
            for (const s of claimed) leased.add(s.id);
            const fresh = claimed.filter((s) => !seen.has(s.id));
            for (const s of claimed) if (seen.has(s.id)) held.push(s.id);
            for (const s of fresh) seen.add(s.id);
            if (fresh.length) return fresh;
          }
        },
        run: async (source) => {
          // A host on hold (it answered Retry-After to some worker) is not asked: the source is
          // due again when the hold ends.
          const host = hostKey(source.url);
          const heldUntil = await this.gate.heldUntil(host);
          if (heldUntil !== undefined) {
            await this.o.store.sources.finishCheck(source.id, { nextCheckAt: heldUntil }).catch(() => undefined);
            if (!held.includes(source.id)) leased.delete(source.id);
            return;
          }
          // The per-host limit is the cluster's, not this process's: a check first takes one of
          // the host's slots in the store (other workers may hold the rest), waiting while none is free.
          const permit = await this.gate.acquire(host, () => this.stopping);
          if (!permit) {
            // Stopping while waiting: the source goes back unchecked, due at once for the next worker.
            await this.o.store.sources.finishCheck(source.id, {}).catch(() => undefined);
            if (!held.includes(source.id)) leased.delete(source.id);
            return;
          }
          // Freed once the source is read (refreshSource's readDone), before its article fetches
          // ask for slots of the same host; the finally frees it when the check ended earlier.
          // Lent back while a listing page waits for its Crawl-delay turn (HostGate.holding).
          const slot = new HeldSlot(host, permit);
          const release = async (): Promise<void> => {
            await slot.release().catch((err: unknown) => this.o.log.warn({ err }, 'could not free a host slot'));
          };
          try {
            // The check's time, by the shared clock: its next check is set from it, and other
            // machines compare that with the same clock (one from here would be early or late).
            const checkedAt = await this.clock();
            const r = await this.gate.holding(slot, () =>
              refreshSource(source, {
                now: () => checkedAt,
                store: this.o.store,
                fetcher: this.fetcher,
                policy: this.policy,
                log: this.o.log,
                ...(this.o.steps ? { steps: this.o.steps } : {}),
                ...(this.o.readers ? { readers: this.o.readers } : {}),
                parser: this.parser,
                ...(this.o.pages ? { pages: this.o.pages } : {}),
                ...(this.o.guesser ? { guesser: this.o.guesser } : {}),
                maxItemsPerDocument: this.o.config.maxItemsPerDocument,
                maxNewEntriesPerCheck: this.o.config.maxNewEntriesPerCheck,
                signal: this.abort.signal,
                readDone: release,
              }),
            );
            tally(summary, r);
            const o = r.outcome;
            if (o.kind === 'failed' && o.retryAfterMs !== undefined && o.retryAfterMs > 0)
              await this.gate.hold(host, o.retryAfterMs, `Retry-After from ${host}: ${o.error}`);
            this.o.onChecked?.(source, r);
          } catch (err) {
            // Only the store failing lands here; the lease expires and another poll retries.
            summary.checked++;
            summary.failed++;
            this.o.log.error({ sourceId: source.id, err }, 'could not record the check of a source');
            // Last resort: release the lease alone, so the source is not held until it expires.
            await this.o.store.sources.finishCheck(source.id, {}).catch(() => undefined);
          } finally {
            await release();
            // A source claimed again meanwhile (held until the poll ends) keeps being renewed.
            if (!held.includes(source.id)) leased.delete(source.id);
          }
        },
      });
    } finally {
      clearInterval(renew);
      for (const id of held) await this.o.store.sources.finishCheck(id, {}).catch(() => undefined);
    }
    summary.durationMs = Date.now() - started;
    return summary;
  }

  /** Polls continuously until stop(): each round checks what is due, then sleeps until the next due time. */
  start(onPoll?: (s: PollSummary) => void): void {
    if (this.running) return;
    this.stopping = false;
    if (this.abort.signal.aborted) this.abort = new AbortController();
    this.running = (async () => {
      while (!this.stopping) {
        try {
          const s = await this.pollOnce();
          if (s.checked) onPoll?.(s);
        } catch (err) {
          this.o.log.error({ err }, 'poll round failed; retrying after a pause');
        }
        if (this.stopping) break;
        const next = await this.o.store.sources.nextDueAt().catch(() => undefined);
        const now = next === undefined ? undefined : await Promise.resolve(this.clock()).catch(() => undefined);
        const maxSleep = this.o.maxSleepMs ?? 60_000;
        const wait = next === undefined || now === undefined ? maxSleep : Math.min(maxSleep, Math.max(1000, next - now));
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, wait);
          this.wakeUp = () => {
            clearTimeout(t);
            resolve();
          };
        });
        this.wakeUp = undefined;
      }
    })();
  }

  /**
   * Stops polling: no new source is claimed; checks in flight get `deadlineMs` (config
   * stopDeadlineMs) to finish, then their fetches, parses and extractions are aborted and their
   * leases released unrecorded (they are due again at the next start). Closes connections.
   */
  async stop(deadlineMs = this.o.config.stopDeadlineMs): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    const timer = setTimeout(() => this.abort.abort(new Error('stopping')), deadlineMs);
    try {
      await this.running;
      await Promise.allSettled([...this.rounds]);
    } finally {
      clearTimeout(timer);
    }
    this.running = undefined;
    await this.closeFetcher();
  }

  /** Closes connections (after pollOnce when not using start/stop). */
  async close(): Promise<void> {
    if (this.running) return this.stop();
    await this.closeFetcher();
  }

  private async closeFetcher(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.fetcher.close();
    if (this.ownsParser) await this.parser.close();
  }
}

function tally(s: PollSummary, r: RefreshResult): void {
  // A check the stop cut short was released unrecorded (due again at the next start): it neither
  // counts as checked nor as failed, so `poll --once` stopped by SIGTERM does not report failures.
  if (r.outcome.kind === 'failed' && r.outcome.errorKey === 'stopped') return;
  s.checked++;
  s.wireBytes += r.wireBytes;
  if (r.outcome.kind === 'fetched') s.fetched++;
  else if (r.outcome.kind === 'not-modified') s.notModified++;
  else {
    s.failed++;
    if (r.outcome.gone) s.disabled++;
  }
  s.inserted += r.inserted.length;
  s.updated += r.updated;
  s.unchanged += r.unchanged;
  s.readMs += r.timings.readMs;
  s.parseMs += r.timings.parseMs;
  s.adaptMs += r.timings.adaptMs;
  s.saveMs += r.timings.saveMs;
}
