// The address a page names as its own (rel=canonical / og:url) folds a copy reached under another
// URL: feeds, the extract step and the stories step over a real HTTP server and SQLite. The
// partner's page is written in other words than the original (so only the address can tell), and
// a page naming the site's front page as its canonical address folds nothing.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/load.js';
import type { Entry } from '../../src/domain/entry.js';
import { HttpFetcher } from '../../src/ingest/fetch/index.js';
import { Scheduler } from '../../src/jobs/scheduler.js';
import { clusterStoriesStep, StoryDesk } from '../../src/pipeline/steps/cluster-stories.js';
import { ExtractorPool } from '../../src/pipeline/steps/extractor-pool.js';
import { extractFullTextStep, type ExtractStep } from '../../src/pipeline/steps/extract-full-text.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { OnlineStoryClusterer } from '../../src/stories/clusterer.js';
import { rssFeed, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { readFixture } from '../helpers/repo.js';

const html = (body: string) => ({ headers: { 'content-type': 'text/html; charset=utf-8' }, body });

/** A readable article page in its own words, naming `canonical` as its address (link or og:url). */
function page(title: string, paragraphs: string[], canonical: { link?: string; og?: string }): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
${canonical.link ? `<link rel="canonical" href="${canonical.link}">` : ''}
${canonical.og ? `<meta property="og:url" content="${canonical.og}">` : ''}
</head><body><main><article><h1>${title}</h1>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
</article></main></body></html>`;
}

const PARTNER = [
  'Councillors backed the harbour wall scheme late on Tuesday after two years of argument about what should happen to the waterfront.',
  'Three kilometres of old stonework are to be replaced by a broader walkway, modern sluices and planted steps leading to the river bed.',
  'Engineers had cautioned for several years that sections dating from the 1950s rebuild might fail in a serious surge.',
  'Traders on the quays opposed the project, saying years of building work would cut them off and push out the last boat repairers.',
  'Thirty-one members voted in favour and fourteen against; building should start in the spring and the fish market stretch reopen a year later.',
];

const OTHER = [
  'The city library will stay open until ten in the evening on weekdays from next month, the culture department announced.',
  'Longer hours follow a survey in which students and shift workers asked for quiet space after their working day ends.',
  'The change is paid for by moving two staff positions from the archive, which will now open by appointment only.',
  'Weekend hours are unchanged, and the children’s reading room keeps its current timetable through the school year.',
  'A review after six months will decide whether the late opening becomes permanent or is limited to the exam season.',
];

describe('the page’s own address folds copies reached under another URL', () => {
  let srv: FixtureServer;
  let store: SqliteStore;
  let fetcher: HttpFetcher;
  let extract: ExtractStep;
  const byPath = new Map<string, Entry>();

  before(async () => {
    srv = await startFixtureServer({ '/articles/river': html(readFixture('readmore', 'article.html')) });
    const u = srv.url;
    srv.route(
      '/partner/98765',
      html(page('Harbour wall scheme wins council vote', PARTNER, { link: `${u}/articles/river?utm_source=partner` })),
    );
    srv.route('/partner/og', html(page('River plan passes', PARTNER.slice().reverse(), { og: `${u}/articles/river/#top` })));
    srv.route('/partner/front', html(page('Library opens late', OTHER, { link: `${u}/` })));
    const feed = (name: string, items: [string, string, string][]) => ({
      headers: { 'content-type': 'application/rss+xml' },
      body: rssFeed(
        name,
        items.map(([guid, title, path], i) => ({
          guid,
          title,
          link: `${u}${path}`,
          description: `${title}…`,
          pubDate: new Date(Date.UTC(2026, 5, 1, 8 + i)).toUTCString(),
        })),
      ),
    });
    srv.route('/gazette.xml', feed('Gazette', [['river', 'Council approves river embankment plan', '/articles/river']]));
    srv.route(
      '/partner.xml',
      feed('Partner', [
        ['p1', 'Harbour wall scheme wins council vote', '/partner/98765'],
        ['p2', 'River plan passes', '/partner/og'],
        ['p3', 'Library opens late', '/partner/front'],
      ]),
    );

    const dbPath = join(mkdtempSync(join(tmpdir(), 'newsdesk-canonical-')), 'test.db');
    const config = loadConfig({
      env: {},
      overrides: { database: `sqlite:${dbPath}`, allowHosts: ['127.0.0.1'], connectTimeoutMs: 2000, totalTimeoutMs: 10_000, workers: 2 },
    });
    store = await SqliteStore.open({ path: dbPath, defaultIntervalSeconds: 1800 });
    fetcher = new HttpFetcher({ ...config, connectionsPerOrigin: 2 });
    extract = extractFullTextStep({
      fetcher,
      extractor: new ExtractorPool(1, { timeBudgetMs: 5000, hardLimitMs: 30_000 }),
      concurrency: 2,
      perHost: 2,
    });
    const stories = clusterStoriesStep(new StoryDesk({ create: () => new OnlineStoryClusterer({ now: () => Date.UTC(2026, 5, 2) }) }));
    const scheduler = new Scheduler({ store, config, log: pino({ level: 'silent' }), steps: [extract, stories] });
    try {
      // The original first, then the partner's feed: one check after the other.
      await store.sources.add({ url: `${u}/gazette.xml`, extractMode: 'always' });
      assert.equal((await scheduler.pollOnce()).inserted, 1);
      await store.sources.add({ url: `${u}/partner.xml`, extractMode: 'always' });
      assert.equal((await scheduler.pollOnce()).inserted, 3);
    } finally {
      await scheduler.close();
    }
    for (const e of (await store.entries.list({ limit: 50 })).items) if (e.url) byPath.set(new URL(e.url).pathname, e);
  });

  after(async () => {
    await extract.close();
    await fetcher.close();
    await store.close();
    await srv.close();
  });

  it('a partner page whose rel=canonical names the original is a copy of it, in its story', async () => {
    const original = byPath.get('/articles/river')!;
    const partner = (await store.entries.get(byPath.get('/partner/98765')!.id))!;
    assert.equal(partner.extractStatus, 'done', 'the partner page was extracted');
    assert.equal(partner.duplicateOf, original.id);
    assert.equal(partner.storyId, (await store.entries.get(original.id))!.storyId);
  });

  it('og:url counts too, its variants (trailing slash, fragment) folded like any address', async () => {
    const original = byPath.get('/articles/river')!;
    assert.equal((await store.entries.get(byPath.get('/partner/og')!.id))!.duplicateOf, original.id);
  });

  it('a page naming the front page as its canonical address is no copy of anything', async () => {
    const front = (await store.entries.get(byPath.get('/partner/front')!.id))!;
    assert.equal(front.extractStatus, 'done');
    assert.equal(front.duplicateOf ?? null, null);
  });
});
