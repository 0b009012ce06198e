// What the desk is given. The store, config and log come from the site; the rest are functions
// src/server builds (src/server/desk.ts), because they reach below the web layer: the add chain
// and the fetcher (src/ingest), the running topic set and its re-tagger. The desk pages never
// import those; without a function, its page says the feature is not available in this process.
import type { AuditRecord } from '../../domain/audit.js';
import type { ExtractMode, SourceKind } from '../../domain/source.js';
import type { Config } from '../../config/options.js';
import type { DiscoveryNote } from '../../ingest/discover/notes.js';
import type { OpmlNote } from '../../ingest/opml/index.js';
import type { Logger } from '../../log/logger.js';
import type { SourceCount, Store, UnreadEntry } from '../../store/store.js';
import type { SourceCatalog } from '../catalog.js';

/** Per-request fetch settings an editor gave (private feeds). Header values are secrets. */
export interface FetchSettings {
  headers?: Record<string, string> | undefined;
  allowPrivate?: boolean | undefined;
}

export interface PreviewRequest extends FetchSettings {
  url: string;
  kind?: SourceKind | undefined;
  /** Listing selectors (item, title, link, summary, date, next). */
  selectors?: Record<string, string> | undefined;
}

export interface PreviewTeaser {
  title: string;
  url: string | null;
  publishedAt: number | null;
}

/** How the add chain reached the source. */
export type FoundAs = 'feed' | 'discovered-feed' | 'news-sitemap' | 'sitemap' | 'listing';

export interface PreviewFound {
  ok: true;
  kind: SourceKind;
  foundAs: FoundAs;
  /** The address that would be stored (the feed, sitemap or listing page). */
  url: string;
  title: string | null;
  siteUrl: string | null;
  /** The add chain's one-line reason (English). */
  reason: string;
  /** The same as a note, worded by the desk in the editor's language (src/web/desk/discovery-notes.ts). */
  reasonNote?: DiscoveryNote | undefined;
  /** Every feed discovered on a page (the chosen one first). */
  feeds: { url: string; title: string | null; via: string; entries: number }[];
  /** The first items the source would store, as read now. */
  teasers: PreviewTeaser[];
  /** Settings to store with it (listing selectors). */
  settings: Record<string, unknown>;
  /** Reading the teasers failed (the choice still stands): why (English). */
  teaserProblem?: string;
  /** The same as a note (a `cause`, or an "abandoned" line naming the document past the parser's limits). */
  teaserNote?: DiscoveryNote | undefined;
  /** Later documents of the teasers' read (next pages, child sitemaps) abandoned at the parser's limits. */
  teaserAbandoned?: DiscoveryNote[] | undefined;
}

export interface PreviewFailed {
  ok: false;
  /** What the add chain tried, one line each, and what to do next (English). */
  tried: string[];
  advice: string;
  /** The same as notes, worded by the desk in the editor's language. */
  triedNotes?: DiscoveryNote[] | undefined;
  adviceNote?: DiscoveryNote | undefined;
  /** Discovery's deadline stopped it (key and parameters, worded by the desk's catalogue). */
  stopped?: { key: 'deadline'; seconds: number } | undefined;
}

export type SourcePreview = PreviewFound | PreviewFailed;

export interface SaveSourceInput extends FetchSettings {
  url: string;
  kind: SourceKind;
  title: string | null;
  siteUrl: string | null;
  settings: Record<string, unknown>;
  extractMode?: ExtractMode | undefined;
}

export interface FetchNowResult {
  ok: boolean;
  /** What happened, one line (the failure reason when not ok). */
  message: string;
  durationMs: number;
  inserted: number;
  /** What a successful check found, for the desk to say in the editor's language (`message` is English). */
  counts?: { updated: number; unchanged: number; notModified: boolean };
}

/**
 * A background job's progress (OPML import), as stored beside the job: any web process can show
 * it, whichever process runs the job.
 */
export interface JobProgress {
  id: string;
  kind: 'opml-import';
  done: number;
  total: number;
  finished: boolean;
  added: number;
  existing: number;
  /** The first failures with their reason (English) and its note for the desk's catalogue; `failedCount` counts them all. */
  failed: { url: string; problem: string; note?: OpmlNote | undefined }[];
  failedCount: number;
  /** Waiting for a process that runs jobs to take it (none has yet). */
  queued: boolean;
  /**
   * Why the job stopped for good (it is dead), if it did: the runner's English, the error's own
   * words (the desk shows it only as a detail line under a catalogued sentence).
   */
  error: string | null;
  /** Attempts made, and allowed: a dead job below its allowance was refused as unfixable at once. */
  attempts: number;
  maxAttempts: number;
  startedAt: number;
}

/** A whole OPML file refused: why in English, by key for the desk, and the first outlines refused. */
export interface OpmlRefusal {
  error: string;
  note?: OpmlNote | undefined;
  refused?: { url: string; reason: string; note?: OpmlNote | undefined }[] | undefined;
}

export interface FileTopic {
  id: string;
  name: string;
  /** The topic as YAML, without alert settings (they may name secrets). */
  source: string;
}

export interface DeskDeps {
  store: Store;
  config: Config;
  log: Logger;
  /**
   * The sources as pages name them, read once per store change (src/web/catalog.ts): the site's
   * own catalog, so a desk page and a public page of one change share one read of the sources.
   */
  catalog: SourceCatalog;
  /**
   * Writes one change to the audit log. Every desk handler that changes something calls it; the
   * server wires it to the store's audit log (until then it is a no-op).
   */
  recordAudit?: (record: AuditRecord) => Promise<void>;
  /** Runs the add chain on a URL and reads its first items, storing nothing. */
  previewSource?: (req: PreviewRequest) => Promise<SourcePreview>;
  /** Subscribes (or finds the existing subscription); stores private settings server-side. */
  /**
   * Stores a source from the add form; `refused` when it is a new listing page its site's
   * robots.txt refuses to Newsdesk (nothing stored; the API's 422 `robots.refused`).
   */
  saveSource?: (
    input: SaveSourceInput,
  ) => Promise<{ id: number; created: boolean } | { refused: { robots: string; agent: string; path: string } }>;
  /** Checks a source now (outside its schedule) and records the outcome and its duration. */
  fetchNow?: (sourceId: number) => Promise<FetchNowResult>;
  /** Queues an OPML document's import as a background job; an unreadable one is refused at once. */
  startOpmlImport?: (text: string) => Promise<{ job: JobProgress } | OpmlRefusal>;
  job?: (id: string) => Promise<JobProgress | undefined>;
  exportOpml?: () => Promise<string>;
  /** Topics of the topics file (read-only at the desk; an editor may adopt one). */
  fileTopics?: () => Promise<FileTopic[]>;
  /**
   * Makes the stored desk topics part of the running topic set and starts re-tagging history for
   * the changed ones in the background (progress: store.topics.getDefinition(id).retag).
   */
  applyTopics?: () => Promise<{ ok: boolean; errors: string[] }>;
  /**
   * Queues reading these entries' articles in full again (a background job each: whichever process
   * reads full text does it, and stores the outcome and its reason as a new entry would). An entry
   * with such a job still queued or running gets no second one: it is counted as pending.
   */
  retryExtract?: (entryIds: readonly number[]) => Promise<{ queued: number; pending: number }>;
  /** Which of these entries have a full-text retry still queued or running (one read for a page). */
  retryPending?: (entryIds: readonly number[]) => Promise<Set<number>>;
  /**
   * How many failures of `reason` with an id below `beforeId` have no retry queued or running:
   * what "Retry all" has left to queue (without it: the store's count of failures).
   */
  retryLeft?: (reason: string, beforeId: number) => Promise<number>;
  /**
   * How many of a source's entries were never read in full though the source reads full text
   * (status "none", an http(s) link, a teaser by its extract mode), not counting those whose read is
   * queued or running; 0 for a source that reads no full text.
   */
  unreadCount?: (sourceId: number) => Promise<number>;
  /** Queues a read in full of at most `max` of those entries, highest id first; what is left after. */
  readUnread?: (sourceId: number, max: number) => Promise<{ queued: number; left: number }>;
  /**
   * `unreadCount` of every source that reads full text (each by its own extract mode), per source
   * (sources with none left out), in one grouped aggregate query: the sources page's column and,
   * summed, its desk-wide count.
   */
  unreadCountsBySource?: () => Promise<SourceCount[]>;
  /**
   * Those entries as a list's rows, highest id first below `beforeId` (a keyset by id), of one
   * source when `sourceId` is given, at most `limit`: one statement a page.
   */
  unreadPage?: (p: { limit: number; beforeId?: number | undefined; sourceId?: number | undefined }) => Promise<UnreadEntry[]>;
  /** Queues a read in full of at most `max` of those entries, highest id first, whatever their source; what is left after. */
  readUnreadAll?: (max: number) => Promise<{ queued: number; left: number }>;
}
