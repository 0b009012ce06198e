// Stage 1 (thread-blocks.ts), from the x-forms round of 2026-12-06: a comment set as a list of
// its own parts — one <li> for the avatar, name, date and words, a sibling <li> for its tools
// (recommend, report, share, the permalink box) — so that the thread's items are <ul>s, not
// <li>s or boxes. With hashed names (made up here) the named rules see nothing; the shape rule
// now reads <ul> and <ol> items too. The positive case fails with the rule off, and did before
// <ul>/<ol> were item tags (checked).
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { ablation } from '../../../src/ingest/extract/ablation.js';
import { extractArticle } from '../../../src/ingest/extract/index.js';

afterEach(() => {
  ablation.off = null;
});

const sentence = (n: number): string =>
  `The county said on day ${n} that the coast path between the two coves would close for the winter while the cliff above it is made safe.`;
const words = (n: number): string =>
  `I walked that path every Sunday for years, and reader note ${n} is that the cliff has been crumbling since the storms, so closing it is right.`;

/** One comment: a <ul> of its content <li> (avatar, name, date line, words) and its tools <li> (a list of controls). */
const comment = (n: number): string =>
  `<ul class="z17 z24"><li class="z13"><div class="z11"><img src="/av/${n}.png" height="60" width="60" alt=""><a href="/user/${n}">walker${n}</a><p class="z35">${n} November 2012 9:${10 + n}PM</p></div>` +
  `<div class="z42"><p>${words(n)}</p></div></li>` +
  `<li class="z16"><ul><li class="z41"><a class="z37" onclick="recommend(${n});return false;">Recommend?</a> (<span>${n}</span>)</li><li class="z69">Responses (0)</li>` +
  `<li class="z15"><a href="/report/${n}">Report</a></li><li class="z36"><span>Close</span><p>Link to this comment:</p><input type="text" value="/c/${n}"></li></ul></li></ul>`;

const page = (n: number): string =>
  `<!doctype html><html lang="en"><head><title>Coast path to close</title></head><body><div class="z90"><div class="z91"><h1>Coast path to close</h1>` +
  `<div class="z92">${[1, 2, 3].map((i) => `<p>${sentence(i)}</p>`).join('')}</div></div>` +
  `<div class="z74">${Array.from({ length: n }, (_, i) => comment(i + 1)).join('')}</div></div></body></html>`;

test('a thread whose comments are lists of their parts (words in one item, tools in a sibling item) goes', () => {
  const text = extractArticle({ bytes: page(12) }).text ?? '';
  assert.ok(text.includes(sentence(1)) && text.includes(sentence(3)), text);
  assert.ok(!text.includes('reader note') && !text.includes('Recommend?'), text);
  ablation.off = (rule) => rule === 'prune:thread-blocks';
  const off = extractArticle({ bytes: page(12) }).text ?? '';
  assert.ok(off.includes('reader note'), off);
});

test('a story set as several bullet lists keeps them: lists of points carry no dates and no controls', () => {
  const list = (k: number): string =>
    `<ul class="z50">${[1, 2, 3].map((i) => `<li>Point ${k}.${i}: the path's ${i}th section is closed from the car park to the steps.</li>`).join('')}</ul>`;
  const html =
    `<!doctype html><html lang="en"><head><title>Coast path to close</title></head><body><div class="z90"><h1>Coast path to close</h1>` +
    `<div class="z92"><p>${sentence(1)}</p>${list(1)}${list(2)}${list(3)}${list(4)}</div></div></body></html>`;
  const text = extractArticle({ bytes: html }).text ?? '';
  assert.ok(text.includes('Point 1.1') && text.includes('Point 4.3'), text);
});
