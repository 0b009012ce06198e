// Entries never read in full (extract status "none") that a read is for, and queuing those reads:
// shared by the desk (src/server/desk.ts: a source's button, the desk-wide button, a row's "Read
// full text") and the operator's `newsdesk never-read`, so that both ask the store the same
// question and queue the same jobs (extract-entry.ts, one pending key per entry: never twice).
import type { ExtractMode } from '../domain/source.js';
import type { Logger } from '../log/logger.js';
import { SHORT_TEXT_CHARS } from '../pipeline/steps/needs-full-text.js';
import type { Store, UnreadAllQuery, UnreadQuery } from '../store/store.js';
import { EXTRACT_ENTRY, EXTRACT_ENTRY_KEY_PREFIX, extractEntryPayload, extractEntryPendingKey } from './extract-entry.js';

/** The never-read entries of every source reading full text, each by its own mode (the store's *All reads). */
export const NEVER_READ_ALL: UnreadAllQuery = { shortChars: SHORT_TEXT_CHARS, pendingPrefix: EXTRACT_ENTRY_KEY_PREFIX };

/**
 * Which of a source's never-read entries a read is for, by its extract mode: none when it reads no
 * full text; any text when it always does; for "short", feed text under the pipeline's teaser
 * length (needs-full-text.ts; a longer teaser ending in "Read more" is not offered).
 */
export function neverReadQuery(mode: ExtractMode): UnreadQuery | undefined {
  if (mode === 'off') return undefined;
  return { shortChars: mode === 'always' ? null : SHORT_TEXT_CHARS, pendingPrefix: EXTRACT_ENTRY_KEY_PREFIX };
}

/** How many reads in full a read of the never-read entries takes at once (one insert each). */
export const QUEUE_BATCH = 500;

/**
 * Queues a read in full of each entry (an extract-entry job holding the entry's pending key), in
 * one insert. Entries whose read is queued or running are skipped: those seen in one batched read
 * of the job table, and those queued meanwhile by another press (the pending key's unique index:
 * the insert leaves them out). `pending`: how many were skipped.
 */
export async function queueEntryReads(
  store: Pick<Store, 'jobs'>,
  entryIds: readonly number[],
  log?: Logger,
): Promise<{ queued: number; pending: number }> {
  const pending = await store.jobs.pendingFor(EXTRACT_ENTRY, 'entryId', entryIds);
  const wanted = [...new Set(entryIds)].filter((id) => !pending.has(id));
  const created = await store.jobs.enqueueMany(
    wanted.map((entryId) => ({
      kind: EXTRACT_ENTRY,
      payload: extractEntryPayload(entryId),
      pendingKey: extractEntryPendingKey(entryId),
      maxAttempts: 3,
    })),
  );
  if (created.length === 1) log?.info({ job: created[0]!.id, entryId: created[0]!.payload.entryId }, 'full text retry queued');
  else if (created.length) log?.info({ jobs: created.length, first: created[0]!.id }, 'full text retries queued');
  return { queued: created.length, pending: pending.size + wanted.length - created.length };
}
