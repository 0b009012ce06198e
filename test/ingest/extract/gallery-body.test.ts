// The wrong-body round x-wrong2: a slideshow's captions taken for the story (gallery-body.ts), and a
// body made of list items measured by its prose outside lists when it grows to the headline's
// article (second-look.ts). Pages written for the rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { parseDocument } from '../../../src/ingest/extract/dom.js';
import { storyAroundGallery } from '../../../src/ingest/extract/gallery-body.js';
import { blocksOf } from '../../../src/ingest/extract/trim.js';
import { growToArticle, previewSecondLook } from '../../../src/ingest/extract/second-look.js';
import { pruneFurniture } from '../../../src/ingest/extract/prune.js';
import { blockText } from '../../../src/ingest/extract/text.js';

// A story's paragraphs, each with three links (a quarter of its text), as news sites write them:
// enough for the scorer to prefer the captions, few enough for stage 4 to read them as prose.
const para = (n: number): string =>
  `<p>In the spring meeting number ${n} the town council decided to rebuild <a href="/a">the old stone bridge</a> over the river, because the water had worn away <a href="/b">its eastern pillar</a> during the <a href="/c">long floods</a> of the winter.</p>`;

// A picture's caption, credited to a wire service, as a slideshow's slides carry them.
const caption = (n: number): string =>
  `Workers, engineers and a crane lift stone block number ${n}, one of many, onto the new eastern pillar of the bridge over the river, in the town, Tuesday, May 6, 2025. (AP Photo/Jane Doe)`;

const slides = (count: number): string => Array.from({ length: count }, (_, i) => `<li><h4> </h4><p>${caption(i + 1)}</p></li>`).join('');

// The story in its container, and after it, inside the same container, another slideshow of the
// site whose sixty captions outweigh the story's paragraphs.
const galleryPage = `<!doctype html><html lang="en"><head><title>The bridge will be rebuilt</title></head><body>
  <div id="main"><div class="entry"><h1>The bridge will be rebuilt</h1>
  <div class="story-text">${[1, 2, 3, 4, 5, 6].map(para).join('')}
  <p>Also on the site:</p><div class="promo"><ul class="show">${slides(60)}</ul></div></div></div></div>
  <div id="side"><h2>Archives</h2><ul><li><a href="/2024">2024</a></li><li><a href="/2023">2023</a></li></ul></div>
  </body></html>`;

test('storyAroundGallery: a body of credited captions gives way to the story holding the gallery', () => {
  const chosen = parseDocument(`<html><body><div><ul class="show">${slides(60)}</ul></div></body></html>`).body!;
  const r = storyAroundGallery(chosen, blocksOf(chosen), () => parseDocument(galleryPage), 'The bridge will be rebuilt');
  assert.ok(r);
  assert.ok(r.text.includes('spring meeting number 1 the town council'), r.text);
  assert.ok(r.text.includes('spring meeting number 6 the town council'), r.text);
  assert.ok(!r.text.includes('stone block number'), r.text);
  assert.ok(!r.text.includes('Archives'), r.text);
});

// A photo post: the captions are the post, and the only prose on the page is a box beside it.
const photoPost = `<!doctype html><html lang="en"><head><title>The bridge in pictures</title></head><body>
  <div id="main"><div class="entry"><h1>The bridge in pictures</h1><ul class="show">${slides(12)}</ul></div></div>
  <div id="side"><div class="about">${[7, 8, 9].map(para).join('')}</div></div>
  </body></html>`;

test('storyAroundGallery: a photo post whose only prose stands beside it is left alone', () => {
  const chosen = parseDocument(`<html><body><div><ul class="show">${slides(12)}</ul></div></body></html>`).body!;
  assert.equal(
    storyAroundGallery(chosen, blocksOf(chosen), () => parseDocument(photoPost), null),
    null,
  );
});

test('storyAroundGallery: a story with a few credited pictures is not a gallery', () => {
  const chosen = parseDocument(
    `<html><body><div>${para(1)}<figure><figcaption>${caption(1)}</figcaption></figure>${para(2)}${para(3)}</div></body></html>`,
  ).body!;
  assert.equal(
    storyAroundGallery(chosen, blocksOf(chosen), () => parseDocument(galleryPage), null),
    null,
  );
});

test('a slideshow after the story in its container: the story is the body', () => {
  const t = extractArticle({ bytes: galleryPage }).text ?? '';
  assert.ok(t.includes('spring meeting number 1 the town council'), t);
  assert.ok(t.includes('spring meeting number 6 the town council'), t);
  assert.ok(!t.includes('stone block number 30'), t);
});

// A paper in its <article>: an abstract and sections of prose, then its numbered references. The
// scorer takes the references (many items, commas in each); the body's own prose is its prose
// outside lists — none — so the paper, which holds twice that, is the body.
const reference = (n: number): string =>
  `<li><p>Doe J, Roe R, Poe P, et al. A study, number ${n}, of the old stone bridges over the river, their pillars, floods and repairs. J Bridges. 2019;${n}(2):1-9.</p></li>`;
const paperSection = (n: number): string =>
  `<section><h2>Part ${n}</h2><p>The survey of the year number ${n} found that the eastern pillars of the old stone bridges had been worn away by the long floods of the winter, and that the repairs of the past decades had not reached their foundations.</p></section>`;
const paperPage = `<!doctype html><html lang="en"><head><title>Stone bridges and floods</title></head><body>
  <article><h1>Stone bridges and floods</h1><div class="abstract"><p>The purpose of the review is to summarise what is known of the stone bridges of the region and of the damage the floods did to them.</p></div>
  <div class="body">${[1, 2, 3].map(paperSection).join('')}</div>
  <div class="refs"><h2>References</h2><ol>${Array.from({ length: 40 }, (_, i) => reference(i + 1)).join('')}</ol></div></article>
  </body></html>`;

test("a body of list items grows to the headline's article by its prose outside lists", () => {
  const chosen = parseDocument(
    `<html><body><div><ol>${Array.from({ length: 40 }, (_, i) => reference(i + 1)).join('')}</ol></div></body></html>`,
  ).body!;
  const pruned = parseDocument(paperPage);
  pruneFurniture(pruned);
  const preview = previewSecondLook(pruned);
  const r = growToArticle(chosen, blockText(chosen), () => parseDocument(paperPage), 'Stone bridges and floods', preview);
  assert.ok(r);
  assert.ok(r.text.includes('The purpose of the review is to summarise'), r.text);
  assert.ok(r.text.includes('year number 3 found'), r.text);
});
