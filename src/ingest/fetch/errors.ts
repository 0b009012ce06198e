// Fetch failures, named by what the caller should do next rather than by what went wrong:
// retry later (RetryableFetchError), stop retrying soon (PermanentFetchError), or stop polling
// at all (GoneFetchError). Every message says what happened and what to do about it.

export abstract class FetchError extends Error {
  /** The URL being fetched when it failed (the last hop for redirects). */
  readonly url: string;
  /** HTTP status when a response arrived. */
  readonly status?: number | undefined;

  constructor(message: string, url: string, opts: { status?: number | undefined; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.url = url;
    this.status = opts.status;
  }

  abstract readonly retryable: boolean;
}

/** Worth trying again later: timeouts, connection errors, 5xx, 429. */
export class RetryableFetchError extends FetchError {
  override name = 'RetryableFetchError';
  readonly retryable = true;
  /** The server asked us to wait this long (Retry-After), in ms. */
  readonly retryAfterMs?: number | undefined;

  constructor(
    message: string,
    url: string,
    opts: { status?: number | undefined; cause?: unknown; retryAfterMs?: number | undefined } = {},
  ) {
    super(message, url, opts);
    this.retryAfterMs = opts.retryAfterMs;
  }
}

/** Retrying the same request will not help until someone changes the URL or the configuration. */
export class PermanentFetchError extends FetchError {
  override name = 'PermanentFetchError';
  readonly retryable = false;
}

/** 410 Gone: the publisher says the feed is gone for good; the source should be disabled. */
export class GoneFetchError extends PermanentFetchError {
  override name = 'GoneFetchError';
}

/** The address guard refused the destination (private, loopback, metadata…) or its scheme. */
export class BlockedFetchError extends PermanentFetchError {
  override name = 'BlockedFetchError';
}

/** The site's robots.txt does not let us read the address (or could not be read: all is disallowed for a while). */
export class RobotsRefusedError extends PermanentFetchError {
  override name = 'RobotsRefusedError';
}

/** The site's robots.txt could not be read (5xx, 429, no answer): everything is disallowed for a while, then asked again. */
export class RobotsUnreachableError extends RobotsRefusedError {
  override name = 'RobotsUnreachableError';
}

/** The body is (or claims to be) larger than maxBodyBytes, counted after decompression. */
export class TooLargeFetchError extends PermanentFetchError {
  override name = 'TooLargeFetchError';
}

/** Finds a FetchError in an error's cause chain (undici wraps errors raised by the connector). */
export function findFetchError(err: unknown): FetchError | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 8; depth++) {
    if (e instanceof FetchError) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
