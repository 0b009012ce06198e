// Stage 4 (lone-teaser.ts), from the broad-set round of 2026-12-05 afternoon (x-broad3): a single
// teaser card for another page — a box with a heading that is wholly a link and a line of summary
// — set between the paragraphs of the body goes; a linked headline standing alone, a story's own
// section heading, a roundup's linked headings over their own paragraphs, and a card before any
// prose stay. Each test builds its own small page, written for the rule, not taken from a data set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { type DomElement, parseDocument } from '../../../src/ingest/extract/dom.js';
import { removeLoneTeasers } from '../../../src/ingest/extract/lone-teaser.js';
import { paragraphs } from './helpers.js';

const sentence = (n: number): string =>
  `The ferry company said on day ${n} that the night crossing to the island would run twice a week again from the spring, weather permitting.`;
const prose = (from: number, count: number): string => paragraphs(sentence, from, count);

function extract(html: string): string {
  return extractArticle({ bytes: html }).text ?? '';
}

const page = (inside: string): string =>
  `<!doctype html><html lang="en"><head><title>The night ferry</title></head><body>
    <div class="wrap"><div class="col-8"><h1>The night ferry</h1>${prose(1, 4)}${inside}${prose(5, 3)}</div></div></body></html>`;

// A short headline over a long summary: Readability's conditional cleaning keeps the box.
const card = (heading = 'h2'): string =>
  `<div class="box-7"><${heading}><a href="/harbour/timetable-questions">The timetable, explained</a></${heading}>
    <p>The crossings, the fares and the winter breaks explained in one place, with the answers to the questions travellers ask most often about the night boat and its cabins. <a href="/harbour/timetable-questions">more</a></p></div>`;

test('a single teaser card between the paragraphs goes, headline and summary', () => {
  for (const h of ['h2', 'h3', 'h4']) {
    const text = extract(page(card(h)));
    assert.ok(text.includes(sentence(4)) && text.includes(sentence(5)) && text.includes(sentence(7)), text);
    assert.ok(!text.includes('The timetable, explained'), h);
    assert.ok(!text.includes('winter breaks explained'), h);
  }
});

test('a card whose whole box is the link (the heading inside the <a>) is a card too', () => {
  const linked = `<div class="box-7"><a href="/harbour/fares"><h3>The new fares</h3>
    <p>Children travel free on the night crossing, and season tickets are cheaper than last year.</p></a></div>`;
  const doc = parseDocument(`<html><body><div id="b">${prose(1, 4)}${linked}${prose(5, 3)}</div></body></html>`);
  const root = doc.querySelector('#b') as DomElement;
  assert.equal(removeLoneTeasers(root), 1);
  const text = root.textContent ?? '';
  assert.ok(!text.includes('The new fares') && text.includes(sentence(5)), text);
});

test('a linked headline without a summary stays: a link of the story, not a card', () => {
  const lone = `<div class="rel"><ul><li><h3><a href="/harbour/crane">The old crane comes down</a></h3></li></ul></div>`;
  const text = extract(page(lone));
  assert.ok(text.includes('The old crane comes down'), text);
});

test('the story’s own section heading (not a link) stays, and so does a link to a part of the page', () => {
  const own = `<div class="sec"><h2>Winter breaks</h2><p>In January the ferry rests for two weeks while the hull is painted in the yard.</p></div>`;
  const text = extract(page(own));
  assert.ok(text.includes('Winter breaks') && text.includes('the hull is painted'), text);
  const anchor = `<div class="sec"><h2><a href="#fares">Fares further down</a></h2><p>Children travel free on the night crossing, and season tickets are cheaper.</p></div>`;
  const text2 = extract(page(anchor));
  assert.ok(text2.includes('Fares further down'), text2);
});

test('linked headings over their own paragraphs in the body (a roundup) stay', () => {
  const roundup = [1, 2, 3]
    .map((n) => `<h3><a href="https://shop.example.org/item-${n}">Lantern number ${n}</a></h3>${prose(20 + n, 2)}`)
    .join('');
  const html = `<!doctype html><html lang="en"><head><title>Three lanterns</title></head><body>
    <div class="wrap"><div class="col-8"><h1>Three lanterns</h1>${prose(1, 2)}${roundup}</div></div></body></html>`;
  const text = extract(html);
  for (const n of [1, 2, 3]) assert.ok(text.includes(`Lantern number ${n}`), text);
});

test('a card before any prose of the body, or cards holding much of the body, are left alone', () => {
  const doc = parseDocument(`<html><body><div id="b">${card()}${prose(1, 3)}</div></body></html>`);
  const root = doc.querySelector('#b') as DomElement;
  assert.equal(removeLoneTeasers(root), 0);
  const many = parseDocument(`<html><body><div id="b">${prose(1, 1)}${card()}${card('h3')}</div></body></html>`);
  assert.equal(removeLoneTeasers(many.querySelector('#b') as DomElement), 0);
});
