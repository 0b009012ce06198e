// The refresh of one source, as a recipe of small steps:
//   read (by kind, see readers.ts: for a feed, conditional GET → parse) → adapt entries
//   → save (one transaction, deduplicated) → record the check (health, validators, next check,
//     a new address after a permanent redirect) → entry steps on the inserted entries (see step.ts).
// Every failure becomes an outcome recorded on the source: a broken feed never throws out of
// here (only a store that cannot record anything does), and never touches stored entries.
import type { Entry } from '../domain/entry.js';
import { safeHttpUrl } from '../domain/safe-url.js';
import { stripControls, stripControlsDeep } from '../text/strip-controls.js';
import type { Source } from '../domain/source.js';
import { FetchError, GoneFetchError, type HttpFetcher } from '../ingest/fetch/index.js';
import { planNextCheck, type CheckOutcome, type SchedulePolicy } from './next-check.js';
import type { Logger } from '../log/logger.js';
import type { ParsedFeed } from '../ingest/parse/types.js';
import type { Store } from '../store/store.js';
import { adaptEntries } from './adapt-entry.js';
import { NotAFeedError } from './not-a-feed.js';
import { defaultReaders, NoReaderError, readerFor, type SourceReaders } from './readers.js';
import { runEntrySteps, type PipelineStep } from './step.js';

export interface RefreshDeps {
  store: Store;
  fetcher: HttpFetcher;
  policy: SchedulePolicy;
  log: Logger;
  /** Steps run on newly inserted entries (default: none). */
  steps?: readonly PipelineStep[];
  /** How each kind of source is read (default: defaultReaders()). */
  readers?: SourceReaders;
  now?: () => number;
}

export interface RefreshResult {
  sourceId: number;
  outcome: CheckOutcome;
  inserted: Entry[];
  updated: number;
  unchanged: number;
  /** Bytes received on the wire for the feed body. */
  wireBytes: number;
  /** The document was ill-formed and read liberally. */
  bozo?: string;
  failedSteps: string[];
  /**
   * Milliseconds spent reading (fetch + parse, waiting included), of which parsing, then adapting
   * and saving (entries + metadata). Parse, adapt and save are synchronous work on the event loop.
   */
  timings: { readMs: number; parseMs: number; adaptMs: number; saveMs: number };
}

const DEFAULT_READERS: SourceReaders = defaultReaders();

function publishedTimes(feed: ParsedFeed): number[] {
  const out: number[] = [];
  for (const e of feed.entries) {
    const iso = e.published ?? e.updated;
    const t = iso ? Date.parse(iso) : NaN;
    if (!Number.isNaN(t)) out.push(t);
  }
  return out;
}

/** An error message fit to store and show: one line, no control characters, bounded. */
function readable(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  return stripControls(m).replace(/\s+/g, ' ').trim().slice(0, 500);
}

/** Any error as the outcome to record: what happened, and whether retrying can help. */
export function failureOutcome(err: unknown): Extract<CheckOutcome, { kind: 'failed' }> {
  const o = classify(err);
  // Messages can quote what a server sent; the stored reason carries no control characters.
  return { ...o, error: stripControls(o.error) };
}

function classify(err: unknown): Extract<CheckOutcome, { kind: 'failed' }> {
  if (err instanceof FetchError) {
    return {
      kind: 'failed',
      error: err.message,
      permanent: !err.retryable,
      gone: err instanceof GoneFetchError,
      ...('retryAfterMs' in err && typeof err.retryAfterMs === 'number' ? { retryAfterMs: err.retryAfterMs } : {}),
    };
  }
  if (err instanceof NotAFeedError) {
    // An empty body is often a server hiccup; a web page in place of the feed is not.
    const empty = /empty body/.test(err.message);
    return { kind: 'failed', error: err.message, permanent: !empty, gone: false };
  }
  if (err instanceof NoReaderError) return { kind: 'failed', error: err.message, permanent: true, gone: false };
  const message = err instanceof Error ? err.message : String(err);
  // A programming error says so; any other error (a reader's own, a store's) speaks for itself.
  const bug = err instanceof TypeError || err instanceof RangeError || err instanceof ReferenceError || !(err instanceof Error);
  return {
    kind: 'failed',
    error: bug ? `internal error while refreshing (please report it): ${message}` : message,
    permanent: false,
    gone: false,
  };
}

/**
 * The address to move the source to after a permanent redirect, unless another source already
 * reads that address (two subscriptions that converged): then both stay as they are, the
 * redirect followed on each check, and the log says why.
 */
async function newAddress(source: Source, movedTo: string | undefined, store: Store, log: Logger): Promise<string | undefined> {
  if (!movedTo || movedTo === source.url) return undefined;
  const other = await store.sources.getByUrl(movedTo);
  if (other && other.id !== source.id) {
    log.warn({ url: source.url, movedTo, otherSourceId: other.id }, 'moved permanently to the address of another source; not moving it');
    return undefined;
  }
  return movedTo;
}

/** Refreshes one claimed source and records the outcome on it (releasing its lease). */
export async function refreshSource(source: Source, deps: RefreshDeps): Promise<RefreshResult> {
  const now = (deps.now ?? Date.now)();
  const log = deps.log.child({ sourceId: source.id });
  const result: RefreshResult = {
    sourceId: source.id,
    outcome: { kind: 'not-modified' },
    inserted: [],
    updated: 0,
    unchanged: 0,
    wireBytes: 0,
    failedSteps: [],
    timings: { readMs: 0, parseMs: 0, adaptMs: 0, saveMs: 0 },
  };
  const t = result.timings;
  let mark = performance.now();
  const lap = (): number => {
    const now2 = performance.now();
    const d = now2 - mark;
    mark = now2;
    return d;
  };
  try {
    const read = await readerFor(deps.readers ?? DEFAULT_READERS, source.kind)(source, deps.fetcher);
    t.readMs = lap();
    if (read.warnings?.length) log.warn({ url: source.url, warnings: read.warnings }, 'read with warnings');
    t.parseMs = read.parseMs ?? 0;
    result.wireBytes = read.wireBytes;
    const movedTo = await newAddress(source, read.movedTo, deps.store, log);
    if (read.notModified || !read.feed) {
      result.outcome = { kind: 'not-modified', retryAfterMs: read.retryAfterMs, maxAgeMs: read.maxAgeMs, ...(movedTo ? { movedTo } : {}) };
    } else {
      const feed = read.feed;
      if (feed.bozo) result.bozo = feed.bozoReason ?? 'ill-formed document';
      const items = adaptEntries(feed, now);
      const siteUrl = safeHttpUrl(feed.feed.link);
      t.adaptMs = lap();
      const saved = await deps.store.entries.saveBatch(source.id, items, now);
      // Feed metadata is stored whole: every string in it loses its control characters.
      const meta = stripControlsDeep(feed.feed);
      await deps.store.sources.setFeedMeta(source.id, meta);
      t.saveMs = lap();
      result.inserted = saved.inserted;
      result.updated = saved.updated;
      result.unchanged = saved.unchanged;
      result.outcome = {
        kind: 'fetched',
        publishedTimes: publishedTimes(feed),
        etag: read.etag,
        lastModified: read.lastModified,
        ...(feed.feed.ttlSeconds ? { ttlSeconds: feed.feed.ttlSeconds } : {}),
        ...(read.retryAfterMs !== undefined ? { retryAfterMs: read.retryAfterMs } : {}),
        ...(read.maxAgeMs !== undefined ? { maxAgeMs: read.maxAgeMs } : {}),
        ...(meta.title?.trim() ? { title: meta.title.trim() } : {}),
        ...(siteUrl ? { siteUrl } : {}),
        ...(read.settings ? { settings: read.settings } : {}),
        ...(movedTo ? { movedTo } : {}),
      };
      if (result.bozo) log.warn({ url: source.url, bozo: result.bozo }, 'feed is ill-formed; read liberally');
    }
  } catch (err) {
    result.outcome = failureOutcome(err);
    log.warn({ url: source.url, error: result.outcome.error }, 'check failed');
  }
  let patch = planNextCheck(source, result.outcome, deps.policy, now);
  try {
    await deps.store.sources.finishCheck(source.id, patch);
  } catch (err) {
    if (patch.url !== undefined) {
      // Another source took the new address between our look and the write (UNIQUE url): record
      // the check without the move; the redirect is still followed, and retried as a move next time.
      log.warn({ url: source.url, movedTo: patch.url, error: (err as Error).message }, 'could not record the move');
      const { url: _url, previousUrls: _prev, ...rest } = patch;
      patch = rest;
    } else {
      // The outcome itself could not be written (a value the database refuses): record that as
      // a failed check, so the lease is released and the reason shows, instead of the source
      // staying leased and being retried silently when the lease runs out.
      result.outcome = failureOutcome(new Error(`could not record the check: ${readable(err)}`));
      log.error({ url: source.url, error: result.outcome.error }, 'could not record the check');
      patch = planNextCheck(source, result.outcome, deps.policy, now);
    }
    await deps.store.sources.finishCheck(source.id, patch);
  }
  if (patch.url !== undefined && patch.url !== source.url)
    log.info({ from: source.url, to: patch.url }, 'source moved (permanent redirect)');
  if (result.inserted.length && deps.steps?.length) {
    result.failedSteps = await runEntrySteps(deps.steps, result.inserted, { store: deps.store, source, log, now });
  }
  log.debug({ url: source.url, outcome: result.outcome.kind, inserted: result.inserted.length, updated: result.updated }, 'checked');
  return result;
}
