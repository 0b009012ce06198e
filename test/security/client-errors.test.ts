// The request heads the HTTP parser refuses or the app measures, attacked over raw sockets on a
// real server (r-api3, after p-api3 raised the parser's bound and took over its refusals): a head
// over the limit in many short lines, a client that holds its half of a refused connection open,
// and a malformed request pipelined behind an answer already on its way.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { describe, it } from 'node:test';
import { answerClientErrors } from '../../src/server/header-limit.js';
import { startSite } from '../auth/helpers.js';

/** Sends `head` over a new socket and collects what comes back until the server closes or ends. */
function exchange(port: number, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // Written, not ended: a client that half-closes first has its request aborted by Node (httpAllowHalfOpen).
    const s = connect({ port, host: '127.0.0.1' }, () => s.write(head));
    let out = '';
    s.setEncoding('latin1');
    s.on('data', (d: string) => {
      out += d;
    });
    s.on('error', reject);
    s.on('close', () => resolve(out));
  });
}

function connections(server: Server): Promise<number> {
  return new Promise((resolve, reject) => server.getConnections((err, n) => (err ? reject(err) : resolve(n))));
}

/** Waits until `server` has no open connection; false when some is still open after `ms`. */
async function drained(server: Server, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if ((await connections(server)) === 0) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return (await connections(server)) === 0;
}

describe('request heads over raw sockets (r-api3)', () => {
  it('a head over the limit whose long line comes past the lines Node kept is refused, not accepted unmeasured', async () => {
    const site = await startSite();
    try {
      const port = Number(new URL(site.url).port);
      // 1,100 lines of 12 bytes (13 KB), then one of 8 KB: 21 KB, over the 16 KiB limit; the long
      // line comes past the thousand lines Node kept by default, where nothing measured it.
      let lines = '';
      for (let i = 0; i < 1100; i++) lines += `X-${String(i).padStart(4, '0')}: a\r\n`;
      lines += `X-Late: ${'b'.repeat(8000)}\r\n`;
      const out = await exchange(port, `GET /api/v1/sources HTTP/1.1\r\nHost: 127.0.0.1\r\n${lines}Connection: close\r\n\r\n`);
      assert.match(out, /^HTTP\/1\.1 431 /, out.slice(0, 80));
      assert.match(out, /"key":"request\.headersTooLarge"/);
      // Within the limit, many short lines still pass (none dropped, none counted twice).
      let few = '';
      for (let i = 0; i < 600; i++) few += `X-${i}: a\r\n`;
      const ok = await exchange(port, `GET /api/v1/sources HTTP/1.1\r\nHost: 127.0.0.1\r\n${few}Connection: close\r\n\r\n`);
      assert.match(ok, /^HTTP\/1\.1 200 /, ok.slice(0, 80));
    } finally {
      await site.close();
    }
  });

  it('a client that keeps its half open after a refused request does not keep the socket', async () => {
    const site = await startSite();
    const held: Socket[] = [];
    try {
      const port = Number(new URL(site.url).port);
      for (let i = 0; i < 5; i++) {
        // allowHalfOpen: the client reads the answer and the server's FIN, and never closes its side.
        const s = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
        held.push(s);
        s.on('error', () => {});
        let out = '';
        s.setEncoding('latin1');
        s.on('data', (d: string) => {
          out += d;
        });
        await new Promise<void>((resolve) => {
          s.on('end', () => resolve());
          s.write('NOT A REQUEST\r\n\r\n');
        });
        assert.match(out, /^HTTP\/1\.1 400 /);
        assert.match(out, /x-content-type-options: nosniff/);
      }
      assert.equal(await drained(site.server.server, 5000), true, 'sockets answered with a 400 are still open');
    } finally {
      for (const s of held) s.destroy();
      await site.close();
    }
  });

  it('a malformed request behind an answer already begun does not write into that answer', async () => {
    let finish: (() => void) | undefined;
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first-part;');
      finish = () => res.end('second-part');
    });
    answerClientErrors(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as { port: number }).port;
      const s = connect({ port, host: '127.0.0.1' });
      s.on('error', () => {});
      let out = '';
      s.setEncoding('latin1');
      const closed = new Promise<void>((r) => s.on('close', () => r()));
      await new Promise<void>((resolve) => {
        s.on('data', (d: string) => {
          out += d;
          if (out.includes('first-part;')) resolve();
        });
        s.write('GET / HTTP/1.1\r\nHost: a\r\n\r\n');
      });
      s.write('NOT A REQUEST\r\n\r\n');
      // The answer under way is cut (as Node's own handler cuts it), never spliced with a 400.
      await Promise.race([closed, new Promise((r) => setTimeout(r, 500))]);
      finish?.();
      s.destroy();
      await closed;
      assert.doesNotMatch(out, /HTTP\/1\.1 400/, out);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
