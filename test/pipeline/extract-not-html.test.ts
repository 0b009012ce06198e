// A "read more" link that answers with no web page (a PDF, an image, a video, a file of another
// kind) is a failed read in full with its kind named, not "not an article": the teaser stays, the
// article page says what the link is in the reader's language, and the API gives the key. The
// body is never downloaded: a PDF larger than maxBodyBytes is still named a PDF, not a failed
// fetch. A real check against a real HTTP server on 127.0.0.1, a real extraction worker.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { EXTRACT_FAILURE_TEXT_EN, notHtmlKind } from '../../src/domain/extract-failure.js';
import type { Entry } from '../../src/domain/entry.js';
import type { SqliteStore } from '../../src/store/sqlite/index.js';
import { SITE_MESSAGES } from '../../src/web/messages/site.js';
import { checked } from '../api/contract.js';
import { forEachDialect } from '../helpers/dialects.js';
import { extractionRig, type ExtractionRig } from '../helpers/extraction-rig.js';
import { rssFeed, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { readFixture } from '../helpers/repo.js';
import { entry, makeApp } from '../web/helpers.js';

const escaped = (s: string): string => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const TEASER = 'The harbour board published its annual report as a PDF…';
/** Larger than the fetcher's body cap below: downloading it would fail the fetch. */
const BIG_PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3 * 1024 * 1024, 0x20)]);

describe('a link that is no web page is a failure that names what it is', () => {
  let srv: FixtureServer;
  let rig: ExtractionRig;
  let store: SqliteStore;
  let byPath: Map<string, Entry>;

  before(async () => {
    srv = await startFixtureServer({
      '/report.pdf': { headers: { 'content-type': 'application/pdf' }, body: BIG_PDF },
      '/photo': { headers: { 'content-type': 'image/jpeg' }, body: Buffer.alloc(2048, 1) },
      '/clip': { headers: { 'content-type': 'video/mp4; codecs="avc1"' }, body: Buffer.alloc(2048, 2) },
      '/blob': { headers: { 'content-type': 'application/octet-stream' }, body: Buffer.alloc(2048, 3) },
      '/articles/river': { headers: { 'content-type': 'text/html; charset=utf-8' }, body: readFixture('readmore', 'article.html') },
    });
    const u = srv.url;
    srv.route('/feed.xml', {
      headers: { 'content-type': 'application/rss+xml' },
      body: rssFeed('Harbour Gazette', [
        { guid: 'pdf', title: 'Annual report', link: `${u}/report.pdf`, description: TEASER },
        { guid: 'photo', title: 'Photo of the day', link: `${u}/photo`, description: 'A picture…' },
        { guid: 'clip', title: 'The launch on video', link: `${u}/clip`, description: 'Watch…' },
        { guid: 'blob', title: 'Data download', link: `${u}/blob`, description: 'The figures…' },
        { guid: 'river', title: 'Council approves river embankment plan', link: `${u}/articles/river`, description: 'The council voted…' },
      ]),
    });
    rig = await extractionRig({
      overrides: { maxBodyBytes: 1024 * 1024 },
      pool: { timeBudgetMs: 5000, hardLimitMs: 60_000, maxHeapMb: 256 },
      concurrency: 3,
    });
    store = rig.store;
    await store.sources.add({ url: `${u}/feed.xml`, extractMode: 'always' });
    assert.equal((await rig.poll()).inserted, 5);
    byPath = await rig.byPath();
  });

  after(async () => {
    await rig.close();
    await srv.close();
  });

  it('stores failed with the kind of file, and keeps the teaser', () => {
    const expect: Record<string, string> = { '/report.pdf': 'pdf', '/photo': 'image', '/clip': 'media', '/blob': 'not-html' };
    for (const [path, key] of Object.entries(expect)) {
      const e = byPath.get(path)!;
      assert.equal(e.extractStatus, 'failed', path);
      assert.equal(e.extractError, key, path);
      assert.equal(e.fullHtml, null, path);
    }
    assert.equal(byPath.get('/report.pdf')!.text, TEASER);
    assert.equal(byPath.get('/articles/river')!.extractStatus, 'done');
  });

  it('never downloads the file: a PDF over the body cap is a PDF, not a failed fetch', () => {
    // Named from its headers; had the body been read, the 3 MB PDF would be over the 1 MB cap.
    // (the server announces its length: the fetcher would refuse it before reading a byte).
    assert.equal(byPath.get('/report.pdf')!.extractError, 'pdf');
    assert.equal(srv.hits('/report.pdf'), 1);
  });

  it('the article page says the link is a PDF in English, Arabic and Persian; the API gives the key', async () => {
    const app = makeApp(store);
    const id = byPath.get('/report.pdf')!.id;
    for (const lang of ['en', 'ar', 'fa'] as const) {
      const page = await (await app.request(`/entries/${id}`, { headers: { 'accept-language': lang } })).text();
      assert.ok(page.includes(escaped(TEASER)), `${lang}: the teaser stays`);
      const reason = SITE_MESSAGES[lang]?.['article.extractFailed.pdf'] ?? '';
      assert.match(reason, /PDF/);
      assert.ok(page.includes(escaped(reason)), `${lang}: ${reason}`);
    }
    const api = checked(makeApp(store));
    const json = (await (await api.request(`/api/v1/entries/${id}`)).json()) as { extractError: unknown };
    assert.deepEqual(json.extractError, { key: 'pdf', text: EXTRACT_FAILURE_TEXT_EN.pdf });
    const clip = (await (await api.request(`/api/v1/entries/${byPath.get('/clip')!.id}`)).json()) as { extractError: unknown };
    assert.deepEqual(clip.extractError, { key: 'media', text: EXTRACT_FAILURE_TEXT_EN.media });
  });
});

describe('notHtmlKind', () => {
  it('names the file by its media type, parameters and case ignored', () => {
    assert.equal(notHtmlKind('Application/PDF; name=x.pdf'), 'pdf');
    assert.equal(notHtmlKind('image/svg+xml'), 'image');
    assert.equal(notHtmlKind('audio/mpeg'), 'media');
    assert.equal(notHtmlKind('application/zip'), 'not-html');
    assert.equal(notHtmlKind('application/rss+xml'), 'not-html');
  });
});

forEachDialect((d) => {
  describe('a file link stored', () => {
    it('keeps its key and reads it back', async () => {
      const store = await d.open();
      const src = (await store.sources.add({ url: 'https://wire.example/feed.xml', title: 'Wire' })).source.id;
      const [a] = (await store.entries.saveBatch(src, [entry('a', 'A', 'Teaser a…', Date.now())])).inserted;
      await store.entries.setFullText(a!.id, { fullHtml: null, extractStatus: 'failed', extractError: 'pdf' });
      const got = await store.entries.get(a!.id);
      assert.equal(got?.extractError, 'pdf');
      assert.equal(got?.text, 'Teaser a…');
      const page = await (await makeApp(store).request(`/entries/${a!.id}`)).text();
      assert.ok(page.includes(escaped(EXTRACT_FAILURE_TEXT_EN.pdf)));
    });
  });
});
