// The second-round review of the reused-connection retry (docs/security.md, r2-fetch): what must
// NOT be sent again, and what must not confuse the pairing of a request with its connection
// (undici's sendHeaders channel and the probe marked in onRequestStart). A bare TCP server on
// 127.0.0.1 whose `plan` decides, per request on its connection, to answer, drop it as it
// arrives, answer the head and reset in the body, send half a status line and close, or hold it.
// These pin behaviour that holds on main; they fail if a later change breaks it.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, describe, it } from 'node:test';
import { Agent, request } from 'undici';
import { type FetcherConfig, HttpFetcher } from '../../../src/ingest/fetch/index.js';

type Action = 'answer' | 'reset' | 'mid-body' | 'half-status' | 'hold';

interface RawServer {
  url: string;
  /** Every request the server read: connection, its number there, path, what was done. */
  seen: string[];
  connections(): number;
  /** Answers the requests held so far. */
  release(): void;
  close(): Promise<void>;
}

async function rawServer(
  plan: (conn: number, nth: number, path: string) => Action,
  redirects: Record<string, string> = {},
): Promise<RawServer> {
  const seen: string[] = [];
  const sockets = new Set<net.Socket>();
  const held: (() => void)[] = [];
  let conns = 0;
  const answer = (socket: net.Socket, path: string): void => {
    const to = redirects[path];
    if (to) {
      socket.write(`HTTP/1.1 302 Found\r\nlocation: ${to}\r\ncontent-length: 0\r\nconnection: keep-alive\r\n\r\n`);
      return;
    }
    const body = path.slice(1);
    socket.write(`HTTP/1.1 200 OK\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: keep-alive\r\n\r\n${body}`);
  };
  const server = net.createServer((socket) => {
    const conn = conns++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let nth = 0;
    let buffered = '';
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      for (let end = buffered.indexOf('\r\n\r\n'); end >= 0; end = buffered.indexOf('\r\n\r\n')) {
        const head = buffered.slice(0, end);
        buffered = buffered.slice(end + 4);
        nth++;
        const path = /^[A-Z]+ (\S+)/.exec(head)?.[1] ?? '?';
        const action = plan(conn, nth, path);
        seen.push(`${conn}#${nth} ${path} ${action}`);
        if (action === 'answer') answer(socket, path);
        else if (action === 'hold') held.push(() => answer(socket, path));
        else if (action === 'reset') socket.resetAndDestroy();
        else if (action === 'half-status') {
          socket.write('HTTP/1.1 2');
          setImmediate(() => socket.destroy());
        } else {
          // The head and part of the body, then a reset: bytes of the answer arrived.
          socket.write('HTTP/1.1 200 OK\r\ncontent-length: 100\r\nconnection: keep-alive\r\n\r\npart');
          setImmediate(() => socket.resetAndDestroy());
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
    release: () => {
      for (const h of held.splice(0)) h();
    },
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
  connectionsPerOrigin: 1,
  ...over,
});

const text = (b: Uint8Array): string => new TextDecoder().decode(b);

describe('the reused-connection retry under hostile conditions', () => {
  const open: { close(): Promise<void> }[] = [];
  after(async () => {
    await Promise.all(open.map((o) => o.close()));
  });

  async function setUp(plan: (conn: number, nth: number, path: string) => Action, redirects?: Record<string, string>) {
    const server = await rawServer(plan, redirects);
    const f = new HttpFetcher(config());
    open.push(f, server);
    return { server, f };
  }

  it('a reused connection reset in the middle of the body is not sent again: bytes of the answer arrived', async () => {
    const { server, f } = await setUp((conn, nth) => (conn === 0 && nth === 2 ? 'mid-body' : 'answer'));
    assert.equal(text((await f.fetch(`${server.url}/a`)).body), 'a');
    await assert.rejects(f.fetch(`${server.url}/b`));
    assert.deepEqual(server.seen, ['0#1 /a answer', '0#2 /b mid-body']);
    assert.equal(server.connections(), 1);
  });

  it('a reused connection closed after half a status line is not sent again', async () => {
    const { server, f } = await setUp((conn, nth) => (conn === 0 && nth === 2 ? 'half-status' : 'answer'));
    assert.equal(text((await f.fetch(`${server.url}/a`)).body), 'a');
    await assert.rejects(f.fetch(`${server.url}/b`));
    assert.deepEqual(server.seen, ['0#1 /a answer', '0#2 /b half-status']);
  });

  it('a request aborted while queued, and another agent in between, do not confuse the retry of the request dropped before it', async () => {
    // Connection 0: /a (answered), /busy (held), then whatever comes next is dropped as it arrives.
    const { server, f } = await setUp((conn, nth, path) => {
      if (path === '/busy') return 'hold';
      return conn === 0 && nth === 3 ? 'reset' : 'answer';
    });
    const other = new Agent({ connections: 1 });
    open.push(other);
    assert.equal(text((await f.fetch(`${server.url}/a`)).body), 'a');
    const busy = f.fetch(`${server.url}/busy`);
    while (!server.seen.some((s) => s.includes('/busy'))) await new Promise((r) => setImmediate(r));
    // Queued behind /busy on the one connection: /b, then /queued, aborted there. /b goes out on
    // connection 0 and is dropped; /queued is started (onRequestStart) on the next connection,
    // seen aborted and never written, while /b's second attempt waits to go out.
    const next = f.fetch(`${server.url}/b`);
    const ctl = new AbortController();
    const queued = f.fetch(`${server.url}/queued`, { signal: ctl.signal });
    ctl.abort();
    // A probe-less agent's request on its own connection while the probe of /queued may be marked.
    const byOther = request(`${server.url}/other`, { dispatcher: other }).then((r) => r.body.text());
    server.release();
    assert.equal(text((await busy).body), 'busy');
    await assert.rejects(queued);
    assert.equal(await byOther, 'other');
    // /b went out third on connection 0, was dropped, and was sent once more on a new connection.
    assert.equal(text((await next).body), 'b');
    const ours = server.seen.filter((s) => !s.includes('/other'));
    assert.deepEqual(ours.slice(0, 3), ['0#1 /a answer', '0#2 /busy hold', '0#3 /b reset']);
    assert.equal(ours.filter((s) => s.includes('/b ')).length, 2, 'sent twice, no more');
    assert.ok(!server.seen.some((s) => s.includes('/queued')), 'the aborted request was never written');
  });

  it('each redirect hop dropped on a reused connection is sent once more, and only once', async () => {
    // Every request that is the second on its connection is dropped as it arrives.
    const { server, f } = await setUp((_conn, nth) => (nth === 2 ? 'reset' : 'answer'), { '/r': '/t' });
    assert.equal(text((await f.fetch(`${server.url}/a`)).body), 'a');
    const res = await f.fetch(`${server.url}/r`);
    assert.equal(text(res.body), 't');
    assert.deepEqual(server.seen, ['0#1 /a answer', '0#2 /r reset', '1#1 /r answer', '1#2 /t reset', '2#1 /t answer']);
  });
});
