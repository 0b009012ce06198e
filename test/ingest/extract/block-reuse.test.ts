// The speed round of 2026-12-04 (late): the blocks the edge trim measured are handed on to the
// stages after it (the second look's prose, the learned stage) instead of being measured again.
// What the trim hands on must be what blocksOf gives on the trimmed body — also when a removal
// leaves a wrapper with no block inside, which then becomes a block of its own.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DomElement } from '../../../src/ingest/extract/dom.js';
import { parseDocument } from '../../../src/ingest/extract/dom.js';
import type { Block } from '../../../src/ingest/extract/trim.js';
import { blocksOf, trimEdges, trimEdgesToBlocks } from '../../../src/ingest/extract/trim.js';
import { rng } from '../../helpers/seeded-random.js';

const PROSE = [
  'The council said on Tuesday that the new plan for the harbour would cost more than expected, and residents asked why.',
  'Officials argued the figures were still being checked by an independent auditor, who is due to report in the spring.',
  'Ferry services to the islands will run on the winter timetable from next week, the operator said in a statement.',
];
const FURNITURE = [
  'Share this article',
  'Follow us on Twitter',
  'By Jane Doe',
  'Published 12 March 2024',
  '© 2024 Harbour News. All rights reserved.',
  'Sign up for our daily newsletter',
  '<a href="/a">Harbour</a> <a href="/b">Ferries</a>',
  'Photo: Reuters',
  '5 min read',
];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

/** A body of prose and furniture, some of it in wrappers that hold loose text beside their blocks. */
function body(r: () => number, depth: number): string {
  const parts: string[] = [];
  for (let i = 1 + Math.floor(r() * 5); i > 0; i--) {
    const x = r();
    if (x < 0.3) parts.push(`<p>${pick(r, PROSE)}</p>`);
    else if (x < 0.55) parts.push(`<p>${pick(r, FURNITURE)}</p>`);
    else if (x < 0.65) parts.push(`<figure><img src="/a.jpg"><figcaption>${pick(r, FURNITURE)}</figcaption></figure>`);
    else if (x < 0.75) parts.push(`<ul><li>${pick(r, FURNITURE)}</li><li><p>${pick(r, FURNITURE)}</p></li></ul>`);
    else if (depth < 3) {
      // Loose text beside the wrapper's blocks: no block holds it until the blocks are gone.
      const loose = r() < 0.6 ? pick(r, [...PROSE, ...FURNITURE]) : '';
      const tag = pick(r, ['div', 'section', 'li', 'span']);
      parts.push(`<${tag} class="${pick(r, ['box', 'caption', 'author-bio', 'x'])}">${loose}${body(r, depth + 1)}</${tag}>`);
    } else parts.push(pick(r, PROSE));
  }
  return parts.join('');
}

const shape = (blocks: readonly Block[]) => blocks.map((b) => [b.el, b.str, b.text, b.links, b.cls]);

test('the blocks the trim hands on are blocksOf the trimmed body, and it trims as before', () => {
  const r = rng(11);
  let removedAny = 0;
  let wrappersLeft = 0;
  for (let k = 0; k < 400; k++) {
    const html = `<html><body><div id="b">${body(r, 0)}<p>${pick(r, PROSE)}</p>${body(r, 0)}</div></body></html>`;
    const root = parseDocument(html).querySelector('#b') as DomElement;
    const before = new Set(blocksOf(root).map((b) => b.el));
    const { removed, blocks } = trimEdgesToBlocks(root, 'Harbour plan');
    const fresh = blocksOf(root);
    assert.deepEqual(shape(blocks), shape(fresh), html);
    if (removed > 0) removedAny++;
    if (fresh.some((b) => !before.has(b.el))) wrappersLeft++;
    const again = parseDocument(html).querySelector('#b') as DomElement;
    assert.equal(trimEdges(again, 'Harbour plan'), removed, html);
    assert.equal(again.innerHTML, root.innerHTML, html);
  }
  assert.ok(removedAny > 100, `bodies the trim changes: ${removedAny}`);
  assert.ok(wrappersLeft > 5, `bodies where a wrapper became a block: ${wrappersLeft}`);
});
