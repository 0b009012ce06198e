// Stage 4 (trim.ts with time-lines.ts), from the x-prec2 round: a line that is only a `<time>`
// stamp, or a label and one, goes wherever it stands in the body — below a standfirst, between
// the lead picture and the text — in any language; a `<time>` inside a sentence, or beside a name
// or a source, stays. Lines written for the rule, not taken from the sets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trimEdges } from '../../../src/ingest/extract/trim.js';
import { chosenBody, flatText, paragraphs } from './helpers.js';

const sentence = (n: number): string =>
  `The harbour board voted at its ${n}th meeting to dredge the north channel before the winter storms, after the ferry ran aground twice in October.`;
const prose = (from: number, count: number): string => paragraphs(sentence, from, count);
/** A standfirst long enough to read as prose: the edge trim takes the text to start there. */
const STANDFIRST =
  '<h2>The board wants the channel deep enough for the new ferries before the storms, and the harbour master says the money is there.</h2>';

/** Trims `html` (the body) and returns its text. */
function trimmed(html: string): string {
  const el = chosenBody(html);
  trimEdges(el, null);
  return flatText(el);
}

test('a line that is only a <time> stamp goes, below the standfirst and in any language', () => {
  for (const stamp of [
    '<time datetime="2021-03-16T08:00:48+00:00">16 marca 2021</time>',
    '<time datetime="2020-10-07T20:44:48+02:00"> <span> 7. oktober 2020 </span> </time>',
    '<time datetime="2020-04-11T08:27:52Z"><span></span>Aktualisiert: 11.04.2020, 10:27</time>',
    '<time datetime="2019-11-20">Nov. 20, 2019</time> | <time datetime="2019-11-20T01:35">Updated: Nov. 20, 2019 1:35 a.m.</time>',
  ]) {
    const t = trimmed(`${STANDFIRST}<p>${stamp}</p>${prose(1, 6)}`);
    const line = flatText(chosenBody(stamp));
    assert.ok(!t.includes(line), line);
    assert.ok(t.includes('The board wants the channel'), `${line}: standfirst`);
    for (const n of [1, 2, 3, 4, 5, 6]) assert.ok(t.includes(sentence(n)), `${line}: paragraph ${n}`);
  }
});

test('a label and a <time> stamp go together; the label is the line’s only other text', () => {
  for (const [stamp, label] of [
    ['<span>发表时间： <time datetime="2022-02-06T12:48:06+00:00">06/02/2022 - 13:48</time></span>', '发表时间'],
    ['Published: <time datetime="2020-01-20T10:00">10:00am, 20 Jan, 2020</time>', 'Published:'],
  ] as const) {
    const t = trimmed(`${prose(1, 2)}<p>${stamp}</p>${prose(3, 4)}`);
    assert.ok(!t.includes(label), label);
    for (const n of [1, 2, 3, 4, 5, 6]) assert.ok(t.includes(sentence(n)), `${label}: paragraph ${n}`);
  }
});

test('a <time> in a sentence, beside a name or beside a source stays', () => {
  for (const line of [
    'The ferry sails again on <time datetime="2019-11-25">Monday</time>, the board said.',
    '<time datetime="2023-01-02T21:22">21:22</time>Frances Watkins',
    'smithsonian.com <time>November 18, 2019</time>',
  ]) {
    const t = trimmed(`${prose(1, 2)}<p>${line}</p>${prose(3, 4)}`);
    assert.ok(t.includes(flatText(chosenBody(line))), line);
  }
});
