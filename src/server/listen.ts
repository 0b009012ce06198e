// Serves the app over HTTP with @hono/node-server; resolves once listening.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { Hono } from 'hono';
import { OperatorError } from '../config/operator-error.js';
import { answerClientErrors, PARSER_HEADER_BYTES, PARSER_HEADER_COUNT } from './header-limit.js';

export interface RunningServer {
  /** http://host:port, with the port actually bound (port 0 picks one). */
  url: string;
  server: Server;
  /**
   * Stops accepting connections at once and ends idle ones; requests in flight get `graceMs`
   * (default 0) to be answered before their connections are cut.
   */
  close(graceMs?: number): Promise<void>;
}

export function listen(app: Hono, opts: { host: string; port: number }): Promise<RunningServer> {
  // The parser holds up to PARSER_HEADER_BYTES of head and PARSER_HEADER_COUNT lines of it (so no
  // line of a head within the limit is dropped unmeasured); the app refuses more than its own
  // limit, in its own words (header-limit.ts).
  const server = createAdaptorServer({
    fetch: app.fetch,
    hostname: opts.host,
    serverOptions: { maxHeaderSize: PARSER_HEADER_BYTES },
  }) as Server;
  server.maxHeadersCount = PARSER_HEADER_COUNT;
  answerClientErrors(server);
  // Keep-alive a little longer than common proxies' idle timeout so they never reuse a closed socket.
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      reject(
        err.code === 'EADDRINUSE'
          ? new OperatorError(`port ${opts.port} on ${opts.host} is in use: pick another with --port or NEWSDESK_PORT (0 picks a free one)`)
          : err.code === 'EACCES'
            ? new OperatorError(
                `not allowed to listen on port ${opts.port} of ${opts.host} (ports below 1024 need privileges): pick a port from 1024 up with --port or NEWSDESK_PORT, and put a proxy in front`,
              )
            : err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND'
              ? new OperatorError(
                  `cannot listen on ${opts.host}: no such address on this machine; set --host or NEWSDESK_HOST to one of its addresses (127.0.0.1, 0.0.0.0 for all)`,
                )
              : err,
      );
    };
    server.once('error', onError);
    server.listen(opts.port, opts.host, () => {
      server.off('error', onError);
      const addr = server.address() as AddressInfo;
      const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
      resolve({
        url: `http://${host}:${addr.port}`,
        server,
        close: (graceMs = 0) =>
          new Promise<void>((res) => {
            const cut = setTimeout(() => server.closeAllConnections(), graceMs);
            server.close(() => {
              clearTimeout(cut);
              res();
            });
            server.closeIdleConnections();
            if (graceMs <= 0) server.closeAllConnections();
          }),
      });
    });
  });
}
