// The teaser-card test's parts read in one walk (trim.ts hasCardParts) answer what linkedom's
// selector queries answered — `a[href]` and `img, picture, h2, …, h6` — on random trees with
// links with and without an address, pictures, headings, <template>s, and elements Readability
// makes with upper-case names.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DomElement } from '../../../src/ingest/extract/dom.js';
import { parseDocument } from '../../../src/ingest/extract/dom.js';
import { hasCardParts } from '../../../src/ingest/extract/trim.js';
import { walkList } from '../../../src/ingest/extract/walk.js';
import { rng } from '../../../bench/lib/rng.js';

const PARTS = ['<a href="/x">story</a>', '<a name="n">anchor</a>', '<a>button</a>', '<img src="/p.jpg">', '<picture></picture>'];
const TAGS = ['div', 'li', 'span', 'h2', 'h4', 'h6', 'h1', 'template', 'figure', 'p'];

function tree(r: () => number, depth: number): string {
  let s = '';
  for (let n = 1 + Math.floor(r() * 3); n > 0; n--) {
    const x = r();
    if (x < 0.25) s += PARTS[Math.floor(r() * PARTS.length)];
    else if (x < 0.4 || depth > 3) s += 'text ';
    else {
      const tag = TAGS[Math.floor(r() * TAGS.length)]!;
      s += `<${tag}>${tree(r, depth + 1)}</${tag}>`;
    }
  }
  return s;
}

test('hasCardParts answers what the two selector queries answer', () => {
  const r = rng(17);
  let both = 0;
  for (let i = 0; i < 300; i++) {
    const doc = parseDocument(`<html><body><div>${tree(r, 0)}</div></body></html>`);
    const body = doc.body!;
    // Readability's own elements: made with upper-case names, holding moved nodes.
    const made = doc.createElement('H3');
    made.appendChild(doc.createTextNode('made'));
    if (r() < 0.5) body.firstChild?.appendChild(made);
    const madeLink = doc.createElement('A');
    madeLink.setAttribute('href', '/y');
    if (r() < 0.3) body.firstChild?.appendChild(madeLink);
    for (const el of walkList(body, 0x1) as DomElement[]) {
      const want = el.querySelector('a[href]') !== null && el.querySelector('img, picture, h2, h3, h4, h5, h6') !== null;
      if (want) both++;
      assert.equal(hasCardParts(el), want, el.outerHTML);
    }
  }
  assert.ok(both > 50, `only ${both} elements with both parts`);
});
