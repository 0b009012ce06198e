// Reading one entry's article in full again, at an editor's request (the desk's "Retry full
// text", and "Read them in full" for a source's entries never read): a job like every other piece
// of background work, so whichever process runs jobs with a full-text step (serve's ingest thread,
// a worker) does it, and the web process that took the click needs no extractor of its own. The entry's page is fetched and extracted as the pipeline
// does for a new entry (the extract step's own extractEntry: the same fetcher rules, worker limits
// and stored outcome, a new reason or none), and when the whole article was read, the entry is
// tagged again with the running topics so topic pages see the full text. Its story is left as it
// is (clustering already placed it; re-clustering does the rest).
import type { Logger } from '../log/logger.js';
import { runEntrySteps, type PipelineStep } from '../pipeline/step.js';
import type { ExtractStep } from '../pipeline/steps/extract-full-text.js';
import type { Store } from '../store/store.js';
import { PermanentJobError, type JobHandler } from './runner.js';

export const EXTRACT_ENTRY = 'extract-entry';

export function extractEntryPayload(entryId: number): Record<string, unknown> {
  return { entryId };
}

/**
 * The job's pending key: one read of an entry queued or running at a time, however many presses
 * (store migration 23 gives the retries queued before it the same key).
 */
export function extractEntryPendingKey(entryId: number): string {
  return `${EXTRACT_ENTRY_KEY_PREFIX}${entryId}`;
}

/** What every pending key of these jobs begins with (the entry's id follows): the store's counts leave such entries out. */
export const EXTRACT_ENTRY_KEY_PREFIX = `${EXTRACT_ENTRY}:`;

export function extractEntryHandler(o: {
  store: Store;
  extract: ExtractStep;
  /** Steps run on the entry after a successful read (topic tagging). */
  after?: readonly PipelineStep[];
  log: Logger;
}): JobHandler {
  return async (job, { signal }) => {
    const id = job.payload.entryId;
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) throw new PermanentJobError('the job names no entry');
    const entry = await o.store.entries.get(id);
    // Removed meanwhile (its source unsubscribed): nothing to read.
    if (!entry?.url) return;
    // Only a failed read is read again, or one never made (status "none") for a source that reads
    // full text (the desk's "Read them in full" on a source's page: entries stored while a stalled
    // scheduler held their host's slots, or past a check's cap). One read in full meanwhile keeps
    // its stored text, since a failure now would drop it, and a page that held no article would be
    // read to the same end.
    const source = await o.store.sources.get(entry.sourceId);
    if (!source) return;
    const wanted = entry.extractStatus === 'failed' || (entry.extractStatus === 'none' && source.extractMode !== 'off');
    if (!wanted) {
      o.log.info(
        { jobId: job.id, entryId: id, status: entry.extractStatus, extractMode: source.extractMode },
        'full text retry skipped: the read has not failed',
      );
      return;
    }
    const u = await o.extract.extractEntry(entry, o.store, o.log, signal);
    o.log.info(
      { jobId: job.id, entryId: id, status: u.extractStatus, reason: u.extractError ?? u.notArticle ?? null },
      'full text read again',
    );
    if (u.extractStatus === 'done' && o.after?.length)
      await runEntrySteps(o.after, [entry], { store: o.store, source, log: o.log, now: await o.store.clock.now(), signal });
  };
}
