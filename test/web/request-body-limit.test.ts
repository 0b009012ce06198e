// The request body cap (src/server/request-body-limit.ts) over a real socket: a declared or a
// chunked body over the cap gets 413 (JSON under /api), a body within it reaches the route intact
// whichever way it was sent, and GET requests are not looked at at all, whatever they carry.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { Hono } from 'hono';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { requestBodyLimit } from '../../src/server/request-body-limit.js';
import type { Store } from '../../src/store/store.js';
import { makeApp, populatedStore } from './helpers.js';

const CAP = 4096;

interface Answer {
  status: number;
  type: string;
  body: string;
}

/** Sends `body` in `chunks` pieces; with `declare`, a Content-Length, otherwise chunked encoding. */
function send(base: string, method: string, path: string, body: Buffer, declare: boolean, chunks = 8): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { authorization: 'Bearer tok', 'content-type': 'application/json' };
    if (declare) headers['content-length'] = String(body.length);
    const req = request(`${base}${path}`, { method, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body: text }));
    });
    let answered = false;
    req.on('response', () => void (answered = true));
    // The server may close a connection whose body it refused while we still write.
    req.on('error', (err) => (answered ? undefined : reject(err)));
    if (!declare) req.setHeader('transfer-encoding', 'chunked');
    const size = Math.ceil(body.length / chunks);
    for (let at = 0; at < body.length; at += size) req.write(body.subarray(at, at + size));
    req.end();
  });
}

const sourceJson = (url: string, pad = 0): Buffer => Buffer.from(JSON.stringify({ url, title: 'x'.repeat(pad) }));

describe('request body limit', () => {
  let store: Store;
  let server: RunningServer;
  before(async () => {
    store = (await populatedStore()).store;
    server = await listen(makeApp(store, { apiToken: 'tok', maxRequestBodyBytes: CAP }), { host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await server.close();
    await store.close();
  });

  it('an oversized POST with a declared length: 413, JSON under /api, text on the site', async () => {
    const big = sourceJson('https://example.org/a.xml', CAP);
    const api = await send(server.url, 'POST', '/api/v1/sources', big, true);
    assert.equal(api.status, 413);
    assert.match(api.type, /^application\/json/);
    assert.match(JSON.parse(api.body).error, new RegExp(`larger than this server accepts \\(${CAP} bytes\\)`));
    const site = await send(server.url, 'POST', '/search', big, true);
    assert.equal(site.status, 413);
    assert.match(site.type, /^text\/plain/);
    assert.equal(
      (await store.sources.list()).some((s) => s.url === 'https://example.org/a.xml'),
      false,
    );
  });

  it('an oversized chunked POST (no length given): 413, and nothing is stored', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const res = await send(server.url, method, '/api/v1/sources', sourceJson('https://example.org/b.xml', CAP * 4), false, 16);
      assert.equal(res.status, 413, method);
      assert.match(res.type, /^application\/json/);
    }
    assert.equal(
      (await store.sources.list()).some((s) => s.url === 'https://example.org/b.xml'),
      false,
    );
  });

  it('a body exactly at the cap, or just under, reaches the route intact, chunked or declared', async () => {
    for (const [declare, name] of [
      [true, 'declared'],
      [false, 'chunked'],
    ] as const) {
      const url = `https://example.org/${name}.xml`;
      const probe = sourceJson(url);
      const body = sourceJson(url, CAP - probe.length);
      assert.equal(body.length, CAP);
      const res = await send(server.url, 'POST', '/api/v1/sources', body, declare, 5);
      assert.equal(res.status, 201, `${name}: ${res.body}`);
      const saved = (await store.sources.list()).find((s) => s.url === url);
      assert.equal(saved?.title, 'x'.repeat(CAP - probe.length), `${name}: the whole body arrived`);
      const over = await send(server.url, 'POST', '/api/v1/sources', Buffer.concat([body, Buffer.from(' ')]), declare, 5);
      assert.equal(over.status, 413, `${name}: one byte over`);
    }
  });

  it('GET is not looked at: a page answers 200 even with a body far over the cap', async () => {
    const plain = await send(server.url, 'GET', '/', Buffer.alloc(0), true);
    assert.equal(plain.status, 200);
    const heavy = await send(server.url, 'GET', '/', Buffer.alloc(CAP * 8, 0x20), true);
    assert.equal(heavy.status, 200);
    const api = await send(server.url, 'GET', '/api/v1/sources', Buffer.alloc(CAP * 8, 0x20), false);
    assert.equal(api.status, 200);
  });

  it('never asks a GET for its body stream (that is what made every page build a Request)', async () => {
    const app = new Hono();
    app.use('*', requestBodyLimit({ maxBytes: 10, tooLarge: (c) => c.text('too large', 413) }));
    app.all('*', (c) => c.text('ok'));
    let bodyAsked = 0;
    const spied = (method: string, body?: string): Request => {
      const req = new Request('http://localhost/', { method, ...(body !== undefined ? { body, duplex: 'half' } : {}) } as RequestInit);
      let proto: object | null = Object.getPrototypeOf(req);
      while (proto && !Object.getOwnPropertyDescriptor(proto, 'body')) proto = Object.getPrototypeOf(proto);
      const real = Object.getOwnPropertyDescriptor(proto!, 'body')!.get!;
      Object.defineProperty(req, 'body', {
        get() {
          bodyAsked++;
          return real.call(req);
        },
      });
      return req;
    };
    for (const m of ['GET', 'HEAD', 'OPTIONS']) assert.equal((await app.fetch(spied(m))).status, 200, m);
    assert.equal(bodyAsked, 0);
    // The check does run where bodies are read: a chunked body (no length) is read through the stream.
    assert.equal((await app.fetch(spied('POST', 'x'.repeat(11)))).status, 413);
    assert.ok(bodyAsked > 0);
  });
});
