// When a permanent redirect moves a source's stored address (src/pipeline/move-policy.ts): at once
// within the same site; to another site only after MOVE_SIGHTINGS checks in a row saw the same
// move; never from the public network onto a host only allowHosts lets us reach; never to another
// origin for a source with private headers or an allowed private address, whose headers never
// follow the redirect. Real servers on 127.0.0.1, site names from a stub resolver.
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { Agent, request } from 'undici';
import type { Source } from '../../src/domain/source.js';
import { withSettingsChanges } from '../../src/domain/settings-changes.js';
import { compileAllowList } from '../../src/domain/address-guard.js';
import { movesIntoAllowList } from '../../src/ingest/fetch/client.js';
import { guardedConnector } from '../../src/ingest/fetch/guarded-connector.js';
import type { Resolver } from '../../src/ingest/fetch/index.js';
import { decideMove, MOVE_SIGHTINGS, pendingMoveOf, sameSite } from '../../src/pipeline/move-policy.js';
import { planNextCheck } from '../../src/pipeline/next-check.js';
import { deskFetcher } from '../../src/server/desk-fetcher.js';
import { deskConfig } from '../desk/helpers.js';
import { feedRoute, rssFeed, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { harness, type Harness } from './harness.js';
import { sourceRow } from '../helpers/source-row.js';

const NOW = Date.UTC(2026, 11, 4, 12);
const POLICY = { defaultIntervalSeconds: 1800, minIntervalSeconds: 60, maxIntervalSeconds: 86400, maxBackoffSeconds: 3600 };

function source(o: Partial<Source> = {}): Source {
  return sourceRow(NOW, { url: 'https://old.example/feed', ...o });
}

describe('the move policy (pure)', () => {
  it('same site: the same host give or take www., http → https, the same port', () => {
    assert.ok(sameSite('http://a.example/feed', 'https://a.example/rss'));
    assert.ok(sameSite('https://a.example/feed', 'https://www.a.example/feed'));
    assert.ok(sameSite('https://www.a.example/feed', 'https://a.example:443/x'));
    assert.ok(!sameSite('https://a.example/feed', 'http://a.example/feed'), 'a downgrade is not');
    assert.ok(!sameSite('https://a.example/feed', 'https://b.example/feed'));
    assert.ok(!sameSite('https://a.example/feed', 'https://a.example.evil.test/feed'));
    assert.ok(!sameSite('https://a.example/feed', 'https://a.example:8443/feed'));
    assert.ok(!sameSite('http://a.example:8080/feed', 'https://a.example:8080/feed'), 'an upgrade keeps default ports only');
  });

  it(`another site: the move is taken on the ${MOVE_SIGHTINGS}rd check in a row that sees it`, () => {
    let s = source();
    const to = 'https://new.example/feed';
    for (let i = 1; i < MOVE_SIGHTINGS; i++) {
      assert.equal(decideMove(s, to, NOW + i).kind, 'wait');
      const patch = planNextCheck(s, { kind: 'not-modified', movedTo: to }, POLICY, NOW + i);
      assert.equal(patch.url, undefined, `not moved after ${i}`);
      assert.deepEqual(pendingMoveOf(patch.settingsChanges ?? {}), { url: to, seen: i, since: NOW + 1 });
      s = source({ settings: withSettingsChanges(s.settings, patch.settingsChanges ?? {}) });
    }
    const patch = planNextCheck(s, { kind: 'not-modified', movedTo: to }, POLICY, NOW + 9);
    assert.equal(patch.url, to);
    assert.deepEqual(patch.previousUrls, [{ url: 'https://old.example/feed', movedAt: NOW + 9 }]);
    assert.deepEqual(patch.settingsChanges, { pendingMove: null }, 'the count is cleared with the move');
  });

  it('a check without the move, or to another address, starts the count again; a failure leaves it', () => {
    const pending = { pendingMove: { url: 'https://new.example/feed', seen: 2, since: NOW }, selectors: { item: 'li' } };
    const s = source({ settings: pending });
    // Only the key that changed: the selectors are not written back (an editor may have saved others meanwhile).
    assert.deepEqual(planNextCheck(s, { kind: 'not-modified' }, POLICY, NOW).settingsChanges, { pendingMove: null });
    assert.deepEqual(
      pendingMoveOf(planNextCheck(s, { kind: 'not-modified', movedTo: 'https://other.example/f' }, POLICY, NOW).settingsChanges ?? {}),
      {
        url: 'https://other.example/f',
        seen: 1,
        since: NOW,
      },
    );
    const failed = planNextCheck(s, { kind: 'failed', error: 'x', permanent: false, gone: false }, POLICY, NOW);
    assert.equal(failed.settingsChanges, undefined, 'a failed check changes no settings');
    assert.equal(decideMove(source(), 'https://www.old.example/feed', NOW).kind, 'move', 'same site: at once');
  });

  it('a redirect from a public host onto a host only the allow list lets us reach is no move', () => {
    const via = new Map([
      ['public.example', false],
      ['intranet.example', true],
      ['other-intranet.example', true],
    ]);
    const look = (h: string) => via.get(h);
    const u = (s: string) => new URL(s);
    assert.ok(movesIntoAllowList(u('https://public.example/f'), u('https://intranet.example/f'), look));
    assert.ok(!movesIntoAllowList(u('https://intranet.example/f'), u('https://other-intranet.example/f'), look), 'already inside');
    assert.ok(!movesIntoAllowList(u('https://public.example/f'), u('https://public.example/g'), look));
    assert.ok(!movesIntoAllowList(u('https://intranet.example/f'), u('https://public.example/g'), look));
  });
});

describe('moves end to end', () => {
  let srv: FixtureServer;
  let h: Harness;
  const feed = rssFeed('Moving Wire', [{ guid: 'mv1', title: 'Moving story', link: 'https://moving.example/1' }]);
  const moveTo =
    (to: () => string) =>
    (_req: unknown, res: ServerResponse): void =>
      void res.writeHead(301, { location: to() }).end();
  let flakyMoves = true;
  // Every name is this machine; the guard lets 127.0.0.1 through (allowHosts), so all are "inside".
  const resolve: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];

  before(async () => {
    srv = await startFixtureServer({
      '/cross.xml': moveTo(() => `http://new-site.test:${srv.port}/moved.xml`),
      '/moved.xml': feedRoute(feed),
      '/www.xml': moveTo(() => `http://www.old-site.test:${srv.port}/moved.xml`),
      '/flaky.xml': (req, res) =>
        flakyMoves ? moveTo(() => `http://new-site.test:${srv.port}/moved2.xml`)(req, res) : feedRoute(feed)(req, res),
      '/moved2.xml': feedRoute(feed),
    });
    h = await harness({}, { resolve });
  });
  after(async () => {
    await h.close();
    await srv.close();
  });

  const at = (host: string, path: string) => `http://${host}:${srv.port}${path}`;

  it(`a move to another site waits for ${MOVE_SIGHTINGS} checks in a row; within the site it is at once`, async () => {
    const cross = (await h.store.sources.add({ url: at('old-site.test', '/cross.xml') })).source;
    const www = (await h.store.sources.add({ url: at('old-site.test', '/www.xml') })).source;
    await h.scheduler.pollOnce();
    assert.equal((await h.store.sources.get(www.id))?.url, at('www.old-site.test', '/moved.xml'), 'same site: moved at once');
    for (let i = 1; i < MOVE_SIGHTINGS; i++) {
      const s = await h.store.sources.get(cross.id);
      assert.equal(s?.status, 'ok');
      assert.equal(s?.url, at('old-site.test', '/cross.xml'), `not moved after ${i} checks`);
      assert.equal(pendingMoveOf(s?.settings ?? {})?.seen, i);
      await h.makeDue(cross.id);
      await h.scheduler.pollOnce();
    }
    const moved = await h.store.sources.get(cross.id);
    assert.equal(moved?.url, at('new-site.test', '/moved.xml'));
    assert.deepEqual(
      moved?.previousUrls.map((m) => m.url),
      [at('old-site.test', '/cross.xml')],
    );
    assert.equal(pendingMoveOf(moved?.settings ?? {}), undefined);
    assert.equal(await h.store.entries.count({ sourceId: cross.id }), 1, 'the entries were read all along');
  });

  it('a check that is not redirected starts the count again', async () => {
    const flaky = (await h.store.sources.add({ url: at('old-site.test', '/flaky.xml') })).source;
    const poll = async () => {
      await h.makeDue(flaky.id);
      await h.scheduler.pollOnce();
      return h.store.sources.get(flaky.id);
    };
    for (let i = 1; i < MOVE_SIGHTINGS; i++) assert.equal(pendingMoveOf((await poll())?.settings ?? {})?.seen, i);
    flakyMoves = false;
    assert.equal(pendingMoveOf((await poll())?.settings ?? {}), undefined);
    flakyMoves = true;
    const s = await poll();
    assert.equal(pendingMoveOf(s?.settings ?? {})?.seen, 1);
    assert.equal(s?.url, at('old-site.test', '/flaky.xml'));
  });

  it('the connection guard says when only the allow list let a connection through', async () => {
    const seen: [string, boolean][] = [];
    const agent = new Agent({
      connect: guardedConnector({
        allow: compileAllowList(['127.0.0.1']),
        resolve,
        connectTimeoutMs: 2000,
        onConnect: (host, via) => void seen.push([host, via]),
      }),
    });
    try {
      const res = await request(`${srv.url}/moved.xml`, { dispatcher: agent });
      await res.body.dump();
      const named = await request(at('Named.Test', '/moved.xml'), { dispatcher: agent });
      await named.body.dump();
    } finally {
      await agent.close();
    }
    assert.deepEqual(seen, [
      ['127.0.0.1', true],
      ['named.test', true],
    ]);
  });

  it('a source with private headers is never moved to another origin, and its headers stay home', async () => {
    const SECRET = 'Bearer pinned-7c1e0f';
    srv.route(
      '/pinned.xml',
      moveTo(() => `http://localhost:${srv.port}/moved.xml`),
    );
    srv.route(
      '/pinned-same.xml',
      moveTo(() => `${srv.url}/moved.xml`),
    );
    const f = deskFetcher(deskConfig(), `${srv.url}/pinned.xml`, { headers: { Authorization: SECRET } });
    try {
      const before = srv.requests.length;
      const cross = await f.fetch(`${srv.url}/pinned.xml`);
      assert.equal(cross.status, 200);
      assert.equal(cross.permanentUrl, undefined, 'another origin: followed, not a new address');
      const hops = srv.requests.slice(before);
      assert.equal(hops[0]?.headers.authorization, SECRET, 'the source’s own origin gets its header');
      assert.equal(hops[1]?.headers.authorization, undefined, 'the other origin does not');
      const same = await f.fetch(`${srv.url}/pinned-same.xml`);
      assert.equal(same.permanentUrl, `${srv.url}/moved.xml`, 'the same origin: a move as before');
    } finally {
      await f.close();
    }
  });
});
