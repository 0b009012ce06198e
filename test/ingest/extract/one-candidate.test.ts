// The candidate choice after the x-ablate round (docs/extract-rounds.md, "Stage ablation"):
// one candidate, Readability's on the pruned page. The whole-page candidate B that a short body
// used to get after heavy pruning is gone: switched off, no half of the three dev sets scored
// worse. The first test fails on the build before it (it re-parsed and re-scored such a page).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseArticle } from '../../../src/ingest/extract/candidates.js';
import { parseDocument } from '../../../src/ingest/extract/dom.js';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { paragraphs } from './helpers.js';

const sentence = (n: number): string =>
  `The ferry operator said on Tuesday that crossing ${n} would run on the winter timetable, with the last boat leaving the harbour at nine in the evening.`;
const prose = (from: number, count: number): string => paragraphs(sentence, from, count);

// A short post and, below it, a comment thread with twice its text: the shape that used to get the
// whole-page candidate.
const page = `<!doctype html><html lang="en"><head><title>Winter timetable</title></head><body>
   <div id="main"><h1>Winter timetable</h1><div class="entry">${prose(0, 4)}</div></div>
   <div class="comments">${prose(10, 8)}</div></body></html>`;

test('a short body after heavy pruning is the pruned page’s: chooseArticle has no copy of the page to score again', () => {
  // Before, chooseArticle took a re-parse and called it for this page (two parameters here make
  // the warnings list its re-parse: the old build throws).
  const warnings: string[] = [];
  const a = chooseArticle(parseDocument(page), warnings);
  assert.deepEqual(warnings, []);
  const text = a?.content?.textContent ?? '';
  assert.match(text, /crossing 0 would run/);
  assert.match(text, /crossing 3 would run/);
  assert.doesNotMatch(text, /crossing 10 would run/);
});

test('extractArticle on that page: the post, without the thread', () => {
  const t = extractArticle({ bytes: page }).text ?? '';
  assert.match(t, /crossing 3 would run/);
  assert.doesNotMatch(t, /crossing 10 would run/);
});
