// How long a request line and its headers may be. Node's HTTP parser refused more than its
// default 16 KiB itself, with a bare `431` (no body, no security headers) before the app saw the
// request: a long search link to /api got no JSON problem, the site no page (p-edges, r-edges).
// Now the parser's own bound is raised to PARSER_HEADER_BYTES and the app judges the real limit,
// HEADER_LIMIT_BYTES (the same 16 KiB, so what was accepted still is and what was refused still
// is, now answered in the app's words: a JSON problem under /api, a plain page with the security
// headers elsewhere). Memory stays bounded: a connection's parser never holds more than
// PARSER_HEADER_BYTES of head; past it the parser's refusal is answered here too (clientError),
// still with the security headers, in JSON when the request line names /api.
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';
import { plainSecurityHeaders } from './security-headers.js';

/** What the app accepts: request line plus headers, in bytes as sent (Node's default maxHeaderSize). */
export const HEADER_LIMIT_BYTES = 16 * 1024;

/**
 * What the HTTP parser holds before it gives up: the memory bound per connection. Only a little
 * over HEADER_LIMIT_BYTES: every connection with an unfinished head may hold this much for up to
 * a minute, and 64 KiB made 500 such connections cost 33 MiB of heap against 2 MiB at 16 KiB
 * (r-api3). Heads between the two limits get the app's answer; past this one, the clientError one.
 */
export const PARSER_HEADER_BYTES = 24 * 1024;

/**
 * How many header lines the parser keeps (Node's `maxHeadersCount`). Node drops the lines past its
 * count (about a thousand by default) from `rawHeaders`, which is what headBytes measures: 1,100
 * short lines and then an 8 KB one, 21 KB in all, were accepted as 13 KB (r-api3). A line is at
 * least 4 bytes on the wire (`a:` CRLF), so a head within HEADER_LIMIT_BYTES has at most a quarter
 * that many lines and loses none; one that lost lines kept this many, counted at 5 bytes or more
 * each, past the limit, and is refused.
 */
export const PARSER_HEADER_COUNT = HEADER_LIMIT_BYTES / 4 + 1;

/**
 * The size of the request's head as it came over the socket: request line, then each header line
 * (name, ": ", value, CRLF). Undefined for a request made in-process (no socket, no parser): the
 * limit is the HTTP server's, as Node's own was.
 */
function headBytes(c: Context): number | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming) return undefined;
  let n = Buffer.byteLength(`${incoming.method ?? ''} ${incoming.url ?? ''} HTTP/1.1\r\n`);
  const raw = incoming.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) n += Buffer.byteLength(raw[i] ?? '') + Buffer.byteLength(raw[i + 1] ?? '') + 4;
  return n;
}

/** Refuses a head over HEADER_LIMIT_BYTES with `tooLarge` (status 431). */
export function headerLimit(tooLarge: (c: Context) => Response): MiddlewareHandler {
  return async (c, next) => {
    if ((headBytes(c) ?? 0) > HEADER_LIMIT_BYTES) return tooLarge(c);
    return next();
  };
}

/** The English problem of a head over the parser's bound (no Accept-Language could be read). */
function overflowBody(api: boolean): { type: string; body: string } {
  const sentence = `The request line and headers are larger than this server reads (${HEADER_LIMIT_BYTES} bytes): shorten the query string (search with fewer words) or send fewer or shorter headers.`;
  return api
    ? { type: 'application/json', body: JSON.stringify({ error: sentence, key: 'request.headersTooLarge' }) }
    : { type: 'text/plain; charset=utf-8', body: sentence };
}

/** What Node answers by itself to the parser's other refusals (its default clientError). */
const PLAIN_STATUS: Readonly<Record<string, string>> = {
  HPE_CHUNK_EXTENSIONS_OVERFLOW: '413 Payload Too Large',
  ERR_HTTP_REQUEST_TIMEOUT: '408 Request Timeout',
};

/**
 * How long a socket answered here stays half-open for its client to read the answer and close.
 * The server is allowHalfOpen (Node's http server is), so after `end` the socket lived until the
 * client closed its half: a client that never did (or a slowloris whose head timed out into a
 * 408) kept a socket and its file descriptor for good, with no timer left on it (r-api3).
 */
export const CLIENT_ERROR_LINGER_MS = 1000;

/**
 * Answers the parser's refusals (a head past PARSER_HEADER_BYTES, a malformed request) as Node
 * would, plus the security headers, and a head too large in the app's words. The request line is
 * read from the bytes the parser was given, when they start with it, to tell /api from the site.
 * As Node's own handler does, nothing is written when an answer to an earlier request on the
 * socket has begun (its bytes would be cut by ours: r-api3), and the socket is always destroyed.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Socket) => {
    const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
    if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const security = Object.entries(plainSecurityHeaders())
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    let head: string;
    let body = '';
    if (err.code === 'HPE_HEADER_OVERFLOW') {
      const start = err.rawPacket?.subarray(0, 64).toString('latin1') ?? '';
      const answer = overflowBody(/^[A-Z]+ \/api(?:[/?# ]|$)/.test(start));
      body = answer.body;
      head = `HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: ${answer.type}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n`;
    } else {
      head = `HTTP/1.1 ${PLAIN_STATUS[err.code ?? ''] ?? '400 Bad Request'}\r\ncontent-length: 0\r\n`;
    }
    socket.end(`${head}${security}connection: close\r\n\r\n${body}`);
    // Half-closed, the client reads the answer and closes; one that does not is cut.
    const linger = setTimeout(() => socket.destroy(), CLIENT_ERROR_LINGER_MS);
    linger.unref();
    socket.once('close', () => clearTimeout(linger));
  });
}
