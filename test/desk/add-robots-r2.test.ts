// Hostile review of the desk's robots.txt question at add time (r2-accounts): the desk's save and
// the API's add ask it through one function (robotsRefusalAtAdd), so they answer the same for one
// address, and its read goes through the address guard like any fetch: with 127.0.0.1 not let
// through (allowHosts empty) nothing is read from it, and nothing is refused (the poll fails with
// the guard's own reason). Real HTTP on 127.0.0.1; both dialects. All held (pass on main too).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { forEachDialect } from '../helpers/dialects.js';
import { type FixtureServer, startFixtureServer } from '../helpers/fixture-server.js';
import { readFixture } from '../helpers/repo.js';
import { deskConfig, mountDesk } from './helpers.js';

const LISTING = readFixture('listing', 'blog-articles.html');
const TOKEN = 'r2-accounts-token-0123456789';

let site: FixtureServer;
before(async () => {
  const listing = (_req: unknown, res: import('node:http').ServerResponse): void =>
    void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(LISTING);
  site = await startFixtureServer({
    '/robots.txt': { headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nDisallow: /members/\n' },
    '/members/a/': listing,
    '/members/b/': listing,
    '/open/a/': listing,
    '/open/b/': listing,
  });
});
after(() => site.close());

forEachDialect((d) => {
  const form = (url: string) => ({ url, kind: 'page', title: '', siteUrl: '', settings: '{}', extractMode: 'short' });
  const api = (desk: Awaited<ReturnType<typeof mountDesk>>, url: string) =>
    desk.request('/api/v1/sources', {
      method: 'POST',
      body: JSON.stringify({ url, kind: 'page' }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    });

  test('held: the desk and the API answer one address alike: refused under a Disallow, added outside it', async () => {
    const store = await d.open();
    const desk = await mountDesk(store, { config: deskConfig({ apiToken: TOKEN }) });
    try {
      assert.equal((await desk.post('/desk/sources/add', form(`${site.url}/members/a/`))).status, 422);
      const refused = await api(desk, `${site.url}/members/b/`);
      assert.equal(refused.status, 422);
      assert.equal(((await refused.json()) as { key: string }).key, 'robots.refused');
      assert.equal((await desk.post('/desk/sources/add', form(`${site.url}/open/a/`))).status, 303);
      assert.equal((await api(desk, `${site.url}/open/b/`)).status, 201);
      assert.deepEqual((await store.sources.list()).map((s) => new URL(s.url).pathname).sort(), ['/open/a/', '/open/b/']);
    } finally {
      await desk.stop();
    }
  });

  test('held: with 127.0.0.1 not let through, the add reads nothing from it and refuses nothing (the poll meets the guard)', async () => {
    const store = await d.open();
    const desk = await mountDesk(store, { config: deskConfig({ apiToken: TOKEN, allowHosts: [] }) });
    try {
      const before = site.hits('/robots.txt');
      assert.equal((await desk.post('/desk/sources/add', form(`${site.url}/members/a/`))).status, 303);
      assert.equal((await api(desk, `${site.url}/members/b/`)).status, 201);
      assert.equal(site.hits('/robots.txt'), before, 'no robots.txt read past the guard');
    } finally {
      await desk.stop();
    }
  });
});
