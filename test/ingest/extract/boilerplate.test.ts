import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { paragraphs } from './helpers.js';

const URL_ = 'https://courier.example/news/2024/harbour';

const sentence = (n: number): string =>
  `The harbour authority said on Tuesday that the works on pier ${n} would continue through the winter, weather permitting, and that ferries would keep running.`;
const prose = (from: number, count: number): string => paragraphs(sentence, from, count);

function page(body: string): Buffer {
  return Buffer.from(
    `<!doctype html><html lang="en"><head><title>Harbour works go on</title></head><body><div id="page"><h1>Harbour works go on</h1><div class="story">${body}</div></div></body></html>`,
  );
}

function textOf(body: string): string {
  return extractArticle({ bytes: page(body), url: URL_ }).text ?? '';
}

test('a rail of teaser cards for other stories inside the body is dropped; the prose around it stays', () => {
  const cards = ['Lighthouse keeper retires', 'Storm closes coast road', 'New fish market opens', 'Regatta dates set']
    .map(
      (h, i) =>
        `<div class="teaser"><h3>${h}</h3><span>${h}, the council says, after a long and wet season on the coast</span><a href="/news/${i}" class="cover"></a></div>`,
    )
    .join('');
  const text = textOf(`${prose(1, 3)}<div class="rail">${cards}</div>${prose(10, 3)}`);
  assert.ok(text.includes(sentence(1)) && text.includes(sentence(12)), text);
  for (const other of ['Lighthouse keeper retires', 'Storm closes coast road', 'Regatta dates set']) {
    assert.ok(!text.includes(other), `teaser "${other}" left in the text`);
  }
});

test('repeated cards that are the body itself (a listing) are kept', () => {
  const cards = Array.from(
    { length: 5 },
    (_, i) =>
      `<div class="entry"><h3><a href="/e/${i}">Entry ${i}</a></h3><img src="/e${i}.jpg" alt=""><span>${sentence(i).slice(0, 120)}</span></div>`,
  ).join('');
  const text = textOf(`<p>Listing.</p>${cards}`);
  assert.ok(text.includes('Entry 3'), text);
});

test('comments wrapped one by one (comments-body, commentbody) are furniture without a named thread', () => {
  const comments = Array.from(
    { length: 12 },
    (_, i) =>
      `<div class="comments-body"><p>Reader comment number ${i} says the works have gone on far too long and the noise keeps the whole street awake at night.</p><span class="comments-post">Comment #${i} - Posted by: reader${i}</span></div>`,
  ).join('');
  const r = extractArticle({ bytes: page(`${prose(1, 2)}<div class="comments-head">Comments</div>${comments}`), url: URL_ });
  const text = r.text ?? '';
  assert.ok(text.includes(sentence(2)), text);
  assert.ok(!text.includes('Reader comment number'), text);
});

test('a byline and a date line at the head of the body go; the prose stays', () => {
  const text = textOf(`<p>By Mara Lindqvist</p><p>Published 10:48, Tue, Nov 19, 2019</p>${prose(1, 4)}`);
  assert.ok(!text.includes('Mara Lindqvist'), text);
  assert.ok(!text.includes('Published 10:48'), text);
  assert.ok(text.startsWith(sentence(1)), text.slice(0, 120));
});

test('a paragraph that merely starts with "By the" is not a byline', () => {
  const text = textOf(`<p>By the harbour, the works go on.</p>${prose(1, 4)}`);
  assert.ok(text.includes('By the harbour, the works go on.'), text);
});

test('a blog filing sentence and an author bio box after the text are dropped', () => {
  const filing =
    '<p>This entry was posted on Thursday, August 9th, 2012 at 12:04 am and is filed under Harbour, Ferries. You can follow any responses to this entry through the RSS 2.0 feed.</p>';
  const bio =
    '<div class="author_info"><h4>About the author</h4><img src="/a.jpg" alt=""><p>Mara Lindqvist has covered the harbour for twenty years and writes about ferries, fishing and the weather.</p></div>';
  const text = textOf(`${prose(1, 4)}${filing}${bio}`);
  assert.ok(text.includes(sentence(4)), text);
  assert.ok(!text.includes('This entry was posted'), text);
  assert.ok(!text.includes('has covered the harbour for twenty years'), text);
});

test('a comment section with an <h1> of its own ("Comments (0)") is pruned; the headline <h1> still guards the article', () => {
  // HTML5 templates head every section with an <h1>. The thread's heading does not repeat the
  // page's <title>, so it does not make the comment section the article. The short post sits
  // next to it in the same <article>, as on video and link posts.
  const html = `<!doctype html><html lang="en"><head><title>Harbour works go on | Courier</title></head><body><article>
    <h1>Harbour works go on</h1><section class="postbody"><p>${sentence(1)}</p></section>
    <section id="comments"><h1>Comments (0)</h1><div class="commlist-outer"><p>Start New Comment Thread...</p>
    <div><p>Hello! You need to sign in to comment. Please be courteous and read our comment policy before you post.</p>
    <p>New to the Courier or haven't signed in before since the new version of the site went live?</p>
    <p>Already registered? <a href="/login">Sign in</a> to your existing Courier account.</p></div></div></section>
  </article></body></html>`;
  const text = extractArticle({ bytes: Buffer.from(html), url: URL_ }).text ?? '';
  assert.ok(text.includes(sentence(1)), text);
  assert.ok(!text.includes('sign in to comment') && !text.includes('Already registered'), text);
});

test('a furniture-named block holding the headline <h1> is never pruned', () => {
  // The whole post sits in a block its theme names like a comment area, but the block holds the
  // headline the <title> repeats: it is the article. The sidebar's own <h1> (the site's name)
  // guards nothing.
  const html = `<!doctype html><html lang="en"><head><title>Harbour works go on</title></head><body>
    <div class="comments-area"><h1>Harbour works go on</h1>${prose(1, 4)}</div>
    <div class="sidebar"><h1>Courier</h1><p>Local news from the coast, every day, since 1921.</p></div></body></html>`;
  const text = extractArticle({ bytes: Buffer.from(html), url: URL_ }).text ?? '';
  assert.ok(text.includes(sentence(1)) && text.includes(sentence(4)), text);
});
