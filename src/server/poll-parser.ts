// The parser of a process that polls (`newsdesk worker`, `serve` polling in-process or on its
// ingest thread, `newsdesk poll`): built here, in the composition root, and given to the scheduler
// both as its `parser` (feeds) and its `pages` (sitemap files, listing pages).
import type { Config } from '../config/options.js';
import { ParsePool } from '../pipeline/parse-pool.js';

/**
 * The scheduler's parser: feed documents, a sitemap source's files and a listing source's pages
 * are parsed in a worker thread, not on the thread that renews the leases of checks in flight,
 * runs the jobs and, for `serve` polling in-process, answers requests. `pollParseWorkers` workers
 * (default 2), each started at its first use, with the document's time (at least 60 s) and the
 * heap cap (1 GB) as limits: a document past them fails its source's check ("tooLarge"), the
 * stories already stored stay. A source's own pages (sitemap files, listing pages) hold all but
 * one worker at most, so a feed is never queued behind a big sitemap (one worker: one queue).
 */
export function pollParser(config: Config): ParsePool {
  const size = config.pollParseWorkers;
  return new ParsePool({ size, maxPageWorkers: Math.max(1, size - 1), hardLimitMs: Math.max(60_000, config.totalTimeoutMs) });
}
