// Live blogs (live-blog.ts) and a paywall stub: page shapes no dev page has. Every page here is
// written for the test (live-blog-pages.ts): a running story of dated updates, newest first, set
// as <article>s, as a plugin's <div> entries or as blocks led by a permalinked time stamp, with
// a "Key events" list of links to updates, share links and a "Load more" button around them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { feedBelowCover, holdsUpdateFeed, selfLinks } from '../../../src/ingest/extract/live-blog.js';
import { parseDocument } from '../../../src/ingest/extract/dom.js';
import type { DomElement } from '../../../src/ingest/extract/dom.js';
import {
  MATCH,
  PAYWALL_HEADLINE,
  STORM,
  TEASER,
  type Update,
  articlesLiveBlog,
  blocksLiveBlog,
  paywallStub,
  pluginLiveBlog,
  shortLiveBlog,
} from './live-blog-pages.js';

const URL_ = 'https://coast.example/live/storm';

function textOf(html: string): string {
  return extractArticle({ bytes: html, url: URL_ }).text ?? '';
}

/** Every update's paragraphs (and heading, when the page sets one as a line) are in `text`, in page order. */
function assertEveryUpdate(text: string, updates: Update[], headings = true): void {
  let at = -1;
  for (const u of updates) {
    for (const s of [...(headings && u.heading ? [u.heading] : []), ...u.paras]) {
      const i = text.indexOf(s);
      assert.ok(i > at, `"${s.slice(0, 50)}" missing or out of order`);
      at = i;
    }
  }
}

/** None of the feed's furniture: the key-events list, the per-update links, "load more", the rail. */
function assertNoFurniture(text: string): void {
  for (const s of [
    'Key events',
    'Copy link',
    'Link to this update',
    'Load more',
    'Show older',
    'More on the storm',
    'Latest sport',
    'All rights reserved',
  ])
    assert.ok(!text.includes(s), `"${s}" kept`);
  // The time stamps go with the key-events list and the updates' meta lines: dropped throughout.
  assert.ok(!/^\d\d:\d\d/m.test(text), 'a time-stamp line kept');
}

test('a live blog whose header is its own <article> keeps every update, not only the first (LiveBlogPosting data)', () => {
  const text = textOf(articlesLiveBlog(STORM, { headerArticle: true }));
  assertEveryUpdate(text, STORM);
  assertNoFurniture(text);
});

test('a live blog whose header is its own <article> keeps every update without structured data (a run of dated updates)', () => {
  const text = textOf(articlesLiveBlog(STORM, { headerArticle: true, ld: false }));
  assertEveryUpdate(text, STORM);
  assertNoFurniture(text);
});

test('a live blog of time-stamped <div> blocks below a header <article>: its LiveBlogPosting data keeps the body on the feed', () => {
  const text = textOf(blocksLiveBlog(STORM, { headerArticle: true }));
  assertEveryUpdate(text, STORM);
  assertNoFurniture(text);
});

test('a live blog of dated <div> blocks below a header <article>, without structured data: the feed holds the title story back', () => {
  // Dated by a <time> in each block's first line, or by the line's text alone ("18:40 GMT").
  for (const stamps of ['time', 'line'] as const) {
    for (const updates of [STORM, STORM.slice(0, 3)]) {
      const text = textOf(blocksLiveBlog(updates, { headerArticle: true, ld: false, stamps }));
      assertEveryUpdate(text, updates);
      // A time line without a <time> is text to stage 4 (time-lines.ts reads the element): it stays.
      if (stamps === 'time') assertNoFurniture(text);
      else assert.ok(!text.includes('Key events') && !text.includes('More on the storm'));
    }
  }
});

test("a LiveBlogPosting nested as the WebPage's mainEntity holds the title story back as a top-level one does", () => {
  // No time stamps in the blocks: only the data says it is a live blog. The body is the page's
  // feed, as with the data at the top of its block, not one rebuilt from the data by stage 4f.
  const r = extractArticle({ bytes: blocksLiveBlog(STORM, { headerArticle: true, ld: 'nested', stamps: 'none' }), url: URL_ });
  assertEveryUpdate(r.text ?? '', STORM);
  assert.ok(!r.warnings.some((w) => w.includes('structured data')), r.warnings.join('; '));
  assert.equal(r.text, textOf(blocksLiveBlog(STORM, { headerArticle: true, stamps: 'none' })));
});

test('a LiveBlogPosting written as microdata (itemtype on the feed, no JSON-LD) holds the title story back as the JSON-LD object does', () => {
  // No time stamps in the blocks and no JSON-LD: only the feed's itemtype says it is a live blog.
  const text = textOf(blocksLiveBlog(STORM, { headerArticle: true, ld: 'microdata', stamps: 'none' }));
  assertEveryUpdate(text, STORM);
  assert.equal(text, textOf(blocksLiveBlog(STORM, { headerArticle: true, stamps: 'none' })));
  // Another item type on the same element says nothing of a live blog: the title story runs.
  const other = blocksLiveBlog(STORM, { headerArticle: true, ld: 'microdata', stamps: 'none' }).replace(
    'schema.org/LiveBlogPosting',
    'schema.org/ItemList',
  );
  assert.notEqual(textOf(other), text);
});

test('a live blog of short <article> updates drops each update\'s "Link to this update"', () => {
  const text = textOf(shortLiveBlog());
  assertEveryUpdate(text, MATCH);
  assertNoFurniture(text);
  // Four updates only: under the card rail's reach too.
  const few = textOf(shortLiveBlog(MATCH.slice(0, 4)));
  assertEveryUpdate(few, MATCH.slice(0, 4));
  assertNoFurniture(few);
});

test('live blogs as <article>s, as plugin entries and as time-stamped blocks keep every update in page order', () => {
  for (const page of [articlesLiveBlog, pluginLiveBlog, blocksLiveBlog]) {
    for (const updates of [STORM, STORM.slice(0, 4)]) {
      const text = textOf(page(updates));
      // The plugin shape sets a heading as a bold first paragraph, so it is a line there too.
      assertEveryUpdate(text, updates);
      assertNoFurniture(text);
    }
  }
});

const STORY = Array.from(
  { length: 6 },
  (_, i) =>
    `<p>Harbour story paragraph ${i + 1}: the board met again on Thursday, heard the fishermen and the developer in turn, and put off its vote until the surveyors report on the quay wall.</p>`,
).join('\n');

function nextStory(n: number): string {
  return `<article><h2>Next story ${n}: the lighthouse keepers' cottages go on sale</h2><time datetime="2026-12-0${n}T09:00:00Z">${n} December</time>
<p>Next story ${n} says the trust that owns the cottages will sell them to pay for the light's new lens and the repairs to the tower.</p></article>`;
}

test('a headline <article> holding a whole story: the dated <article>s after it are the next stories and stay out', () => {
  const html = `<html><head><title>Harbour vote put off</title></head><body><main>
<article><h1>Harbour vote put off</h1><time datetime="2026-12-04T09:00:00Z">4 December</time>${STORY}</article>
${nextStory(1)}${nextStory(2)}${nextStory(3)}</main></body></html>`;
  const text = textOf(html);
  assert.ok(text.includes('Harbour story paragraph 6'));
  assert.ok(!text.includes('Next story'), text);
});

test('holdsUpdateFeed: three short dated sibling <article>s with prose are a feed; two, undated or with an <h1> are not', () => {
  const feed = (items: string[]): DomElement[] => {
    const doc = parseDocument(`<html><body><div>${items.join('')}</div></body></html>`);
    return Array.from(doc.getElementsByTagName('article')) as DomElement[];
  };
  const upd = (n: number, extra = ''): string =>
    `<article>${extra}<time datetime="2026-12-04T1${n}:00:00Z">1${n}:00</time><p>Update ${n}: the council says the coast road is open again, with one lane past the landslip.</p></article>`;
  assert.equal(holdsUpdateFeed(feed([upd(1), upd(2), upd(3)])), true);
  assert.equal(holdsUpdateFeed(feed([upd(1), upd(2)])), false);
  assert.equal(holdsUpdateFeed(feed([upd(1), upd(2, '<h1>Headline</h1>'), upd(3)])), false);
  assert.equal(holdsUpdateFeed(feed([upd(1), upd(2).replace(/<time[^>]*>[^<]*<\/time>/, ''), upd(3)])), false);
  const long = `<article><time datetime="2026-12-04T10:00:00Z">10:00</time>${STORY.repeat(3)}</article>`;
  assert.equal(holdsUpdateFeed(feed([long, long, long])), false);
});

test('selfLinks: a link to the block holding it goes; a heading linked to itself and a link inside a sentence stay', () => {
  const doc = parseDocument(`<html><body><div id="c">
<div id="u1"><h2 id="h"><a href="#h">Ferries cancelled</a></h2><p>Both crossings are off until the morning, as we said <a href="#u1">here</a> and in our earlier update.</p><p><a href="#u1">Link to this update</a></p></div>
<div id="u2"><p><a href="?page=with:u2#u2"><time>14:20</time></a></p><p>The warning is raised to amber for the whole coast until late evening.</p></div>
</div></body></html>`);
  const found = selfLinks(doc.querySelector('#c') as DomElement).map((a) => (a.textContent ?? '').trim());
  assert.deepEqual(found, ['Link to this update', '14:20']);
});

test('a paywall stub: the teaser paragraphs, the subscription box gone, the paywall warning set', () => {
  const r = extractArticle({ bytes: paywallStub(), url: 'https://coast.example/news/ice-house' });
  assert.equal(r.title, PAYWALL_HEADLINE);
  const text = r.text ?? '';
  for (const p of TEASER) assert.ok(text.includes(p));
  for (const s of ['Subscribe', 'unlimited', '£', 'Sign in', 'e-paper']) assert.ok(!text.includes(s), `"${s}" kept`);
  assert.ok(r.warnings.some((w) => w.includes('paywall')));
  // Without the structured data's mark the same text, and no warning (the box's words are not read).
  const unmarked = extractArticle({ bytes: paywallStub(false), url: 'https://coast.example/news/ice-house' });
  assert.equal(unmarked.text, r.text);
  assert.ok(!unmarked.warnings.some((w) => w.includes('paywall')));
});

test('feedBelowCover: three dated sibling blocks with prose below a cover; not below a story, not teaser cards, not two, not undated', () => {
  const page = (cover: string, items: string[]) => {
    const doc = parseDocument(
      `<html><body><main><article id="head"><h1>Coast road live</h1>${cover}</article><div id="feed">${items.join('')}</div></main></body></html>`,
    );
    const main = doc.querySelector('main') as DomElement;
    const head = doc.querySelector('#head') as DomElement;
    const at = doc.querySelector('#feed p') as DomElement;
    return feedBelowCover(head, at, main);
  };
  const cover = '<p>The coast road is closed between the two harbours while crews clear the landslip; updates below.</p>';
  const upd = (n: number, stamp = `<p>1${n}:05 GMT</p>`, heading = '<h2>Lane reopened</h2>') =>
    `<div>${stamp}${heading}<p>Update ${n}: the council says the coast road is open again, with one lane past the landslip.</p></div>`;
  assert.equal(page(cover, [upd(1), upd(2), upd(3)]), true);
  assert.equal(page(cover, [upd(1), upd(2)]), false);
  assert.equal(page(cover, [upd(1), upd(2, ''), upd(3)]), false);
  // Below a story of two paragraphs, the dated blocks are not its updates (a thread, a rail).
  assert.equal(page(cover + cover.replace('updates below', 'more below'), [upd(1), upd(2), upd(3)]), false);
  // Other stories' cards: a heading linked to another page.
  const card = (n: number) => upd(n, undefined, `<h3><a href="/news/story-${n}">Road story ${n}</a></h3>`);
  assert.equal(page(cover, [card(1), card(2), card(3)]), false);
});
