// Headings left at the end of the body by the learned edge stage (learned-blocks.ts,
// dropDanglingHeadings): once the stage drops the lines that followed a heading, the heading
// titles nothing and goes, as the edge trim's own dangling headings do. The page is written for
// the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { withModel } from './helpers.js';
import { BLOCK_MODEL } from '../../../src/ingest/extract/block-model.js';

const paragraphs = [
  'The district library reopened on Saturday after eight months of building work that added a reading room for children, a larger study hall and a ramp at the main entrance.',
  'Visitors queued before the doors opened, and the staff said more than four hundred people came through in the first hour, many of them to return books borrowed before the closure.',
  'The work cost a little over two million and was paid for mostly by the regional government, with the rest raised by a residents association over three years of markets and concerts.',
  'Opening hours are longer than before: the library now stays open until eight in the evening on weekdays, and on Sunday mornings the children’s room hosts a reading hour for families.',
];

const page = (tail: string): string =>
  `<!doctype html><html lang="en"><head><title>Library reopens after building work | Town News</title></head><body><div id="main"><h1>Library reopens after building work</h1><div class="story">${paragraphs.map((p) => `<p>${p}</p>`).join('')}${tail}</div></div></body></html>`;

test('a heading whose closing lines the learned stage dropped goes with them', () => {
  const tail = '<h3>Around the district</h3><p>Image courtesy of Shutterstock</p>';
  const on = withModel(BLOCK_MODEL, () => extractArticle({ bytes: page(tail) }).text ?? '');
  assert.ok(!on.includes('Shutterstock'), `the stage drops the picture credit: ${on}`);
  assert.ok(!on.includes('Around the district'), `the heading left titling nothing goes: ${on}`);
  assert.ok(on.includes('reading hour for families.'), on);
});

test('without the stage, or with a kept line after it, the heading stays', () => {
  const tail = '<h3>Around the district</h3><p>Image courtesy of Shutterstock</p>';
  const off = withModel(null, () => extractArticle({ bytes: page(tail) }).text ?? '');
  assert.ok(off.includes('Around the district') && off.includes('Shutterstock'), off);
  const kept =
    '<h3>What happens next</h3><p>The council will decide in May whether the branch in the northern district gets the same treatment next year.</p>';
  const on = withModel(BLOCK_MODEL, () => extractArticle({ bytes: page(kept) }).text ?? '');
  assert.ok(on.includes('What happens next'), on);
});
