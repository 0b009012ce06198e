// The key of a failed check's reason (src/domain/failure.ts), worked out from the error itself
// (its class, its HTTP status, the system error code underneath), never from the English message
// alone: the message is for people and may be reworded.
import { failureKey, type FailureReason } from '../domain/failure.js';
import { BlockedFetchError, FetchError, GoneFetchError, TooLargeFetchError } from '../ingest/fetch/index.js';
import { NotAFeedError } from './not-a-feed.js';
import { NoReaderError } from './readers.js';

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ABORT_ERR']);
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME']);
const REFUSED_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH']);

/** The system error codes along an error's cause chain. */
function codes(err: unknown): string[] {
  const out: string[] = [];
  let e: unknown = err;
  for (let i = 0; i < 5 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') out.push(code);
    e = (e as { cause?: unknown }).cause;
  }
  return out;
}

function reason(err: unknown): FailureReason {
  if (err instanceof GoneFetchError) return { kind: 'gone' };
  if (err instanceof BlockedFetchError) return { kind: 'blocked' };
  if (err instanceof TooLargeFetchError) return { kind: 'tooLarge' };
  if (err instanceof NotAFeedError || err instanceof NoReaderError) return { kind: 'notFeed' };
  const cs = codes(err);
  if (err instanceof FetchError && err.status !== undefined) return { kind: 'http', code: err.status };
  if (cs.some((c) => DNS_CODES.has(c))) return { kind: 'dns' };
  if (cs.some((c) => REFUSED_CODES.has(c))) return { kind: 'refused' };
  if (cs.some((c) => TIMEOUT_CODES.has(c)) || (err instanceof Error && /timed? ?out/i.test(err.message))) return { kind: 'timeout' };
  if (cs.some((c) => c.startsWith('ERR_TLS') || c.includes('CERT'))) return { kind: 'tls' };
  if (err instanceof Error && /\b(?:parse|malformed|not well-formed|invalid xml|unexpected)\b/i.test(err.message)) return { kind: 'parse' };
  return { kind: 'other' };
}

export function failureReason(err: unknown): string {
  return failureKey(reason(err));
}
