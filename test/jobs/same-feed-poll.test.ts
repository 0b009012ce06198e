// p-dupsources: two sources of one feed address under two spellings, as a store held them before
// migration 46 (written at schema 45, then migrated). Every add path refuses a second spelling
// since, but these stay: which to delete is the editor's decision. Both were polled, so the
// outlet's server was fetched twice a round and every story arrived twice. Now only the lowest id
// that is not paused is polled; the other is marked "not polled: same feed as #N" on the desk, in
// the API and in `newsdesk sources`; removed or paused, the next one is polled again. Both dialects.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pino } from 'pino';
import { sourcesTable } from '../../src/cli/commands/sources.js';
import { sameFeedGroups } from '../../src/domain/same-feed.js';
import { Scheduler } from '../../src/jobs/scheduler.js';
import { warnSameFeeds } from '../../src/server/same-feed-warning.js';
import type { Store } from '../../src/store/store.js';
import { deskConfig, mountDesk } from '../desk/helpers.js';
import { forEachDialect, type Dialect } from '../helpers/dialects.js';
import { type FixtureServer, feedRoute, rssFeed, startFixtureServer } from '../helpers/fixture-server.js';
import { runCli } from '../helpers/run-cli.js';
import { silentLog, testConfig } from '../ingest/harness.js';

const FEED = rssFeed('Wire', [
  { guid: 'g1', title: 'One', link: 'https://news.example/1', description: 'One.' },
  { guid: 'g2', title: 'Two', link: 'https://news.example/2', description: 'Two.' },
]);

/** A store at schema 45 holding `rows` (id, url, title), opened at the latest schema (migration 46 keys them). */
async function storeWith(d: Dialect, rows: [number, string, string][]): Promise<Store> {
  const at = await d.at(45);
  const sql = 'INSERT INTO sources (id, url, title, next_check_at, interval_seconds, created_at) VALUES';
  if (at.dialect === 'sqlite') {
    const ins = at.db.prepare(`${sql} (?, ?, ?, 0, 600, 0)`);
    for (const r of rows) ins.run(...r);
  } else {
    for (const r of rows) await at.pool.query(`${sql} ($1, $2, $3, 0, 600, 0)`, r);
  }
  return at.open();
}

async function pollRound(store: Store): Promise<void> {
  const config = testConfig(join(mkdtempSync(join(tmpdir(), 'newsdesk-samefeed-')), 'unused.db'));
  const scheduler = new Scheduler({ store, config, log: silentLog });
  try {
    await scheduler.pollOnce();
  } finally {
    await scheduler.close();
  }
}

forEachDialect((d) => {
  describe(`sources sharing a feed address (${d.name})`, () => {
    let srv: FixtureServer;
    before(async () => {
      srv = await startFixtureServer({ '/feed.xml': feedRoute(FEED) });
    });
    after(async () => {
      await srv.close();
    });

    test('one fetch of the feed a scheduler round; removing the one polled polls the next', { timeout: 60_000 }, async () => {
      const upper = srv.url.replace('http://', 'HTTP://');
      const store = await storeWith(d, [
        [1, `${srv.url}/feed.xml`, 'Wire'],
        [2, `${upper}/feed.xml#latest`, 'Wire again'],
      ]);
      const fetches = (): number => srv.requests.filter((r) => r.path === '/feed.xml').length;
      srv.requests.length = 0;
      await pollRound(store);
      assert.equal(fetches(), 1, 'the feed is fetched once');
      assert.notEqual((await store.sources.get(1))?.lastCheckedAt, null);
      assert.equal((await store.sources.get(2))?.lastCheckedAt, null, 'the second spelling is not polled');
      assert.equal(await store.entries.count({ sourceId: 1 }), 2);
      // Not due either: the scheduler does not wake for it (nextDueAt is #1's next check).
      assert.equal(await store.sources.nextDueAt(), (await store.sources.get(1))?.nextCheckAt);
      // #1 removed: #2 is due (its next check long past) and read in the next round; nothing of it was lost.
      assert.equal(await store.sources.remove(1), true);
      await pollRound(store);
      assert.equal(fetches(), 2);
      assert.notEqual((await store.sources.get(2))?.lastCheckedAt, null);
      assert.equal(await store.entries.count({ sourceId: 2 }), 2);
      assert.equal((await store.sources.sameFeeds()).size, 0);
    });

    test('claimDue and nextDueAt: the lowest id not paused; paused, the next spelling is polled', async () => {
      const store = await storeWith(d, [
        [1, 'https://wire.example/feed.xml', 'Wire'],
        [2, 'HTTPS://Wire.Example/feed.xml', 'Wire again'],
        [3, 'https://wire.example:443/%66eed.xml', 'Wire thrice'],
        [4, 'https://else.example/f', 'Else'],
      ]);
      const now = await store.clock.now();
      const claim = async (): Promise<number[]> => {
        const got = (await store.sources.claimDue(now, 100, `w${Math.random()}`, 60_000)).map((s) => s.id);
        // Checked: due again in an hour, so the next claim shows who else is due.
        for (const id of got) await store.sources.finishCheck(id, { nextCheckAt: now + 3_600_000 });
        return got.sort((a, b) => a - b);
      };
      assert.deepEqual(await claim(), [1, 4]);
      const same = await store.sources.sameFeeds();
      assert.deepEqual(
        [...same.keys()].sort((a, b) => a - b),
        [1, 2, 3],
      );
      assert.deepEqual(
        same.get(2)?.others.map((o) => o.id),
        [1, 3],
      );
      assert.equal(same.get(2)?.polledBy?.id, 1);
      assert.equal(same.get(2)?.polledBy?.title, 'Wire');
      assert.equal(same.get(1)?.polledBy, null);
      assert.deepEqual(sameFeedGroups(same), [{ ids: [1, 2, 3], polled: 1 }]);
      // The editor pauses #1: #2 reads the feed, #3 still waits.
      await store.sources.update(1, { status: 'disabled' });
      assert.deepEqual(await claim(), [2]);
      const paused = await store.sources.sameFeeds();
      assert.equal(paused.get(1)?.polledBy, null, 'paused for its own reason');
      assert.equal(paused.get(3)?.polledBy?.id, 2);
      // Every one paused: none polled, nothing due.
      await store.sources.update(2, { status: 'disabled' });
      await store.sources.update(3, { status: 'disabled' });
      await store.sources.update(4, { status: 'disabled' });
      assert.deepEqual(await claim(), []);
      assert.equal(await store.sources.nextDueAt(), undefined);
    });

    test('the mark: desk sources page and source page (en, ar, fa), API, newsdesk sources, the start warning', async () => {
      const store = await storeWith(d, [
        [1, 'https://wire.example/feed.xml', 'Wire'],
        [2, 'HTTPS://Wire.Example/feed.xml', 'Wire again'],
        [3, 'https://else.example/f', 'Else'],
      ]);
      const desk = await mountDesk(store);
      try {
        const page = await (await desk.request('/desk/sources')).text();
        const row = (id: number): string => page.split(`<tr data-source="${id}">`)[1]?.split('</tr>')[0] ?? '';
        assert.match(row(2), /data-not-polled="1"/);
        assert.match(row(2), /not polled: same feed as <a href="\/desk\/sources\/1" data-same-feed="1"><bdi>#1 Wire<\/bdi><\/a>/);
        assert.match(row(1), /same feed as <a href="\/desk\/sources\/2" data-same-feed="2"><bdi>#2 Wire again<\/bdi><\/a>/);
        assert.doesNotMatch(row(1), /not polled/);
        assert.doesNotMatch(row(3), /same feed/);
        const one = await (await desk.request('/desk/sources/2')).text();
        assert.match(one, /not polled: same feed as <a href="\/desk\/sources\/1"/);
        assert.match(one, /Only the oldest that is not disabled is polled/);
        assert.doesNotMatch(await (await desk.request('/desk/sources/3')).text(), /same feed/);
        const ar = await (await desk.request('/desk/sources/2', { headers: { 'accept-language': 'ar' } })).text();
        assert.match(ar, /لا يُجلب: الخلاصة نفسها مثل <a href="\/desk\/sources\/1"/);
        const fa = await (await desk.request('/desk/sources', { headers: { 'accept-language': 'fa' } })).text();
        assert.match(fa, /دریافت نمی‌شود: همان خوراکِ <a href="\/desk\/sources\/1"/);

        const list = (await (await desk.request('/api/v1/sources')).json()) as {
          items: { id: number; sameFeedAs: number[]; feedPolledBy: number | null }[];
        };
        assert.deepEqual(
          list.items.map((s) => [s.id, s.sameFeedAs, s.feedPolledBy]),
          [
            [1, [2], null],
            [2, [1], 1],
            [3, [], null],
          ],
        );
        const got = await desk.request('/api/v1/sources/2');
        assert.deepEqual(((await got.json()) as { sameFeedAs: number[] }).sameFeedAs, [1]);
        // The ETag of that answer is what a write's If-Match is compared with: a DELETE with it removes #2.
        const tag = got.headers.get('etag') ?? '';
        assert.ok(tag);
        const writeDesk = await mountDesk(store, { config: deskConfig({ apiToken: 'p-dupsources-token-0123456789' }) });
        try {
          const del = await writeDesk.request('/api/v1/sources/2', {
            method: 'DELETE',
            headers: { authorization: 'Bearer p-dupsources-token-0123456789', 'if-match': tag },
          });
          assert.equal(del.status, 204);
        } finally {
          await writeDesk.stop();
        }
      } finally {
        await desk.stop();
      }
      // Back to two for the CLI's table and the warning.
      const again = await storeWith(d, [
        [1, 'https://wire.example/feed.xml', 'Wire'],
        [2, 'HTTPS://Wire.Example/feed.xml', 'Wire again'],
      ]);
      const [sources, same] = await Promise.all([again.sources.list(), again.sources.sameFeeds()]);
      const table = sourcesTable(sources, await again.clock.now(), same);
      assert.match(table, /not polled: same feed as #1 Wire <https:\/\/wire\.example\/feed\.xml>/);
      assert.match(table, /same feed as #2 Wire again <HTTPS:\/\/Wire\.Example\/feed\.xml>/);
      const lines: string[] = [];
      const log = pino({ level: 'info' }, { write: (l: string) => void lines.push(l) });
      await warnSameFeeds(again, log);
      assert.equal(lines.length, 1);
      const warned = JSON.parse(lines[0]!) as { level: number; sameFeeds: unknown; msg: string };
      assert.equal(warned.level, 40);
      assert.deepEqual(warned.sameFeeds, [{ sources: [1, 2], polled: 1, notPolled: [2] }]);
      assert.match(warned.msg, /newsdesk remove ID/);
    });

    if (d.name === 'sqlite')
      test('newsdesk sources (a real process) prints the mark; --json carries sameFeedAs and feedPolledBy', {
        timeout: 60_000,
      }, async () => {
        const store = await storeWith(d, [
          [1, 'https://wire.example/feed.xml', 'Wire'],
          [2, 'HTTPS://Wire.Example/feed.xml', 'Wire again'],
        ]);
        const path = d.placeOf(store);
        await store.close();
        const out = await runCli(['sources', '--db', path]);
        assert.equal(out.code, 0, out.stderr);
        assert.match(out.stdout, /not polled: same feed as #1 Wire/);
        const json = await runCli(['sources', '--db', path, '--json']);
        const rows = JSON.parse(json.stdout) as { id: number; sameFeedAs: number[]; feedPolledBy: number | null }[];
        assert.deepEqual(
          rows.map((r) => [r.id, r.sameFeedAs, r.feedPolledBy]),
          [
            [1, [2], null],
            [2, [1], 1],
          ],
        );
      });
  });
});
