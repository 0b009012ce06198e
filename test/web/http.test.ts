// The site over a real socket on 127.0.0.1: compression on the wire, validators, HEAD, keep-alive.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { Store } from '../../src/store/store.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { makeApp, populatedStore } from './helpers.js';
import { forEachDialect } from '../helpers/dialects.js';

forEachDialect((d) => {
  let server: RunningServer;
  let store: Store;

  function get(
    path: string,
    headers: Record<string, string> = {},
    method = 'GET',
  ): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const req = request(`${server.url}${path}`, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  before(async () => {
    store = (await populatedStore(d.open)).store;
    server = await listen(makeApp(store), { host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await server.close();
    await store.close();
  });

  describe('HTTP server', () => {
    it('listens on 127.0.0.1 and serves the topic page gzip-compressed', async () => {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await get('/', { 'accept-encoding': 'gzip' });
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-encoding'], 'gzip');
      assert.equal(Number(res.headers['content-length']), res.body.length);
      const html = gunzipSync(res.body).toString();
      assert.match(html, /<h1>All stories<\/h1>/);
    });

    it('answers HEAD without a body and conditional GETs with 304', async () => {
      const head = await get('/feed.rss', {}, 'HEAD');
      assert.equal(head.status, 200);
      assert.equal(head.body.length, 0);
      const etag = head.headers.etag as string;
      assert.ok(etag);
      const again = await get('/feed.rss', { 'if-none-match': etag });
      assert.equal(again.status, 304);
      assert.equal(again.body.length, 0);
    });

    it('serves JSON API, health and metrics', async () => {
      const api = await get('/api/v1/entries?limit=1');
      assert.equal(api.status, 200);
      assert.equal((JSON.parse(api.body.toString()) as { items: unknown[] }).items.length, 1);
      assert.equal((await get('/healthz')).status, 200);
      const metrics = (await get('/metrics')).body.toString();
      assert.match(metrics, /newsdesk_http_requests_total\{route="\/api\/v1\/entries",status="200"\} 1/);
    });

    it('refuses to start on a port in use, saying what to do', async () => {
      const port = Number(new URL(server.url).port);
      await assert.rejects(listen(makeApp(store), { host: '127.0.0.1', port }), /in use: pick another/);
    });
  });
});
