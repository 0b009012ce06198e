// A body chosen too wide (regions.ts): the regions a page sets after the story's region — a
// footer's notices, a lightbox, an "about this blog" column — go, even where they read as prose.
// Pages written for the rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../../src/ingest/extract/dom.js';
import type { DomElement } from '../../../src/ingest/extract/dom.js';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { trailingRegions } from '../../../src/ingest/extract/regions.js';
import { blocksOf } from '../../../src/ingest/extract/trim.js';

const para = (n: number): string =>
  `<p>Paragraph ${n} of the report on the orchard, in which the growers, the pickers, and the buyers at the market describe, each in their own words, what the late frost has done to this year's apples.</p>`;

const notice =
  '<p>The Orchard Gazette is published every week by a cooperative of growers in the valley, who have owned it together since the spring of 1921 and answer for what it prints.</p>';
const notice2 =
  '<p>Letters to the editor are welcome by post at the cooperative office on Mill Lane, and every one that is signed is read.</p>';

test('a footer region after the story goes from a body the scorer took too wide', () => {
  const html = `<!doctype html><html lang="en"><head><title>Late frost | Orchard Gazette</title></head><body>
    <div id="page">
      <div class="story"><h1>Late frost</h1>${[1, 2, 3, 4, 5, 6].map(para).join('')}</div>
      <div class="page-bottom">${notice}${notice2}</div>
    </div></body></html>`;
  const r = extractArticle({ bytes: html });
  const t = r.text ?? '';
  assert.ok(t.includes('Paragraph 1 of the report'), t);
  assert.ok(t.includes('Paragraph 6 of the report'), t);
  assert.ok(!t.includes('published every week by a cooperative'), t);
  assert.ok(!t.includes('Letters to the editor'), t);
});

function bodyOf(html: string): DomElement {
  return parseDocument(`<!doctype html><html><body>${html}</body></html>`).body as DomElement;
}

const regionsOf = (html: string): string[] => {
  const root = bodyOf(html);
  return trailingRegions(root, blocksOf(root)).map((r) => r.el.getAttribute('class') ?? r.el.localName);
};

test('the regions after the story region are the ones named, before it nothing', () => {
  const html = `<div class="head"><p>${'A standfirst that reads as prose, set above the story in a region of its own. '.repeat(2)}</p><p>By A. Writer</p></div>
    <div class="story">${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(para).join('')}</div>
    <div class="about">${notice}${notice2}</div>
    <p>A last line of the story that the page set outside its wrapper, long enough to read as prose, as some do.</p>`;
  assert.deepEqual(regionsOf(html), ['about']);
});

test('no region goes when the story region holds under three quarters of the prose', () => {
  const html = `<div class="story">${[1, 2, 3].map(para).join('')}</div><div class="more">${[4, 5].map(para).join('')}</div>`;
  assert.deepEqual(regionsOf(html), []);
});

test('a region as long as half the story region, or of its shape, stays', () => {
  const long = `<div class="story">${[1, 2, 3, 4, 5, 6].map(para).join('')}</div><div class="rail">${Array.from({ length: 40 }, (_, n) => `<p>Teaser line number ${n}</p>`).join('')}</div>`;
  assert.deepEqual(regionsOf(long), []);
  // A story split into sections of one kind (page builders' text widgets): the last section is the story's.
  const sections = `<div class="text-widget">${[1, 2, 3, 4, 5, 6].map(para).join('')}</div><div class="text-widget">${notice}</div>`;
  assert.deepEqual(regionsOf(sections), []);
});

test('a listing region (entries of one shape hold half its text) marks no story end', () => {
  const entry = (n: number): string => `<div class="entry"><h3>Project ${n}</h3>${para(n)}</div>`;
  const html = `<div class="projects">${[1, 2, 3, 4, 5, 6].map(entry).join('')}</div><div class="about">${notice}</div>`;
  assert.deepEqual(regionsOf(html), []);
});

test('after a short story region (under 1,000 characters) nothing goes', () => {
  const short = `<div class="story">${[1, 2, 3].map(para).join('')}</div><div class="about">${notice2}</div>`;
  assert.deepEqual(regionsOf(short), []);
  const long = `<div class="story">${[1, 2, 3, 4, 5, 6].map(para).join('')}</div><div class="about">${notice2}</div>`;
  assert.deepEqual(regionsOf(long), ['about']);
});
