// Readability renames the elements it takes into the body in upper case ("DIV" for a table cell);
// linkedom keeps that case, so stage 4, which knows blocks by their lower-case names, read a body
// of renamed cells as one block and none of its rules reached inside (x-prec2 round; the rename
// is lower-cased in readability-linkedom.ts). A table-layout page written for the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { parseDocument } from '../../../src/ingest/extract/dom.js';
import { tuneForLinkedom } from '../../../src/ingest/extract/readability-linkedom.js';

const sentence = (n: number): string =>
  `The harbour board voted at its ${n}th meeting to dredge the north channel before the winter storms, after the ferry ran aground twice in October.`;
const paras = (from: number, count: number): string => Array.from({ length: count }, (_, i) => `<p>${sentence(from + i)}</p>`).join('');

/** A page laid out in a table: a menu cell beside the story's cell. */
function tablePage(inside: string): string {
  return `<html><head><title>Dredging the north channel</title></head><body><table><tr><td><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></td><td>${inside}</td></tr></table></body></html>`;
}

test('in a body Readability took from a table cell, stage 4 sees the paragraphs: a <time> stamp between them goes', () => {
  const stamp = 'Aktualisiert: 11.04.2020, 10:27';
  const text =
    extractArticle({ bytes: tablePage(`${paras(1, 2)}<p><time datetime="2020-04-11T08:27">${stamp}</time></p>${paras(3, 5)}`) }).text ?? '';
  for (let n = 1; n <= 7; n++) assert.ok(text.includes(sentence(n)), `paragraph ${n}`);
  assert.ok(!text.includes(stamp), 'the stamp');
});

test('the names Readability gives are lower case, as a browser gives them', () => {
  const doc = parseDocument('<html><body><table><tr><td>x</td></tr></table></body></html>');
  const reader = { _setNodeTag: (node: unknown, tag: string) => ({ node, tag }) };
  tuneForLinkedom(reader);
  const td = doc.querySelector('td');
  assert.deepEqual((reader._setNodeTag as (n: unknown, t: string) => { tag: string })(td, 'DIV').tag, 'div');
});
