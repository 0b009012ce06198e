// Importing an OPML subscription list is a job like every other piece of background work: the
// desk enqueues it with the feeds it read, whichever process runs jobs claims it with a lease, and
// its progress is stored beside it. So the progress page answers from any web process, a restart
// loses nothing, and a runner that takes the job over (its first runner died) resumes where the
// recorded progress says — adding a source is idempotent, so a feed counted twice by a takeover is
// found as "already subscribed", never subscribed twice.
import { safeHttpUrl } from '../domain/safe-url.js';
import { type OpmlNote, opmlNoteEnglish, readOpmlNote, refusalNoteOf, type RefusedOutline } from '../ingest/opml/index.js';
import type { JobRepo, Job } from '../store/jobs.js';
import type { SourceRepo } from '../store/store.js';
import { PermanentJobError, type JobHandler } from './runner.js';

export const OPML_IMPORT = 'opml-import';

/** One feed of the list, as the job's payload carries it. */
export interface ImportFeed {
  url: string;
  title: string | null;
  siteUrl: string | null;
  categories: string[];
}

export interface ImportProgress {
  done: number;
  total: number;
  added: number;
  existing: number;
  /**
   * The first `MAX_LISTED_FAILURES` failures with their reason (English), and the reason by key
   * for the desk (absent in progress recorded before keys); `failedCount` counts them all.
   */
  failed: ImportFailure[];
  failedCount: number;
}

export interface ImportFailure {
  url: string;
  problem: string;
  note?: OpmlNote;
}

/** A failure of the list as recorded: the English and its note. */
function failure(url: string, note: OpmlNote): ImportFailure {
  return { url, problem: opmlNoteEnglish(note), note };
}

/** Recorded failures read back (a payload's refused outlines, the progress's failures). */
function failuresOf(raw: unknown, problemField: 'reason' | 'problem'): ImportFailure[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .map((x: unknown) => (x ?? {}) as Record<string, unknown>)
    .filter((x) => typeof x.url === 'string' && typeof x[problemField] === 'string')
    .map((x) => {
      const note = readOpmlNote(x.note);
      return { url: x.url as string, problem: x[problemField] as string, ...(note ? { note } : {}) };
    });
}

/** Failures listed on the progress page; more are counted (a list of 10,000 dead feeds is no help). */
export const MAX_LISTED_FAILURES = 200;
/** Progress is written after this many feeds, or this often, whichever comes first. */
const SAVE_EVERY_FEEDS = 25;
const SAVE_EVERY_MS = 1000;

/** The job's payload: the feeds to add, and the outlines refused when the file was read (listed as failures). */
export function importPayload(feeds: readonly ImportFeed[], refused: readonly RefusedOutline[] = []): Record<string, unknown> {
  return refused.length ? { feeds, refused } : { feeds };
}

function refusedOf(job: Job): ImportFailure[] {
  return failuresOf(job.payload.refused, 'reason');
}

function feedsOf(job: Job): ImportFeed[] {
  const raw = job.payload.feeds;
  if (!Array.isArray(raw)) throw new PermanentJobError('the job carries no feed list');
  return raw.map((f: unknown, i) => {
    const o = (f ?? {}) as Record<string, unknown>;
    if (typeof o.url !== 'string' || o.url === '') throw new PermanentJobError(`feed ${i + 1} of the job has no address`);
    return {
      url: o.url,
      title: typeof o.title === 'string' ? o.title : null,
      siteUrl: typeof o.siteUrl === 'string' ? o.siteUrl : null,
      categories: Array.isArray(o.categories) ? o.categories.filter((c): c is string => typeof c === 'string') : [],
    };
  });
}

/** The recorded progress of an import job (zeros before its first record). */
export function importProgress(job: Job, total?: number): ImportProgress {
  const p = job.progress ?? {};
  const n = (k: string): number => (typeof p[k] === 'number' && Number.isFinite(p[k]) ? (p[k] as number) : 0);
  const failed = failuresOf(p.failed, 'problem');
  const count = Array.isArray(job.payload.feeds) ? job.payload.feeds.length : 0;
  return {
    done: n('done'),
    total: total ?? (n('total') || count),
    added: n('added'),
    existing: n('existing'),
    failed,
    failedCount: Math.max(n('failedCount'), failed.length),
  };
}

/** The progress as shown: the outlines refused when the file was read come first among the failures. */
export function shownImportProgress(job: Job): ImportProgress {
  const p = importProgress(job);
  const refused = refusedOf(job);
  if (!refused.length) return p;
  return { ...p, failed: [...refused, ...p.failed].slice(0, MAX_LISTED_FAILURES), failedCount: p.failedCount + refused.length };
}

export function opmlImportHandler(o: { sources: Pick<SourceRepo, 'add'>; jobs: Pick<JobRepo, 'recordProgress'> }): JobHandler {
  return async (job, { signal }) => {
    const feeds = feedsOf(job);
    const owner = job.leaseOwner;
    if (owner === null) throw new Error('the job was handed over without a lease');
    const p = importProgress(job, feeds.length);
    let unsaved = 0;
    let savedAt = performance.now();
    const save = async (): Promise<void> => {
      unsaved = 0;
      savedAt = performance.now();
      await o.jobs.recordProgress(job.id, owner, { ...p });
    };
    for (let i = Math.min(p.done, feeds.length); i < feeds.length; i++) {
      if (signal.aborted) break;
      const f = feeds[i]!;
      // A payload written by an older version (or by hand) may hold any address: only http(s) is added.
      if (!safeHttpUrl(f.url)) {
        p.failedCount++;
        if (p.failed.length < MAX_LISTED_FAILURES)
          p.failed.push(failure(f.url.slice(0, 200), refusalNoteOf(f.url) ?? { key: 'opml.notWeb' }));
        p.done = i + 1;
        continue;
      }
      // The same feed under another spelling (`HTTP://Example.COM:80/feed`) is found by the store's
      // add as already subscribed (feedKey, p-sourcekey), never subscribed twice.
      try {
        const { created } = await o.sources.add({
          url: f.url,
          title: f.title,
          siteUrl: f.siteUrl,
          settings: f.categories.length ? { category: f.categories[0], categories: f.categories } : {},
        });
        if (created) p.added++;
        else p.existing++;
      } catch (err) {
        p.failedCount++;
        if (p.failed.length < MAX_LISTED_FAILURES)
          p.failed.push(failure(f.url, { key: 'opml.addFailed', params: { detail: err instanceof Error ? err.message : String(err) } }));
      }
      p.done = i + 1;
      unsaved++;
      if (unsaved >= SAVE_EVERY_FEEDS || performance.now() - savedAt >= SAVE_EVERY_MS) await save();
    }
    // Also when stopping: the next runner resumes from here.
    await save();
  };
}
