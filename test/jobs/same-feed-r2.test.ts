// r2-dupsources: a hostile review of p-dupsources (one poll per feed address held under two
// spellings). Fixed: a source of another kind (a listing page, a news sitemap) at a feed's address
// held the feed source off — the page reader cannot read a feed, so the feed was read by nobody;
// two hand-inserted rows with an empty key were taken for one address; a peer with an empty title
// was named "#2 " alone. Pinned (held): a NULL key is polled; a "gone" lower id is paused and the
// next spelling polled; the desk's mark isolates an RTL title, escapes HTML and redacts a token in
// the other spelling's query; the start warning names no address. Real stores on both dialects, real scheduler rounds against a local server.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pino } from 'pino';
import { Scheduler } from '../../src/jobs/scheduler.js';
import { warnSameFeeds } from '../../src/server/same-feed-warning.js';
import type { Store } from '../../src/store/store.js';
import { deskConfig, mountDesk } from '../desk/helpers.js';
import { forEachDialect, type Dialect } from '../helpers/dialects.js';
import { type FixtureServer, feedRoute, rssFeed, startFixtureServer } from '../helpers/fixture-server.js';
import { silentLog, testConfig } from '../ingest/harness.js';

const FEED = rssFeed('Wire', [
  { guid: 'g1', title: 'One', link: 'https://news.example/1', description: 'One.' },
  { guid: 'g2', title: 'Two', link: 'https://news.example/2', description: 'Two.' },
]);

type Row = [id: number, url: string, title: string, kind: string];

/** A store at schema 45 holding `rows`, opened at the latest schema (migration 46 keys them). */
async function storeAt45(d: Dialect, rows: Row[]): Promise<Store> {
  const at = await d.at(45);
  const sql = 'INSERT INTO sources (id, url, title, kind, next_check_at, interval_seconds, created_at) VALUES';
  if (at.dialect === 'sqlite') {
    const ins = at.db.prepare(`${sql} (?, ?, ?, ?, 0, 600, 0)`);
    for (const r of rows) ins.run(...r);
  } else {
    for (const r of rows) await at.pool.query(`${sql} ($1, $2, $3, $4, 0, 600, 0)`, r);
  }
  return at.open();
}

/** A store at the latest schema with rows inserted by hand, feed_key as given (null: left out). */
async function handInserted(d: Dialect, rows: [id: number, url: string, key: string | null][]): Promise<Store> {
  const at = await d.at(47);
  const sql = 'INSERT INTO sources (id, url, title, feed_key, next_check_at, interval_seconds, created_at) VALUES';
  if (at.dialect === 'sqlite') {
    const ins = at.db.prepare(`${sql} (?, ?, 'Hand', ?, 0, 600, 0)`);
    for (const r of rows) ins.run(...r);
  } else {
    for (const r of rows) await at.pool.query(`${sql} ($1, $2, 'Hand', $3, 0, 600, 0)`, r);
  }
  return at.open();
}

async function pollRound(store: Store): Promise<void> {
  const config = testConfig(join(mkdtempSync(join(tmpdir(), 'newsdesk-samefeed-r2-')), 'unused.db'));
  const scheduler = new Scheduler({ store, config, log: silentLog });
  try {
    await scheduler.pollOnce();
  } finally {
    await scheduler.close();
  }
}

async function claimAll(store: Store): Promise<number[]> {
  const now = await store.clock.now();
  return (await store.sources.claimDue(now, 100, 'r2-dupsources', 60_000)).map((s) => s.id).sort((a, b) => a - b);
}

forEachDialect((d) => {
  describe(`sources sharing a feed address, r2 review (${d.name})`, () => {
    let srv: FixtureServer;
    before(async () => {
      srv = await startFixtureServer({ '/feed.xml': feedRoute(FEED), '/gone.xml': { status: 410, body: 'gone' } });
      srv.route('/old.xml', { status: 301, headers: { location: `${srv.url}/feed.xml` } });
    });
    after(async () => {
      await srv.close();
    });

    test('a news-sitemap source at the feed address does not hold the feed source off (main: feed read by nobody)', {
      timeout: 60_000,
    }, async () => {
      const upper = srv.url.replace('http://', 'HTTP://');
      const store = await storeAt45(d, [
        [1, `${srv.url}/feed.xml`, 'Wire as a sitemap', 'sitemap'],
        [2, `${upper}/feed.xml#latest`, 'Wire', 'feed'],
      ]);
      assert.equal((await store.sources.sameFeeds()).size, 0, 'another kind reads the address otherwise: no pair');
      await pollRound(store);
      assert.notEqual((await store.sources.get(2))?.lastCheckedAt, null, 'the feed source is polled');
      assert.equal(await store.entries.count({ sourceId: 2 }), 2);
      const s1 = await store.sources.get(1);
      assert.notEqual(s1?.lastCheckedAt, null);
      assert.notEqual(s1?.status, 'disabled', 'the sitemap reader failing on a feed does not pause it');
    });

    test('a listing page and a feed of one key are both claimed (main: the feed held off); two feeds of it once', async () => {
      const store = await storeAt45(d, [
        [1, 'https://wire.example/news', 'Wire page', 'page'],
        [2, 'HTTPS://Wire.Example/news', 'Wire feed', 'feed'],
        [3, 'https://wire.example:443/news', 'Wire feed again', 'feed'],
      ]);
      assert.deepEqual(await claimAll(store), [1, 2]);
      const same = await store.sources.sameFeeds();
      assert.deepEqual([...same.keys()].sort(), [2, 3]);
      assert.equal(same.get(3)?.polledBy?.id, 2);
    });

    test('two hand-inserted rows with an empty key are two sources (main: one not polled); NULL keys are polled (held)', async () => {
      const store = await handInserted(d, [
        [1, 'https://one.example/feed', ''],
        [2, 'https://two.example/feed', ''],
        [3, 'https://three.example/feed', null],
        [4, 'HTTPS://Three.Example/feed', null],
      ]);
      assert.deepEqual(await claimAll(store), [1, 2, 3, 4]);
      assert.equal((await store.sources.sameFeeds()).size, 0);
      assert.equal(await store.sources.nextDueAt(), 0);
    });

    test('pinned: a "gone" lower id is paused by its check and the next spelling is polled in the next round', {
      timeout: 60_000,
    }, async () => {
      const upper = srv.url.replace('http://', 'HTTP://');
      const store = await storeAt45(d, [
        [1, `${srv.url}/gone.xml`, 'Gone', 'feed'],
        [2, `${upper}/gone.xml`, 'Gone again', 'feed'],
      ]);
      srv.requests.length = 0;
      await pollRound(store);
      // #2 may be claimed in the same round, once #1's check paused it (the round claims again).
      assert.ok(srv.hits('/gone.xml') >= 1);
      assert.equal((await store.sources.get(1))?.status, 'disabled');
      assert.equal((await store.sources.sameFeeds()).get(2)?.polledBy, null, 'no longer held off');
      await pollRound(store);
      assert.equal(srv.hits('/gone.xml'), 2, 'each spelling asked once: never both at once, never none');
      assert.equal((await store.sources.get(2))?.status, 'disabled');
      assert.equal(await store.sources.nextDueAt(), undefined);
    });

    test('the desk mark names an untitled peer by its redacted address (main: "#2 " alone); RTL isolated, HTML escaped, warning without address (held)', async () => {
      const store = await storeAt45(d, [
        [1, 'https://wire.example/feed.xml?token=s3cr3t-one', 'خبر <b>عاجل</b>', 'feed'],
        [2, 'HTTPS://Wire.Example/feed.xml?token=s3cr3t-one#x', '', 'feed'],
      ]);
      const desk = await mountDesk(store);
      try {
        const page = await (await desk.request('/desk/sources')).text();
        const row = (id: number): string => page.split(`<tr data-source="${id}">`)[1]?.split('</tr>')[0] ?? '';
        assert.match(row(2), /<bdi>#1 خبر &lt;b&gt;عاجل&lt;\/b&gt;<\/bdi>/);
        // #2 has an empty title: named by its address, redacted.
        const one = await (await desk.request('/desk/sources/1')).text();
        assert.match(one, /<bdi>#2 (?:HTTPS|https):\/\/[^<]*token=redacted[^<]*<\/bdi>/i);
        assert.doesNotMatch(page + one, /s3cr3t/);
        const api = await (await desk.request('/api/v1/sources')).text();
        assert.doesNotMatch(api, /s3cr3t/);
      } finally {
        await desk.stop();
      }
      const lines: string[] = [];
      await warnSameFeeds(store, pino({ level: 'info' }, { write: (l: string) => void lines.push(l) }));
      assert.equal(lines.length, 1);
      assert.doesNotMatch(lines[0]!, /s3cr3t|wire\.example/i);
    });

    test("pinned: pausing #1 changes #2's ETag (feedPolledBy), so a DELETE with the ETag read before is refused", async () => {
      const store = await storeAt45(d, [
        [1, 'https://wire.example/feed.xml', 'Wire', 'feed'],
        [2, 'HTTPS://Wire.Example/feed.xml', 'Wire again', 'feed'],
      ]);
      const token = 'r2-dupsources-token-0123456789';
      const desk = await mountDesk(store, { config: deskConfig({ apiToken: token }) });
      try {
        const auth = { authorization: `Bearer ${token}` };
        const before = await desk.request('/api/v1/sources/2', { headers: auth });
        const tag = before.headers.get('etag') ?? '';
        assert.equal(((await before.json()) as { feedPolledBy: number | null }).feedPolledBy, 1);
        await store.sources.update(1, { status: 'disabled' });
        const now = await desk.request('/api/v1/sources/2', { headers: auth });
        assert.equal(((await now.json()) as { feedPolledBy: number | null }).feedPolledBy, null);
        assert.notEqual(now.headers.get('etag'), tag);
        const stale = await desk.request('/api/v1/sources/2', { method: 'DELETE', headers: { ...auth, 'if-match': tag } });
        assert.equal(stale.status, 412);
        const fresh = await desk.request('/api/v1/sources/2', {
          method: 'DELETE',
          headers: { ...auth, 'if-match': now.headers.get('etag') ?? '' },
        });
        assert.equal(fresh.status, 204);
      } finally {
        await desk.stop();
      }
    });

    test('left alone, pinned: the polled spelling moved by a 301 frees the other, which then follows the redirect each round (as main)', {
      timeout: 60_000,
    }, async () => {
      const upper = srv.url.replace('http://', 'HTTP://');
      const store = await storeAt45(d, [
        [1, `${srv.url}/old.xml`, 'Wire', 'feed'],
        [2, `${upper}/old.xml#x`, 'Wire again', 'feed'],
      ]);
      await pollRound(store);
      assert.equal((await store.sources.get(1))?.url, `${srv.url}/feed.xml`, 'moved at once (same site)');
      assert.equal((await store.sources.sameFeeds()).size, 0, 'no longer one key');
      await pollRound(store);
      // Due again at once: both are claimed, #2 redirected to #1's address and not moved onto it.
      for (const id of [1, 2]) await store.sources.finishCheck(id, { nextCheckAt: 0 });
      srv.requests.length = 0;
      await pollRound(store);
      assert.equal(srv.hits('/old.xml'), 1, '#2 still asks its old address');
      assert.equal(srv.hits('/feed.xml'), 2, 'the feed is fetched twice a round');
      assert.equal((await store.sources.get(2))?.url, `${upper}/old.xml#x`);
    });
  });
});
