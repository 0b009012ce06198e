// A scheduled check of a sitemap read in the parse pool: the worker filters the URLs by the
// cursor, drops repeats and picks the newest maxNewEntriesPerCheck, so only those cross back to
// the check's thread (src/pipeline/pick-sitemap.ts). What the checks store must be what the
// current path (every URL back, chosen on the check's thread: the same reader without a pool)
// stores: the same entries in the same order, the same counts, cursor, title and next check,
// check after check. The sequences cover a capped first import, a second check past the known
// newest, a cursor's filter, repeats, missing and future dates, news names, and an index whose two
// children share URLs (read back whole, then merged as before).
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import type { CandidateParser } from '../../src/ingest/discover/candidates.js';
import type { HttpFetcher } from '../../src/ingest/fetch/index.js';
import type { SchedulePolicy } from '../../src/pipeline/next-check.js';
import { type RefreshResult, refreshSource } from '../../src/pipeline/index.js';
import { ParsePool } from '../../src/pipeline/parse-pool.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/store.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { loopbackFetcher } from '../helpers/loopback-fetcher.js';

const policy: SchedulePolicy = {
  defaultIntervalSeconds: 1800,
  minIntervalSeconds: 300,
  maxIntervalSeconds: 86400,
  maxBackoffSeconds: 6 * 3600,
};
const CAP = 500;
const T0 = Date.parse('2026-03-10T12:00:00Z');
const xmlType = { 'content-type': 'application/xml' };

/** `n` URLs from `from`: lastmods repeat (ties), some missing, some days ahead; every 50th repeats an earlier one; a few carry news tags. */
function sitemap(base: string, section: string, from: number, n: number, monthOf: (i: number) => string = () => '03'): string {
  const urls: string[] = [];
  for (let i = from; i < from + n; i++) {
    const month = monthOf(i);
    const loc = `${base}/${section}/${i % 7 === 0 ? 'section' : 'story'}-${i % 50 === 49 ? i - 20 : i}-harbour-lights`;
    const news =
      i % 333 === 5
        ? `<news:news><news:publication><news:name>Harbour Wire ${i}</news:name><news:language>${i % 2 ? 'fa' : 'en'}</news:language></news:publication><news:publication_date>2026-${month}-0${1 + (i % 8)}T06:00:00Z</news:publication_date><news:title>Ferry ${i}</news:title></news:news>`
        : '';
    if (i % 97 === 0) urls.push(`<url><loc>${loc}</loc>${news}</url>`);
    else if (i % 1009 === 0) urls.push(`<url><loc>${loc}</loc><lastmod>2026-${month}-2${i % 9}T08:00:00Z</lastmod></url>`);
    else {
      const day = String(1 + (i % 9)).padStart(2, '0');
      const hour = String((i * 7) % 24).padStart(2, '0');
      urls.push(`<url><loc>${loc}</loc><lastmod>2026-${month}-${day}T${hour}:00:00Z</lastmod>${news}</url>`);
    }
  }
  return `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">${urls.join('')}</urlset>`;
}

function index(children: Array<{ loc: string; lastmod: string }>): string {
  return `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${children
    .map((c) => `<sitemap><loc>${c.loc}</loc><lastmod>${c.lastmod}</lastmod></sitemap>`)
    .join('')}</sitemapindex>`;
}

/** What a check did, in a form two runs can be compared by. */
function summary(r: RefreshResult): unknown {
  const o = r.outcome;
  return {
    inserted: r.inserted,
    updated: r.updated,
    unchanged: r.unchanged,
    capped: r.capped ?? false,
    outcome: o.kind === 'fetched' ? { ...o, publishedTimes: [...o.publishedTimes] } : o,
  };
}

describe('a sitemap picked in the parse worker stores what the check’s own thread would', () => {
  let srv: FixtureServer;
  let fetcher: HttpFetcher;
  let pool: ParsePool;
  /** Per sitemap-file answer of the pool: URLs sent whole. */
  let sent: number[] = [];
  /** Per sitemap-file job: the count of the URLs held from earlier files it carried, and its answer's picked count. */
  let merged: Array<{ prior: number | undefined; picked: number | undefined }> = [];
  const stores: Store[] = [];
  let pages: CandidateParser;
  before(async () => {
    srv = await startFixtureServer();
    fetcher = loopbackFetcher(1 << 25);
    pool = new ParsePool({ size: 1, hardLimitMs: 170_000 });
    pages = {
      read: async (job, signal) => {
        const answer = await pool.read(job, signal);
        if (job.op === 'sitemap-file') {
          const a = answer as { urls: unknown[]; picked?: { head: unknown[]; count: number } };
          sent.push(a.urls.length + (a.picked?.head.length ?? 0));
          merged.push({ prior: job.pick?.prior?.count, picked: a.picked?.count });
        }
        return answer;
      },
    };
  });
  after(async () => {
    for (const s of stores) await s.close();
    await pool.close();
    await fetcher.close();
    await srv.close();
  });

  async function openStore(name: string): Promise<Store> {
    const s = await SqliteStore.open({ path: join(mkdtempSync(join(tmpdir(), `newsdesk-pick-${name}-`)), 'test.db') });
    stores.push(s);
    return s;
  }

  /** The same checks of `url`, at the given times, with the pool and without; both summaries per check. */
  async function both(
    url: string,
    steps: Array<{ at: number; before?: () => void }>,
  ): Promise<{ pool: unknown[]; inline: unknown[]; sent: number[][]; merged: (typeof merged)[] }> {
    const out = { pool: [] as unknown[], inline: [] as unknown[], sent: [] as number[][], merged: [] as (typeof merged)[] };
    const runs = [
      { key: 'inline' as const, store: await openStore('inline'), extra: {} },
      { key: 'pool' as const, store: await openStore('pool'), extra: { pages } },
    ];
    const ids = new Map<string, number>();
    for (const run of runs) ids.set(run.key, (await run.store.sources.add({ url, kind: 'sitemap' })).source.id);
    for (const step of steps) {
      step.before?.();
      for (const run of runs) {
        const source = (await run.store.sources.get(ids.get(run.key)!))!;
        sent = [];
        merged = [];
        const r = await refreshSource(source, {
          store: run.store,
          fetcher,
          policy,
          log: pino({ level: 'silent' }),
          maxNewEntriesPerCheck: CAP,
          now: () => step.at,
          ...run.extra,
        });
        assert.equal(r.outcome.kind, 'fetched', JSON.stringify(r.outcome));
        const after = (await run.store.sources.get(source.id))!;
        out[run.key].push({
          check: summary(r),
          settings: after.settings,
          nextCheckAt: after.nextCheckAt,
          title: after.title,
          siteUrl: after.siteUrl,
        });
        if (run.key === 'pool') {
          out.sent.push(sent);
          out.merged.push(merged);
        }
      }
    }
    return out;
  }

  it('one big urlset: a capped import, a check past the known newest, then a cursor’s filter', { timeout: 300_000 }, async () => {
    srv.route('/one.xml', { headers: xmlType, body: sitemap(srv.url, 'news', 0, 20_000) });
    const r = await both(`${srv.url}/one.xml`, [
      { at: T0 },
      { at: T0 + 3_600_000 },
      // Every URL taken once (a small file), so the cursor is stored; then a file of 3,000 whose
      // older half is behind the cursor (February) and newer half past it (April).
      {
        at: T0 + 7_200_000,
        before: () => srv.route('/one.xml', { headers: xmlType, body: sitemap(srv.url, 'late', 0, 300) }),
      },
      {
        at: T0 + 10_800_000,
        before: () =>
          srv.route('/one.xml', { headers: xmlType, body: sitemap(srv.url, 'late', 0, 3_000, (i) => (i < 1_500 ? '02' : '04')) }),
      },
    ]);
    const checks = r.pool as Array<{
      check: { inserted: unknown[]; unchanged: number; updated: number; capped: boolean };
      settings: { sitemapCursor?: string };
    }>;
    // What the sequence is meant to cover happened: capped twice, the second past 500 known, a cursor stored, then used.
    assert.deepEqual(
      checks.map((c) => [c.check.inserted.length, c.check.unchanged + c.check.updated, c.check.capped]),
      [
        [CAP, 0, true],
        [CAP, CAP, true],
        [295, 0, false], // 300 less 5 repeats
        [CAP, 0, true],
      ],
    );
    assert.equal(checks[1]!.settings.sitemapCursor, undefined);
    assert.equal(checks[2]!.settings.sitemapCursor, '2026-03-09T23:00:00Z');
    assert.deepEqual(r.pool, r.inline);
    // Only the newest 500 of the 20,000 crossed back whole on the big checks.
    assert.deepEqual(r.sent.slice(0, 2), [[CAP], [CAP]], JSON.stringify(r.sent));
    assert.ok(
      r.sent.flat().every((n) => n <= CAP),
      JSON.stringify(r.sent),
    );
  });

  it('an index of two children that share URLs: picked across both in the worker, the same as before', { timeout: 300_000 }, async () => {
    srv.route('/a.xml', { headers: xmlType, body: sitemap(srv.url, 'world', 0, 6_000) });
    srv.route('/b.xml', { headers: xmlType, body: sitemap(srv.url, 'world', 5_000, 6_000) });
    srv.route('/index.xml', {
      headers: xmlType,
      body: index([
        { loc: `${srv.url}/a.xml`, lastmod: '2026-03-09T00:00:00Z' },
        { loc: `${srv.url}/b.xml`, lastmod: '2026-03-08T00:00:00Z' },
      ]),
    });
    const r = await both(`${srv.url}/index.xml`, [{ at: T0 }, { at: T0 + 3_600_000 }]);
    assert.deepEqual(r.pool, r.inline);
    // Per check: the index (no URLs), child a picked alone, child b picked with a's URLs (given as
    // the prior) into one answer for the whole read; no more than the newest 500 crossed back whole.
    for (const check of r.merged) {
      assert.equal(check.length, 3, JSON.stringify(check));
      const [idx, a, b] = check;
      assert.deepEqual(idx, { prior: undefined, picked: undefined });
      assert.equal(a!.prior, undefined);
      assert.equal(b!.prior, a!.picked, 'b was read with a’s URLs');
      // a's URLs, and b's less the 1,000 it shares with a (and b's own repeats).
      assert.ok(b!.picked! > a!.picked! + 4_000, JSON.stringify(check));
    }
    assert.ok(
      r.sent.flat().every((n) => n <= CAP),
      JSON.stringify(r.sent),
    );
  });
});
