// Politeness for the whole cluster, not one process: before a request to a host (a feed check or
// an article fetch) a worker takes one of the host's request slots in the store (advisory locks
// on PostgreSQL, so NEWSDESK_PER_HOST holds across every worker), and no worker asks a host that
// is on hold. A hold is written when a host answers with Retry-After (429, 503): every worker
// sees it in the store's host_state and waits, not only the one that was told. A site's
// Crawl-delay is kept the same way: each crawler request takes its turn from the host's row in
// host_state (HostGate.pacer), so the spacing holds between every worker's requests. A gate that
// writes host_state prunes it too (HostStatePruner), so `poll` from cron keeps it bounded as well.
import { AsyncLocalStorage } from 'node:async_hooks';
import { type CrawlPacer, crawlDelayTooFar, type FetchRequest, type FetchResult, localPacer, sleep } from '../ingest/fetch/index.js';
import type { Logger } from '../log/logger.js';
import type { ClockFn } from '../store/clock.js';
import type { Store } from '../store/store.js';
import { HostStatePruner } from './host-state-prune.js';

/** A hold longer than this is clipped (a server asking for days is misconfigured). */
const MAX_HOLD_MS = 6 * 3_600_000;
/** How long a looked-up hold is trusted in this process before the store is asked again. */
const HOLD_CACHE_MS = 1000;

export interface HostGateOptions {
  perHost: number;
  log: Logger;
  /** Told each time a request waited for a slot held by others, with how long (metrics). */
  onWait?: (host: string, waitedMs: number) => void;
  /** Told each time a request was not made because its host is on hold (metrics). */
  onHeld?: (host: string, untilMs: number) => void;
  /** Holds are set and read by the store's clock (the database server's on PostgreSQL) unless set (tests). */
  clock?: ClockFn;
  /** How a Crawl-delay turn is waited for (default: a timer; tests pass one that moves their clock). */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
  /**
   * A request whose Crawl-delay turn is further off than this is not queued: it fails retryably
   * and is tried again later (default: ten times the spacing, at least ten minutes).
   */
  maxTurnWaitMs?: number;
  /** Told each time a request waited for its Crawl-delay turn, with how long (metrics). */
  onTurnWait?: (host: string, waitedMs: number) => void;
  store: Pick<Store, 'coordination' | 'hosts' | 'clock'>;
}

export interface HostPermit {
  release(): Promise<void>;
}

/**
 * A host slot held by a feed check or an article read (HostGate.holding): lent back to the host
 * while the request waits for its Crawl-delay turn, so that a feed of the same host, which keeps
 * no Crawl-delay, is not starved behind turns that may be minutes apart; taken again before the
 * request is sent.
 */
export class HeldSlot {
  private released = false;

  constructor(
    readonly host: string,
    private permit: HostPermit | undefined,
  ) {}

  /** Frees the slot for good (again: nothing). */
  async release(): Promise<void> {
    this.released = true;
    const p = this.permit;
    this.permit = undefined;
    await p?.release();
  }

  /** Frees the slot for a while; false when there is none to lend (freed already, or lent). */
  async lend(): Promise<boolean> {
    if (this.released || !this.permit) return false;
    const p = this.permit;
    this.permit = undefined;
    await p.release();
    return true;
  }

  /** Holds `p` again after a loan (freed at once when the holder let the slot go meanwhile). */
  async restore(p: HostPermit): Promise<void> {
    if (this.released) await p.release();
    else this.permit = p;
  }
}

export class HostGate {
  private readonly holdCache = new Map<string, { until: number; checkedAt: number }>();
  private readonly clock: ClockFn;
  /** Rows of host_state left alone for a month go, pruned by the processes that write the table. */
  private readonly pruner: HostStatePruner;

  constructor(private readonly o: HostGateOptions) {
    this.clock = o.clock ?? (() => o.store.clock.now());
    this.pruner = new HostStatePruner(o.store.hosts, o.log);
  }

  /** Turns kept in this process when the store cannot be asked (as the per-host limit falls back). */
  private readonly localTurns = localPacer();
  /** The slot the running feed check or article read holds (its Crawl-delay wait lends it out). */
  private readonly slots = new AsyncLocalStorage<HeldSlot>();

  /** Runs `fn` as the holder of `slot`: a Crawl-delay wait of `slot.host` within it lends the slot out. */
  holding<T>(slot: HeldSlot, fn: () => Promise<T>): Promise<T> {
    return this.slots.run(slot, fn);
  }

  /**
   * The fetchers' pacer: a crawler request to a host whose robots.txt asks for a Crawl-delay takes
   * its turn from the store, by the store's clock, and waits for it. The request's host slot is
   * lent back while it waits (HeldSlot): held, a wait of up to ten spacings (a 60 s Crawl-delay:
   * ten minutes) kept the host's feeds, which ask no turn, from being checked at all meanwhile.
   */
  readonly pacer: CrawlPacer = {
    turn: async (r) => {
      const now = await this.clock();
      const maxWaitMs = this.o.maxTurnWaitMs ?? 10 * Math.max(r.spacingMs, 60_000);
      let turn: { start: number; taken: boolean };
      try {
        turn = await this.o.store.hosts.takeTurn(r.host, r.spacingMs, now, maxWaitMs);
      } catch (err) {
        this.o.log.warn({ err, host: r.host }, 'could not take a shared Crawl-delay turn; keeping it in this process');
        return this.localTurns.turn(r);
      }
      if (!turn.taken) throw crawlDelayTooFar(r.url, r.host, r.spacingMs, turn.start - now);
      await this.pruner.prune(now);
      if (turn.start <= now) return;
      this.o.onTurnWait?.(r.host, turn.start - now);
      const slot = this.slots.getStore();
      const lent = slot?.host === r.host && (await slot.lend().catch(() => false));
      await (this.o.wait ?? sleep)(turn.start - now, r.signal);
      if (!slot || !lent) return;
      const again = await this.acquire(r.host, () => r.signal.aborted);
      if (!again) throw new Error('stopped while waiting for a request slot');
      await slot.restore(again);
    },
  };

  /** When `host` may be asked again, if it is on hold now (cached for a second). */
  async heldUntil(host: string): Promise<number | undefined> {
    const now = await this.clock();
    const c = this.holdCache.get(host);
    if (c && now - c.checkedAt < HOLD_CACHE_MS) return c.until > now ? c.until : undefined;
    let until = 0;
    try {
      until = (await this.o.store.hosts.heldUntil(host, now)) ?? 0;
    } catch (err) {
      this.o.log.warn({ err, host }, 'could not read the host hold; going on');
    }
    this.holdCache.set(host, { until, checkedAt: now });
    if (this.holdCache.size > 10_000) this.holdCache.clear();
    if (until > now) {
      this.o.onHeld?.(host, until);
      return until;
    }
    return undefined;
  }

  /** Puts `host` on hold for every worker (Retry-After, backoff). */
  async hold(host: string, forMs: number, reason: string): Promise<void> {
    const now = await this.clock();
    const until = now + Math.min(MAX_HOLD_MS, Math.max(0, forMs));
    this.holdCache.set(host, { until, checkedAt: now });
    try {
      await this.o.store.hosts.hold(host, until, reason, now);
      this.o.log.info({ host, until: new Date(until).toISOString(), reason }, 'host on hold for every worker');
      await this.pruner.prune(now);
    } catch (err) {
      this.o.log.warn({ err, host }, 'could not record a host hold; only this process honours it');
    }
  }

  /**
   * One of `host`'s request slots, shared by every process on the store; waits while all are
   * taken, and gives up (undefined) when `stopping()` turns true. A store that cannot be asked
   * does not stop the request: the per-process limit still holds then.
   */
  async acquire(host: string, stopping: () => boolean): Promise<HostPermit | undefined> {
    const started = performance.now();
    let waited = false;
    for (let pause = 20; ; pause = Math.min(500, pause * 2)) {
      if (stopping()) return undefined;
      try {
        const slot = await this.o.store.coordination.tryHostSlot(host, this.o.perHost);
        if (slot) {
          if (waited) this.o.onWait?.(host, performance.now() - started);
          return slot;
        }
      } catch (err) {
        this.o.log.warn({ err, host }, 'could not take a shared host slot; going on with the per-process limit');
        return { release: async () => {} };
      }
      waited = true;
      await new Promise((r) => setTimeout(r, pause));
    }
  }
}

export function hostKey(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}

interface Fetcher {
  fetch(url: string, req?: FetchRequest): Promise<FetchResult>;
}

/**
 * An article fetcher that keeps the cluster's manners: it refuses a host on hold, takes one of the
 * host's shared slots for the request, and puts the host on hold when it answers Retry-After.
 */
export function politeFetcher(inner: Fetcher, gate: HostGate): Fetcher {
  return {
    async fetch(url, req) {
      const host = hostKey(url);
      const until = await gate.heldUntil(host);
      if (until !== undefined) throw new Error(`${host} asked every worker to wait until ${new Date(until).toISOString()}`);
      const permit = await gate.acquire(host, () => req?.signal?.aborted === true);
      if (!permit) throw new Error('stopped while waiting for a request slot');
      const slot = new HeldSlot(host, permit);
      try {
        return await gate.holding(slot, () => inner.fetch(url, req));
      } catch (err) {
        const retryAfterMs = (err as { retryAfterMs?: unknown }).retryAfterMs;
        if (typeof retryAfterMs === 'number' && retryAfterMs > 0) await gate.hold(host, retryAfterMs, `Retry-After from ${host}`);
        throw err;
      } finally {
        await slot.release().catch(() => undefined);
      }
    },
  };
}
