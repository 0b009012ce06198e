import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FeedParseError, parseFeed } from '../../../src/ingest/parse/index.js';
import { fixture, parseText } from './helpers.js';

test('ill-formed XML: flagged, and every entry still read', () => {
  const r = parseFeed({ bytes: fixture('illformed.xml') });
  assert.equal(r.bozo, true);
  assert.ok(r.bozoReason);
  assert.equal(r.version, 'rss20');
  assert.equal(r.feed.title, 'Broken & proud');
  assert.deepEqual(
    r.entries.map((e) => e.title),
    ['First \u00a0item', 'Second item'],
  );
  assert.equal(r.entries[0]?.link, 'https://broken.example/1?a=1&b=2');
  assert.equal(r.entries[1]?.link, 'https://broken.example/2');
});

test('each well-formedness problem is named', () => {
  const reason = (xml: string): string | undefined => {
    const r = parseText(xml);
    assert.equal(r.bozo, true, xml);
    return r.bozoReason;
  };
  assert.match(reason('<rss><channel><title>t</title></channel>') ?? '', /ended inside <rss>/);
  assert.match(reason('<rss><channel><title>t</b></title></channel></rss>') ?? '', /no matching start tag/);
  assert.match(reason('<rss><channel><title><b>t</title></channel></rss>') ?? '', /mismatched tag/);
  assert.match(reason('<rss><channel><title>a & b</title></channel></rss>') ?? '', /unescaped &/);
  assert.match(reason('<rss><channel><x:title>t</x:title></channel></rss>') ?? '', /unbound namespace prefix "x"/);
  assert.match(reason('<rss><channel></channel></rss><rss></rss>') ?? '', /more than one root/);
  assert.match(reason('<rss><channel><title a=b>t</title></channel></rss>') ?? '', /not quoted/);
  assert.match(reason('<rss><channel><title>\u0001</title></channel></rss>') ?? '', /control character/);
});

test('a well-formed feed is not flagged', () => {
  const r = parseText(
    '<?xml version="1.0"?><!-- c --><rss version="2.0"><channel><title>ok</title><item><title><![CDATA[<b>&</b>]]></title></item></channel></rss>',
  );
  assert.equal(r.bozo, false, r.bozoReason);
  assert.equal(r.entries[0]?.title, '<b>&amp;</b>');
});

test('tags that differ only in case still pair up (and are flagged)', () => {
  const r = parseText('<rss version="2.0"><Channel><item><Title>t</title></item></channel></rss>');
  assert.equal(r.entries[0]?.title, 't');
});

test('an HTML page is refused with an autodiscovery hint', () => {
  assert.throws(
    () => parseFeed({ bytes: fixture('html-page.html') }),
    (err: unknown) => {
      assert.ok(err instanceof FeedParseError);
      assert.match(err.message, /HTML page, not a feed/);
      assert.match(err.message, /newsdesk add <site url>/);
      return true;
    },
  );
});

test('an empty body is refused clearly', () => {
  for (const body of ['', '   \n\t']) {
    assert.throws(
      () => parseText(body),
      (err: unknown) => err instanceof FeedParseError && /empty/.test(err.message),
    );
  }
});

test('text without markup is not a feed; a prolog with nothing after it is a broken one', () => {
  assert.throws(() => parseText('hello, world'), FeedParseError);
  const r = parseText('<?xml version="1.0"?>\n<!-- nothing here -->\n');
  assert.equal(r.bozo, true);
  assert.deepEqual(r.entries, []);
});

test('invalid JSON served as JSON is refused; JSON that is not a JSON Feed too', () => {
  assert.throws(
    () => parseFeed({ bytes: Buffer.from('{"version": '), headers: { 'content-type': 'application/feed+json' } }),
    FeedParseError,
  );
  assert.throws(() => parseText('{"hello": "world"}'), /not a JSON Feed/);
});

test('XML that is not a feed (a sitemap) is refused; an unknown root holding items is still read', () => {
  assert.throws(
    () =>
      parseText(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://s.example/</loc></url></urlset>',
      ),
    /root element is <urlset>/,
  );
  const r = parseText('<weird><item><title>still here</title></item></weird>');
  assert.equal(r.version, '');
  assert.equal(r.entries[0]?.title, 'still here');
});
