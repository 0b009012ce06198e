// A request written on a kept-alive connection that the server closes as the request arrives (the
// keep-alive race: the server's idle timeout against ours) is sent once more on a new connection,
// as browsers and HTTP clients do; a reset on a fresh connection, or a second reset, is a readable
// failure. The server here is a bare TCP one on 127.0.0.1 that speaks just enough HTTP/1.1 and
// resets or closes a connection on the first byte of whichever request the test names, so the race
// is had every time, not by luck with timers.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, describe, it } from 'node:test';
import { type CrawlPacer, type FetcherConfig, HttpFetcher, RetryableFetchError } from '../../../src/ingest/fetch/index.js';

type Action = 'answer' | 'reset' | 'close';

interface Seen {
  /** The connection's number (0: the first the server accepted). */
  conn: number;
  /** The request's number on its connection (1: the first). */
  nth: number;
  path: string;
  action: Action;
}

interface RawServer {
  url: string;
  seen: Seen[];
  connections(): number;
  close(): Promise<void>;
}

/** A keep-alive HTTP/1.1 server whose `plan` decides, on a request's first byte, what to do with it. */
async function rawServer(plan: (conn: number, nth: number) => Action, pages: Record<string, string> = {}): Promise<RawServer> {
  const seen: Seen[] = [];
  const sockets = new Set<net.Socket>();
  let conns = 0;
  const server = net.createServer((socket) => {
    const conn = conns++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let nth = 0;
    let buffered = '';
    let pending: Action | undefined;
    socket.on('data', (chunk) => {
      if (pending === undefined) {
        nth++;
        pending = plan(conn, nth);
        if (pending !== 'answer') {
          // As an idle connection closed by its server meets the request written to it: nothing is read.
          const path = /^[A-Z]+ (\S+)/.exec(chunk.toString('latin1'))?.[1] ?? '?';
          seen.push({ conn, nth, path, action: pending });
          if (pending === 'reset') socket.resetAndDestroy();
          else socket.destroy();
          return;
        }
      }
      buffered += chunk.toString('latin1');
      for (let end = buffered.indexOf('\r\n\r\n'); end >= 0; end = buffered.indexOf('\r\n\r\n')) {
        const head = buffered.slice(0, end);
        buffered = buffered.slice(end + 4);
        const path = /^[A-Z]+ (\S+)/.exec(head)?.[1] ?? '?';
        seen.push({ conn, nth, path, action: 'answer' });
        const body = pages[path] ?? path.slice(1);
        socket.write(
          `HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: keep-alive\r\n\r\n${body}`,
        );
        pending = undefined;
        if (buffered.length > 0) {
          nth++;
          pending = 'answer';
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    connections: () => conns,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const config = (over: Partial<FetcherConfig> = {}): FetcherConfig => ({
  userAgent: 'Newsdesk/0.1 (+test)',
  connectTimeoutMs: 2000,
  totalTimeoutMs: 5000,
  maxBodyBytes: 1 << 20,
  maxRedirects: 5,
  allowHosts: ['127.0.0.1'],
  allowFileUrls: false,
  // One connection per origin: the next request waits for it and goes out on it, kept alive.
  connectionsPerOrigin: 1,
  ...over,
});

const text = (b: Uint8Array): string => new TextDecoder().decode(b);

describe('a reused connection reset under a request', () => {
  const open: { close(): Promise<void> }[] = [];
  after(async () => {
    await Promise.all(open.map((o) => o.close()));
  });

  async function setUp(plan: (conn: number, nth: number) => Action, pages?: Record<string, string>, over?: Partial<FetcherConfig>) {
    const server = await rawServer(plan, pages);
    const f = new HttpFetcher(config(over));
    open.push(f, server);
    return { server, f };
  }

  for (const action of ['reset', 'close'] as const) {
    it(`is sent once more on a new connection when the server ${action === 'reset' ? 'resets' : 'closes'} it before answering`, async () => {
      // The first connection answers its first request and drops the second as it arrives.
      const { server, f } = await setUp((conn, nth) => (conn === 0 && nth === 2 ? action : 'answer'));
      assert.equal(text((await f.fetch(`${server.url}/a`)).body), 'a');
      const b = await f.fetch(`${server.url}/b`);
      assert.equal(b.status, 200);
      assert.equal(text(b.body), 'b');
      assert.deepEqual(server.seen, [
        { conn: 0, nth: 1, path: '/a', action: 'answer' },
        { conn: 0, nth: 2, path: '/b', action },
        { conn: 1, nth: 1, path: '/b', action: 'answer' },
      ]);
      assert.equal(server.connections(), 2);
    });
  }

  it('a reset on a fresh connection is a readable failure, not sent again', async () => {
    const { server, f } = await setUp(() => 'reset');
    await assert.rejects(f.fetch(`${server.url}/a`), (err: unknown) => {
      assert.ok(err instanceof RetryableFetchError);
      assert.match(err.message, /^the connection to 127\.0\.0\.1:\d+ was reset \(ECONNRESET\) before the answer was complete/);
      assert.equal(err.url, `${server.url}/a`);
      return true;
    });
    assert.equal(server.connections(), 1);
    assert.deepEqual(
      server.seen.map((s) => s.path),
      ['/a'],
    );
  });

  it('is sent again once only: a second reset, on the new connection, is the failure', async () => {
    const { server, f } = await setUp((conn, nth) => (conn === 0 && nth === 1 ? 'answer' : 'reset'));
    assert.equal(text((await f.fetch(`${server.url}/a`)).body), 'a');
    await assert.rejects(f.fetch(`${server.url}/b`), (err: unknown) => {
      assert.ok(err instanceof RetryableFetchError);
      assert.match(err.message, /was reset \(ECONNRESET\)/);
      return true;
    });
    assert.deepEqual(server.seen, [
      { conn: 0, nth: 1, path: '/a', action: 'answer' },
      { conn: 0, nth: 2, path: '/b', action: 'reset' },
      { conn: 1, nth: 1, path: '/b', action: 'reset' },
    ]);
  });

  it('a crawler request sent again keeps the Crawl-delay turn it had: the first never reached the site', async () => {
    const turns: string[] = [];
    const pacer: CrawlPacer = {
      turn: async ({ url }) => {
        turns.push(new URL(url).pathname);
      },
    };
    // robots.txt and /a on the first connection; /b is dropped there as it arrives.
    const { server, f } = await setUp(
      (conn, nth) => (conn === 0 && nth === 3 ? 'reset' : 'answer'),
      {
        '/robots.txt': 'User-agent: *\nCrawl-delay: 2\n',
      },
      { pacer },
    );
    assert.equal(text((await f.fetch(`${server.url}/a`, { robots: true })).body), 'a');
    assert.equal(text((await f.fetch(`${server.url}/b`, { robots: true })).body), 'b');
    assert.deepEqual(turns, ['/a', '/b'], 'one turn per request, none again for the one sent twice');
    assert.deepEqual(
      server.seen.map((s) => [s.conn, s.path, s.action]),
      [
        [0, '/robots.txt', 'answer'],
        [0, '/a', 'answer'],
        [0, '/b', 'reset'],
        [1, '/b', 'answer'],
      ],
    );
  });
});
