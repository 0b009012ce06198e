// The scheduler against real feeds served on 127.0.0.1.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { Entry } from '../../src/domain/entry.js';
import { defaultReaders, type PipelineStep, type SourceReader } from '../../src/pipeline/index.js';
import { feedRoute, rssFeed, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { harness, type Harness } from '../ingest/harness.js';

const H = 3600_000;
const rfc822 = (t: number): string => new Date(t).toUTCString();

function items(prefix: string, n: number, gapMs = H): Parameters<typeof rssFeed>[1] {
  const now = Date.now();
  return Array.from({ length: n }, (_, i) => ({
    guid: `${prefix}-${i}`,
    title: `${prefix} story ${i}`,
    link: `https://news.example/${prefix}/${i}`,
    description: `<p>Body of ${prefix} story ${i}.</p>`,
    pubDate: rfc822(now - i * gapMs),
  }));
}

describe('Scheduler', () => {
  const open: (Harness | FixtureServer)[] = [];
  after(async () => {
    for (const x of open) await x.close();
  });
  async function setup(
    routes: Parameters<typeof startFixtureServer>[0] = {},
    o: Parameters<typeof harness>[0] = {},
    so: Parameters<typeof harness>[1] = {},
  ) {
    const srv = await startFixtureServer(routes);
    const h = await harness(o, so);
    open.push(srv, h);
    return { srv, h };
  }

  it('polls due sources, stores entries, then uses conditional GET', async () => {
    const { srv, h } = await setup({
      '/a.xml': feedRoute(rssFeed('Feed A', items('a', 3)), { etag: '"a1"' }),
      '/b.xml': feedRoute(rssFeed('Feed B', items('b', 2)), { lastModified: 'Mon, 02 Jun 2025 10:00:00 GMT' }),
    });
    const a = (await h.store.sources.add({ url: `${srv.url}/a.xml` })).source;
    const b = (await h.store.sources.add({ url: `${srv.url}/b.xml` })).source;
    const first = await h.scheduler.pollOnce();
    assert.equal(first.checked, 2);
    assert.equal(first.fetched, 2);
    assert.equal(first.inserted, 5);
    assert.equal(await h.store.entries.count({ sourceId: a.id }), 3);
    const sa = (await h.store.sources.get(a.id))!;
    assert.equal(sa.status, 'ok');
    assert.equal(sa.title, 'Feed A');
    assert.equal(sa.etag, '"a1"');
    assert.ok(sa.nextCheckAt > Date.now(), 'next check is in the future');
    assert.equal((await h.store.sources.getFeedMeta(a.id))?.title, 'Feed A');

    const idle = await h.scheduler.pollOnce();
    assert.equal(idle.checked, 0, 'nothing is due right after a poll');

    await h.makeDue(a.id);
    await h.makeDue(b.id);
    const second = await h.scheduler.pollOnce();
    assert.equal(second.notModified, 2);
    assert.equal(second.inserted, 0);
    assert.equal(srv.requests.filter((r) => r.path === '/a.xml').at(-1)?.headers['if-none-match'], '"a1"');
    assert.equal(srv.requests.filter((r) => r.path === '/b.xml').at(-1)?.headers['if-modified-since'], 'Mon, 02 Jun 2025 10:00:00 GMT');
  });

  it('adapts the interval to the publishing rate', async () => {
    const { srv, h } = await setup({
      '/fast.xml': { body: rssFeed('Fast', items('f', 10, 20 * 60_000)) },
      '/slow.xml': { body: rssFeed('Slow', items('s', 10, 24 * H)) },
    });
    const fast = (await h.store.sources.add({ url: `${srv.url}/fast.xml` })).source;
    const slow = (await h.store.sources.add({ url: `${srv.url}/slow.xml` })).source;
    await h.scheduler.pollOnce();
    const f = (await h.store.sources.get(fast.id))!;
    const s = (await h.store.sources.get(slow.id))!;
    assert.equal(f.intervalSeconds, 600);
    assert.equal(s.intervalSeconds, 12 * 3600);
    assert.ok(s.nextCheckAt - f.nextCheckAt > 10 * H);
  });

  it('takes Cache-Control max-age as the earliest next check', async () => {
    const { srv, h } = await setup({
      '/cached.xml': { headers: { 'cache-control': 'max-age=7200' }, body: rssFeed('Cached', items('m', 10, 60_000)) },
    });
    const src = (await h.store.sources.add({ url: `${srv.url}/cached.xml` })).source;
    const t0 = Date.now();
    await h.scheduler.pollOnce();
    const s = (await h.store.sources.get(src.id))!;
    assert.equal(s.intervalSeconds, 60, 'the publishing rate alone would poll every minute');
    assert.ok(s.nextCheckAt >= t0 + 7200_000, 'but max-age says not before two hours');
  });

  it('respects the per-host concurrency limit', async () => {
    let inFlight = 0;
    let peak = 0;
    const slowFeed = rssFeed('S', items('x', 1));
    const { srv, h } = await setup({}, { workers: 8, perHostConcurrency: 2 });
    for (let i = 0; i < 10; i++) {
      srv.route(`/s${i}.xml`, (_req, res) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        setTimeout(() => {
          inFlight--;
          res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(slowFeed);
        }, 30);
      });
      await h.store.sources.add({ url: `${srv.url}/s${i}.xml` });
    }
    const s = await h.scheduler.pollOnce();
    assert.equal(s.checked, 10);
    assert.equal(s.fetched, 10);
    assert.ok(peak <= 2, `peak concurrency to one host was ${peak}`);
  });

  it('keeps a failing source with its reason and error count, and never loses its entries', async () => {
    const { srv, h } = await setup({ '/flaky.xml': { body: rssFeed('Flaky', items('k', 4)) } });
    const src = (await h.store.sources.add({ url: `${srv.url}/flaky.xml` })).source;
    await h.scheduler.pollOnce();
    assert.equal(await h.store.entries.count({ sourceId: src.id }), 4);
    srv.route('/flaky.xml', { status: 500, body: 'oops' });
    const nexts: number[] = [];
    for (let i = 0; i < 3; i++) {
      await h.makeDue(src.id);
      const before = Date.now();
      const sum = await h.scheduler.pollOnce();
      assert.equal(sum.failed, 1);
      nexts.push((await h.store.sources.get(src.id))!.nextCheckAt - before);
    }
    const s = (await h.store.sources.get(src.id))!;
    assert.equal(s.status, 'failing');
    assert.equal(s.errorCount, 3);
    assert.match(s.lastError ?? '', /HTTP 500/);
    assert.ok(nexts[1]! > nexts[0]! && nexts[2]! > nexts[1]!, `backoff grows: ${nexts.join(', ')}`);
    assert.equal(await h.store.entries.count({ sourceId: src.id }), 4, 'stored entries survive the failures');
    assert.equal((await h.store.sources.list()).length, 1, 'the source is not dropped');

    srv.route('/flaky.xml', { body: rssFeed('Flaky', items('k', 5)) });
    await h.makeDue(src.id);
    await h.scheduler.pollOnce();
    const healed = (await h.store.sources.get(src.id))!;
    assert.equal(healed.status, 'ok');
    assert.equal(healed.errorCount, 0);
    assert.equal(healed.lastError, null);
    assert.equal(await h.store.entries.count({ sourceId: src.id }), 5);
  });

  it('runs registered entry steps on inserted entries only, and survives a failing step', async () => {
    const seen: string[] = [];
    const steps: PipelineStep[] = [
      {
        name: 'boom',
        run: async () => {
          throw new Error('step failed');
        },
      },
      { name: 'record', run: async (entries: Entry[]) => void seen.push(...entries.map((e) => e.title)) },
    ];
    const { srv, h } = await setup({ '/steps.xml': { body: rssFeed('Steps', items('t', 2)) } }, {}, { steps });
    const src = (await h.store.sources.add({ url: `${srv.url}/steps.xml` })).source;
    await h.scheduler.pollOnce();
    assert.deepEqual(seen.sort(), ['t story 0', 't story 1']);
    await h.makeDue(src.id);
    await h.scheduler.pollOnce();
    assert.equal(seen.length, 2, 'nothing new, no step run');
    assert.equal((await h.store.sources.get(src.id))!.status, 'ok');
  });

  it('reads each source by its kind: a kind with no reader fails clearly, a reader passed in is used', async () => {
    const readers = defaultReaders();
    readers.delete('sitemap');
    const { srv, h } = await setup({ '/sitemap.xml': { body: '<urlset/>' } }, {}, { readers });
    const sm = (await h.store.sources.add({ url: `${srv.url}/sitemap.xml`, kind: 'sitemap' })).source;
    await h.scheduler.pollOnce();
    const failed = (await h.store.sources.get(sm.id))!;
    assert.equal(failed.status, 'failing');
    assert.match(failed.lastError ?? '', /sources of kind "sitemap" cannot be polled yet/);
    assert.equal(srv.hits('/sitemap.xml'), 0);

    const mapped: SourceReader = async (source) => ({
      notModified: false,
      etag: null,
      lastModified: null,
      wireBytes: 0,
      settings: { cursor: 'c1' },
      feed: {
        version: '',
        bozo: false,
        feed: { title: 'From a sitemap' },
        entries: [{ id: 'x', title: 'Mapped', link: `${source.url}#x` }],
      },
    });
    // The scheduler reads the table it was given on every check, so adding a kind takes effect at once.
    readers.set('sitemap', mapped);
    await h.makeDue(sm.id);
    await h.scheduler.pollOnce();
    const ok = (await h.store.sources.get(sm.id))!;
    assert.equal(ok.status, 'ok');
    assert.equal(ok.title, 'From a sitemap');
    assert.equal(await h.store.entries.count({ sourceId: sm.id }), 1);
    assert.deepEqual(ok.settings, { cursor: 'c1' }, "the reader's settings are stored with the check");
  });

  it('checks each source once per pollOnce even when it is due again before the poll ends', async () => {
    const { srv, h } = await setup({}, { workers: 1, minIntervalSeconds: 1 }, {});
    const busyFeed = (): string => rssFeed('Busy', items(`b${Date.now()}`, 5, 1000));
    for (let i = 0; i < 5; i++) {
      srv.route(`/busy${i}.xml`, (_req, res) => void setTimeout(() => res.writeHead(200).end(busyFeed()), 400));
      await h.store.sources.add({ url: `${srv.url}/busy${i}.xml` });
    }
    const s = await h.scheduler.pollOnce();
    assert.equal(s.checked, 5);
    for (let i = 0; i < 5; i++) assert.equal(srv.hits(`/busy${i}.xml`), 1, `busy${i} fetched once`);
    const again = await h.scheduler.pollOnce();
    assert.ok(again.checked >= 1, 'the held sources were released for the next poll');
  });

  it('polls continuously with start() and stops cleanly', async () => {
    const { srv, h } = await setup({ '/c.xml': { body: rssFeed('C', items('c', 1)) } }, {}, { maxSleepMs: 50 });
    await h.store.sources.add({ url: `${srv.url}/c.xml` });
    const rounds: number[] = [];
    h.scheduler.start((s) => rounds.push(s.checked));
    for (let i = 0; i < 1500 && srv.hits('/c.xml') === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await h.scheduler.stop();
    assert.equal(srv.hits('/c.xml'), 1);
    assert.equal(await h.store.entries.count(), 1);
  });
});
