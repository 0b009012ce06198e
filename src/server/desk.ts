// The functions the desk needs from below the web layer (src/web/desk/deps.ts), built here where
// the fetcher, the add chain and the running topic set are in reach: a preview of what the add
// chain finds (stored nowhere), saving a source with its private settings, fetch now, OPML in and
// out (import as a background job with progress), the topics file read-only, applying the desk's
// topics to the running matcher (re-tagging history in the background), and an entry's full text
// read again (a background job).
import { stringify } from 'yaml';
import { canonicalId } from '../domain/canonical-id.js';
import type { Config } from '../config/options.js';
import type { Source, SourceKind } from '../domain/source.js';
import { chooseSource, isChoice, type CandidateParser, type SourceChoice } from '../ingest/discover/index.js';
import { cause, note, type DiscoveryNote } from '../ingest/discover/notes.js';
import { ParseLimitError } from '../ingest/parse/errors.js';
import { failureReason } from '../pipeline/failure-reason.js';
import type { HttpFetcher } from '../ingest/fetch/index.js';
import { noFeedsNote, OpmlError, opmlNoteEnglish, readOpml, writeOpml } from '../ingest/opml/index.js';
import type { ListingSelectors } from '../ingest/listing/types.js';
import type { Logger } from '../log/logger.js';
import type { DocumentParser } from '../pipeline/parse-pool.js';
import { defaultReaders, readerFor, refreshSource, schedulePolicy, type PipelineStep } from '../pipeline/index.js';
import { pendingOfFeed } from '../pipeline/pending-items.js';
import { importPayload, OPML_IMPORT, shownImportProgress } from '../jobs/opml-import.js';
import { EXTRACT_ENTRY, EXTRACT_ENTRY_KEY_PREFIX } from '../jobs/extract-entry.js';
import { NEVER_READ_ALL, neverReadQuery, queueEntryReads } from '../jobs/never-read.js';
import type { Job } from '../store/jobs.js';
import type { Store, UnreadQuery } from '../store/store.js';
import { loadTopicsFile } from '../topics/load.js';
import { publicDefinition } from '../topics/stored.js';
import type { DeskDeps, FetchSettings, FoundAs, JobProgress, OpmlRefusal, PreviewRequest, SourcePreview } from '../web/desk/deps.js';
import type { TopicsRuntime } from './topics.js';
import { deskFetcher, robotsRefusalAtAdd, type FetcherOptions } from './desk-fetcher.js';
import { shownSource, redactText } from '../text/redact-url.js';

export interface DeskServerOptions {
  store: Store;
  config: Config;
  log: Logger;
  /** The running topic set (absent in the web-only role: topics then apply at the workers' next reload). */
  topics?: TopicsRuntime | undefined;
  /** Entry steps run on what fetch now stores (tagging, clustering), as a poll would. */
  steps?: readonly PipelineStep[] | undefined;
  /**
   * Parses the feeds a preview's teasers and a fetch now read, off the thread that serves pages
   * (a ParsePool owned by the composition root); inline when absent.
   */
  parser?: DocumentParser | undefined;
  /**
   * Reads what discovery fetches for a preview (candidate feeds, sitemaps, the page) off the
   * thread that serves pages, and the sitemap files and listing pages of a preview's teasers and
   * of a fetch now: the same pool as `parser`; inline when absent.
   */
  candidates?: CandidateParser | undefined;
  /** Test seam: the fetcher options beyond the config's (e.g. a resolver). */
  fetcherOverrides?: Partial<FetcherOptions>;
}

/** Teasers shown in a preview. */
const PREVIEW_TEASERS = 8;
/** The never-read entries of every source reading full text, as its own mode reads them (unreadOf, desk-wide). */
const UNREAD_ALL = NEVER_READ_ALL;

export function buildDeskFunctions(o: DeskServerOptions): Omit<DeskDeps, 'store' | 'config' | 'log' | 'recordAudit' | 'catalog'> {
  const { store, config, log } = o;
  const fetcherFor = (url: string, s: FetchSettings): HttpFetcher => deskFetcher(config, url, s, o.fetcherOverrides);

  const previewSource = async (req: PreviewRequest): Promise<SourcePreview> => {
    const fetcher = fetcherFor(req.url, req);
    // One deadline for the whole preview, the teasers' read included: the editor's request waits on it.
    const deadline = AbortSignal.timeout(config.discoveryTimeoutMs);
    try {
      const r = await chooseSource(fetcher, req.url, {
        ...(req.kind ? { kind: req.kind } : {}),
        ...(req.selectors && Object.keys(req.selectors).length ? { selectors: req.selectors as ListingSelectors } : {}),
        deadlineMs: config.discoveryTimeoutMs,
        signal: deadline,
        ...(o.candidates ? { parser: o.candidates } : {}),
      });
      if (!isChoice(r))
        return {
          ok: false,
          tried: r.tried,
          advice: r.advice,
          triedNotes: r.triedNotes,
          adviceNote: r.adviceNote,
          ...(r.stopped ? { stopped: r.stopped } : {}),
        };
      const chosen = r.sources[0]!;
      const settings = r.settings ?? {};
      const preview: SourcePreview = {
        ok: true,
        kind: r.kind,
        foundAs: foundAsOf(r),
        url: chosen.url,
        title: chosen.title ?? null,
        siteUrl: chosen.siteUrl ?? null,
        reason: r.reason,
        reasonNote: r.reasonNote,
        feeds: (r.feeds ?? []).map((f) => ({ url: f.url, title: f.title ?? null, via: f.via, entries: f.entries })),
        teasers: [],
        settings,
      };
      try {
        const unsaved = unsavedSource(chosen.url, r.kind, settings, config.defaultIntervalSeconds);
        const read = await readerFor(defaultReaders(), r.kind)(unsaved, fetcher, {
          maxItems: 50,
          now: Date.now(),
          signal: deadline,
          ...(o.parser ? { parser: o.parser } : {}),
          ...(o.candidates ? { pages: o.candidates } : {}),
        });
        // Only the teasers shown are adapted, and a sitemap's entries built, through the read's
        // pending view (a sitemap may list 50,000 addresses; building and adapting are per entry).
        const pending = read.pending ?? (read.feed ? pendingOfFeed(read.feed) : undefined);
        const now = Date.now();
        const items =
          read.items ?? (pending ? Array.from({ length: Math.min(PREVIEW_TEASERS, pending.count) }, (_, i) => pending.adapt(i, now)) : []);
        preview.teasers = items.slice(0, PREVIEW_TEASERS).map((e) => ({ title: e.title, url: e.url, publishedAt: e.publishedAt }));
        if (read.abandoned?.length) preview.teaserAbandoned = read.abandoned.map((a) => abandonedNote(r.kind, a.url, a.problem));
      } catch (err) {
        preview.teaserProblem = err instanceof Error ? err.message : String(err);
        // A document past the pool's limits (time, memory) is named, as discovery names its candidates.
        preview.teaserNote =
          err instanceof ParseLimitError
            ? abandonedNote(r.kind, chosen.url, preview.teaserProblem)
            : cause(preview.teaserProblem, failureReason(err));
      }
      return preview;
    } finally {
      await fetcher.close();
    }
  };

  const fetchNow = async (sourceId: number) => {
    const source = await store.sources.get(sourceId);
    if (!source) return { ok: false, message: 'no such source', durationMs: 0, inserted: 0 };
    const s = await store.desk.sourceSettings(sourceId);
    const fetcher = fetcherFor(source.url, s ?? {});
    const t0 = performance.now();
    try {
      // By the store's clock, as the scheduler's checks: the next check it sets is compared with it.
      const checkedAt = await store.clock.now();
      const r = await refreshSource(source, {
        now: () => checkedAt,
        store,
        fetcher,
        log,
        policy: schedulePolicy(config),
        ...(o.steps ? { steps: o.steps } : {}),
        ...(o.parser ? { parser: o.parser } : {}),
        ...(o.candidates ? { pages: o.candidates } : {}),
        maxItemsPerDocument: config.maxItemsPerDocument,
        maxNewEntriesPerCheck: config.maxNewEntriesPerCheck,
      });
      const durationMs = Math.round(performance.now() - t0);
      await store.desk.setSourceSettings(sourceId, { lastFetchMs: durationMs });
      const out = r.outcome;
      const message =
        out.kind === 'failed'
          ? redactText(out.error)
          : out.kind === 'not-modified'
            ? 'not modified since the last check'
            : `fetched: ${r.inserted.length} new, ${r.updated} updated, ${r.unchanged} unchanged`;
      return {
        ok: out.kind !== 'failed',
        message,
        durationMs,
        inserted: r.inserted.length,
        counts: { updated: r.updated, unchanged: r.unchanged, notModified: out.kind === 'not-modified' },
      };
    } finally {
      await fetcher.close();
    }
  };

  // An OPML import is a stored job (src/jobs/opml-import.ts): whichever process runs jobs does it,
  // and its progress is read from the store, so the progress page works from any web process.
  const startOpmlImport = async (text: string): Promise<{ job: JobProgress } | OpmlRefusal> => {
    let doc: ReturnType<typeof readOpml>;
    try {
      doc = readOpml(text);
    } catch (err) {
      // The reader's own refusal has its key; anything else is a sentence with the reader's words as its detail.
      if (err instanceof OpmlError) return { error: err.message, note: err.note };
      const detail = err instanceof Error ? err.message : String(err);
      return { error: detail, note: { key: 'opml.unreadable', params: { detail } } };
    }
    const { feeds, refused } = doc;
    if (feeds.length === 0) {
      // Refused outlines (file:, ftp:…) are named with their reason, so the editor knows why nothing was read.
      const note = noFeedsNote(refused);
      return { error: opmlNoteEnglish(note), note, refused: refused.slice(0, 5) };
    }
    const { job } = await store.jobs.enqueue({
      kind: OPML_IMPORT,
      payload: importPayload(
        feeds.map((f) => ({ url: f.url, title: f.title ?? null, siteUrl: f.siteUrl ?? null, categories: f.categories })),
        refused,
      ),
      maxAttempts: 3,
    });
    log.info({ job: job.id, feeds: feeds.length }, 'OPML import queued');
    return { job: progressOf(job) };
  };
  const job = async (id: string): Promise<JobProgress | undefined> => {
    // Written canonically (p-edges): `/desk/sources/jobs/01` names no job.
    const n = canonicalId(id);
    if (n === undefined) return undefined;
    const found = await store.jobs.get(n);
    return found?.kind === OPML_IMPORT ? progressOf(found) : undefined;
  };

  const fileTopics = async () => {
    if (!config.topicsFile) return [];
    const parsed = await loadTopicsFile(config.topicsFile);
    if (!parsed.ok) return [];
    // Alert settings stay out: they may carry secrets, and the desk edits the matching part.
    return parsed.topics.map((t) => ({ id: t.id, name: t.name, source: stringify([publicDefinition(t)]) }));
  };

  // Entries with a retry still queued or running are skipped; one insert for all of them.
  const retryExtract = (entryIds: readonly number[]): Promise<{ queued: number; pending: number }> => queueEntryReads(store, entryIds, log);

  const unreadOf = async (sourceId: number): Promise<UnreadQuery | undefined> => {
    const s = await store.sources.get(sourceId);
    return s ? neverReadQuery(s.extractMode) : undefined;
  };

  return {
    previewSource,
    saveSource: async (input) => {
      // A new listing page is asked of its site's robots.txt here, as the API asks it: the preview
      // asked before its form was shown, but the form is the editor's to post, and a hand-made
      // POST with kind=page stored a page the file refuses (p-polite2's "Left alone"). A known
      // address stores nothing new (its own settings are applied by the route).
      if (input.kind === 'page' && !(await store.sources.getByUrl(input.url))) {
        const refused = await robotsRefusalAtAdd(config, input.url, input, o.fetcherOverrides);
        if (refused) return { refused: { robots: refused.robots, agent: refused.agent, path: refused.path } };
      }
      const { source, created } = await store.sources.add({
        url: input.url,
        kind: input.kind,
        title: input.title,
        siteUrl: input.siteUrl,
        settings: input.settings,
        ...(input.extractMode ? { extractMode: input.extractMode } : {}),
      });
      if (created && ((input.headers && Object.keys(input.headers).length) || input.allowPrivate)) {
        await store.desk.setSourceSettings(source.id, { headers: input.headers ?? {}, allowPrivate: input.allowPrivate === true });
      }
      return { id: source.id, created };
    },
    fetchNow,
    startOpmlImport,
    job,
    // The export may leave the server (shared, attached to a ticket): addresses go without their credentials.
    exportOpml: async () => writeOpml((await store.sources.list()).map(shownSource)),
    fileTopics,
    applyTopics: async () => (o.topics ? o.topics.reload() : { ok: true, errors: [] }),
    // A job (src/jobs/extract-entry.ts): the process that reads full text takes it, whichever it is.
    retryPending: (entryIds) => store.jobs.pendingFor(EXTRACT_ENTRY, 'entryId', entryIds),
    // Entries with a retry still queued or running are skipped: those seen in one batched read of
    // the job table, and those queued meanwhile by another press (the pending key's unique index:
    // the insert leaves them out), so an entry is never queued twice. One insert for all of them.
    retryExtract,
    // Failures of a reason past "Retry all"'s cursor still to be queued: those whose retry is
    // already queued or running are not left.
    retryLeft: (reason, beforeId) => store.entries.extractFailedCount(reason, beforeId, EXTRACT_ENTRY_KEY_PREFIX),
    unreadCount: async (sourceId) => {
      const q = await unreadOf(sourceId);
      return q ? store.entries.unreadCount(sourceId, q) : 0;
    },
    // A source's entries never read in full, highest id first, at most `max` a press; those whose
    // read is already queued are left out by the store's read and by the insert (pending keys).
    readUnread: async (sourceId, max) => {
      const q = await unreadOf(sourceId);
      if (!q) return { queued: 0, left: 0 };
      const ids = await store.entries.unreadIds(sourceId, q, max);
      const { queued } = ids.length ? await retryExtract(ids) : { queued: 0 };
      return { queued, left: await store.entries.unreadCount(sourceId, q) };
    },
    // The same over every source reading full text, each by its own mode (one aggregate query),
    // through the same jobs and pending keys: a read queued on a source's page is not queued again.
    // Per source in one grouped aggregate (the sources page's column and its desk-wide total), and
    // the rows themselves a page at a time (the never-read list: one statement a page).
    unreadCountsBySource: () => store.entries.unreadCountsBySource(UNREAD_ALL),
    unreadPage: (p) => store.entries.unreadPage({ ...UNREAD_ALL, ...p }),
    readUnreadAll: async (max) => {
      const ids = await store.entries.unreadIdsAll(UNREAD_ALL, max);
      const { queued } = ids.length ? await retryExtract(ids) : { queued: 0 };
      return { queued, left: await store.entries.unreadCountAll(UNREAD_ALL) };
    },
  };
}

/** A document of the teasers' read that the parser's limits gave up on, as discovery words it. */
function abandonedNote(kind: SourceKind, url: string, problem: string): DiscoveryNote {
  const key = kind === 'feed' ? 'tried.feedAbandoned' : kind === 'sitemap' ? 'tried.sitemapAbandoned' : 'tried.pageAbandoned';
  return note(key, { url, cause: cause(problem, 'tooLarge') });
}

/** How the add chain came to its choice, as the preview names it. */
function foundAsOf(r: SourceChoice): FoundAs {
  if (r.kind === 'feed') return r.feeds?.[0]?.via === 'direct' || !r.page ? 'feed' : 'discovered-feed';
  if (r.kind === 'page') return 'listing';
  return r.plain ? 'sitemap' : 'news-sitemap';
}

/** The source a preview reads: the chosen address and kind, never checked, stored nowhere. */
function unsavedSource(url: string, kind: SourceKind, settings: Record<string, unknown>, intervalSeconds: number): Source {
  return {
    id: 0,
    url,
    previousUrls: [],
    kind,
    title: null,
    siteUrl: null,
    etag: null,
    lastModified: null,
    status: 'new',
    errorCount: 0,
    lastError: null,
    nextCheckAt: 0,
    lastCheckedAt: null,
    lastSuccessAt: null,
    intervalSeconds,
    extractMode: 'off',
    settings,
    createdAt: Date.now(),
  };
}

function progressOf(job: Job): JobProgress {
  const p = shownImportProgress(job);
  return {
    id: String(job.id),
    kind: 'opml-import',
    ...p,
    finished: job.state === 'done' || job.state === 'dead',
    queued: job.state === 'queued' && job.attempts === 0,
    error: job.state === 'dead' ? (job.lastError ?? '') : null,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    startedAt: job.startedAt ?? job.createdAt,
  };
}
