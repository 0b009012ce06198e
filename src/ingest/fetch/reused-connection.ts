// A kept-alive connection the server closes while it is idle can meet our next request on the way:
// the request is written to a socket the server has just closed, and comes back reset (ECONNRESET,
// or the socket closed) without a byte of answer. The server's application never saw it. Browsers
// and HTTP clients (Chromium, Go's net/http, curl) send such a request once more, on another
// connection, when it is idempotent; undici (our client) leaves that to its caller. This module
// tells the client when a failure is that race and nothing else: the connection had carried a
// request before this one (it was reused), no byte arrived on it after this request was written,
// and it was reset or closed. A fresh connection's reset is never this race (the server refused
// the request itself, or something between us refuses it), so it is never retried here.
//
// Which connection a request went out on: undici publishes `undici:client:sendHeaders` (request,
// headers, socket) on its diagnostics channel as it writes a request, synchronously right after it
// tells the request's handler the request starts (onRequestStart): the probe marks itself as the
// request being written in that call, and the channel's listener gives it its socket.
import diagnostics from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import type { Dispatcher } from 'undici';

/** Requests written on each connection so far (the connection's own count, not one fetcher's). */
const writtenOn = new WeakMap<Socket, number>();
/** The probe whose request undici is writing now (set in onRequestStart, taken by the channel listener). */
let writing: ConnectionProbe | undefined;

diagnostics.subscribe('undici:client:sendHeaders', (message) => {
  const socket = (message as { socket?: Socket }).socket;
  const probe = writing;
  writing = undefined;
  if (!socket) return;
  const before = writtenOn.get(socket) ?? 0;
  writtenOn.set(socket, before + 1);
  probe?.wrote(socket, before > 0);
});

/** Methods a client may send again by itself (RFC 9110 section 9.2.2), of those we send. */
const IDEMPOTENT = new Set(['GET', 'HEAD']);

/** A connection reset or closed under the request (not a timeout, not an abort, not a refusal). */
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET']);

function resetCode(err: unknown): string | undefined {
  for (let e: unknown = err, i = 0; e && typeof e === 'object' && i < 8; i++, e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && RESET_CODES.has(code)) return code;
  }
  return undefined;
}

/** What one attempt of a request learnt about the connection it went out on. */
export class ConnectionProbe {
  private socket: Socket | undefined;
  private reused = false;
  private readAtWrite = 0;
  private answered = false;

  constructor(readonly method: string) {}

  /** Told by the channel listener: the request was written on `socket`, which had carried others when `reused`. */
  wrote(socket: Socket, reused: boolean): void {
    this.socket = socket;
    this.reused = reused;
    this.readAtWrite = socket.bytesRead;
  }

  /** Told by the interceptor: the request is about to be written. */
  starting(): void {
    writing = this;
  }

  /** Told by the interceptor: the answer's status line and headers arrived. */
  answer(): void {
    this.answered = true;
  }

  /**
   * Whether `err` is the reused connection's race: an idempotent request written on a connection
   * that had carried one before, reset or closed before a single byte of the answer arrived.
   */
  resetBeforeAnswer(err: unknown): boolean {
    if (writing === this) writing = undefined;
    if (!IDEMPOTENT.has(this.method) || !this.socket || !this.reused || this.answered) return false;
    if (this.socket.bytesRead !== this.readAtWrite) return false;
    return resetCode(err) !== undefined;
  }

  /** An undici interceptor that tells this probe of its request's start and answer. */
  interceptor(): Dispatcher.DispatcherComposeInterceptor {
    return (dispatch) => (opts, handler) =>
      dispatch(opts, {
        onRequestStart: (controller, context) => {
          this.starting();
          handler.onRequestStart?.(controller, context);
        },
        onRequestUpgrade: (controller, statusCode, headers, socket) => handler.onRequestUpgrade?.(controller, statusCode, headers, socket),
        onResponseStart: (controller, statusCode, headers, statusMessage) => {
          this.answer();
          handler.onResponseStart?.(controller, statusCode, headers, statusMessage);
        },
        onResponseData: (controller, chunk) => handler.onResponseData?.(controller, chunk),
        onResponseEnd: (controller, trailers) => handler.onResponseEnd?.(controller, trailers),
        onResponseError: (controller, error) => handler.onResponseError?.(controller, error),
      });
  }
}
