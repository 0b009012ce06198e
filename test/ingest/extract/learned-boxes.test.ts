// The box rule of the learned block stage (learned-blocks.ts: boxesOf, boxesToDrop): which elements
// inside a body count as boxes, and which of them the rule drops. Measured and not kept (see the
// module's README, "Boxes inside the body"); the test pins the measured code at its commit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../../src/ingest/extract/dom.js';
import { boxesOf, boxesToDrop } from '../../../src/ingest/extract/learned-blocks.js';
import { blocksOf } from '../../../src/ingest/extract/trim.js';

const prose = (n: number): string => `<p>Paragraph ${n} of the story, long enough to count as prose in the body of the page.</p>`;

test('boxes: the outermost element of each run of blocks, not a block alone, not table rows or list items', () => {
  const doc = parseDocument(
    `<html><body><div id="body">${prose(1)}<div class="wrap"><div class="newsletter"><p>Sign up</p><p>Our newsletter</p></div></div>${prose(2)}<ul><li>One</li><li>Two</li></ul><table><tr><td>a</td><td>b</td></tr></table>${prose(3)}</div></body></html>`,
  );
  const root = doc.querySelector('#body')!;
  const blocks = blocksOf(root);
  const boxes = boxesOf(blocks, root);
  const shown = boxes.map((b) => `${b.el.localName}${b.el.getAttribute('class') ? `.${b.el.getAttribute('class')}` : ''}:${b.a}-${b.b}`);
  assert.deepEqual(shown.sort(), ['div.wrap:1-2', 'table:6-7', 'ul:4-5']);
  assert.ok(!shown.some((s) => s.startsWith('li') || s.startsWith('tr') || s.startsWith('td') || s.startsWith('p')), shown.join(' '));
});

test('boxes to drop: under the threshold, outermost first, not over the share, and only between kept blocks when bounded', () => {
  const el = {} as never;
  const boxes = [
    { el, a: 1, b: 4, text: 400, pa: 0, pb: 9 },
    { el, a: 2, b: 3, text: 100, pa: 1, pb: 4 },
    { el, a: 6, b: 6, text: 50, pa: 0, pb: 9 },
    { el, a: 9, b: 9, text: 50, pa: 0, pb: 9 },
  ];
  const chances = [0.1, 0.05, 0.1, 0.1];
  assert.deepEqual(
    boxesToDrop(boxes, chances, 0.2, 0.5, 1000).map((b) => b.a),
    [1, 6, 9],
  );
  assert.deepEqual(
    boxesToDrop(boxes, chances, 0.2, 0.3, 1000).map((b) => b.a),
    [2, 6, 9],
  );
  assert.deepEqual(
    boxesToDrop(boxes, [0.5, 0.05, 0.3, 0.1], 0.2, 0.5, 1000).map((b) => b.a),
    [2, 9],
  );
  // With the first kept block at 0 and the last at 8, the box at 9 is at the edge: left to the edge rule.
  assert.deepEqual(
    boxesToDrop(boxes, chances, 0.2, 0.5, 1000, 0, 8).map((b) => b.a),
    [1, 6],
  );
});
