import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveUrl } from '../../../src/ingest/parse/urls.js';
import { parseText } from './helpers.js';

const ATOM = (body: string, base = ''): string => `<feed xmlns="http://www.w3.org/2005/Atom"${base}>${body}</feed>`;

test('relative links resolve against the document URL', () => {
  const r = parseText(
    '<rss version="2.0"><channel><link>/home</link><item><link>story/1</link><comments>../c/1</comments></item></channel></rss>',
    {
      url: 'https://news.example/feeds/main.xml',
    },
  );
  assert.equal(r.feed.link, 'https://news.example/home');
  assert.equal(r.entries[0]?.link, 'https://news.example/feeds/story/1');
  assert.equal(r.entries[0]?.comments, 'https://news.example/c/1');
});

test('Content-Location overrides the request URL as base', () => {
  const r = parseText(ATOM('<link href="a"/><entry><link href="b"/></entry>'), {
    url: 'https://req.example/x/feed',
    headers: { 'content-location': 'https://canonical.example/y/feed' },
  });
  assert.equal(r.feed.link, 'https://canonical.example/y/a');
  assert.equal(r.entries[0]?.link, 'https://canonical.example/y/b');
});

test('a relative Content-Location is itself resolved against the URL', () => {
  const r = parseText(ATOM('<link href="a"/>'), { url: 'https://req.example/x/feed', headers: { 'Content-Location': '/moved/feed' } });
  assert.equal(r.feed.link, 'https://req.example/moved/a');
});

test('nested xml:base values compose, and apply inside HTML content', () => {
  const r = parseText(
    ATOM(
      `<entry xml:base="/blog/"><link href="post"/><content type="html" xml:base="2024/">&lt;a href="img/x.png"&gt;x&lt;/a&gt;&lt;img src="/abs.png"&gt;</content></entry>`,
      ' xml:base="https://site.example/root/"',
    ),
  );
  const e = r.entries[0]!;
  assert.equal(e.link, 'https://site.example/blog/post');
  assert.match(e.content?.[0]?.value ?? '', /href="https:\/\/site\.example\/blog\/2024\/img\/x\.png"/);
  assert.match(e.content?.[0]?.value ?? '', /src="https:\/\/site\.example\/abs\.png"/);
});

test('a javascript: xml:base is ignored and javascript: links are dropped', () => {
  const r = parseText(ATOM('<entry xml:base="javascript:alert(1)//"><link href="x"/></entry><link href="javascript:alert(2)"/>', ''), {
    url: 'https://safe.example/f',
  });
  assert.equal(r.entries[0]?.link, 'https://safe.example/x');
  assert.equal(r.feed.links?.[0]?.href, '');
});

test('IRIs keep their non-ASCII characters after resolution', () => {
  assert.equal(resolveUrl('http://any.test/', 'À'), 'http://any.test/À');
  assert.equal(resolveUrl('http://www.詹姆斯.com/', 'feed'), 'http://www.詹姆斯.com/feed');
  assert.equal(resolveUrl('http://a.test/', 'x%20y'), 'http://a.test/x%20y');
});

test('permalink GUIDs that are relative references resolve; opaque ones do not', () => {
  const r = parseText(
    '<rss version="2.0"><channel><item><guid>/2024/01/a</guid></item><item><guid>12345</guid></item><item><guid isPermaLink="false">/not/a/link</guid></item></channel></rss>',
    { url: 'https://g.example/feed' },
  );
  assert.equal(r.entries[0]?.id, 'https://g.example/2024/01/a');
  assert.equal(r.entries[1]?.id, '12345');
  assert.equal(r.entries[2]?.id, '/not/a/link');
});

// Found by the security crawl (test/security/crawl.test.ts): a private feed's password rode along
// into every relative link resolved against the feed's address, and so onto pages and feeds out.
test('links resolved against a feed address with user:password@ do not carry them', () => {
  const r = parseText(
    '<rss version="2.0"><channel><link>/home</link><item><link>story/1</link><description>&lt;a href="/x"&gt;x&lt;/a&gt;</description></item></channel></rss>',
    { url: 'https://reader:s3cret@news.example/feeds/main.xml' },
  );
  assert.equal(r.feed.link, 'https://news.example/home');
  assert.equal(r.entries[0]?.link, 'https://news.example/feeds/story/1');
  assert.doesNotMatch(r.entries[0]?.summary ?? '', /s3cret/);
  assert.match(r.entries[0]?.summary ?? '', /href="https:\/\/news\.example\/x"/);
});
