// A listing source's pages are decoded in the parse worker, not on the check's thread: the page
// reader hands the pool the bytes as fetched with their Content-Type, and the worker decodes them
// by the same rules (BOM, header charset, <meta>). The teasers are the ones the inline reader finds,
// for pages in windows-1256 declared by the header or by <meta> only, and UTF-8 with a BOM under a
// header that says otherwise. Real worker threads, a real HTTP server on 127.0.0.1.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import type { CandidateParser } from '../../src/ingest/discover/candidates.js';
import { ParsePool } from '../../src/pipeline/parse-pool.js';
import { readPageSourceKind } from '../../src/pipeline/readers.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { RecordingFetcher } from '../helpers/recording-fetcher.js';
import { readFixture } from '../helpers/repo.js';

const page = (body: Buffer, ct: string) => ({ headers: { 'content-type': ct }, body });

describe('listing pages decoded in the parse worker', () => {
  let srv: FixtureServer;
  let store: SqliteStore;
  const pool = new ParsePool({ size: 1, hardLimitMs: 170_000 });
  /** Per listing page the pool was asked to read: whether it came as bytes (to be decoded there). */
  const posted: Array<{ bytes: boolean; contentType: string | undefined }> = [];
  const pages: CandidateParser = {
    read: (job, signal, opts) => {
      if (job.op === 'listing-page')
        posted.push({ bytes: 'bytes' in job.doc, contentType: 'contentType' in job.doc ? job.doc.contentType : undefined });
      return pool.read(job, signal, opts);
    },
  };
  const fetcher = new RecordingFetcher(1 << 22);
  /** Every body the fetcher returned, as the reader got it. */
  const bodies = fetcher.bodies;
  const arabic = readFixture('listing', 'arabic-news.html');
  const persian = readFixture('listing', 'persian-news.html');

  before(async () => {
    srv = await startFixtureServer();
    const bare = arabic.replace('<meta charset="utf-8">', '');
    srv.route('/ar-header/', page(iconv.encode(bare, 'windows-1256'), 'text/html; charset=windows-1256'));
    srv.route(
      '/ar-meta/',
      page(iconv.encode(arabic.replace('<meta charset="utf-8">', '<meta charset="windows-1256">'), 'windows-1256'), 'text/html'),
    );
    srv.route('/fa-bom/', page(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(persian)]), 'text/html; charset=iso-8859-1'));
    store = await SqliteStore.open({ path: ':memory:' });
  });
  after(async () => {
    await pool.close();
    await fetcher.close();
    await store.close();
    await srv.close();
  });

  for (const path of ['/ar-header/', '/ar-meta/', '/fa-bom/']) {
    it(`${path}: the same teasers as the inline reader, decoded in the worker`, async () => {
      const source = (await store.sources.add({ url: `${srv.url}${path}`, kind: 'page' })).source;
      const inline = await readPageSourceKind(source, fetcher, {});
      posted.length = 0;
      bodies.length = 0;
      const pooled = await readPageSourceKind(source, fetcher, { pages });
      assert.deepEqual(posted, [
        {
          bytes: true,
          contentType:
            path === '/ar-header/'
              ? 'text/html; charset=windows-1256'
              : path === '/ar-meta/'
                ? 'text/html'
                : 'text/html; charset=iso-8859-1',
        },
      ]);
      const titles = pooled.feed?.entries.map((e) => e.title) ?? [];
      assert.ok(titles.length >= 3, `${titles.length} teasers`);
      // Decoded, not read as Latin-1: the titles are in Arabic script.
      for (const t of titles) assert.match(t ?? '', /[\u0600-\u06ff]/, t);
      assert.deepEqual(
        pooled.feed?.entries.map((e) => [e.title, e.link, e.summary]),
        inline.feed?.entries.map((e) => [e.title, e.link, e.summary]),
      );
      assert.deepEqual(pooled.feed?.feed, inline.feed?.feed);
    });
  }

  it('a page over a few kilobytes is handed over: its fetched body is detached here', async () => {
    const big = arabic.replace('</body>', `<!-- ${'padding '.repeat(20_000)}--></body>`);
    srv.route('/big/', page(Buffer.from(big), 'text/html; charset=utf-8'));
    const source = (await store.sources.add({ url: `${srv.url}/big/`, kind: 'page' })).source;
    bodies.length = 0;
    const pooled = await readPageSourceKind(source, fetcher, { pages });
    assert.ok((pooled.feed?.entries.length ?? 0) >= 3);
    assert.equal(bodies.length, 1);
    assert.equal(bodies[0]!.byteLength, 0, 'moved to the worker');
  });
});
