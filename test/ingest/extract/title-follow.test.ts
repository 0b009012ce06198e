// Stage 4c (title-story.ts), pages whose class names say nothing: a short post loses to a longer
// block elsewhere on the page (a text widget in an <aside>, an author box in the post's <footer>,
// a reader's long comment), and the post does not stand in the title's own branch of the page but
// in the block that follows the title. Pages written for the rule, with made-up hashed names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';

// Long plain sentences score low per paragraph with Readability; short ones full of commas score
// high, so the scorer settles on the comma-rich block although the post stands below the title.
const post = (n: number): string =>
  `<p>In the spring of the year number ${n} the town council decided to rebuild the old stone bridge over the river because the water had worn away its eastern pillar during the long floods of the winter</p>`;
const boxed = (n: number): string =>
  `<p>Along with news, essays, reviews, letters, and notes, from writers, editors, and readers, section ${n} includes, each week, picks, links, and short, sharp, lively comments, from across the web, the network, and beyond.</p>`;
const head = '<head><title>The bridge over the river will be rebuilt</title></head>';
const h1 = '<h1 class="z81">The bridge over the river will be rebuilt</h1>';

// The post (two paragraphs) in the title's column; beside it, an <aside> with a text widget of
// five paragraphs, more than twice the post: the title's branch holds under half the body's text.
const asidePage = `<!doctype html><html lang="en">${head}<body><div class="z11">
  <div class="z12"><div class="z13">${h1}</div><div class="z14">${post(1)}${post(2)}</div></div>
  <div class="z15"><aside class="z16"><h3 class="z17">About us</h3>${[1, 2, 3, 4, 5].map(boxed).join('')}</aside></div>
  </div></body></html>`;

test('a text widget in an <aside> is not the story: the post below the title is', () => {
  const t = extractArticle({ bytes: asidePage }).text ?? '';
  assert.ok(t.includes('year number 1 the town council'), t);
  assert.ok(t.includes('year number 2 the town council'), t);
  assert.ok(!t.includes('Along with news'), t);
});

// The post's <article>: a header with the headline alone, the post's block (its paragraphs set deep,
// so that the scorer leaves them out of the box's body), then a <footer> with an author box more
// than twice the post. The post follows the title's branch (the header).
const footerPage = (bio: string): string => `<!doctype html><html lang="en">${head}<body><div class="z21">
  <article class="z22"><header class="z23">${h1}</header>
  <div class="z24"><div class="z27"><div class="z28"><div class="z29">${post(1)}${post(2)}</div></div></div></div>
  <footer class="z25">${bio}</footer></article>
  </div></body></html>`;

test("an author box in the post's <footer> is not the story: the block after the title is", () => {
  const t = extractArticle({ bytes: footerPage(`<h4 class="z26">About the author</h4>${[1, 2, 3, 4].map(boxed).join('')}`) }).text ?? '';
  assert.ok(t.includes('year number 1 the town council'), t);
  assert.ok(!t.includes('Along with news'), t);
});

test('the chosen body is found again by its longest line when that line is loose text beside a heading', () => {
  const loose = `<h4 class="z26">About the author</h4>${[1, 2, 3, 4].map((n) => boxed(n).replace(/<\/?p>/g, '')).join('<br><br>')}`;
  const t = extractArticle({ bytes: footerPage(loose) }).text ?? '';
  assert.ok(t.includes('year number 1 the town council'), t);
  assert.ok(!t.includes('Along with news'), t);
});

// No landmark: a header with the headline, the post (three paragraphs, set deep), then a block the scorer
// prefers (a long comment of comma-rich paragraphs). What follows the title before the body is at
// least half the body's text: the post is the story.
const followPage = `<!doctype html><html lang="en">${head}<body><div class="z31">
  <div class="z32">${h1}</div>
  <div class="z33"><div class="z36"><div class="z37"><div class="z38">${post(1)}${post(2)}${post(3)}</div></div></div></div>
  <div class="z34"><div class="z35">${[1, 2, 3, 4].map(boxed).join('')}</div></div>
  </div></body></html>`;

test("a post in the block after the title is the story when it holds half the chosen body's text", () => {
  const t = extractArticle({ bytes: followPage }).text ?? '';
  for (const n of [1, 2, 3]) assert.ok(t.includes(`year number ${n} the town council`), t);
  assert.ok(!t.includes('Along with news'), t);
});

// The guard: a header with the headline, a standfirst in a block of its own, then the story's
// long body. The standfirst is far under half the body: the body stays.
const standfirstPage = `<!doctype html><html lang="en">${head}<body><div class="z41">
  <div class="z42">${h1}</div>
  <div class="z43"><p>The council voted on Tuesday night after a long debate to rebuild the eastern pillar of the bridge first.</p></div>
  <div class="z44">${[1, 2, 3, 4, 5, 6, 7, 8].map(boxed).join('')}</div>
  </div></body></html>`;

test('a standfirst between the title and a long body does not replace the body', () => {
  const t = extractArticle({ bytes: standfirstPage }).text ?? '';
  for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) assert.ok(t.includes(`readers, section ${n} includes`), t);
});
