// A check of a huge sitemap stores at most maxNewEntriesPerCheck new entries, newest first; only
// those are adapted (adapting 50,000 URLs to keep 500 was the check's longest stretch on the
// event loop). What is stored must be what adapting every URL first would store.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import type { HttpFetcher } from '../../../src/ingest/fetch/index.js';
import { sitemapToParsedFeed } from '../../../src/ingest/sitemap/to-entries.js';
import { parseSitemap } from '../../../src/ingest/sitemap/parse.js';
import type { SchedulePolicy } from '../../../src/pipeline/next-check.js';
import { adaptEntries, defaultReaders, refreshSource, type SourceReader } from '../../../src/pipeline/index.js';
import { SqliteStore } from '../../../src/store/sqlite/index.js';
import type { Store } from '../../../src/store/store.js';
import { startFixtureServer, type FixtureServer } from '../../helpers/fixture-server.js';
import { loopbackFetcher } from '../../helpers/loopback-fetcher.js';

const policy: SchedulePolicy = {
  defaultIntervalSeconds: 1800,
  minIntervalSeconds: 300,
  maxIntervalSeconds: 86400,
  maxBackoffSeconds: 6 * 3600,
};
const NOW = Date.parse('2026-03-10T12:00:00Z');
const CAP = 500;

/** 20,000 URLs; lastmods repeat (many ties), some are missing, some are days in the future. */
function bigSitemap(base: string, section: string, n: number): string {
  const urls: string[] = [];
  for (let i = 0; i < n; i++) {
    const loc = `${base}/${section}/${i % 7 === 0 ? 'section' : 'story'}-${i}-harbour-lights`;
    if (i % 97 === 0) urls.push(`<url><loc>${loc}</loc></url>`);
    else if (i % 1009 === 0) urls.push(`<url><loc>${loc}</loc><lastmod>2026-03-2${i % 9}T08:00:00Z</lastmod></url>`);
    else {
      const day = String(1 + (i % 9)).padStart(2, '0');
      const hour = String((i * 7) % 24).padStart(2, '0');
      urls.push(`<url><loc>${loc}</loc><lastmod>2026-03-${day}T${hour}:00:00Z</lastmod></url>`);
    }
  }
  return `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.join('')}</urlset>`;
}

/** What adapting every URL and ordering them all, as a check did before, keeps: dedupe keys in order. */
function reference(xml: string, url: string): string[] {
  const feed = sitemapToParsedFeed(parseSitemap(Buffer.from(xml), url).urls, url);
  return adaptEntries(feed, NOW)
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (b.e.publishedAt ?? Number.NEGATIVE_INFINITY) - (a.e.publishedAt ?? Number.NEGATIVE_INFINITY) || a.i - b.i)
    .map((x) => x.e.dedupeKey);
}

describe('a capped check of a huge sitemap adapts only what it keeps', () => {
  let srv: FixtureServer;
  let fetcher: HttpFetcher;
  let store: Store;
  let xml: string;
  let xml2: string;
  before(async () => {
    srv = await startFixtureServer();
    xml = bigSitemap(srv.url, 'news', 20_000);
    xml2 = bigSitemap(srv.url, 'world', 20_000);
    srv.route('/big.xml', { headers: { 'content-type': 'application/xml' }, body: xml });
    srv.route('/big2.xml', { headers: { 'content-type': 'application/xml' }, body: xml2 });
    fetcher = loopbackFetcher(1 << 25);
    store = await SqliteStore.open({ path: join(mkdtempSync(join(tmpdir(), 'newsdesk-keep-newest-')), 'test.db') });
  });
  after(async () => {
    await store.close();
    await fetcher.close();
    await srv.close();
  });

  const depsWith = (reader: SourceReader) => {
    const readers = defaultReaders();
    readers.set('sitemap', reader);
    return { store, fetcher, policy, log: pino({ level: 'silent' }), maxNewEntriesPerCheck: CAP, now: () => NOW, readers };
  };

  it('a feed of 20,000 sitemap entries: the adapter reads at most 500 of them', async () => {
    const real = defaultReaders().get('sitemap')!;
    let adapted = 0;
    // The sitemap's read as a plain feed (no cheaper view of its items): each entry counts the
    // reads of its title, which adapting an entry makes once.
    const counting: SourceReader = async (source, f, ctx) => {
      const { pending: _pending, ...read } = await real(source, f, ctx);
      const feed = read.feed!;
      const entries = feed.entries.map(
        (e) =>
          new Proxy(e, {
            get(target, key, receiver) {
              if (key === 'title') adapted++;
              return Reflect.get(target, key, receiver);
            },
          }),
      );
      return { ...read, feed: { ...feed, entries } };
    };
    const { source } = await store.sources.add({ url: `${srv.url}/big.xml`, kind: 'sitemap' });
    const r = await refreshSource(source, depsWith(counting));
    assert.equal(r.outcome.kind, 'fetched', JSON.stringify(r.outcome));
    assert.equal(r.inserted.length, CAP);
    assert.equal(r.capped, true);
    assert.ok(adapted <= CAP, `${adapted} of 20,000 entries adapted to store ${CAP}`);
    assert.deepEqual(
      r.inserted.map((e) => e.dedupeKey),
      reference(xml, `${srv.url}/big.xml`).slice(0, CAP),
    );
  });

  it('through the sitemap reader: the newest 500 adapted and stored, then the next 500 past the known ones', async () => {
    const real = defaultReaders().get('sitemap')!;
    let adapted = 0;
    const counting: SourceReader = async (source, f, ctx) => {
      const read = await real(source, f, ctx);
      const pending = read.pending;
      return pending
        ? {
            ...read,
            pending: {
              count: pending.count,
              publishedAt: (i, now) => pending.publishedAt(i, now),
              adapt: (i, now) => {
                adapted++;
                return pending.adapt(i, now);
              },
              publishedTimes: () => pending.publishedTimes(),
            },
          }
        : read;
    };
    // Other URLs than the first test's: a URL another source stored is not new here.
    const { source } = await store.sources.add({ url: `${srv.url}/big2.xml`, kind: 'sitemap' });
    const expected = reference(xml2, `${srv.url}/big2.xml`);
    const deps = depsWith(counting);
    const first = await refreshSource(source, deps);
    assert.equal(first.outcome.kind, 'fetched', JSON.stringify(first.outcome));
    assert.ok(adapted > 0 && adapted <= CAP, `${adapted} of 20,000 sitemap URLs adapted to store ${CAP}`);
    assert.deepEqual(
      first.inserted.map((e) => e.dedupeKey),
      expected.slice(0, CAP),
    );
    assert.equal((await store.sources.get(source.id))!.settings.sitemapCursor, undefined, 'cursor advanced past URLs not taken');
    // The second check finds the newest 500 known (this source's own): it stores the next 500.
    adapted = 0;
    const second = await refreshSource((await store.sources.get(source.id))!, deps);
    assert.equal(second.capped, true);
    assert.equal(second.unchanged + second.updated, CAP);
    assert.ok(adapted <= 2 * CAP, `${adapted} adapted for the second 500`);
    assert.deepEqual(
      second.inserted.map((e) => e.dedupeKey),
      expected.slice(CAP, 2 * CAP),
    );
  });
});
