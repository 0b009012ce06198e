import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Source } from '../../src/domain/source.js';
import { OpmlError, readOpml, writeOpml } from '../../src/ingest/opml/index.js';

const OPML2 = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>My &amp; feeds</title></head><body>
  <outline text="News">
    <outline text="World">
      <outline type="rss" text="Wire" xmlUrl="https://wire.example/rss" htmlUrl="https://wire.example/"/>
    </outline>
    <outline type="rss" text="Daily" title="The Daily" xmlUrl="https://daily.example/feed"/>
  </outline>
  <outline type="rss" text="Loose" xmlUrl="https://loose.example/atom" category="/Tech,Gadgets"/>
  <outline type="rss" text="Dup" xmlUrl="https://wire.example/rss"/>
  <outline type="link" text="Not a feed" url="https://site.example/"/>
</body></opml>`;

const OPML1 = `<?xml version="1.0"?><opml version="1.0"><head><title>old</title></head><body>
<outline title="Blogs"><outline title="A" type="rss" xmlurl="http://a.example/rss.xml" htmlurl="http://a.example/"/></outline>
</body></opml>`;

describe('OPML', () => {
  it('reads OPML 2 with nested folders as categories, skipping duplicates and non-feeds', () => {
    const doc = readOpml(OPML2);
    assert.equal(doc.title, 'My & feeds');
    assert.deepEqual(doc.feeds, [
      { url: 'https://wire.example/rss', title: 'Wire', siteUrl: 'https://wire.example/', categories: ['News/World'] },
      { url: 'https://daily.example/feed', title: 'The Daily', categories: ['News'] },
      { url: 'https://loose.example/atom', title: 'Loose', categories: ['Tech', 'Gadgets'] },
    ]);
  });

  it('reads OPML 1 with lower-case attribute names', () => {
    assert.deepEqual(readOpml(OPML1).feeds, [
      { url: 'http://a.example/rss.xml', title: 'A', siteUrl: 'http://a.example/', categories: ['Blogs'] },
    ]);
  });

  it('refuses a file that is not OPML', () => {
    assert.throws(() => readOpml('<html><body>hi</body></html>'), OpmlError);
  });

  it('writes OPML 2 that reads back to the same feeds and folders', () => {
    const base = {
      kind: 'feed',
      etag: null,
      lastModified: null,
      status: 'ok',
      errorCount: 0,
      lastError: null,
      nextCheckAt: 0,
      lastCheckedAt: null,
      lastSuccessAt: null,
      intervalSeconds: 1800,
      extractMode: 'short',
      createdAt: 0,
      previousUrls: [] as Source['previousUrls'],
    } as const;
    const sources: Source[] = [
      {
        ...base,
        id: 1,
        url: 'https://wire.example/rss?a=1&b=2',
        title: 'Wire "quoted" <x>',
        siteUrl: 'https://wire.example/',
        settings: { category: 'News/World' },
      },
      { ...base, id: 2, url: 'https://daily.example/feed', title: null, siteUrl: null, settings: { category: 'News' } },
      { ...base, id: 3, url: 'https://top.example/feed', title: 'Top', siteUrl: null, settings: {} },
    ];
    const xml = writeOpml(sources);
    assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<opml version="2.0">/);
    const back = readOpml(xml);
    assert.deepEqual(back.feeds, [
      { url: 'https://top.example/feed', title: 'Top', categories: [] },
      { url: 'https://daily.example/feed', title: 'https://daily.example/feed', categories: ['News'] },
      { url: 'https://wire.example/rss?a=1&b=2', title: 'Wire "quoted" <x>', siteUrl: 'https://wire.example/', categories: ['News/World'] },
    ]);
  });
});
