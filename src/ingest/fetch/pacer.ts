// Crawl-delay: the pause a site's robots.txt asks between the starts of a crawler's requests (a
// listing page and its next pages, an article read in full). Not in RFC 9309, but site owners
// write it and expect crawlers to keep it. The fetcher asks a pacer for each such request's turn;
// the pacer here keeps turns within one process (a CLI run, a test). A process that shares a store
// with other workers is given one that keeps them in the store (src/jobs/politeness.ts), so the
// spacing holds for the whole cluster, as the per-host request limit does.
import { RetryableFetchError } from './errors.js';

/** The default bound on a Crawl-delay honoured, in seconds (config crawlDelayCapSeconds). */
export const DEFAULT_CRAWL_DELAY_CAP_SECONDS = 60;

export interface CrawlPacer {
  /**
   * Resolves when a request to `host` (for `url`) may start: at least `spacingMs` after the start of the
   * previous one whose turn was given. Rejects when `signal` fires while waiting, or with a
   * RetryableFetchError when the turn is too far off to wait for (crawlDelayTooFar).
   */
  turn(r: { host: string; url: string; spacingMs: number; signal: AbortSignal }): Promise<void>;
}

/** The spacing a robots.txt Crawl-delay asks for, in ms, bounded by the cap (0: none). */
export function crawlSpacingMs(crawlDelaySeconds: number | undefined, capSeconds: number): number {
  if (crawlDelaySeconds === undefined || !(crawlDelaySeconds > 0)) return 0;
  return Math.round(Math.min(crawlDelaySeconds, Math.max(0, capSeconds)) * 1000);
}

/** The error of a request whose turn is further away than a request waits: tried again later. */
export function crawlDelayTooFar(url: string, host: string, spacingMs: number, waitMs: number): RetryableFetchError {
  return new RetryableFetchError(
    `${host} asks for ${spacingMs / 1000} s between requests (Crawl-delay in its robots.txt) and its next free turn is ${Math.ceil(waitMs / 1000)} s away, longer than a request waits; will retry later`,
    url,
  );
}

/** Waits `ms`, or rejects when `signal` fires first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  if (ms <= 0) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Turns kept in this process: each host's next free start. A request reserves the next free
 * start (now, or the previous start plus the spacing) and waits for it; one that would wait
 * longer than `maxWaitMs` reserves nothing and fails retryably.
 */
export function localPacer(o: { now?: () => number; wait?: typeof sleep; maxWaitMs?: number } = {}): CrawlPacer {
  const next = new Map<string, number>();
  const now = o.now ?? Date.now;
  const wait = o.wait ?? sleep;
  return {
    async turn({ host, url, spacingMs, signal }) {
      const t = now();
      const start = Math.max(t, next.get(host) ?? 0);
      const maxWaitMs = o.maxWaitMs ?? 10 * Math.max(spacingMs, 60_000);
      if (start - t > maxWaitMs) throw crawlDelayTooFar(url, host, spacingMs, start - t);
      // Bounded like the fetcher's other per-host tables: a process reading 100,000 hosts keeps the recent ones.
      if (next.size >= 10_000 && !next.has(host)) next.clear();
      next.set(host, start + spacingMs);
      await wait(start - t, signal);
    },
  };
}
