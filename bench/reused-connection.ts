// Hostile bench for the reused-connection retry (docs/security.md, r2-fetch): many concurrent
// fetches to three origins whose server drops some requests on reused connections as they arrive,
// a probe-less undici agent in the same process sending to the same servers, requests aborted
// while queued behind a busy connection, and the heap after many requests. Counts, not timings.
//   npm run build && node --expose-gc dist/bench/reused-connection.js [requests] [connectionsPerOrigin]
import net from 'node:net';
import { Agent, request } from 'undici';
import { HttpFetcher } from '../src/ingest/fetch/index.js';

interface Server {
  url: string;
  attempts: Map<string, { reset: number; answered: number }>;
  close(): void;
}

/** Drops (resets) every request that is the 3rd, 6th, … on its connection; answers the rest. */
async function server(): Promise<Server> {
  const attempts = new Map<string, { reset: number; answered: number }>();
  const sockets = new Set<net.Socket>();
  const s = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let nth = 0;
    let buf = '';
    socket.on('data', (chunk) => {
      buf += chunk.toString('latin1');
      for (let end = buf.indexOf('\r\n\r\n'); end >= 0; end = buf.indexOf('\r\n\r\n')) {
        const head = buf.slice(0, end);
        buf = buf.slice(end + 4);
        nth++;
        const path = /^[A-Z]+ (\S+)/.exec(head)?.[1] ?? '?';
        const a = attempts.get(path) ?? { reset: 0, answered: 0 };
        attempts.set(path, a);
        if (nth % 3 === 0) {
          a.reset++;
          socket.resetAndDestroy();
          return;
        }
        a.answered++;
        socket.write(`HTTP/1.1 200 OK\r\ncontent-length: ${path.length}\r\nconnection: keep-alive\r\n\r\n${path}`);
      }
    });
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(s.address() as net.AddressInfo).port}`,
    attempts,
    close: () => {
      for (const x of sockets) x.destroy();
      s.close();
    },
  };
}

const total = Number(process.argv[2] ?? 3000);
const perOrigin = Number(process.argv[3] ?? 4);
const servers = await Promise.all([server(), server(), server()]);
const f = new HttpFetcher({
  userAgent: 'bench',
  connectTimeoutMs: 2000,
  totalTimeoutMs: 5000,
  maxBodyBytes: 1 << 20,
  maxRedirects: 5,
  allowHosts: ['127.0.0.1'],
  allowFileUrls: false,
  connectionsPerOrigin: perOrigin,
});
const other = new Agent({ connections: 2 });
const gc = (globalThis as { gc?: () => void }).gc;
let ok = 0;
let failed = 0;
let aborted = 0;
let otherOk = 0;
let otherFailed = 0;
const failures = new Map<string, number>();
let heapAt1000 = 0;
let maxAttempts = 0;
let retried = 0;
let resetNeverRetried = 0;
/** Reads the servers' counts of the batch's requests and forgets them (the bench's own memory stays flat). */
function tally(): void {
  for (const s of servers) {
    for (const [path, a] of s.attempts) {
      s.attempts.delete(path);
      if (!path.startsWith('/r')) continue;
      maxAttempts = Math.max(maxAttempts, a.reset + a.answered);
      if (a.reset > 0 && a.reset + a.answered > 1) retried++;
      if (a.reset > 0 && a.reset + a.answered === 1) resetNeverRetried++;
    }
  }
}
const heapAt: Record<number, number> = {};
for (let i = 0; i < total; i += 50) {
  const batch: Promise<void>[] = [];
  for (let j = i; j < Math.min(total, i + 50); j++) {
    const srv = servers[j % 3];
    if (!srv) continue;
    const path = `/r${j}`;
    // Every 10th request is aborted almost at once: most are still queued behind a busy connection.
    const ctl = j % 10 === 5 ? new AbortController() : undefined;
    if (ctl) setImmediate(() => ctl.abort());
    batch.push(
      f.fetch(`${srv.url}${path}`, ctl ? { signal: ctl.signal } : {}).then(
        () => {
          ok++;
        },
        (err: Error) => {
          if (ctl) aborted++;
          else {
            failed++;
            const k = err.message.replace(/\d+/g, 'N');
            failures.set(k, (failures.get(k) ?? 0) + 1);
          }
        },
      ),
    );
    // A probe-less agent in the same process, on the same servers.
    if (j % 4 === 0) {
      batch.push(
        request(`${srv.url}/other${j}`, { dispatcher: other }).then(
          async (r) => {
            await r.body.text();
            otherOk++;
          },
          () => {
            otherFailed++;
          },
        ),
      );
    }
  }
  await Promise.all(batch);
  tally();
  if (i + 50 >= 1000 && heapAt1000 === 0) {
    gc?.();
    heapAt1000 = process.memoryUsage().heapUsed;
  }
  if ((i + 50) % 5000 === 0) {
    gc?.();
    heapAt[i + 50] = +(process.memoryUsage().heapUsed / 2 ** 20).toFixed(2);
  }
}
gc?.();
const heapEnd = process.memoryUsage().heapUsed;
console.log(
  JSON.stringify(
    {
      total,
      perOrigin,
      ok,
      failed,
      aborted,
      otherOk,
      otherFailed,
      retried,
      resetNeverRetried,
      maxAttemptsPerRequest: maxAttempts,
      failures: Object.fromEntries(failures),
      heapAt1000MB: +(heapAt1000 / 2 ** 20).toFixed(1),
      heapEndMB: +(heapEnd / 2 ** 20).toFixed(1),
      heapMBAfterRequests: heapAt,
    },
    null,
    1,
  ),
);
await f.close();
await other.close();
for (const s of servers) s.close();
