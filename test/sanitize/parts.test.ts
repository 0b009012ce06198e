import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBase, safeSrcset, safeUrl } from '../../src/sanitize/url.js';
import { safeStyle } from '../../src/sanitize/style.js';
import { allowedEmbed } from '../../src/sanitize/embeds.js';
import { isPixelSized, isTrackerUrl } from '../../src/sanitize/trackers.js';

const base = parseBase('https://news.example.com/world/story.html?id=1#top');

test('safeUrl resolves relative references like the URL parser, fast path or not', () => {
  const cases = ['a/b.jpg', '/a/b.jpg', '../x', './y', '?q=1', '#f', '//cdn.example.net/z', 'a b.jpg', "it's.jpg", 'a\\b', '/x/../y'];
  for (const c of cases) {
    assert.equal(safeUrl(c, 'link', base), new URL(c, 'https://news.example.com/world/story.html?id=1#top').href, c);
  }
  // IRIs keep their non-ASCII characters: the same URL once percent-encoded.
  for (const c of ['ü.jpg', '/ü/ß?x=é', 'a/€#ñ']) {
    const out = safeUrl(c, 'link', base)!;
    assert.ok(/[^\x00-\x7f]/.test(out), out);
    assert.equal(new URL(out).href, new URL(c, 'https://news.example.com/world/story.html?id=1#top').href, c);
  }
});

test('safeUrl scheme allowlists per kind', () => {
  assert.equal(safeUrl('mailto:a@b.example', 'link', base), 'mailto:a@b.example');
  assert.equal(safeUrl('mailto:a@b.example', 'media', base), undefined);
  assert.equal(safeUrl('data:image/png;base64,AAAA', 'image', base), 'data:image/png;base64,AAAA');
  assert.equal(safeUrl('data:image/png;base64,AAAA', 'media', base), undefined);
  assert.equal(safeUrl('data:image/svg+xml;base64,AAAA', 'image', base), undefined);
  assert.equal(safeUrl('data:image/png,<svg onload=x>', 'image', base), undefined);
  assert.equal(safeUrl('java\u0000script:x', 'link', undefined), undefined);
  assert.equal(safeUrl('\u2028javascript:x', 'link', undefined), undefined);
  assert.equal(safeUrl('x:y', 'link', undefined), undefined);
  assert.equal(safeUrl('a/b:c', 'link', undefined), 'a/b:c');
  assert.equal(parseBase('javascript:alert(1)'), undefined);
  assert.equal(parseBase('not a url'), undefined);
});

test('safeSrcset keeps good candidates, drops bad ones and bad descriptors', () => {
  assert.equal(safeSrcset('a.jpg 1x,b.jpg 2x', base), 'https://news.example.com/world/a.jpg 1x, https://news.example.com/world/b.jpg 2x');
  assert.equal(
    safeSrcset('  a.jpg  640w ,  javascript:alert(1) 2x, data:image/png;base64,AAA 3x', base),
    'https://news.example.com/world/a.jpg 640w',
  );
  assert.equal(safeSrcset('a.jpg onerror=x', base), 'https://news.example.com/world/a.jpg');
  assert.equal(safeSrcset('javascript:alert(1)', base), undefined);
  assert.equal(safeSrcset('a.jpg,, b.jpg', undefined), 'a.jpg, b.jpg');
});

test('safeStyle keeps the presentational subset and nothing that can load or run', () => {
  assert.equal(safeStyle('color: #fff; TEXT-ALIGN: center'), 'color: #fff; TEXT-ALIGN: center;');
  assert.equal(safeStyle('border: 1px solid rgb(0, 0, 0)'), 'border: 1px solid rgb(0, 0, 0);');
  assert.equal(safeStyle("font-family: 'Lucida Console', arial"), "font-family: 'Lucida Console', arial;");
  assert.equal(safeStyle('margin: 0px !important'), 'margin: 0px !important;');
  assert.equal(safeStyle('background: url(x.png)'), undefined);
  assert.equal(safeStyle('position: fixed; z-index: 99; top: 0'), undefined);
  assert.equal(safeStyle('width: expression(alert(1))'), undefined);
  assert.equal(safeStyle('color: red; width: e\\78pression(1)'), undefined);
  assert.equal(safeStyle('color: red /* x */'), undefined);
  assert.equal(safeStyle('margin: -999px'), undefined);
  assert.equal(safeStyle('padding: 99999em'), undefined);
  assert.equal(safeStyle('display: contents'), undefined);
  assert.equal(safeStyle('color: var(--x)'), undefined);
});

test('embeds: only YouTube/Vimeo player URLs, always https', () => {
  assert.equal(allowedEmbed('http://www.youtube.com/embed/abc?start=5#t'), 'https://www.youtube.com/embed/abc?start=5');
  assert.equal(allowedEmbed('https://www.youtube-nocookie.com/embed/abc'), 'https://www.youtube-nocookie.com/embed/abc');
  assert.equal(allowedEmbed('https://player.vimeo.com/video/123'), 'https://player.vimeo.com/video/123');
  assert.equal(allowedEmbed('https://player.vimeo.com/video/abc'), undefined);
  assert.equal(allowedEmbed('https://user:pw@www.youtube.com/embed/abc'), undefined);
  assert.equal(allowedEmbed('https://www.youtube.com:8443/embed/abc'), undefined);
  assert.equal(allowedEmbed('https://www.youtube.com/embed/../redirect'), undefined);
  assert.equal(allowedEmbed('javascript:alert(1)//www.youtube.com/embed/x'), undefined);
});

test('tracker detection', () => {
  assert.equal(isPixelSized('1', '1'), true);
  assert.equal(isPixelSized('1px', undefined), true);
  assert.equal(isPixelSized('0', '300'), true);
  assert.equal(isPixelSized('640', '480'), false);
  assert.equal(isPixelSized(undefined, undefined), false);
  assert.equal(isPixelSized('100%', '1'), true);
  assert.equal(isTrackerUrl('https://stats.wordpress.com/b.gif?v=1'), true);
  assert.equal(isTrackerUrl('https://example.com/stats.wordpress.com/b.gif'), false);
});
