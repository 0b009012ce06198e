// The address a page names as its own (rel=canonical / og:url) folds a copy reached under another
// URL: feeds, the extract step and the stories step over a real HTTP server and SQLite. The
// partner's page is written in other words than the original (so only the address can tell), and
// a page naming the site's front page as its canonical address folds nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Entry } from '../../src/domain/entry.js';
import { clusterStoriesStep, StoryDesk } from '../../src/pipeline/steps/cluster-stories.js';
import type { SqliteStore } from '../../src/store/sqlite/index.js';
import { OnlineStoryClusterer } from '../../src/stories/clusterer.js';
import { extractionRig, type ExtractionRig } from '../helpers/extraction-rig.js';
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
  let rig: ExtractionRig;
  let store: SqliteStore;
  let byPath: Map<string, Entry>;

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

    rig = await extractionRig({
      overrides: { connectTimeoutMs: 2000, totalTimeoutMs: 10_000 },
      pool: { timeBudgetMs: 5000, hardLimitMs: 30_000 },
      concurrency: 2,
      after: [clusterStoriesStep(new StoryDesk({ create: () => new OnlineStoryClusterer({ now: () => Date.UTC(2026, 5, 2) }) }))],
    });
    store = rig.store;
    // The original first, then the partner's feed: one check after the other.
    await store.sources.add({ url: `${u}/gazette.xml`, extractMode: 'always' });
    assert.equal((await rig.poll()).inserted, 1);
    await store.sources.add({ url: `${u}/partner.xml`, extractMode: 'always' });
    assert.equal((await rig.poll()).inserted, 3);
    byPath = await rig.byPath();
  });

  after(async () => {
    await rig.close();
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
