// The JSON-type gate (p-api3's 415) over a real socket, where the Node adapter attaches a body
// stream to every request but GET and HEAD: a plain DELETE, as fetch and curl send it (no
// Content-Length, no Content-Type), was refused as "a body without a JSON type" (r-api3).
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, it } from 'node:test';
import { startSite } from '../auth/helpers.js';
import { forEachDialect } from '../helpers/dialects.js';
import { populatedStore } from '../web/helpers.js';

const TOKEN = 'sekrit-token-123';
const bearer = { authorization: `Bearer ${TOKEN}` };

/** One request written as is (fetch cannot send `Content-Length: 00`); the status line back. */
function rawStatus(base: string, head: string): Promise<string> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    // Written, not ended: a client that half-closes first has its request aborted by Node (httpAllowHalfOpen).
    const s = connect({ port: Number(u.port), host: u.hostname }, () => s.write(head));
    let out = '';
    s.setEncoding('latin1');
    s.on('data', (d: string) => {
      out += d;
    });
    s.on('error', reject);
    s.on('close', () => resolve(out.split('\r\n')[0] ?? ''));
  });
}

forEachDialect((d) => {
  describe('a request without a body over a socket is not refused for its type (r-api3)', () => {
    it('DELETE with no body is answered (204, 404), a typed-less body is still 415', async () => {
      const { store } = await populatedStore(d.open);
      const site = await startSite({ apiToken: TOKEN }, store);
      try {
        const sources = await store.sources.list();
        const [first, second] = sources;
        assert.ok(first && second);
        const del = await fetch(`${site.url}/api/v1/sources/${first.id}`, { method: 'DELETE', headers: bearer });
        assert.equal(del.status, 204, await del.text());
        assert.equal(await store.sources.get(first.id), undefined);
        const gone = await fetch(`${site.url}/api/v1/sources/${first.id}`, { method: 'DELETE', headers: bearer });
        assert.equal(gone.status, 404);
        // A declared length of zero, however written, is no body.
        const zero = await rawStatus(
          site.url,
          `DELETE /api/v1/sources/${second.id} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Length: 00\r\nConnection: close\r\n\r\n`,
        );
        assert.match(zero, /^HTTP\/1\.1 204 /);
        // A POST with no body is the JSON reader's 400, not a 415 for a type it had no reason to send.
        const empty = await fetch(`${site.url}/api/v1/sources`, { method: 'POST', headers: bearer });
        assert.equal(empty.status, 400);
        assert.equal(((await empty.json()) as { key: string }).key, 'body.notJson');
        // The gate still holds for a body that has no JSON type, over the socket too.
        for (const [method, path] of [
          ['POST', '/api/v1/sources'],
          ['DELETE', `/api/v1/sources/${sources[2]?.id ?? 3}`],
        ] as const) {
          const plain = await fetch(`${site.url}${path}`, {
            method,
            headers: { ...bearer, 'content-type': 'text/plain' },
            body: JSON.stringify({ url: 'https://new.example/feed.xml' }),
          });
          assert.equal(plain.status, 415, `${method} ${path}`);
        }
        assert.equal((await store.sources.list()).length, sources.length - 2);
      } finally {
        await site.close();
      }
    });
  });
});
