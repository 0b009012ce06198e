// Bylines read as a reader sees them and dates from the page's other sources (x-bylines): made-up
// pages, each failing without the rule it is named for (checked on the build before the round).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { prose } from './helpers.js';

const URL = 'https://harbour.example/news/ferry-link';

function page(head: string, top: string, url = URL) {
  const html = `<!DOCTYPE html><html lang="en"><head><title>Ferry link approved</title>${head}</head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><article><h1>Ferry link approved</h1>${top}
${prose('The ferry story', 8)}
</article></main></body></html>`;
  return extractArticle({ bytes: Buffer.from(html), url });
}

test('a byline label in its own element is dropped although no space follows it', () => {
  const r = page('', '<a class="story__author" href="/people/jane-roe"><span>By</span>Jane Roe</a>');
  assert.equal(r.byline, 'Jane Roe');
});

test("a byline's blocks are read apart: the outlet in capitals and the date line go, the date is the page's", () => {
  const r = page(
    '',
    '<div class="article-byline"><div>By <span>Jane Roe</span></div><div><div>HARBOUR GAZETTE</div><time>Mar 3, 2021 at 2:05 pm</time></div></div>',
  );
  assert.equal(r.byline, 'Jane Roe');
  assert.equal(r.published, '2021-03-03T14:05:00');
  // Where Readability's text shows the parts apart, it stays as the page writes it (label and all).
  assert.equal(page('', '<p class="byline">By Jane Roe</p><p><time>Mar 3, 2021</time></p>').byline, 'By Jane Roe');
});

test("a byline's <time datetime> dates the page; read from the markup, fields after a mark that are a date line go", () => {
  // Readability passes this byline by (the page's header goes before it runs); the page's byline elements are read.
  const by =
    '<div class="byline"><span><a href="/p/jr">Jane Roe</a></span><span> · </span>Harbour desk<span> · </span><time datetime="2021-03-03T09:00:00Z">Posted: Mar 3, 2021</time></div>';
  const html = `<!DOCTYPE html><html lang="en"><head><title>Ferry link approved</title></head><body><header>${by}<nav><a href="/">Home</a></nav></header>
<main><article><h1>Ferry link approved</h1>${prose('The ferry story', 8)}</article></main></body></html>`;
  const r = extractArticle({ bytes: Buffer.from(html), url: URL });
  assert.equal(r.published, '2021-03-03T09:00:00Z');
  assert.equal(r.byline, 'Jane Roe, Harbour desk');
  // A comment's author and a comment form's label are no byline, and their dates no publication date.
  const comments = `<!DOCTYPE html><html lang="en"><head><title>Ferry link approved</title></head><body>
<main><article><h1>Ferry link approved</h1>${prose('The ferry story', 8)}</article>
<ol class="commentlist"><li><div class="comment-author vcard">Mark says</div><time>Mar 4, 2021</time><p>Nice.</p></li></ol>
<form id="respond"><label for="author" class="author">Name (required)</label><input id="author"></form></main></body></html>`;
  const c = extractArticle({ bytes: Buffer.from(comments), url: URL });
  assert.equal(c.byline, null);
  assert.equal(c.published, null);
});

test('several names in blocks are kept, joined as a list; a trailing count goes', () => {
  const r = page('', '<div class="authors"><div>Jane Roe</div><div>John Doe</div><span>74</span></div>');
  assert.equal(r.byline, 'Jane Roe, John Doe');
});

test("a <time> without datetime in the article is dated by its text (the HTML standard's value)", () => {
  const r = page('', '<p class="kicker"><time>Dec 9, 2016</time></p>');
  assert.equal(r.published, '2016-12-09');
});

test('an element whose class names the publication date gives it, in words or in CJK figures', () => {
  assert.equal(page('', '<div class="pub-date">March 9 2017 4:21 PM</div>').published, '2017-03-09T16:21:00');
  assert.equal(page('', '<div class="entry-pubdate">2019年4月4日</div>').published, '2019-04-04');
  // A relative time is no date.
  assert.equal(page('', '<div class="published-date">4 months ago</div>').published, null);
});

test("the address's /YYYY/MM/DD/ path is the last date source", () => {
  assert.equal(page('', '', 'https://harbour.example/2016/12/15/ferry-link/').published, '2016-12-15');
  assert.equal(page('', '', 'https://harbour.example/2016/12/ferry-link/').published, null);
  // A page date wins over the path.
  assert.equal(
    page('<meta property="article:published_time" content="2016-12-14T20:00:00Z">', '', 'https://harbour.example/2016/12/15/x/').published,
    '2016-12-14T20:00:00Z',
  );
});

test('article:author names the writer before <meta name=author> (the publisher); a profile address does not', () => {
  const both = '<meta name="author" content="Harbour Media Group"><meta property="article:author" content="Jane Roe">';
  assert.equal(page(both, '').byline, 'Jane Roe');
  const path = '<meta name="author" content="Harbour Media Group"><meta property="article:author" content="/@janeroe">';
  assert.equal(page(path, '').byline, 'Harbour Media Group');
});

test("content a server printed before <html> goes to the body's start; the head's metadata is still read", () => {
  const html = `<br> <b>Warning</b>: session_start(): failed in <b>/srv/www/lib.php</b> on line <b>145</b><br> <!DOCTYPE html>
<html lang="en"><head><title>Ferry link approved | Harbour</title><meta property="og:title" content="Ferry link approved">
<meta property="article:published_time" content="2021-03-03T10:00:00Z"></head><body><article><h1>Ferry link approved</h1>
${prose('The ferry story', 8)}</article></body></html>`;
  const r = extractArticle({ bytes: Buffer.from(html), url: URL });
  assert.equal(r.title, 'Ferry link approved');
  assert.equal(r.published, '2021-03-03T10:00:00Z');
  assert.equal(r.lang, 'en');
  assert.match(r.text ?? '', /The ferry story paragraph 8/);
});
