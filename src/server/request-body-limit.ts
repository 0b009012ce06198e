// The request body cap. Hono's bodyLimit asks every request for its body stream, and on
// @hono/node-server that alone builds a full web Request (headers copied, an AbortController, a
// stream) for each GET the site serves. This one looks at the method first: GET, HEAD, OPTIONS and
// TRACE bodies are never read by any route, so those requests pass untouched. For the others a
// declared Content-Length is judged before a byte is read; a chunked body is counted as it
// arrives and refused the moment it passes the cap, then handed on from memory.
import type { Context, MiddlewareHandler } from 'hono';

/** Methods whose bodies no route reads: nothing to count. */
const BODILESS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

export interface RequestBodyLimitOptions {
  /** The cap, or the cap of this request (a route that takes larger documents). */
  maxBytes: number | ((c: Context) => number);
  /**
   * Whether the route refuses an over-large declared body itself (before reading it, in its own
   * words): a declared length is then left to it; a chunked body is still counted against the cap.
   */
  declaredJudgedBy?: (c: Context) => boolean;
  /** The 413 answer (JSON for the API, text elsewhere). */
  tooLarge: (c: Context) => Response | Promise<Response>;
}

export function requestBodyLimit({ maxBytes, declaredJudgedBy, tooLarge }: RequestBodyLimitOptions): MiddlewareHandler {
  return async (c, next) => {
    if (BODILESS.has(c.req.method)) return next();
    const cap = typeof maxBytes === 'number' ? maxBytes : maxBytes(c);
    const chunked = c.req.header('transfer-encoding') !== undefined;
    const declared = c.req.header('content-length');
    if (!chunked && declared !== undefined) {
      // Node's parser has already refused a malformed Content-Length; digits remain.
      return Number(declared) > cap && !declaredJudgedBy?.(c) ? tooLarge(c) : next();
    }
    const body = c.req.raw.body;
    if (!body) return next();
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > cap) {
        await reader.cancel().catch(() => undefined);
        return tooLarge(c);
      }
      chunks.push(value);
    }
    const whole = new Uint8Array(size);
    let at = 0;
    for (const ch of chunks) {
      whole.set(ch, at);
      at += ch.byteLength;
    }
    c.req.raw = new Request(c.req.raw, { body: whole });
    return next();
  };
}
