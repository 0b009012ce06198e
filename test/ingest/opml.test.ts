import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SaxesParser } from 'saxes';
import { xmlChars } from '../../src/text/xml-escape.js';
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

  it('names at most the outer 16 folder levels, so a hostile nesting costs neither minutes nor gigabytes', () => {
    // 8,000 folders around 8,000 feeds (~0.5 MB): each feed got a 16 kB category before, and
    // every feed joined the whole folder stack.
    const depth = 8000;
    const feeds = Array.from({ length: depth }, (_, i) => `<outline xmlUrl="https://f.example/${i}"/>`).join('');
    const text = `<opml><body>${'<outline text="f">'.repeat(depth)}${feeds}${'</outline>'.repeat(depth)}</body></opml>`;
    // The cost is bounded by the 16-level cut asserted below (each feed names at most 16 folders);
    // no wall-clock bound here, as timing belongs in bench/.
    const doc = readOpml(text);
    assert.equal(doc.feeds.length, depth);
    assert.deepEqual(doc.feeds[0]!.categories, [Array(16).fill('f').join('/')]);
    // Folders above the cut are named in full, and a feed after them is back in its own folder.
    const shallow = readOpml(
      `<opml><body><outline text="A"><outline text="B"><outline xmlUrl="https://b.example/"/></outline><outline xmlUrl="https://a.example/"/></outline></body></opml>`,
    );
    assert.deepEqual(
      shallow.feeds.map((f) => f.categories),
      [['A/B'], ['A']],
    );
  });

  it('reads only http(s) feeds and lists every other address as refused, with its reason', () => {
    const doc = readOpml(`<opml version="2.0"><body>
  <outline type="rss" text="Local" xmlUrl="file:///etc/passwd"/>
  <outline type="rss" text="Again" xmlUrl="file:///etc/passwd"/>
  <outline type="rss" text="Old" xmlUrl="ftp://files.example/feed.xml"/>
  <outline type="rss" text="Script" xmlUrl="java&#x09;script:alert(1)"/>
  <outline type="rss" text="Data" xmlUrl="data:application/rss+xml,&lt;rss/&gt;"/>
  <outline type="rss" text="Relative" xmlUrl="/feed.xml"/>
  <outline type="rss" text="Token" xmlUrl="gopher://u:pw@h.example/f?token=abc"/>
  <outline type="rss" text="Good" xmlUrl="https://good.example/rss"/>
</body></opml>`);
    assert.deepEqual(
      doc.feeds.map((f) => f.url),
      ['https://good.example/rss'],
    );
    // Each reason also comes as a key (`note`, worded by the desk); the English is as it was.
    assert.deepEqual(
      doc.refused.map(({ url, reason }) => ({ url, reason })),
      [
        { url: 'file:///etc/passwd', reason: 'a file: address; only http and https feeds are subscribed' },
        { url: 'ftp://files.example/feed.xml', reason: 'a ftp: address; only http and https feeds are subscribed' },
        { url: 'javascript:alert(1)', reason: 'a javascript: address; only http and https feeds are subscribed' },
        { url: 'data:application/rss+xml,<rss/>', reason: 'a data: address; only http and https feeds are subscribed' },
        { url: '/feed.xml', reason: 'not an absolute address (give the full http or https URL of the feed)' },
        { url: 'gopher://h.example/f?token=redacted', reason: 'a gopher: address; only http and https feeds are subscribed' },
      ],
    );
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

  it('writes only characters XML allows, so a strict parser reads the file and the titles come back', () => {
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
      siteUrl: null,
    } as const;
    const sources: Source[] = [
      // C0 controls, an escape sequence, U+FFFE/U+FFFF, a lone high and a lone low surrogate.
      {
        ...base,
        id: 1,
        url: 'https://a.example/feed',
        title: 'Bell\u0007 \u001b[31mred\u000b\u000c \ufffe\uffff',
        settings: { category: 'Ne\u0000ws' },
      },
      { ...base, id: 2, url: 'https://b.example/feed', title: 'cut \ud83d here, and \udc00 there', settings: {} },
      // What XML allows must survive: a line break and a tab in a title, an emoji (a surrogate pair).
      { ...base, id: 3, url: 'https://c.example/feed', title: 'Two\nlines\tand 📰', settings: {} },
    ];
    const xml = writeOpml(sources, 'Mine\u0001');
    strictXml(xml);
    const back = readOpml(xml);
    assert.equal(back.title, 'Mine');
    assert.deepEqual(
      back.feeds.map((f) => [f.title, f.categories]),
      [
        ['cut \ufffd here, and \ufffd there', []],
        ['Two\nlines\tand 📰', []],
        ['Bell [31mred', ['News']],
      ],
    );
  });

  it('keeps the XML character set exactly: drops forbidden controls, replaces lone surrogates', () => {
    assert.equal(xmlChars('a\u0000b\u0008c\u0009d\u000ae\u000df\u001fg\u007fh'), 'abc\u0009d\u000ae\u000dfg\u007fh');
    assert.equal(xmlChars('\ud7ff\ue000\ufffd\ufffe\uffff'), '\ud7ff\ue000\ufffd');
    assert.equal(xmlChars('\ud800\udc00 \udbff\udfff'), '\ud800\udc00 \udbff\udfff');
    assert.equal(xmlChars('x\ud800'), 'x\ufffd');
    assert.equal(xmlChars('\udfffx\ud800\ud800\udc00'), '\ufffdx\ufffd\ud800\udc00');
  });
});

/** Parses with saxes, a strict XML 1.0 parser: any well-formedness error (a forbidden character) throws. */
function strictXml(xml: string): void {
  const p = new SaxesParser();
  p.on('error', (e) => {
    throw e;
  });
  p.write(xml).close();
}
