// The refresh of one source, as a recipe of small steps:
//   read (by kind, see readers.ts: for a feed, conditional GET → parse) → adapt entries
//   → save (one transaction, deduplicated) → record the check (health, validators, next check,
//     a new address after a permanent redirect) → entry steps on the inserted entries (see step.ts).
// Every failure becomes an outcome recorded on the source: a broken feed never throws out of
// here (only a store that cannot record anything does), and never touches stored entries.
import type { Entry, NewEntry } from '../domain/entry.js';
import { safeHttpUrl } from '../domain/safe-url.js';
import { redactUrl, redactText } from '../text/redact-url.js';
import { MAX_NAME_CHARS, shortText } from '../text/short-text.js';
import { stripControls, stripControlsDeep } from '../text/strip-controls.js';
import type { Source } from '../domain/source.js';
import { FetchError, GoneFetchError, type HttpFetcher } from '../ingest/fetch/index.js';
import { failureReason } from './failure-reason.js';
import { languageGuesser, withGuessedLanguages, type LanguageGuesser } from './detect-language.js';
import { MOVE_SIGHTINGS, pendingMoveOf } from './move-policy.js';
import { planNextCheck, type CheckOutcome, type SchedulePolicy } from './next-check.js';
import type { Logger } from '../log/logger.js';
import type { ParsedFeed } from '../ingest/parse/types.js';
import type { FeedMeta } from '../domain/feed.js';
import type { Store } from '../store/store.js';
import { newestIndices, newestOrder, pendingOfFeed, type PendingItems } from './pending-items.js';
import { NotAFeedError } from './not-a-feed.js';
import { defaultReaders, NoReaderError, readerFor, type SourceReaders } from './readers.js';
import { runEntrySteps, type PipelineStep } from './step.js';
import type { CandidateParser } from '../ingest/discover/candidates.js';
import type { DocumentParser } from './parse-pool.js';
import { nextTurn } from './turns.js';

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
  /** Parses feed documents off the event loop (the scheduler's worker pool); inline when absent. */
  parser?: DocumentParser | undefined;
  /** Reads listing pages and sitemap files off the event loop (the desk's fetch now); inline when absent. */
  pages?: CandidateParser | undefined;
  /** Items read per feed document at most (config maxItemsPerDocument). */
  maxItemsPerDocument?: number | undefined;
  /**
   * New entries stored per check at most (config maxNewEntriesPerCheck), newest first. When more
   * were new, the validators are not kept and the next check comes soon (the shortest interval),
   * so the rest are taken at the next checks while the feed still lists them.
   */
  maxNewEntriesPerCheck?: number | undefined;
  /** Stop signal (shutdown): aborts the fetch and the parse; the lease is released, nothing recorded. */
  signal?: AbortSignal | undefined;
  /**
   * Told once the source's documents are read and the check recorded, before the entry steps run.
   * The scheduler frees the check's host request slot here: the steps' article fetches take slots
   * of their own, mostly on the same host, and waited for ever while the checks of that host held
   * every slot (perHostConcurrency feeds of one site, or one feed at a limit of 1).
   */
  readDone?: (() => Promise<void>) | undefined;
  /**
   * Where the languages of new entries declaring none are guessed (default: the process's model,
   * on a worker thread of its own, detect-language.ts languageGuesser).
   */
  guesser?: LanguageGuesser | undefined;
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
  /** More entries were new than maxNewEntriesPerCheck: the rest wait for the next checks. */
  capped?: boolean;
  /** The thread the feed was parsed on (0: the event loop's own), when one was parsed. */
  parseThreadId?: number;
  failedSteps: string[];
  /**
   * Milliseconds spent reading (fetch + parse, waiting included), of which parsing, then adapting
   * and saving (entries + metadata). Parse, adapt and save are synchronous work on the event loop.
   */
  timings: { readMs: number; parseMs: number; adaptMs: number; saveMs: number };
}

const DEFAULT_READERS: SourceReaders = defaultReaders();

/**
 * Saves the items newest first, stopping once `cap` entries were new (undefined: no cap). Batches
 * are sized to what the cap still allows, so one check never stores more than `cap` new entries
 * however many of the items were already known. Items not adapted yet (`PendingItems`) are
 * adapted as they are handed to the store: the newest `cap` are picked without sorting the rest,
 * which are sorted only when the known ones leave room for more.
 */
async function saveCapped(
  store: Store,
  sourceId: number,
  items: NewEntry[] | PendingItems,
  now: number,
  cap: number | undefined,
  adaptTime: { ms: number },
  guess: { guesser: LanguageGuesser; log: Logger; signal?: AbortSignal | undefined },
): Promise<{ inserted: Entry[]; updated: number; unchanged: number; capped: boolean }> {
  // Saving is a turn of its own (turns.ts): checks whose parses finished together save one per turn.
  await nextTurn();
  const pending = Array.isArray(items) ? undefined : items;
  const count = pending ? pending.count : (items as NewEntry[]).length;
  const adapt = (indices: readonly number[]): NewEntry[] => {
    const t0 = performance.now();
    const out = indices.map((i) => pending!.adapt(i, now));
    adaptTime.ms += performance.now() - t0;
    return out;
  };
  // Items whose feed names no language get one guessed from their text here, not in adaptEntry:
  // the model loads off this thread, once, and only when such an item is new (detect-language.ts).
  // Only the items the save will insert are guessed: those stored already keep the language they
  // were stored with (saveBatch never changes it), so a poll with nothing new guesses nothing and
  // a check of an undeclared feed costs one read of its keys (EntryRepo.newItems) per batch.
  // A guess that fails (the worker crashed, ran out of memory, was stuck) or is given up (the stop
  // deadline) costs the entries their language, not their place: they are saved without one, as
  // when the guess abstains, and the check goes on (r2-langid2).
  const guessed = async (batch: NewEntry[]): Promise<NewEntry[]> => {
    if (batch.every((e) => e.lang !== null)) return batch;
    const only = await store.entries.newItems(sourceId, batch);
    try {
      return await withGuessedLanguages(batch, guess.guesser, only, guess.signal);
    } catch (err) {
      guess.log.warn(
        { sourceId, entries: only.filter(Boolean).length, error: err instanceof Error ? err.message : String(err) },
        'language guess failed; the new entries are saved without a language',
      );
      return batch;
    }
  };
  if (cap === undefined || count <= cap) {
    const all = pending ? adapt(Array.from({ length: count }, (_, i) => i)) : (items as NewEntry[]);
    return { ...(await store.entries.saveBatch(sourceId, await guessed(all), now)), capped: false };
  }
  // Newest first (undated items keep their place after the dated ones): the freshest are taken now.
  // Every item's date is read only when the newest are not known already (a worker's pick).
  let keys: (number | null)[] | undefined;
  const keysOf = (): (number | null)[] =>
    (keys ??= pending
      ? Array.from({ length: count }, (_, i) => pending.publishedAt(i, now))
      : (items as NewEntry[]).map((e) => e.publishedAt));
  let order = pending?.newest?.(cap, now) ?? newestIndices(keysOf(), cap);
  const out = { inserted: [] as Entry[], updated: 0, unchanged: 0, capped: false };
  let next = 0;
  while (next < count) {
    const room = cap - out.inserted.length;
    if (room <= 0) {
      out.capped = true;
      break;
    }
    if (order.length < Math.min(count, next + room)) order = newestOrder(keysOf());
    const batch = order.slice(next, next + room);
    const adapted = pending ? adapt(batch) : batch.map((i) => (items as NewEntry[])[i]!);
    const saved = await store.entries.saveBatch(sourceId, await guessed(adapted), now);
    next += room;
    out.inserted.push(...saved.inserted);
    out.updated += saved.updated;
    out.unchanged += saved.unchanged;
  }
  return out;
}

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
  return { ...o, error: stripControls(o.error), errorKey: failureReason(err) };
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
    return { kind: 'failed', error: err.message, permanent: !err.empty, gone: false };
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
    log.warn(
      { url: redactUrl(source.url), movedTo: redactUrl(movedTo), otherSourceId: other.id },
      'moved permanently to the address of another source; not moving it',
    );
    return undefined;
  }
  return movedTo;
}

/**
 * Records the check on the source (health, validators, next check, a move), releasing its lease,
 * and logs a move made or pending. A write the database refuses is not left to the lease: a move
 * that lost its address to another source is recorded without the move, anything else as a
 * failed check (result.outcome then says so).
 */
async function recordCheck(
  source: Source,
  result: RefreshResult,
  feedMeta: FeedMeta | undefined,
  deps: RefreshDeps,
  now: number,
  log: Logger,
): Promise<void> {
  const url = redactUrl(source.url);
  let patch = planNextCheck(source, result.outcome, deps.policy, now);
  if (result.capped)
    patch.nextCheckAt = Math.min(patch.nextCheckAt ?? Number.POSITIVE_INFINITY, now + deps.policy.minIntervalSeconds * 1000);
  try {
    await deps.store.sources.finishCheck(source.id, patch, feedMeta);
  } catch (err) {
    if (patch.url !== undefined) {
      // Another source took the new address between our look and the write (UNIQUE url): record
      // the check without the move; the redirect is still followed, and retried as a move next time.
      log.warn({ url, movedTo: patch.url && redactUrl(patch.url), error: redactText((err as Error).message) }, 'could not record the move');
      const { url: _url, previousUrls: _prev, ...rest } = patch;
      patch = rest;
      await deps.store.sources.finishCheck(source.id, patch, feedMeta);
    } else {
      // The outcome itself could not be written (a value the database refuses): record that as
      // a failed check, so the lease is released and the reason shows, instead of the source
      // staying leased and being retried silently when the lease runs out.
      result.outcome = failureOutcome(new Error(`could not record the check: ${readable(err)}`));
      log.error({ url, error: redactText(result.outcome.error) }, 'could not record the check');
      patch = planNextCheck(source, result.outcome, deps.policy, now);
      await deps.store.sources.finishCheck(source.id, patch);
    }
  }
  const pending = patch.settingsChanges === undefined ? undefined : pendingMoveOf(patch.settingsChanges);
  if (patch.url !== undefined && patch.url !== source.url)
    log.info({ from: url, to: redactUrl(patch.url) }, 'source moved (permanent redirect)');
  else if (pending) {
    log.info(
      { url, movedTo: redactUrl(pending.url), seen: pending.seen, needed: MOVE_SIGHTINGS },
      'permanent redirect to another site: followed, the source moves after more checks in a row see it',
    );
  }
}

/** Refreshes one claimed source and records the outcome on it (releasing its lease). */
export async function refreshSource(source: Source, deps: RefreshDeps): Promise<RefreshResult> {
  const now = (deps.now ?? Date.now)();
  const log = deps.log.child({ sourceId: source.id });
  // Logs show the address as pages do: a private feed's user:password@ stays in the store.
  const url = redactUrl(source.url);
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
  let feedMeta: FeedMeta | undefined;
  let mark = performance.now();
  const lap = (): number => {
    const now2 = performance.now();
    const d = now2 - mark;
    mark = now2;
    return d;
  };
  try {
    const read = await readerFor(deps.readers ?? DEFAULT_READERS, source.kind)(source, deps.fetcher, {
      parser: deps.parser,
      ...(deps.pages ? { pages: deps.pages } : {}),
      maxItems: deps.maxItemsPerDocument,
      signal: deps.signal,
      now,
      ...(deps.maxNewEntriesPerCheck !== undefined ? { keep: deps.maxNewEntriesPerCheck } : {}),
    });
    t.readMs = lap();
    if (read.warnings?.length) log.warn({ url, warnings: read.warnings.map(redactText) }, 'read with warnings');
    t.parseMs = read.parseMs ?? 0;
    if (read.parseThreadId !== undefined) result.parseThreadId = read.parseThreadId;
    result.wireBytes = read.wireBytes;
    const movedTo = await newAddress(source, read.movedTo, deps.store, log);
    if (read.notModified || !read.feed) {
      result.outcome = { kind: 'not-modified', retryAfterMs: read.retryAfterMs, maxAgeMs: read.maxAgeMs, ...(movedTo ? { movedTo } : {}) };
    } else {
      const feed = read.feed;
      if (feed.bozo) result.bozo = feed.bozoReason ?? 'ill-formed document';
      // Items not adapted in a worker are adapted as they are saved: only those a capped check keeps.
      const items = read.items ?? read.pending ?? pendingOfFeed(feed);
      const siteUrl = safeHttpUrl(feed.feed.link);
      const adaptTime = { ms: 0 };
      t.adaptMs = read.items ? (read.adaptMs ?? 0) : 0;
      lap();
      deps.signal?.throwIfAborted();
      const saved = await saveCapped(deps.store, source.id, items, now, deps.maxNewEntriesPerCheck, adaptTime, {
        guesser: deps.guesser ?? languageGuesser(),
        log,
        signal: deps.signal,
      });
      if (saved.capped) {
        result.capped = true;
        log.info(
          { url, stored: saved.inserted.length, cap: deps.maxNewEntriesPerCheck },
          'more new entries than maxNewEntriesPerCheck; the rest are taken at the next checks',
        );
      }
      // Feed metadata is stored whole (with the check's outcome, below): every string in it loses
      // its control characters.
      const meta = stripControlsDeep(feed.feed);
      feedMeta = meta;
      // The source's name: the feed's title as plain text of bounded length (src/text/short-text.ts).
      const name = shortText(meta.title, meta.titleType, MAX_NAME_CHARS);
      t.adaptMs += adaptTime.ms;
      t.saveMs = lap() - adaptTime.ms;
      result.inserted = saved.inserted;
      result.updated = saved.updated;
      result.unchanged = saved.unchanged;
      result.outcome = {
        kind: 'fetched',
        publishedTimes: read.publishedTimes ?? (Array.isArray(items) ? publishedTimes(feed) : items.publishedTimes()),
        // Capped: the next check must read the document in full, not get a 304.
        etag: saved.capped ? null : read.etag,
        lastModified: saved.capped ? null : read.lastModified,
        ...(feed.feed.ttlSeconds ? { ttlSeconds: feed.feed.ttlSeconds } : {}),
        ...(read.retryAfterMs !== undefined ? { retryAfterMs: read.retryAfterMs } : {}),
        ...(read.maxAgeMs !== undefined ? { maxAgeMs: read.maxAgeMs } : {}),
        ...(name ? { title: name } : {}),
        ...(siteUrl ? { siteUrl } : {}),
        // A reader's advanced cursor (a sitemap's) is kept only when every new entry was taken:
        // capped, the next check starts from the old cursor and takes the rest.
        ...(read.settings && !saved.capped ? { settings: read.settings } : {}),
        ...(movedTo ? { movedTo } : {}),
      };
      if (result.bozo) log.warn({ url, bozo: result.bozo }, 'feed is ill-formed; read liberally');
    }
  } catch (err) {
    if (deps.signal?.aborted) {
      // Stopped (shutdown), not failed: release the lease and record nothing, so the source is
      // due again as it was when this process or another starts polling.
      result.outcome = { kind: 'failed', error: 'check stopped (shutting down)', errorKey: 'stopped', permanent: false, gone: false };
      log.info({ url }, 'check stopped (shutting down)');
      await deps.store.sources.finishCheck(source.id, {});
      return result;
    }
    result.outcome = failureOutcome(err);
    log.warn({ url, error: redactText(result.outcome.error) }, 'check failed');
  }
  await recordCheck(source, result, feedMeta, deps, now, log);
  await deps.readDone?.();
  if (result.inserted.length && deps.steps?.length) {
    result.failedSteps = await runEntrySteps(deps.steps, result.inserted, { store: deps.store, source, log, now, signal: deps.signal });
  }
  log.debug({ url, outcome: result.outcome.kind, inserted: result.inserted.length, updated: result.updated }, 'checked');
  return result;
}
