// A sitemap file's bytes handed over to the parse worker: a whole buffer is transferred (it is
// detached on the sending side), a view on part of a larger buffer (Node's pooled slab, a slice)
// is copied as before, and the worker's answer is the same either way. Real worker threads; the
// scheduler's path reads from a real HTTP server on 127.0.0.1.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readCandidate } from '../../src/ingest/discover/candidates.js';
import { ParsePool } from '../../src/pipeline/parse-pool.js';
import { NotAFeedError } from '../../src/pipeline/not-a-feed.js';
import { readFeedSource, readSitemapSourceKind } from '../../src/pipeline/readers.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { wholeBuffer } from '../../src/threads/transfer.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { RecordingFetcher } from '../helpers/recording-fetcher.js';

function sitemap(base: string, n: number): string {
  const urls: string[] = [];
  for (let i = 0; i < n; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    urls.push(`<url><loc>${base}/story-${i}-harbour-lights</loc><lastmod>2026-03-${day}T08:00:00Z</lastmod></url>`);
  }
  return `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.join('')}</urlset>`;
}

/** Bytes in a buffer of their own, as a body read in several chunks is (Buffer.concat). */
const own = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s));

describe('wholeBuffer', () => {
  it('is the buffer only when the bytes are all of it', () => {
    const whole = own('<urlset/>');
    assert.equal(wholeBuffer(whole), whole.buffer);
    // A small Buffer is cut from Node's shared slab: never whole.
    const pooled = Buffer.from('<urlset/>');
    assert.ok(pooled.buffer.byteLength > pooled.byteLength, 'a pooled Buffer');
    assert.equal(wholeBuffer(pooled), undefined);
    assert.equal(wholeBuffer(own('abcdef').subarray(1)), undefined);
    assert.equal(wholeBuffer(new Uint8Array(new SharedArrayBuffer(4))), undefined);
  });
});

describe('a sitemap file handed over to the parse pool', () => {
  const pool = new ParsePool({ size: 1, hardLimitMs: 170_000 });
  const xml = sitemap('https://harbour.example', 3_000);
  const expected = readCandidate({ op: 'sitemap-file', doc: { bytes: own(xml), url: 'https://harbour.example/sitemap.xml' } });
  const url = 'https://harbour.example/sitemap.xml';
  after(() => pool.close());

  it('moves a whole buffer to the worker: the same answer, the sender’s buffer detached', async () => {
    const bytes = own(xml);
    const size = bytes.byteLength;
    const got = await pool.read({ op: 'sitemap-file', doc: { bytes, url } }, undefined, { transfer: true });
    assert.deepEqual(got, expected);
    assert.equal(got.urls.length, 3_000);
    assert.equal(bytes.byteLength, 0, 'detached');
    assert.equal(bytes.buffer.byteLength, 0);
    assert.ok(size > 0);
  });

  it('copies when not handed over, and when the bytes are a view on a larger buffer', async () => {
    const kept = own(xml);
    assert.deepEqual(await pool.read({ op: 'sitemap-file', doc: { bytes: kept, url } }), expected);
    assert.equal(kept.byteLength, Buffer.byteLength(xml), 'not handed over: still here');

    const padded = own(`   ${xml}   `);
    const view = padded.subarray(3, padded.byteLength - 3);
    assert.deepEqual(await pool.read({ op: 'sitemap-file', doc: { bytes: view, url } }, undefined, { transfer: true }), expected);
    assert.equal(view.byteLength, Buffer.byteLength(xml), 'a view is copied');
    assert.equal(Buffer.from(padded).toString(), `   ${xml}   `);
  });

  it('never detaches Node’s pooled slab: the Buffers cut from it beside the file keep their bytes', async () => {
    const small =
      '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://harbour.example/a</loc></url></urlset>';
    const before = Buffer.from('before the file');
    const bytes = Buffer.from(small);
    const next = Buffer.from('after the file');
    assert.equal(bytes.buffer, next.buffer, 'cut from one slab');
    const got = await pool.read({ op: 'sitemap-file', doc: { bytes, url } }, undefined, { transfer: true });
    assert.deepEqual(
      got.urls.map((u) => u.loc),
      ['https://harbour.example/a'],
    );
    assert.equal(bytes.toString(), small);
    assert.equal(before.toString(), 'before the file');
    assert.equal(next.toString(), 'after the file');
  });
});

describe('the scheduler’s sitemap reader hands the fetched body to the pool', () => {
  let srv: FixtureServer;
  let store: SqliteStore;
  const pool = new ParsePool({ size: 1, hardLimitMs: 170_000 });
  const fetcher = new RecordingFetcher(1 << 25);
  /** Every body the fetcher returned, as the reader got it. */
  const bodies = fetcher.bodies;

  before(async () => {
    srv = await startFixtureServer();
    // Some 2 MB: read in many chunks, so the body is a buffer of its own.
    srv.route('/sitemap.xml', { headers: { 'content-type': 'application/xml' }, body: sitemap(srv.url, 20_000) });
    store = await SqliteStore.open({ path: ':memory:' });
  });
  after(async () => {
    await pool.close();
    await fetcher.close();
    await store.close();
    await srv.close();
  });

  it('reads what the inline reader reads, and the body it fetched is detached', async () => {
    const source = (await store.sources.add({ url: `${srv.url}/sitemap.xml`, kind: 'sitemap' })).source;
    const now = Date.UTC(2026, 3, 1);
    const inline = await readSitemapSourceKind(source, fetcher, { now, keep: 500 });
    const inlineBody = bodies.pop()!;
    assert.ok(inlineBody.byteLength > 1_000_000, 'read inline: the body is untouched');
    const pooled = await readSitemapSourceKind(source, fetcher, { now, keep: 500, pages: pool });
    const body = bodies.pop()!;
    assert.equal(body.byteLength, 0, 'handed over to the worker: detached here');
    assert.equal(pooled.feed?.entries.length, 20_000);
    assert.deepEqual(
      pooled.feed?.entries.map((e) => [e.link, e.published]),
      inline.feed?.entries.map((e) => [e.link, e.published]),
    );
    assert.deepEqual(pooled.settings, inline.settings);
  });
});

describe('the feed reader hands the fetched body to the pool; a document that is no feed is explained in the worker', () => {
  let srv: FixtureServer;
  let store: SqliteStore;
  const pool = new ParsePool({ size: 1, hardLimitMs: 170_000 });
  const fetcher = new RecordingFetcher(1 << 25);
  const bodies = fetcher.bodies;

  /** Some `n` items: large enough to be read in many chunks, so the body is a buffer of its own. */
  function rss(base: string, n: number): string {
    const items: string[] = [];
    for (let i = 0; i < n; i++)
      items.push(
        `<item><guid>g${i}</guid><title>Harbour lights, part ${i}</title><link>${base}/story-${i}</link><description>The harbour board met again on day ${i} and published its minutes in full.</description><pubDate>Mon, 02 Mar 2026 08:${String(i % 60).padStart(2, '0')}:00 GMT</pubDate></item>`,
      );
    return `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour</title><link>${base}/</link>${items.join('')}</channel></rss>`;
  }

  before(async () => {
    srv = await startFixtureServer();
    srv.route('/feed.xml', { headers: { 'content-type': 'application/rss+xml' }, body: rss(srv.url, 5_000) });
    // A web page where the feed should be, advertising the real feed, some 300 KB.
    srv.route('/page', {
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: `<!doctype html><html><head><title>Harbour</title><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>${'<p>Harbour news of the day.</p>'.repeat(10_000)}</body></html>`,
    });
    srv.route('/blank', { headers: { 'content-type': 'application/rss+xml' }, body: ' \n'.repeat(50_000) });
    store = await SqliteStore.open({ path: ':memory:' });
  });

  after(async () => {
    await pool.close();
    await fetcher.close();
    await store.close();
    await srv.close();
  });

  const sourceAt = async (path: string) => (await store.sources.add({ url: `${srv.url}${path}` })).source;

  it('a feed reads as inline, and the body it fetched is detached', async () => {
    const source = await sourceAt('/feed.xml');
    const now = Date.UTC(2026, 3, 1);
    const inline = await readFeedSource(source, fetcher, { now, maxItems: 10_000 });
    assert.ok(bodies.pop()!.byteLength > 1_000_000, 'read inline: the body is untouched');
    const pooled = await readFeedSource(source, fetcher, { now, maxItems: 10_000, parser: pool });
    assert.equal(bodies.pop()!.byteLength, 0, 'handed over to the worker: detached here');
    assert.equal(pooled.items?.length, 5_000);
    assert.deepEqual(pooled.items, inline.items);
    assert.deepEqual(pooled.feed?.feed, inline.feed?.feed);
  });

  it('a web page in place of the feed: the same NotAFeedError, feeds named, worked out in the worker', async () => {
    const source = await sourceAt('/page');
    const inline = await readFeedSource(source, fetcher, {}).then(
      () => assert.fail('not a feed'),
      (e: unknown) => e,
    );
    assert.ok(inline instanceof NotAFeedError);
    assert.ok(bodies.pop()!.byteLength > 100_000);
    const pooled = await readFeedSource(source, fetcher, { parser: pool }).then(
      () => assert.fail('not a feed'),
      (e: unknown) => e,
    );
    assert.equal(bodies.pop()!.byteLength, 0, 'handed over: detached, so the hint cannot have been read here');
    assert.ok(pooled instanceof NotAFeedError);
    assert.equal(pooled.message, inline.message);
    assert.deepEqual(pooled.advertised, [`${srv.url}/feed.xml`]);
    assert.deepEqual(pooled.advertised, inline.advertised);
    assert.equal(pooled.empty, false);
    assert.match(pooled.message, /is an HTML page, not a feed; it advertises a feed/);
  });

  it('a blank body: empty, as inline', async () => {
    const source = await sourceAt('/blank');
    const inline = await readFeedSource(source, fetcher, {}).then(
      () => assert.fail('not a feed'),
      (e: unknown) => e,
    );
    bodies.pop();
    const pooled = await readFeedSource(source, fetcher, { parser: pool }).then(
      () => assert.fail('not a feed'),
      (e: unknown) => e,
    );
    assert.equal(bodies.pop()!.byteLength, 0);
    assert.ok(inline instanceof NotAFeedError && pooled instanceof NotAFeedError);
    assert.equal(pooled.empty, true);
    assert.equal(pooled.message, inline.message);
  });
});
