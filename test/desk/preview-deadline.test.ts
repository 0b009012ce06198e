// The desk's preview of a new source under discovery's deadline (config discoveryTimeoutMs): a
// site on 127.0.0.1 whose page advertises 20 feed links that each send a byte a second. The
// preview answers once the deadline passes, with what was tried and the reason in the editor's
// language, instead of holding the request for 20 fetch timeouts. The 60 s `timeout` is a hang
// guard, not a speed bound.
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, test } from 'node:test';
import { forEachDialect } from '../helpers/dialects.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { CSRF, deskConfig, mountDesk } from './helpers.js';

function drip(_req: unknown, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/rss+xml' });
  res.write('<');
  const timer = setInterval(() => res.write(' '), 1000);
  res.on('close', () => clearInterval(timer));
}

let srv: FixtureServer;
before(async () => {
  srv = await startFixtureServer();
  const links = Array.from({ length: 20 }, (_, i) => `/slow/${i}.xml`);
  for (const p of links) srv.route(p, drip);
  srv.route('/many-links', {
    headers: { 'content-type': 'text/html' },
    body: `<!doctype html><html><head><title>Slow</title>${links.map((h) => `<link rel="alternate" type="application/rss+xml" href="${h}">`).join('')}</head><body>x</body></html>`,
  });
});
after(() => srv.close());

forEachDialect((d) => {
  test('the preview stops at the deadline and says so in the editor’s language', { timeout: 60_000 }, async () => {
    const store = await d.open();
    // Each fetch may take the default 30 s; only the deadline (2 s) ends the preview in time.
    const desk = await mountDesk(store, { config: deskConfig({ totalTimeoutMs: 30_000, discoveryTimeoutMs: 2000 }) });
    const preview = (lang: string) =>
      desk.request('/desk/sources/preview', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': lang },
        body: new URLSearchParams({ url: `${srv.url}/many-links`, _csrf: CSRF }),
      });
    try {
      const en = await preview('en');
      assert.equal(en.status, 422, 'a failed preview answers 422');
      const page = await en.text();
      assert.match(page, /data-stopped="deadline"/);
      assert.match(page, /The search stopped after 2 seconds/);
      assert.match(page, /many-links is a web page, not a feed/);
      assert.match(page, /deadline: stopped after 2 s/);
      assert.doesNotMatch(page, /\bat [\w.]+ \(file:/, 'a stack trace on the page');
      const fa = await (await preview('fa')).text();
      assert.match(fa, /جست‌وجو پس از ۲ ثانیه/);
      const ar = await (await preview('ar')).text();
      assert.match(ar, /توقف البحث بعد/);
      assert.equal((await store.sources.list()).length, 0, 'the preview stored a source');
    } finally {
      await store.close();
    }
  });
});
