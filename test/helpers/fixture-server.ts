// A real HTTP server on 127.0.0.1 (or ::1) for tests and benchmarks: a route table of canned
// responses or handlers, a log of the requests it saw, and the bytes it sent. Start it on port 0,
// use `url`, and close it when done.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';

export interface SeenRequest {
  method: string;
  /** Path with query string, as requested. */
  path: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** Epoch ms when it arrived. */
  at: number;
}

export interface CannedResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
export type Route = CannedResponse | Handler;

export interface FixtureServer {
  /** Origin without a trailing slash, e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  requests: SeenRequest[];
  /** Requests seen for a path (query string included when given). */
  hits(path: string): number;
  /** Adds or replaces a route. */
  route(path: string, route: Route): void;
  /** Bytes written to clients so far (status lines, headers and bodies). */
  bytesWritten(): number;
  close(): Promise<void>;
}

export interface FixtureServerOptions {
  /** A loopback address (Linux answers on all of 127.0.0.0/8): tests that need several hosts use several. */
  host?: `127.0.0.${number}` | '::1';
  /** Handles paths with no route (default: 404). */
  fallback?: Handler;
  /** Log requests in `requests` (turn off for benchmarks with many requests). */
  log?: boolean;
}

function lowerHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

export async function startFixtureServer(routes: Record<string, Route> = {}, opts: FixtureServerOptions = {}): Promise<FixtureServer> {
  const table = new Map<string, Route>(Object.entries(routes));
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  let closedBytes = 0;
  const log = opts.log ?? true;

  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (log) requests.push({ method: req.method ?? 'GET', path, headers: lowerHeaders(req), at: Date.now() });
    const route = table.get(path) ?? table.get(path.split('?')[0]!);
    const respond = async (): Promise<void> => {
      if (!route) {
        if (opts.fallback) return opts.fallback(req, res);
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      if (typeof route === 'function') return route(req, res);
      res.writeHead(route.status ?? 200, route.headers ?? {});
      res.end(route.body ?? '');
    };
    respond().catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => {
      closedBytes += s.bytesWritten;
      sockets.delete(s);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    port,
    requests,
    hits: (p) => requests.filter((r) => r.path === p || (!p.includes('?') && r.path.split('?')[0] === p)).length,
    route: (p, r) => void table.set(p, r),
    bytesWritten: () => closedBytes + [...sockets].reduce((n, s) => n + s.bytesWritten, 0),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface FeedRouteOptions {
  contentType?: string;
  etag?: string;
  lastModified?: string;
  gzip?: boolean;
  headers?: Record<string, string>;
}

/** A route serving `body` with validators, answering 304 to a matching conditional GET. */
export function feedRoute(body: string | Uint8Array, o: FeedRouteOptions = {}): Handler {
  const raw = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body);
  const zipped = o.gzip ? gzipSync(raw) : undefined;
  return (req, res) => {
    const validators: Record<string, string> = {};
    if (o.etag) validators.etag = o.etag;
    if (o.lastModified) validators['last-modified'] = o.lastModified;
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    if ((o.etag && inm === o.etag) || (!o.etag && o.lastModified && ims === o.lastModified)) {
      res.writeHead(304, { ...validators, ...o.headers }).end();
      return;
    }
    const wantsGzip = zipped && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const payload = wantsGzip ? zipped : raw;
    res.writeHead(200, {
      'content-type': o.contentType ?? 'application/rss+xml; charset=utf-8',
      'content-length': String(payload.length),
      ...(wantsGzip ? { 'content-encoding': 'gzip' } : {}),
      ...validators,
      ...o.headers,
    });
    res.end(payload);
  };
}

/**
 * A feed whose body never ends: it sends its opening and holds the connection, which it adds to
 * `open` so that the test can end it (`destroy()`) when it is done.
 */
export function hangingFeedRoute(open: Array<{ destroy(): void }>): Handler {
  return (_req, res) => {
    open.push(res);
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>hang</title>');
  };
}

/** A small RSS 2.0 document; items are [guid, title, link, description?, pubDate?]. */
export function rssFeed(
  title: string,
  items: { guid?: string; title: string; link: string; description?: string; pubDate?: string }[],
): string {
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const body = items
    .map(
      (it) =>
        `<item>${it.guid ? `<guid isPermaLink="false">${esc(it.guid)}</guid>` : ''}<title>${esc(it.title)}</title>` +
        `<link>${esc(it.link)}</link>${it.description ? `<description>${esc(it.description)}</description>` : ''}` +
        `${it.pubDate ? `<pubDate>${it.pubDate}</pubDate>` : ''}</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>${esc(title)}</title><link>https://example.com/</link>\n${body}\n</channel></rss>\n`;
}

/** The one-item feed the operator CLI tests subscribe to, as a fixture route. */
export function deskNewsRoute(): CannedResponse {
  return {
    headers: { 'content-type': 'application/rss+xml' },
    body: rssFeed('Desk news', [{ guid: 'n1', title: 'Hello', link: 'https://s.example/1' }]),
  };
}
