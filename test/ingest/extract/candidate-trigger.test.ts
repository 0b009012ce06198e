// Candidate B's trigger (issue 11, sixth speed round): a short body gets the whole-page re-parse
// only when pruning removed at least REMOVED_SHARE times its text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseArticle } from '../../../src/ingest/extract/candidates.js';
import { parseDocument } from '../../../src/ingest/extract/dom.js';
import { paragraphs } from './helpers.js';

const sentence = (n: number): string =>
  `The ferry operator said on Tuesday that crossing ${n} would run on the winter timetable, with the last boat leaving the harbour at nine in the evening.`;
const prose = (from: number, count: number): string => paragraphs(sentence, from, count);

const page = (furniture: string): string =>
  `<!doctype html><html lang="en"><head><title>Winter timetable</title></head><body>
   <div id="main"><h1>Winter timetable</h1><div class="entry">${prose(0, 4)}</div></div>
   ${furniture}</body></html>`;

function reparses(html: string): number {
  let n = 0;
  chooseArticle(parseDocument(html), () => {
    n++;
    return parseDocument(html);
  }, []);
  return n;
}

test('a short body with little furniture removed is not re-scored on the whole page', () => {
  assert.equal(reparses(page('<nav><a href="/">Home</a> <a href="/news">News</a></nav>')), 0);
});

test('a short body with more furniture removed than its own text is re-scored on the whole page', () => {
  assert.equal(reparses(page(`<div class="comments">${prose(10, 8)}</div>`)), 1);
});
