// Why a fetch failed, as a failure kind (src/domain/failure.ts) worked out from the error itself
// (its class, its HTTP status, the system error code underneath), never from the English message
// alone: the message is for people and may be reworded. The pipeline adds the kinds of its own
// errors (not a feed) in src/pipeline/failure-reason.ts; the add chain uses this for the causes
// it quotes, so the desk can word them in the editor's language.
import type { FailureReason } from '../../domain/failure.js';
import { BlockedFetchError, FetchError, GoneFetchError, RobotsRefusedError, TooLargeFetchError } from './errors.js';

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

/** The kind of a fetch's failure ("other" when nothing says more). */
export function fetchFailureReason(err: unknown): FailureReason {
  if (err instanceof GoneFetchError) return { kind: 'gone' };
  if (err instanceof BlockedFetchError) return { kind: 'blocked' };
  if (err instanceof RobotsRefusedError) return { kind: 'robots' };
  if (err instanceof TooLargeFetchError) return { kind: 'tooLarge' };
  const cs = codes(err);
  if (err instanceof FetchError && err.status !== undefined) return { kind: 'http', code: err.status };
  if (cs.some((c) => DNS_CODES.has(c))) return { kind: 'dns' };
  if (cs.some((c) => REFUSED_CODES.has(c))) return { kind: 'refused' };
  if (cs.some((c) => TIMEOUT_CODES.has(c)) || (err instanceof Error && /timed? ?out/i.test(err.message))) return { kind: 'timeout' };
  if (cs.some((c) => c.startsWith('ERR_TLS') || c.startsWith('ERR_SSL') || c.includes('CERT'))) return { kind: 'tls' };
  if (err instanceof Error && /\b(?:parse|malformed|not well-formed|invalid xml|unexpected)\b/i.test(err.message)) return { kind: 'parse' };
  return { kind: 'other' };
}
