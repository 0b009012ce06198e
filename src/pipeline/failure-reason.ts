// The key of a failed check's reason (src/domain/failure.ts), worked out from the error itself
// (its class, its HTTP status, the system error code underneath), never from the English message
// alone: the message is for people and may be reworded. Fetch errors are classified by the
// fetcher's own fetchFailureReason; a document that is no feed, or one the parse pool abandoned, is
// this layer's.
import { failureKey, type FailureReason } from '../domain/failure.js';
import { fetchFailureReason } from '../ingest/fetch/index.js';
import { ParseLimitError } from '../ingest/parse/errors.js';
import { NotAFeedError } from './not-a-feed.js';
import { NoReaderError } from './readers.js';

function reason(err: unknown): FailureReason {
  if (err instanceof NotAFeedError || err instanceof NoReaderError) return { kind: 'notFeed' };
  // A document the parse pool's limits gave up on (its time, its heap cap): a feed, a sitemap file
  // or a listing page too big to read, as the desk's preview words it.
  if (err instanceof ParseLimitError) return { kind: 'tooLarge' };
  return fetchFailureReason(err);
}

export function failureReason(err: unknown): string {
  return failureKey(reason(err));
}
