// The body grows to the headline's <article> (second-look.ts, growToArticle): a story split into
// sections, of which the scorer took one. Each page is written for the rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';

// Short sentences full of commas score high with Readability; long plain ones score low per
// character, so the scorer settles on the first section although the second holds more text.
const commaParagraph = (n: number): string =>
  `<p>On day ${n}, at dawn, the crew, the mayor, two divers, a doctor and the ferry's cook, met at the pier, checked the ropes, and left.</p>`;
const plainParagraph = (n: number): string =>
  `<p>In the second part of the story number ${n} the boat crossed the open water towards the northern island where the old lighthouse keeper had been waiting since the early morning for the supplies that the village had collected for him over the whole of the past winter season</p>`;
// A picture beside the text at two levels, so that the text block is no wrapper's only child
// (Readability would climb from an only child to its parent, and take the sibling section too).
const section = (inner: string): string =>
  `<div class="section"><div class="wrap"><div class="text">${inner}</div><figure><img src="/a.jpg" alt=""></figure></div><figure><img src="/b.jpg" alt=""></figure></div>`;
const first = [1, 2, 3, 4].map(commaParagraph).join('');
const second = [5, 6, 7, 8].map(plainParagraph).join('');

const page = (articleRest: string): string =>
  `<!doctype html><html lang="en"><head><title>The crossing to the northern island | Harbour News</title></head><body>
   <article><h1>The crossing to the northern island</h1>${section(first)}${articleRest}</article></body></html>`;

test("a body that is one section of the headline's article grows to the whole article", () => {
  const r = extractArticle({ bytes: page(section(second)) });
  assert.ok(r.text?.includes('On day 1, at dawn'), r.text ?? '');
  assert.ok(r.text?.includes('story number 8'), r.text ?? '');
});

test("the article is not grown into what Readability drops: hidden blocks and lists (a gallery's legends)", () => {
  const hidden = extractArticle({ bytes: page(`<div style="display: none">${section(second)}</div>`) });
  assert.ok(hidden.text?.includes('On day 1, at dawn'), hidden.text ?? '');
  assert.ok(!hidden.text?.includes('story number'), hidden.text ?? '');
  const legends = [5, 6, 7, 8].map((n) => `<li>${plainParagraph(n)}</li>`).join('');
  const gallery = extractArticle({ bytes: page(`<div class="gallery"><ul class="legends">${legends}</ul></div>`) });
  assert.ok(gallery.text?.includes('On day 1, at dawn'), gallery.text ?? '');
  assert.ok(!gallery.text?.includes('story number'), gallery.text ?? '');
});

test('a body whose article holds little more stays as it is', () => {
  // A body outside any <article> grows to the headline's unmarked story block: grow-plain.test.ts.
  const small = extractArticle({ bytes: page(section(plainParagraph(5))) });
  assert.ok(small.text?.includes('On day 1, at dawn'), small.text ?? '');
  assert.ok(!small.text?.includes('story number 5'), small.text ?? '');
});
