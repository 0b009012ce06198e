// Stage 1 (thread-blocks.ts), from the x-precision round of 2026-12-07: the comment-thread rule's
// "a teaser's text is its link" counts the links that lead to another page. A comment's title that
// folds it open, its permalink on the date and its "reply" stay on the page, and on short comments
// they outweigh the reader's words; an item that is all links wherever they lead (a contents
// list's entries) still counts as links. Every page here is written for the rule, with made-up
// hashed class names; the positive case fails without the change, the near misses keep the text.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { ablation } from '../../../src/ingest/extract/ablation.js';
import { extractArticle } from '../../../src/ingest/extract/index.js';

afterEach(() => {
  ablation.off = null;
});

const sentence = (n: number): string =>
  `The ferry company said on day ${n} that the night crossing would run again from May, once the new ramp at the north pier has been tested.`;

/**
 * One comment as a sports blog's thread sets it: a title that is a script link folding the comment
 * open, the words, a "by <name> on <date>" line whose date is the permalink, then up/reply/actions
 * controls; `words` short or long.
 */
const comment = (n: number, words: string): string =>
  `<div class="q8Rt"><div class="m2Kd"><h5 class="t6Yy"><a href="#" onclick="fold(${n}); return false">Comment ${n} on the ferry plan, read in full here</a></h5>` +
  `<div class="w1Bb"><p>${words}</p></div>` +
  `<p class="l4Nn">by <a href="https://fans.example/u/${n}">fan${n}</a> on <span><a class="p0Zz" href="#c${n}">Aug 9, 2012 12:2${n % 10} PM EDT</a></span> ` +
  `<a href="#" onclick="up(${n}); return false">up</a> <a href="#" onclick="reply(${n}); return false">reply</a> <a href="#" onclick="tools(${n}); return false">actions</a></p></div></div>`;

// Short comments: a line each, fewer characters than the controls around them.
const short = [
  'Agreed, and about time too.',
  'Finally! Good for the island.',
  'About time they fixed it.',
  'Good news for the island.',
  'Not convinced it will last.',
];

const page = (post: string, after: string): string =>
  `<!doctype html><html lang="en"><head><title>Night ferry returns</title></head><body>
  <div class="a0Bb"><div class="c1Dd"><h1>Night ferry returns</h1><div class="e2Ff">${post}</div></div>${after}</div></body></html>`;

const post = `<p>${sentence(1)}</p><p>${sentence(2)}</p><p>${sentence(3)}</p>`;

/** Whether the thread-blocks rule is about to act on page `html` (the ablation hook is asked then). */
function takes(html: string): boolean {
  let asked = false;
  ablation.off = (rule) => {
    if (rule === 'prune:thread-blocks') asked = true;
    return false;
  };
  extractArticle({ bytes: html });
  ablation.off = null;
  return asked;
}

test('a thread of short comments whose links are their own controls (fold title, permalink, reply) goes', () => {
  const items = Array.from({ length: 10 }, (_, i) => comment(i + 1, short[i % short.length]!)).join('');
  const html = page(post, `<div class="h9Jj">${items}</div>`);
  assert.equal(takes(html), true);
  const text = extractArticle({ bytes: html }).text ?? '';
  assert.ok(text.includes(sentence(1)) && text.includes(sentence(3)), text);
  assert.ok(!text.includes('About time they fixed it'), text);
});

test('near miss: a rail of dated teasers, their headlines leading to other pages, is no thread', () => {
  // Dated, with an in-page control each (a share button's script link), but the text is a headline out.
  const items = Array.from(
    { length: 8 },
    (_, i) =>
      `<div class="q8Rt"><h5 class="t6Yy"><a href="/ferry/story-${i + 1}" onclick="track(${i})">Ferry story ${i + 1}: the north pier ramp and the night crossing</a></h5>` +
      `<span class="p0Zz">Aug ${i + 1}, 2012</span> <a href="#" onclick="share(${i}); return false">Share</a></div>`,
  ).join('');
  assert.equal(takes(page(post, `<div class="h9Jj">${items}</div>`)), false);
});

test("near miss: the story's own list of dated entries linking to its sections keeps its text", () => {
  // A dated contents list inside the story after its first paragraph: in-page links, no words of their own.
  const entries = Array.from(
    { length: 6 },
    (_, i) => `<li class="k3Vv"><a href="#part${i + 1}">${i + 2} May 2024: the ramp tests, part ${i + 1}, at the north pier</a></li>`,
  ).join('');
  const parts = Array.from({ length: 6 }, (_, i) => `<h2 id="part${i + 1}">Part ${i + 1}</h2><p>${sentence(10 + i)}</p>`).join('');
  const html = page(`<p>${sentence(1)}</p><ul class="r5Cc">${entries}</ul>${parts}`, '');
  assert.equal(takes(html), false);
  const text = extractArticle({ bytes: html }).text ?? '';
  assert.ok(text.includes(sentence(10)) && text.includes(sentence(15)), text);
});
