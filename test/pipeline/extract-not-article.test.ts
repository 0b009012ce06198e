// A "read more" page that was fetched and read but held no article (a video page, a front page
// with a line or two, a page that only sends readers elsewhere, a blank page) stays `not-article`
// (no failure: reading it again finds the same page), and carries its reason: stored beside the
// status, said on the article page in English, Arabic and Persian, and given by the API. The
// reason comes from what the extractor reported; its decision is not changed. A real check
// against a real HTTP server on 127.0.0.1, a real extraction worker.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NOT_ARTICLE_TEXT_EN, notArticleKind, SHORT_PAGE_CHARS } from '../../src/domain/extract-failure.js';
import type { Entry } from '../../src/domain/entry.js';
import type { SqliteStore } from '../../src/store/sqlite/index.js';
import { SITE_MESSAGES } from '../../src/web/messages/site.js';
import { checked } from '../api/contract.js';
import { extractionRig, type ExtractionRig } from '../helpers/extraction-rig.js';
import { rssFeed, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { readFixture } from '../helpers/repo.js';
import { makeApp } from '../web/helpers.js';

const escaped = (s: string): string => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const html = (body: string) => ({ headers: { 'content-type': 'text/html; charset=utf-8' }, body });
const refreshPage = (to: string): string =>
  `<!doctype html><html><head><title>Moved</title><meta http-equiv="refresh" content="0; url=${to}"></head><body><p>Moved.</p></body></html>`;
const TEASER = 'Watch the highlights of the regatta…';

describe('a page without an article says why', () => {
  let srv: FixtureServer;
  let rig: ExtractionRig;
  let store: SqliteStore;
  let byPath: Map<string, Entry>;
  const expect: Record<string, string> = {
    '/videos/highlights': 'no-article',
    '/front': 'too-short',
    '/loop/a': 'refresh',
    '/blank': 'empty',
    // A page that reloads itself (a live ticker) holds no article but sends no one elsewhere.
    '/live': 'no-article',
  };

  before(async () => {
    srv = await startFixtureServer({
      '/videos/highlights': html(readFixture('readmore', 'not-article.html')),
      '/front': html(readFixture('readmore', 'thin.html')),
      '/blank': html('<!doctype html><html><head><title>Blank</title></head><body></body></html>'),
      '/articles/river': html(readFixture('readmore', 'article.html')),
    });
    const u = srv.url;
    // Followed once to /loop/b, whose own refresh (back to /loop/a) is not followed.
    srv.route('/loop/a', html(refreshPage(`${u}/loop/b`)));
    srv.route('/loop/b', html(refreshPage(`${u}/loop/a`)));
    srv.route(
      '/live',
      html(
        readFixture('readmore', 'not-article.html').replace('<head>', `<head><meta http-equiv="refresh" content="60; url=${u}/live#now">`),
      ),
    );
    srv.route('/feed.xml', {
      headers: { 'content-type': 'application/rss+xml' },
      body: rssFeed('Harbour Gazette', [
        { guid: 'video', title: 'Regatta highlights', link: `${u}/videos/highlights`, description: TEASER },
        { guid: 'front', title: 'Quiet Weekly', link: `${u}/front`, description: 'This week…' },
        { guid: 'loop', title: 'Moved story', link: `${u}/loop/a`, description: 'Round and round..' },
        { guid: 'live', title: 'Live: the regatta', link: `${u}/live`, description: 'Follow the race…' },
        { guid: 'blank', title: 'Blank page', link: `${u}/blank`, description: 'Nothing here…' },
        { guid: 'river', title: 'Council approves river embankment plan', link: `${u}/articles/river`, description: 'The council voted…' },
      ]),
    });
    rig = await extractionRig({ pool: { timeBudgetMs: 5000, hardLimitMs: 60_000, maxHeapMb: 256 }, concurrency: 3 });
    store = rig.store;
    await store.sources.add({ url: `${u}/feed.xml`, extractMode: 'always' });
    assert.equal((await rig.poll()).inserted, 6);
    byPath = await rig.byPath();
  });

  after(async () => {
    await rig.close();
    await srv.close();
  });

  it('stays not-article, no failure, with its reason stored beside the status', () => {
    for (const [path, key] of Object.entries(expect)) {
      const e = byPath.get(path)!;
      assert.equal(e.extractStatus, 'not-article', path);
      assert.equal(e.notArticle, key, path);
      assert.equal(e.extractError ?? null, null, `${path}: not a failure`);
      assert.equal(e.fullHtml, null, path);
    }
    assert.equal(byPath.get('/videos/highlights')!.text, TEASER);
    const river = byPath.get('/articles/river')!;
    assert.equal(river.extractStatus, 'done');
    assert.equal(river.notArticle ?? null, null);
  });

  it('is not counted among the failures', async () => {
    assert.equal((await store.entries.extractFailures()).size, 0);
  });

  it('the article page says why in English, Arabic and Persian; the API gives the key', async () => {
    const app = makeApp(store);
    for (const [path, key] of Object.entries(expect)) {
      const id = byPath.get(path)!.id;
      for (const lang of ['en', 'ar', 'fa'] as const) {
        const page = await (await app.request(`/entries/${id}`, { headers: { 'accept-language': lang } })).text();
        const reason = SITE_MESSAGES[lang]?.[`article.notArticle.${key}` as 'article.notArticle.no-article'] ?? '';
        assert.ok(reason.length > 20, `${lang}: ${key} catalogued`);
        assert.ok(page.includes(`<p class="note not-article"`), `${lang} ${path}: marked`);
        assert.ok(page.includes(escaped(reason)), `${lang} ${path}: ${reason}`);
        assert.doesNotMatch(page, /extract-failed/, `${lang} ${path}: not a failure`);
      }
    }
    const en = await (await app.request(`/entries/${byPath.get('/videos/highlights')!.id}`)).text();
    assert.ok(en.includes(escaped(TEASER)), 'the teaser stays');
    assert.ok(
      en.includes(
        'This link leads to a page without an article text, such as a video or a list of links; the summary from the feed is shown.',
      ),
    );
    const done = await (await app.request(`/entries/${byPath.get('/articles/river')!.id}`)).text();
    assert.doesNotMatch(done, /not-article/);

    const api = checked(makeApp(store));
    for (const [path, key] of Object.entries(expect)) {
      const json = (await (await api.request(`/api/v1/entries/${byPath.get(path)!.id}`)).json()) as Record<string, unknown>;
      assert.deepEqual(json.notArticle, { key, text: NOT_ARTICLE_TEXT_EN[key as keyof typeof NOT_ARTICLE_TEXT_EN] }, path);
      assert.equal(json.extractError, null, path);
      assert.equal(json.extractStatus, 'not-article', path);
    }
    const river = (await (await api.request(`/api/v1/entries/${byPath.get('/articles/river')!.id}`)).json()) as Record<string, unknown>;
    assert.equal(river.notArticle, null);
  });
});

describe('notArticleKind', () => {
  const r = (o: Partial<Parameters<typeof notArticleKind>[0]>) => ({
    readerable: false,
    html: '<p>x</p>',
    text: 'x',
    refreshUrl: null,
    ...o,
  });
  it('reads the extractor’s report: refresh elsewhere, nothing taken, a little prose, else no article shape', () => {
    assert.equal(notArticleKind(r({ refreshUrl: 'https://b.example/' }), 'https://a.example/'), 'refresh');
    assert.equal(
      notArticleKind(r({ refreshUrl: 'https://a.example/#top', text: '' }), 'https://a.example/'),
      'no-article',
      'a refresh to itself',
    );
    assert.equal(notArticleKind(r({ refreshUrl: 'javascript:x' })), 'too-short', 'not an address one could follow');
    assert.equal(notArticleKind(r({ html: null, text: null })), 'empty');
    assert.equal(notArticleKind(r({ readerable: true, text: '  ' })), 'empty');
    assert.equal(notArticleKind(r({ text: 'a'.repeat(SHORT_PAGE_CHARS - 1) })), 'too-short');
    assert.equal(notArticleKind(r({ text: 'a'.repeat(SHORT_PAGE_CHARS) })), 'no-article');
    assert.equal(notArticleKind(r({ text: '' })), 'no-article', 'a player and links');
  });
});
