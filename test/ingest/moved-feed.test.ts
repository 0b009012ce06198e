// A feed that moved: a permanent redirect (301/308) that leads to a good answer moves the source
// to its new address, the old one kept for the record and shown on the source page, in the API
// and by `newsdesk sources`; a temporary redirect, a redirect to a failure, or a new address that
// another source already reads moves nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { checked } from '../api/contract.js';
import { sourcesTable } from '../../src/cli/commands/sources.js';
import { feedRoute, rssFeed, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { makeApp } from '../web/helpers.js';
import { harness, type Harness } from './harness.js';

const feed = rssFeed('Moved Wire', [{ guid: 'm1', title: 'After the move', link: 'https://moved.example/1' }]);
const redirect =
  (status: number, to: string) =>
  (_req: unknown, res: import('node:http').ServerResponse): void => {
    res.writeHead(status, { location: to }).end();
  };

describe('a feed that moved', () => {
  let srv: FixtureServer;
  let h: Harness;
  before(async () => {
    srv = await startFixtureServer({
      '/new.xml': feedRoute(feed, { etag: '"v1"' }),
      '/old.xml': redirect(301, '/new.xml'),
      '/older.xml': redirect(308, '/mid.xml'),
      '/mid.xml': redirect(301, '/final.xml'),
      '/final.xml': feedRoute(feed),
      '/temp.xml': redirect(302, '/new.xml'),
      '/to-missing.xml': redirect(301, '/missing.xml'),
    });
    h = await harness();
  });
  after(async () => {
    await h.close();
    await srv.close();
  });

  it('follows a 301 then 200: the source reads the new address from then on, the old one kept', async () => {
    const { source } = await h.store.sources.add({ url: `${srv.url}/old.xml` });
    const before = Date.now();
    await h.scheduler.pollOnce();
    const moved = await h.store.sources.get(source.id);
    assert.equal(moved?.status, 'ok');
    assert.equal(moved?.url, `${srv.url}/new.xml`);
    assert.equal(moved?.previousUrls.length, 1);
    assert.equal(moved?.previousUrls[0]?.url, `${srv.url}/old.xml`);
    assert.ok(moved!.previousUrls[0]!.movedAt >= before);
    assert.equal(await h.store.entries.count({ sourceId: source.id }), 1);
    assert.equal(srv.hits('/old.xml'), 1);

    // The next check goes straight to the new address (and its validators still apply: 304).
    await h.makeDue(source.id);
    await h.scheduler.pollOnce();
    assert.equal(srv.hits('/old.xml'), 1);
    assert.equal(srv.hits('/new.xml'), 2);
    assert.equal(srv.requests.at(-1)?.headers['if-none-match'], '"v1"');
    assert.equal((await h.store.sources.get(source.id))?.previousUrls.length, 1);

    // Shown where a person looks: the source page, the API (validated against its document), the CLI.
    const app = makeApp(h.store);
    const page = await (await app.request(`/sources/${source.id}`)).text();
    assert.match(page, new RegExp(`Moved from: <bdi>${srv.url.replace(/[.]/g, '\\.')}/old\\.xml</bdi>`));
    const api = (await (await checked(app).request(`/api/v1/sources/${source.id}`)).json()) as {
      url: string;
      previousUrls: { url: string; movedAt: string }[];
    };
    assert.equal(api.url, `${srv.url}/new.xml`);
    assert.deepEqual(
      api.previousUrls.map((m) => m.url),
      [`${srv.url}/old.xml`],
    );
    const table = sourcesTable([(await h.store.sources.get(source.id))!]);
    assert.match(table, new RegExp(`\\n\\s+moved from ${srv.url.replace(/[.]/g, '\\.')}/old\\.xml on \\d{4}-\\d\\d-\\d\\d`));
  });

  it('records a chain of permanent moves in one step, oldest address first', async () => {
    const { source } = await h.store.sources.add({ url: `${srv.url}/older.xml` });
    await h.scheduler.pollOnce();
    const s = await h.store.sources.get(source.id);
    // 308 → 301 → 200: both hops permanent, so the final address is the new one.
    assert.equal(s?.url, `${srv.url}/final.xml`);
    assert.deepEqual(
      s?.previousUrls.map((m) => m.url),
      [`${srv.url}/older.xml`],
    );
    await h.store.sources.remove(source.id);
  });

  it('moves nothing on a temporary redirect, nor when the new address fails', async () => {
    const temp = (await h.store.sources.add({ url: `${srv.url}/temp.xml` })).source;
    const failing = (await h.store.sources.add({ url: `${srv.url}/to-missing.xml` })).source;
    await h.scheduler.pollOnce();
    const t = await h.store.sources.get(temp.id);
    assert.equal(t?.status, 'ok');
    assert.equal(t?.url, `${srv.url}/temp.xml`);
    assert.deepEqual(t?.previousUrls, []);
    const f = await h.store.sources.get(failing.id);
    assert.notEqual(f?.status, 'ok');
    assert.equal(f?.url, `${srv.url}/to-missing.xml`);
    assert.deepEqual(f?.previousUrls, []);
  });

  it('keeps a source whose new address another source already reads', async () => {
    for (const s of await h.store.sources.list()) await h.store.sources.remove(s.id);
    const existing = (await h.store.sources.add({ url: `${srv.url}/new.xml` })).source;
    const old = (await h.store.sources.add({ url: `${srv.url}/old.xml` })).source;
    const summary = await h.scheduler.pollOnce();
    assert.equal(summary.checked, 2);
    const o = await h.store.sources.get(old.id);
    assert.equal(o?.status, 'ok');
    assert.equal(o?.url, `${srv.url}/old.xml`);
    assert.deepEqual(o?.previousUrls, []);
    assert.equal((await h.store.sources.get(existing.id))?.url, `${srv.url}/new.xml`);
  });
});
