// Canonical URLs: the variants one article is reached under fold to one address, and
// addresses that name different articles stay apart.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalUrl } from '../../src/stories/canonical-url.js';

const BASE = 'https://example.com/news/2026/03/story-123';

test('scheme, host case, default ports, trailing dot and fragment fold away', () => {
  for (const u of [
    'http://example.com/news/2026/03/story-123',
    'HTTPS://EXAMPLE.COM/news/2026/03/story-123',
    'https://example.com:443/news/2026/03/story-123',
    'http://example.com:80/news/2026/03/story-123',
    'https://example.com./news/2026/03/story-123',
    'https://example.com/news/2026/03/story-123/',
    'https://example.com/news/2026/03/story-123#comments',
    '  https://example.com/news//2026/03/story-123  ',
  ]) {
    assert.equal(canonicalUrl(u), BASE, u);
  }
});

test('www, mobile and AMP hosts are the same site', () => {
  for (const h of ['www.', 'm.', 'mobile.', 'amp.', 'www.m.']) {
    assert.equal(canonicalUrl(`https://${h}example.com/news/2026/03/story-123`), BASE, h);
  }
  // Never down to a bare suffix.
  assert.equal(canonicalUrl('https://m.co/x'), 'https://m.co/x');
});

test('AMP paths and switches are the article itself', () => {
  for (const u of [
    `${BASE}/amp`,
    `${BASE}/amp/`,
    'https://example.com/amp/news/2026/03/story-123',
    `${BASE}?amp=1`,
    `${BASE}?amp`,
    `${BASE}?amp=true`,
    `${BASE}?outputType=amp`,
    `${BASE}.amp`,
  ]) {
    assert.equal(canonicalUrl(u), BASE, u);
  }
  assert.equal(canonicalUrl('https://example.com/story.amp.html'), 'https://example.com/story.html');
  // A story about AMP (a word in the middle of the path) keeps its path.
  assert.equal(canonicalUrl('https://example.com/tech/amp/pages-explained'), 'https://example.com/tech/amp/pages-explained');
});

test('tracking parameters are removed, content parameters kept and sorted', () => {
  const tracked = `${BASE}?utm_source=twitter&utm_medium=social&UTM_Campaign=x&fbclid=abc&gclid=1&dclid=2&msclkid=3&mc_cid=4&mc_eid=5&_ga=6&igshid=7&ref_src=twsrc&cmpid=8`;
  assert.equal(canonicalUrl(tracked), BASE);
  assert.equal(canonicalUrl('https://example.com/article.php?p=2&id=9&utm_source=x'), 'https://example.com/article.php?id=9&p=2');
  assert.equal(canonicalUrl('https://example.com/a?b=2&a=1'), canonicalUrl('https://example.com/a?a=1&b=2'));
  // Different ids are different articles.
  assert.notEqual(canonicalUrl('https://example.com/article.php?id=9'), canonicalUrl('https://example.com/article.php?id=10'));
  // amp=0 is not the AMP switch.
  assert.equal(canonicalUrl(`${BASE}?amp=0`), `${BASE}?amp=0`);
});

test('different paths, hosts and ports stay apart', () => {
  assert.notEqual(canonicalUrl('https://example.com/a'), canonicalUrl('https://example.com/b'));
  assert.notEqual(canonicalUrl('https://example.com/a'), canonicalUrl('https://example.org/a'));
  assert.notEqual(canonicalUrl('https://news.example.com/a'), canonicalUrl('https://example.com/a'));
  assert.equal(canonicalUrl('https://example.com:8080/a'), 'https://example.com:8080/a');
});

test('non-http or malformed input gives null', () => {
  for (const u of ['', '   ', 'not a url', '/relative/path', 'mailto:a@example.com', 'ftp://example.com/x', 'javascript:alert(1)']) {
    assert.equal(canonicalUrl(u), null, u);
  }
});

test('non-ASCII paths and hosts keep a stable form', () => {
  const a = canonicalUrl('https://www.example.ir/خبر/۱۲۳?utm_source=t');
  const b = canonicalUrl('https://example.ir/%D8%AE%D8%A8%D8%B1/%DB%B1%DB%B2%DB%B3');
  assert.equal(a, b);
  assert.equal(canonicalUrl('https://BÜCHER.example/a'), canonicalUrl('https://xn--bcher-kva.example/a'));
});
