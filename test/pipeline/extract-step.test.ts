// The "extract" pipeline step end to end: a feed on a local fixture site whose items link to
// article pages; a real poll stores the entries, then the step fetches (guarded fetcher,
// 127.0.0.1 allowlisted) and extracts (worker thread) what the source's extract mode asks for.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Entry } from '../../src/domain/entry.js';
import { isShortText, needsFullText } from '../../src/pipeline/steps/needs-full-text.js';
import type { SqliteStore } from '../../src/store/sqlite/index.js';
import { extractionRig, type ExtractionRig } from '../helpers/extraction-rig.js';
import { rssFeed, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { readFixture } from '../helpers/repo.js';

const fixture = (name: string): string => readFixture('readmore', name);
const html = (body: string) => ({ headers: { 'content-type': 'text/html; charset=utf-8' }, body });
const refreshPage = (to: string): string =>
  `<!doctype html><html><head><meta http-equiv="refresh" content="0; url=${to}"><title>Moved</title></head><body><p>This page has moved.</p></body></html>`;
const LONG_TEXT = 'A complete story told in the feed itself, with every paragraph included. '.repeat(10).trim();

describe('needsFullText', () => {
  it('fetches by mode: off never, always for any link, short for teasers only', () => {
    const teaser = { url: 'https://example.com/a', text: 'Two lines of teaser.' };
    const full = { url: 'https://example.com/a', text: LONG_TEXT };
    assert.equal(needsFullText('off', teaser), false);
    assert.equal(needsFullText('always', full), true);
    assert.equal(needsFullText('short', teaser), true);
    assert.equal(needsFullText('short', full), false);
    assert.equal(needsFullText('always', { url: null, text: '' }), false);
    assert.equal(needsFullText('always', { url: 'mailto:x@example.com', text: '' }), false);
  });
  it('takes a long text cut off with an ellipsis or "Read more" for a teaser', () => {
    for (const tail of ['…', '..', '[…]', '[...]', 'Read more', 'Read more »', 'Continue reading →']) {
      assert.equal(isShortText(`${LONG_TEXT} ${tail}`), true, tail);
    }
    assert.equal(isShortText(`${LONG_TEXT} The end.`), false);
  });
});

describe('extract step on a fixture site', () => {
  let srv: FixtureServer;
  let rig: ExtractionRig;
  let store: SqliteStore;
  let seenByNext: Entry[] = [];
  let byUrl: Map<string, Entry>;

  before(async () => {
    srv = await startFixtureServer({
      '/articles/river': html(fixture('article.html')),
      '/articles/moved': html(refreshPage('/articles/river-new')),
      '/articles/river-new': html(fixture('article.html')),
      '/loop/a': html(refreshPage('/loop/b')),
      '/loop/b': html(refreshPage('/loop/a')),
      '/videos/highlights': html(fixture('not-article.html')),
      '/articles/long': html(fixture('article.html')),
      '/off/article': html(fixture('article.html')),
      '/ar/corniche': html(fixture('article-ar.html')),
      '/always/article': html(fixture('article.html')),
      '/report.pdf': { headers: { 'content-type': 'application/pdf' }, body: '%PDF-1.4 not a page' },
    });
    const u = srv.url;
    srv.route('/feed.xml', {
      headers: { 'content-type': 'application/rss+xml' },
      body: rssFeed('Harbour Gazette', [
        {
          guid: 'river',
          title: 'Council approves river embankment plan',
          link: `${u}/articles/river`,
          description: 'The council voted on Tuesday…',
        },
        { guid: 'moved', title: 'Moved story', link: `${u}/articles/moved`, description: 'A story that moved. Read more' },
        { guid: 'loop', title: 'Looping story', link: `${u}/loop/a`, description: 'Round and round..' },
        { guid: 'video', title: 'Video: highlights', link: `${u}/videos/highlights`, description: 'Watch the highlights [...]' },
        { guid: 'gone', title: 'A story that is gone', link: `${u}/articles/gone`, description: 'This one will 404.' },
        { guid: 'pdf', title: 'The annual report', link: `${u}/report.pdf`, description: 'Download the report.' },
        { guid: 'long', title: 'A full story in the feed', link: `${u}/articles/long`, description: LONG_TEXT },
        {
          guid: 'ar',
          title: 'المجلس البلدي يوافق على خطة الكورنيش',
          link: `${u}/ar/corniche`,
          description: 'وافق المجلس البلدي على خطة تجديد الكورنيش…',
        },
      ]),
    });
    srv.route('/off.xml', {
      headers: { 'content-type': 'application/rss+xml' },
      body: rssFeed('Off', [{ guid: 'off', title: 'Not to be fetched', link: `${u}/off/article`, description: 'Short…' }]),
    });

    srv.route('/always.xml', {
      headers: { 'content-type': 'application/rss+xml' },
      body: rssFeed('Always', [{ guid: 'always', title: 'Fetched although long', link: `${u}/always/article`, description: LONG_TEXT }]),
    });

    rig = await extractionRig({
      overrides: { connectTimeoutMs: 2000, totalTimeoutMs: 10_000 },
      pool: { timeBudgetMs: 5000, hardLimitMs: 30_000 },
      concurrency: 3,
      // Stands for topic tagging: it must see what extraction left on the entries.
      after: [{ name: 'next', run: async (entries: Entry[]) => void (seenByNext = seenByNext.concat(entries.map((e) => ({ ...e })))) }],
    });
    store = rig.store;
    await store.sources.add({ url: `${u}/feed.xml`, extractMode: 'short' });
    await store.sources.add({ url: `${u}/off.xml`, extractMode: 'off' });
    await store.sources.add({ url: `${u}/always.xml`, extractMode: 'always' });
    const summary = await rig.poll();
    assert.equal(summary.fetched, 3);
    assert.equal(summary.inserted, 10);
    byUrl = await rig.byPath();
  });

  after(async () => {
    await rig.close();
    await srv.close();
  });

  it('a short feed summary gets the full article text from the page', () => {
    const e = byUrl.get('/articles/river')!;
    assert.equal(e.extractStatus, 'done');
    assert.match(e.text, /last rebuilt after the flood of 1953/);
    assert.match(e.text, /Construction is expected to begin next spring/);
    assert.doesNotMatch(e.text, /Contact/, 'page chrome is left out');
    assert.match(e.fullHtml ?? '', /<p>[^<]*flood of 1953/);
    assert.doesNotMatch(e.fullHtml ?? '', /<script|<nav/i);
    assert.equal(e.leadImage, `${srv.url}/img/embankment.jpg`);
    assert.equal(e.author, 'Maria Jensen');
    assert.equal(e.lang, 'en');
    assert.equal(e.contentHtml?.includes('The council voted on Tuesday'), true, 'the feed content is kept beside the full text');
  });

  it('later steps see the full text on the entries', () => {
    const e = seenByNext.find((x) => x.url?.endsWith('/articles/river'));
    assert.equal(e?.extractStatus, 'done');
    assert.match(e?.text ?? '', /flood of 1953/);
  });

  it('follows a meta refresh once', () => {
    const e = byUrl.get('/articles/moved')!;
    assert.equal(e.extractStatus, 'done');
    assert.match(e.text, /flood of 1953/);
    assert.equal(srv.hits('/articles/river-new'), 1);
  });

  it('never loops on meta refreshes', () => {
    const e = byUrl.get('/loop/a')!;
    assert.equal(srv.hits('/loop/a'), 1);
    assert.equal(srv.hits('/loop/b'), 1);
    assert.notEqual(e.extractStatus, 'done');
    assert.equal(e.text, 'Round and round..');
  });

  it('a page that is not an article is marked so, and the entry keeps the feed text', () => {
    const e = byUrl.get('/videos/highlights')!;
    assert.equal(e.extractStatus, 'not-article');
    assert.equal(e.text, 'Watch the highlights [...]');
    assert.equal(e.fullHtml, null);
  });

  it('a link to something that is no web page (a PDF) is a failure named pdf, not garbage', () => {
    const e = byUrl.get('/report.pdf')!;
    assert.equal(e.extractStatus, 'failed');
    assert.equal(e.extractError, 'pdf');
    assert.equal(e.fullHtml, null);
    assert.equal(e.text, 'Download the report.');
  });

  it('a 404 article is failed, and the entry is intact', () => {
    const e = byUrl.get('/articles/gone')!;
    assert.equal(e.extractStatus, 'failed');
    assert.equal(e.title, 'A story that is gone');
    assert.equal(e.text, 'This one will 404.');
    assert.equal(e.fullHtml, null);
    assert.equal(srv.hits('/articles/gone'), 1);
  });

  it('mode "short" leaves entries whose feed text is already long', () => {
    const e = byUrl.get('/articles/long')!;
    assert.equal(e.extractStatus, 'none');
    assert.equal(srv.hits('/articles/long'), 0);
  });

  it('mode "always" fetches even when the feed text is long', () => {
    const e = byUrl.get('/always/article')!;
    assert.equal(e.extractStatus, 'done');
    assert.match(e.text, /flood of 1953/);
  });

  it("an RTL article: the entry without a language gets the page's language and direction", () => {
    const e = byUrl.get('/ar/corniche')!;
    assert.equal(e.extractStatus, 'done');
    assert.equal(e.lang, 'ar');
    assert.equal(e.dir, 'rtl');
    assert.match(e.text, /فيضان عام ألف وتسعمئة/);
  });

  it('mode "off" makes no request to the article URL', () => {
    const e = byUrl.get('/off/article')!;
    assert.equal(e.extractStatus, 'none');
    assert.equal(e.text, 'Short…');
    assert.equal(srv.hits('/off/article'), 0);
  });

  it('article requests are plain page requests, one per article', () => {
    assert.equal(srv.hits('/articles/river'), 1);
    const r = srv.requests.find((x) => x.path === '/articles/river')!;
    assert.match(r.headers.accept ?? '', /text\/html/);
  });
});
