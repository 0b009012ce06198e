// Stage 4 (trim.ts), from the news-credits round (error analysis of data/extract-eval dev,
// scrapinghub and dragnet): picture credits the caption tests did not read — the credit set in
// front of the caption, a caption that is only "name/source", the Associated Press after the
// photographer's name — and a byline with its date inside the text. Lines written for the rules,
// not taken from the set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trimEdges } from '../../../src/ingest/extract/trim.js';
import { paragraphs, chosenBody, flatText } from './helpers.js';

const sentence = (n: number): string =>
  `The harbour board voted at its ${n}th meeting to dredge the north channel before the winter storms, after the ferry ran aground twice in October.`;
const prose = (from: number, count: number): string => paragraphs(sentence, from, count);

const body = chosenBody;
const textOf = flatText;

/** Trims `html` (the body) and checks that `gone` went and the story's paragraphs stayed. */
function trimmedWithout(html: string, gone: string): void {
  const el = body(html);
  trimEdges(el, null);
  const t = textOf(el);
  assert.ok(!t.includes(gone), gone);
  for (const n of [1, 2, 3, 4, 5, 6]) assert.ok(t.includes(sentence(n)), `${gone}: paragraph ${n}`);
}

/** Trims `html` (the body) and checks that `kept` stayed. */
function trimmedWith(html: string, kept: string): void {
  const el = body(html);
  trimEdges(el, null);
  assert.ok(textOf(el).includes(kept), kept);
}

test('a line that opens with a picture credit goes, in a wrapper not named as a caption', () => {
  for (const line of [
    '© Jane Roe Dredgers work the north channel of the harbour at low tide on Monday morning.',
    '© Harbour Times/Jane Roe The ferry at the north pier after it ran aground in October.',
    '(C) Jane Roe The ferry at the north pier after it ran aground in October.',
  ]) {
    trimmedWithout(`${prose(1, 3)}<div class="storyimage"><img src="a.jpg"><span>${line}</span></div>${prose(4, 3)}`, line);
  }
});

test('a copyright line with its year, and a © inside a sentence, are not read as a credit in front', () => {
  // The copyright notice goes as before (a legal line), not as a caption: the story's sentence stays.
  const story =
    'The logo, marked © on every can since the brewery registered it, was painted over by the new owners in the spring of last year.';
  trimmedWith(`${prose(1, 3)}<p>${story}</p>${prose(4, 3)}`, story);
});

test("a caption that is only the picture's name/source credit goes", () => {
  for (const line of ['Jane Roe/Harbour Times', 'Jane Roe / Reuters', 'J. Jane Roe / AP file']) {
    trimmedWithout(`${prose(1, 3)}<figure><img src="a.jpg"><figcaption>${line}</figcaption></figure>${prose(4, 3)}`, line);
  }
});

test('the Associated Press after the photographer in a caption is a credit', () => {
  for (const line of [
    'The ferry at the north pier after it ran aground in October. (Jane Roe/AP)',
    'The ferry at the north pier after it ran aground in October.Jane Roe / AP file',
  ]) {
    trimmedWithout(`${prose(1, 3)}<figure><img src="a.jpg"><figcaption>${line}</figcaption></figure>${prose(4, 3)}`, line);
  }
});

test('a caption that only says what the picture shows stays, and so does a name in a caption without a slash', () => {
  for (const line of ['The ferry at the north pier after it ran aground in October.', 'Harbour Board, Inc.']) {
    trimmedWith(`${prose(1, 3)}<figure><img src="a.jpg"><figcaption>${line}</figcaption></figure>${prose(4, 3)}`, line);
  }
});

test('a byline with its date goes also inside the text (below a quote box or a lead picture the scorer took for its start)', () => {
  for (const line of [
    'By Jane Roe and John Poe on Monday, November 18th, 2019 at 11:08 a.m.',
    'By Harbour Staff | November 18, 2019 at 2:26 PM - Updated November 18 at 4:46 PM',
    'von Jane Roe am 14. Mai 2014, 15:40 Uhr',
    'par Jane Roe, 21 juin 2018',
  ]) {
    trimmedWithout(`${prose(1, 1)}<p>${line}</p>${prose(2, 5)}`, line);
  }
});

test('a byline without a date inside the text stays (a guest author above a letter)', () => {
  for (const line of ['By Jane Roe', 'Von Jane Roe, Hafenmeisterin']) {
    trimmedWith(`${prose(1, 3)}<p>${line}</p>${prose(4, 3)}`, line);
  }
});
