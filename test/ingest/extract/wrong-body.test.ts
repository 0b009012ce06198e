// The wrong-body round (x-wrong): a story served only inside <noscript> (noscript.ts), and a post
// with no prose whose body Readability takes from the site's banner above the title
// (header-body.ts). Pages written for the rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { parseDocument } from '../../../src/ingest/extract/dom.js';
import { unwrapProseNoscripts } from '../../../src/ingest/extract/noscript.js';
import { postBelowHeader } from '../../../src/ingest/extract/header-body.js';
import { blocksOf } from '../../../src/ingest/extract/trim.js';

const para = (n: number): string =>
  `<p>In the spring of the year number ${n} the town council decided to rebuild the old stone bridge over the river, because the water had worn away its eastern pillar during the long floods of the winter.</p>`;

// A blog template that renders the post from a script (cut before parsing) and serves it to
// readers without scripts inside <noscript>; Readability drops every <noscript> unread.
const noscriptPage = `<!doctype html><html lang="en"><head><title>The bridge will be rebuilt</title></head><body>
  <div class="header"><h2><a href="/">Town Notes</a></h2><div class="desc">News and notes from the town hall, the river and the market square</div></div>
  <div class="main"><div class="post"><h2 class="title">The bridge will be rebuilt</h2>
  <div class="post-body"><script type="text/template">${[1, 2, 3, 4, 5, 6, 7, 8, 9].map(para).join('')}</script>
  <noscript>${[1, 2, 3, 4, 5, 6, 7, 8, 9].map(para).join('')}</noscript></div></div></div>
  <div class="footer"><noscript><p>Please turn on JavaScript to see the comments on this post and to write one of your own.</p></noscript></div>
  </body></html>`;

test('a story served inside <noscript> is read; a JavaScript notice is not', () => {
  const r = extractArticle({ bytes: noscriptPage });
  const t = r.text ?? '';
  assert.ok(t.includes('year number 1 the town council'), t);
  assert.ok(t.includes('year number 9 the town council'), t);
  assert.ok(!t.includes('News and notes from the town hall'), t);
  assert.ok(!t.includes('Please turn on JavaScript'), t);
});

test('unwrapProseNoscripts: prose is unwrapped, a notice or a copy of the page text is not', () => {
  const doc = parseDocument(
    `<html><body><div id="a"><noscript>${[1, 2, 3, 4, 5, 6, 7, 8].map(para).join('')}</noscript></div>
     <div id="b"><noscript><p>Please turn on JavaScript to see the comments on this post and to write one of your own.</p></noscript></div>
     <div id="c">${[11, 12, 13, 14, 15, 16, 17, 18].map(para).join('')}<noscript>${[11, 12, 13, 14, 15, 16, 17, 18].map(para).join('')}</noscript></div></body></html>`,
  );
  const ns = Array.from(doc.getElementsByTagName('noscript'));
  assert.equal(unwrapProseNoscripts(ns, doc.body), 1);
  assert.equal(doc.querySelector('#a noscript'), null);
  assert.ok(doc.querySelector('#b noscript'));
  assert.ok(doc.querySelector('#c noscript'));
});

// A post made of a list of links: nothing below its title reads as prose, and the scorer settles
// on the banner's description line above it.
const linksPage = `<!doctype html><html lang="en"><head><title>Town Notes: The Week In Review</title></head><body>
  <div id="banner"><h1><a href="/">Town Notes</a></h1><h2>news and notes from the town hall and the market square of our town</h2></div>
  <div id="body"><div id="main"><div class="entry"><h3>The Week In Review</h3><div class="entry-body"><ul>
  ${[1, 2, 3, 4, 5, 6, 7, 8]
    .map((n) => `<li><a href="/story-${n}">Council story number ${n}</a> about the bridge, the market and the river</li>`)
    .join('')}
  </ul></div></div></div>
  <div id="side"><h2>Archives</h2><ul><li><a href="/2024">2024</a></li><li><a href="/2023">2023</a></li></ul></div></div>
  </body></html>`;

// On such pages the scorer's body is the banner's line alone (the case the stage is for; a small
// synthetic page does not make linkedom's Readability settle there, so the stage is called directly).
const banner = 'news and notes from the town hall and the market square of our town';

test('postBelowHeader: a prose-less body above the title is replaced by the post below the title', () => {
  const chosen = parseDocument(`<html><body><div><h2>${banner}</h2></div></body></html>`).body!;
  const r = postBelowHeader(banner, blocksOf(chosen), () => parseDocument(linksPage), 'The Week In Review');
  assert.ok(r);
  assert.ok(r.text.includes('Council story number 1 about the bridge'), r.text);
  assert.ok(r.text.includes('Council story number 8 about the bridge'), r.text);
  assert.ok(!r.text.includes(banner) && !r.text.includes('Archives'), r.text);
});

test('postBelowHeader: a body with prose, or one below the title, is left alone', () => {
  const prose = parseDocument(`<html><body><div>${para(1)}</div></body></html>`).body!;
  assert.equal(
    postBelowHeader(blocksOf(prose)[0]!.str, blocksOf(prose), () => parseDocument(linksPage), null),
    null,
  );
  const line = 'Council story number 3 about the bridge, the market and the river';
  const below = parseDocument(`<html><body><ul><li>${line}</li></ul></body></html>`).body!;
  assert.equal(
    postBelowHeader(line, blocksOf(below), () => parseDocument(linksPage), null),
    null,
  );
});

// The same kind of post in a blog template with a side column: main's build returns the banner's line.
const item = (n: number): string =>
  `<li><a href="/story-${n}">Council story number ${n} about the bridge</a>, the market and the river</li>`;
const templatePage = `<!doctype html><html lang="en"><head><title>Town Notes: The Week In Review</title></head><body>
  <div id="container"><div id="banner"><div id="banner-inner"><h1><a href="/">Town Notes</a></h1><h2>town hall, market and river news</h2></div></div>
  <div id="pagebody"><div id="alpha">
  <div class="entry"><h3>The Week In Review</h3><div class="entry-content"><div class="entry-body"><ul>${[1, 2, 3, 4, 5, 6, 7].map(item).join('')}</ul></div>
  <div class="entry-more"><ul>${[8, 9, 10, 11, 12, 13].map(item).join('')}</ul></div></div></div></div>
  <div id="beta"><div class="module"><h2>Top posts</h2><ul><li><a href="/a">Is the market square too small?</a></li><li><a href="/b">The river in numbers</a></li></ul></div>
  <div class="module"><h2>Recent comments</h2><ul><li><a href="/u">Anna</a> on <a href="/c">The bridge</a></li><li><a href="/u2">Ben</a> on <a href="/d">The river</a></li></ul></div></div></div></div>
  </body></html>`;

test("a post of links in a blog template: the body is the post below the title, not the banner's line", () => {
  const t = extractArticle({ bytes: templatePage }).text ?? '';
  assert.ok(t.includes('Council story number 1 about the bridge'), t);
  assert.ok(t.includes('Council story number 13 about the bridge'), t);
  assert.ok(!t.includes('town hall, market and river news'), t);
  assert.ok(!t.includes('Recent comments'), t);
});

// A short post whose body is prose stays where the scorer found it, even below a banner line.
const prosePage = `<!doctype html><html lang="en"><head><title>The bridge will be rebuilt</title></head><body>
  <div id="banner"><h2>news and notes from the town hall and the market square of our town</h2></div>
  <div class="entry"><h1>The bridge will be rebuilt</h1>${para(1)}${para(2)}</div></body></html>`;

test('a prose body is left where it is', () => {
  const t = extractArticle({ bytes: prosePage }).text ?? '';
  assert.ok(t.includes('year number 1 the town council') && t.includes('year number 2 the town council'), t);
  assert.ok(!t.includes('news and notes from the town hall'), t);
});
