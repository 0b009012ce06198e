// A short story that declares itself one (its story object, og:type=article) is stored with its
// full text, status "done", where it was "not-article: too-short" (docs/desk.md, analyst journey
// of 2026-12-06, finding 11); a listing that sets og:type=article on every page and a consent wall
// stay not-article. A real check against a real HTTP server on 127.0.0.1, a real extraction worker.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Entry } from '../../src/domain/entry.js';
import { extractionRig, type ExtractionRig } from '../helpers/extraction-rig.js';
import { rssFeed, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import {
  consentWall,
  EN_PARAGRAPHS,
  EN_TITLE,
  enBrief,
  FA_PARAGRAPHS,
  FA_TITLE,
  faStory,
  listingWithOgArticle,
} from '../helpers/short-story-pages.js';

const html = (body: string) => ({ headers: { 'content-type': 'text/html; charset=utf-8' }, body });

describe('a short story that declares itself one is read in full', () => {
  let srv: FixtureServer;
  let rig: ExtractionRig;
  let byPath: Map<string, Entry>;

  before(async () => {
    srv = await startFixtureServer({
      '/en/hosepipe-ban': html(enBrief('og')),
      '/region': html(listingWithOgArticle('div')),
      '/consent': html(consentWall()),
    });
    const u = srv.url;
    // The story object names the page's own address.
    srv.route('/fa/agadez-clinic', html(faStory(`${u}/fa/agadez-clinic`, 'ld')));
    srv.route('/feed.xml', {
      headers: { 'content-type': 'application/rss+xml' },
      body: rssFeed('Valley Times', [
        { guid: 'fa', title: FA_TITLE, link: `${u}/fa/agadez-clinic`, description: 'سازمان امدادی پزشکان صحرا…' },
        { guid: 'en', title: EN_TITLE, link: `${u}/en/hosepipe-ban`, description: 'The ban ends at midnight…' },
        { guid: 'region', title: 'Region', link: `${u}/region`, description: 'The latest from the region…' },
        { guid: 'consent', title: 'Before you continue', link: `${u}/consent`, description: 'A story behind a wall…' },
      ]),
    });
    rig = await extractionRig({ pool: { timeBudgetMs: 5000, hardLimitMs: 60_000, maxHeapMb: 256 }, concurrency: 2 });
    await rig.store.sources.add({ url: `${u}/feed.xml`, extractMode: 'always' });
    assert.equal((await rig.poll()).inserted, 4);
    byPath = await rig.byPath();
  });

  after(async () => {
    await rig.close();
    await srv.close();
  });

  it('stores the Persian story and the English brief with their full text, status done', () => {
    for (const [path, paragraphs] of [
      ['/fa/agadez-clinic', FA_PARAGRAPHS],
      ['/en/hosepipe-ban', EN_PARAGRAPHS],
    ] as const) {
      const e = byPath.get(path)!;
      assert.equal(e.extractStatus, 'done', path);
      assert.equal(e.notArticle ?? null, null, path);
      assert.ok(e.fullHtml, `${path}: full text stored`);
      for (const p of paragraphs) {
        assert.ok(e.text.includes(p), `${path}: ${p}`);
        assert.ok(e.fullHtml.includes(p), `${path}: html holds ${p}`);
      }
    }
  });

  it('keeps the listing and the consent wall not-article, with the feed text', () => {
    for (const path of ['/region', '/consent']) {
      const e = byPath.get(path)!;
      assert.equal(e.extractStatus, 'not-article', path);
      assert.equal(e.fullHtml, null, path);
    }
    assert.equal(byPath.get('/region')!.text, 'The latest from the region…');
  });
});
