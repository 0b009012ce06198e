// Stage 1 (person-box.ts): a writer's bio box marked up as a schema.org Person goes whatever its
// class names say; a byline marked up the same way (a name, a link, a job title) stays, and so
// does a Person box that holds the story. Pages written for the rule, with made-up hashed names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { parseDocument } from '../../../src/ingest/extract/dom.js';
import { isPersonBox } from '../../../src/ingest/extract/person-box.js';

const para = (n: number): string =>
  `<p>In the spring of the year number ${n} the town council decided to rebuild the old stone bridge over the river, because the water had worn away its eastern pillar during the long floods of the winter.</p>`;
const bio =
  'Jane Doe has written about towns, rivers and the people who look after them for twenty years, and she lives by the sea with two cats.';
const byline =
  '<p class="z4">By <span itemprop="author" itemscope itemtype="https://schema.org/Person"><a href="/jane" itemprop="url"><span itemprop="name">Jane Doe</span></a>, <span itemprop="jobTitle">Reporter</span></span></p>';
// The page names no author in its metadata or byline (trim:author-name has nothing to look for):
// the box's markup is all that tells it.
const page = (box: string, top = ''): string => `<!doctype html><html lang="en"><head><title>The bridge will be rebuilt</title></head>
  <body><div class="z1"><article class="z2"><h1 class="z3">The bridge will be rebuilt</h1>${top}
  <div class="z5">${[1, 2, 3, 4, 5].map(para).join('')}</div>${box}</article></div></body></html>`;

test('a bio box marked up as a Person goes, with hashed class names', () => {
  const box = `<div class="z6" itemscope itemtype="http://schema.org/Person"><img src="/a.jpg" alt=""><h4 class="z7">About the writer</h4><p class="z8" itemprop="description">${bio}</p></div>`;
  const t = extractArticle({ bytes: page(box) }).text ?? '';
  assert.ok(t.includes('year number 5 the town council'), t);
  assert.ok(!t.includes('lives by the sea'), t);
});

test('a contributor item with no type (itemscope, itemprop=contributor) and a bio line goes too', () => {
  const box = `<div class="z6" itemprop="contributor" itemscope><img src="/a.jpg" alt=""><h4 class="z7">About the writer</h4><p class="z8">${bio}</p></div>`;
  const t = extractArticle({ bytes: page(box) }).text ?? '';
  assert.ok(t.includes('year number 5 the town council'), t);
  assert.ok(!t.includes('lives by the sea'), t);
});

test('a byline marked up as a Person (name, link, job title) is no bio box', () => {
  const doc = parseDocument(page('', byline));
  const el = doc.querySelector('[itemprop="author"]');
  assert.ok(el);
  assert.equal(isPersonBox(el), false);
});

test('an organisation as author, or a Person box as long as a column, is no bio box', () => {
  const org = parseDocument(
    `<html><body><div itemprop="author" itemscope itemtype="https://schema.org/Organization"><p>${bio}</p></div></body></html>`,
  ).querySelector('div');
  assert.ok(org);
  assert.equal(isPersonBox(org), false);
  const long = parseDocument(
    `<html><body><div itemscope itemtype="https://schema.org/Person">${[1, 2, 3, 4, 5, 6].map(para).join('')}</div></body></html>`,
  ).querySelector('div');
  assert.ok(long);
  assert.equal(isPersonBox(long), false);
});
