// Stage 1 (prune.ts), from the precision round of 2026-12-05 (x-false): a box around a field for an
// e-mail address, and a list of teaser cards (headings linking to other pages, each with a line of
// summary), are furniture whatever their class names say. Each test builds its own small page,
// written for the rule, not taken from a data set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { parseDocument } from '../../../src/ingest/extract/dom.js';
import { pruneFurniture } from '../../../src/ingest/extract/prune.js';
import { paragraphs } from './helpers.js';

const sentence = (n: number): string =>
  `The harbour board said on day ${n} that the old crane by the fish market would be taken down in pieces and its iron sold to the foundry upriver.`;
const prose = (from: number, count: number): string => paragraphs(sentence, from, count);

function extract(html: string): string {
  return extractArticle({ bytes: html }).text ?? '';
}

const page = (inside: string, after = ''): string =>
  `<!doctype html><html lang="en"><head><title>The old crane</title></head><body>
    <div class="wrap"><div class="col-8"><h1>The old crane</h1>${prose(1, 4)}${inside}${prose(5, 2)}</div>${after}</div></body></html>`;

test('a box around an e-mail field inside the body is furniture, its call and all', () => {
  const box = `<div class="box-3"><h4>Harbour mail</h4><p>Every Friday morning, the week on the quays in one short letter to your inbox.</p>
    <div class="row"><input type="email" placeholder="you@example.org"><button>Go</button></div></div>`;
  const text = extract(page(box));
  assert.ok(text.includes(sentence(4)) && text.includes(sentence(6)), text);
  assert.ok(!text.includes('one short letter'), text);
  assert.ok(!text.includes('Harbour mail'), text);
});

test('an e-mail field right inside a short story leaves the story alone', () => {
  const html = `<!doctype html><html lang="en"><head><title>The old crane</title></head><body>
    <article><h1>The old crane</h1><p>${sentence(1)}</p><input type="email"></article></body></html>`;
  assert.ok(extract(html).includes(sentence(1)));
});

const card = (n: number, wrap: (h: string) => string): string =>
  `<li class="item">${wrap(`<h3>Quay story number ${n}</h3>`)}<p>A short summary of the other story, ${n} lines of it at most.</p></li>`;

test('a list of teaser cards, headings linking to other pages, is furniture', () => {
  for (const wrap of [
    (h: string) => `<a href="/story-${h.length}">${h}</a>`,
    (h: string) => h.replace('<h3>', '<h3><a href="/other">').replace('</h3>', '</a></h3>'),
  ]) {
    const list = `<ul class="grid">${[1, 2, 3].map((n) => card(n, wrap)).join('')}</ul>`;
    const text = extract(page(list));
    assert.ok(text.includes(sentence(1)) && text.includes(sentence(6)), text);
    assert.ok(!text.includes('summary of the other story'), text);
    assert.ok(!text.includes('Quay story number'), text);
  }
});

test('an accordion, headings linking nowhere or to the page itself, is not pruned', () => {
  for (const href of ['', ' href="#panel"', ' href="javascript:void(0)"']) {
    const list = `<ul class="grid">${[1, 2, 3].map((n) => card(n, (h) => `<a${href}>${h}</a>`)).join('')}</ul>`;
    const doc = parseDocument(page(list));
    assert.equal(pruneFurniture(doc).removed, 0, href);
    assert.ok((doc.body?.textContent ?? '').includes('summary of the other story, 3 lines'), href);
  }
});

test('the teaser cards go at stage 1, before the scorer reads the page', () => {
  const doc = parseDocument(page(`<ul class="grid">${[1, 2, 3].map((n) => card(n, (h) => `<a href="/s${n}">${h}</a>`)).join('')}</ul>`));
  assert.equal(pruneFurniture(doc).removed, 1);
  assert.ok(!(doc.body?.textContent ?? '').includes('summary of the other story'));
});

test('two cards are no list of teasers', () => {
  const doc = parseDocument(page(`<ul class="grid">${[1, 2].map((n) => card(n, (h) => `<a href="/s${n}">${h}</a>`)).join('')}</ul>`));
  assert.equal(pruneFurniture(doc).removed, 0);
});

test('a page made of teaser lists is a listing: its teasers stay', () => {
  const list = (from: number): string =>
    `<ul class="grid">${[from, from + 1, from + 2].map((n) => card(n, (h) => `<a href="/s${n}">${h}</a>`)).join('')}</ul>`;
  const doc = parseDocument(`<!doctype html><html lang="en"><head><title>Quays</title></head><body>
    <h1>Quays</h1><section>${list(1)}</section><section>${list(4)}</section><p>Page footer.</p></body></html>`);
  assert.equal(pruneFurniture(doc).removed, 0);
});
