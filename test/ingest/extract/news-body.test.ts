// Stages 4 and 4b (trim.ts, inline-furniture.ts), from the news-body round (error analysis of
// data/extract-eval dev, both sources): what a player or gallery says when its script did not run,
// the contributor line under a wire story, and the byline and date lines set between a standfirst
// heading and the text. Lines written for the rules, not taken from the set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isMediaFallback } from '../../../src/ingest/extract/inline-furniture.js';
import { trimEdges } from '../../../src/ingest/extract/trim.js';
import { paragraphs, chosenBody, flatText } from './helpers.js';

const sentence = (n: number): string =>
  `The harbour board voted at its ${n}th meeting to dredge the north channel before the winter storms, after the ferry ran aground twice in October.`;
const prose = (from: number, count: number): string => paragraphs(sentence, from, count);

const body = chosenBody;
const textOf = flatText;
/** A measured block of unlinked text. */
const plain = (s: string) => ({ str: s, text: s.length, links: 0 });

test("a player's or gallery's line for a page without its script goes, also between paragraphs", () => {
  for (const line of [
    'This slideshow requires JavaScript.',
    'Media playback is unsupported on your device',
    'Get the Flash Player to see this player.',
    'Your browser does not support the video tag.',
    'Image 1 of / 8',
  ]) {
    assert.ok(isMediaFallback(plain(line)), line);
    const el = body(`${prose(1, 2)}<p>${line}</p>${prose(3, 2)}`);
    trimEdges(el, null);
    const t = textOf(el);
    assert.ok(!t.includes(line), line);
    assert.ok(t.includes(sentence(2)) && t.includes(sentence(3)), line);
  }
});

test("a player's word that the reader's device or browser cannot play it goes, in more than one player's wording", () => {
  for (const line of [
    'Video playback is not supported on this device.',
    'This video cannot be played in your browser.',
    'Audio playback is unsupported on your device',
  ]) {
    assert.ok(isMediaFallback(plain(line)), line);
  }
  assert.ok(!isMediaFallback(plain('Media playback is unsupported on some older phones, the company said.')));
});

test('a sentence of a story about JavaScript or Flash, and a picture count in prose, stay', () => {
  for (const line of [
    'Adobe said on Tuesday that the Flash Player, which once ran most of the web’s video, requires a security update that millions of users will never install.',
    'Image 1 of the series shows the harbour in 1920.',
  ]) {
    assert.ok(!isMediaFallback(plain(line)), line);
  }
});

test('a contributor line after the last paragraph goes', () => {
  for (const line of [
    'Associated Press writers Jane Roe and John Poe contributed to this report.',
    'Jane Roe contributed reporting.',
    "CNN's Jane Roe, John Poe, Ann Example and Bob Sample, along with the journalist Carl Person, contributed to this report",
  ]) {
    const el = body(`${prose(1, 3)}<p>${line}</p>`);
    trimEdges(el, null);
    const t = textOf(el);
    assert.ok(!t.includes(line), line);
    assert.ok(t.includes(sentence(3)), line);
  }
});

test('a closing sentence that speaks of contributions stays', () => {
  const line = 'Residents of the north shore contributed to the report that the board will read at its next meeting in December.';
  const el = body(`${prose(1, 3)}<p>${line}</p>`);
  trimEdges(el, null);
  assert.ok(textOf(el).includes(line), textOf(el));
});

test('byline and date lines between a standfirst heading and the text go; the standfirst stays', () => {
  const standfirst = 'The harbour board will dredge the north channel before winter, after two groundings of the island ferry this autumn.';
  const el = body(
    `<header><h3>${standfirst}</h3><div><p>By Jane Roe</p><p>PUBLISHED: 10:48, Tue, Nov 19, 2019</p><p>| UPDATED: 11:05, Tue, Nov 19, 2019</p></div></header>${prose(1, 4)}`,
  );
  trimEdges(el, null);
  const t = textOf(el);
  assert.ok(t.includes(standfirst), t);
  assert.ok(t.includes(sentence(1)), t);
  for (const gone of ['By Jane Roe', 'PUBLISHED', 'UPDATED']) assert.ok(!t.includes(gone), gone);
});

test('a short line between two link lines above a standfirst heading is judged as before, the heading kept', () => {
  const standfirst = 'The harbour board will dredge the north channel before winter, after two groundings of the island ferry this autumn.';
  const el = body(
    `<p><a href="/a">Home</a> <a href="/b">Harbour news</a></p><p>Kicker</p><p><a href="/c">Ferries</a> <a href="/d">Weather</a></p><h2>${standfirst}</h2><p><a href="/e">Share</a> <a href="/f">Print</a></p>${prose(1, 3)}`,
  );
  trimEdges(el, null);
  const t = textOf(el);
  assert.ok(t.includes(standfirst), t);
  assert.ok(!t.includes('Kicker') && !t.includes('Harbour news') && !t.includes('Share'), t);
});
