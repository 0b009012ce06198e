// Hostile OPML lists (r-ingest4, docs/security.md): one feed written under several spellings of
// its address is subscribed once, also when the store has it under another spelling already, and
// a list's titles, folders and categories are bounded as a feed's own are.
import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import { readOpml } from '../../src/ingest/opml/index.js';
import { importPayload, importProgress, OPML_IMPORT, opmlImportHandler } from '../../src/jobs/opml-import.js';
import { JobRunner } from '../../src/jobs/runner.js';
import { createLogger } from '../../src/log/logger.js';
import { forEachDialect } from '../helpers/dialects.js';

const list = (outlines: string): string =>
  `<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>${outlines}</body></opml>`;

describe('OPML spellings of one feed', () => {
  it('reads HTTP://Example.COM:80/feed#top, %-escaped letters and a fragment as the first spelling’s feed', () => {
    const spellings = [
      'http://example.com/feed',
      'HTTP://Example.COM/feed',
      'http://EXAMPLE.com:80/feed',
      'http://example.com/%66%65ed',
      'http://example.com/feed#top',
      '  http://example.com/feed ',
      'https://example.com:443/a%2fb',
      'https://example.com/a%2Fb',
    ];
    const doc = readOpml(list(spellings.map((u) => `<outline type="rss" text="x" xmlUrl="${u}"/>`).join('')));
    assert.deepEqual(
      doc.feeds.map((f) => f.url),
      ['http://example.com/feed', 'https://example.com:443/a%2fb'],
    );
  });

  it('keeps addresses a server may answer differently: path case, a trailing slash, the query', () => {
    const urls = ['http://example.com/feed', 'http://example.com/Feed', 'http://example.com/feed/', 'http://example.com/feed?x=1'];
    const doc = readOpml(list(urls.map((u) => `<outline xmlUrl="${u}"/>`).join('')));
    assert.deepEqual(
      doc.feeds.map((f) => f.url),
      urls,
    );
  });
});

describe('OPML names are bounded', () => {
  it('a 100 kB title, a 100 kB folder and 20,000 categories are cut to a source name, a category and 30', () => {
    const big = 'A'.repeat(100_000);
    const doc = readOpml(
      list(
        `<outline title="\u202eevil ${big}" xmlUrl="http://a.example/f" category="${Array.from({ length: 20_000 }, (_, i) => `c${i}`).join(',')}"/>` +
          `<outline title="${big}"><outline title="ok" xmlUrl="http://b.example/f"/></outline>`,
      ),
    );
    const [a, b] = doc.feeds;
    assert.ok(a && b);
    assert.ok(a.title && a.title.length <= 300, `title of ${a.title?.length} characters`);
    assert.equal(a.title, '\u202eevil…', 'cut at a word, its start kept (bidi marks are text, as in a feed title)');
    assert.equal(a.categories.length, 30);
    assert.ok(a.categories.every((c) => c.length <= 100));
    assert.equal(b.categories.length, 1);
    assert.ok(b.categories[0]!.length <= 100, `folder of ${b.categories[0]!.length} characters`);
    assert.equal(b.title, 'ok');
  });
});

const log = createLogger('silent');

forEachDialect((d) => {
  test('the import job finds a feed subscribed under another spelling as already subscribed', async () => {
    const store = await d.open();
    try {
      await store.sources.add({ url: 'https://news.example/feed', title: 'News', siteUrl: null, settings: {} });
      const feeds = [
        'HTTPS://NEWS.example:443/feed',
        'https://news.example/%66eed#x',
        'https://other.example/rss',
        'https://Other.example/rss',
      ].map((url) => ({ url, title: null, siteUrl: null, categories: [] }));
      const { job } = await store.jobs.enqueue({ kind: OPML_IMPORT, payload: importPayload(feeds) });
      const runner = new JobRunner({
        jobs: store.jobs,
        handlers: { [OPML_IMPORT]: opmlImportHandler({ sources: store.sources, jobs: store.jobs }) },
        owner: 'r',
        log,
        leaseMs: 2000,
        pollMs: 20,
      });
      runner.start();
      try {
        for (let i = 0; i < 1500 && (await store.jobs.get(job.id))?.state !== 'done'; i++) await new Promise((r) => setTimeout(r, 20));
      } finally {
        await runner.stop(1000);
      }
      const p = importProgress((await store.jobs.get(job.id))!);
      assert.deepEqual([p.done, p.added, p.existing, p.failedCount], [4, 1, 3, 0]);
      assert.deepEqual(
        (await store.sources.list()).map((s) => s.url),
        ['https://news.example/feed', 'https://other.example/rss'],
      );
    } finally {
      await store.close();
    }
  });
});
