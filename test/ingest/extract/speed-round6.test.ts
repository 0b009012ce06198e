// The x-speed6 round of 2026-12-07: two output-identical cuts.
// 1. squeezedLength answers a text of white space only, and clean prose with a single space at
//    one end or both (the text beside an inline element), without the regex count of its runs.
//    Checked against the regex it stands for and against the character loop with a stop.
// 2. walk.ts firstElement stands in for linkedom's querySelector / querySelectorAll in the
//    metadata reader (a selector compiled per byline element of every page): the first heading
//    below an element, the first `itemprop` holding "name", whether some descendant passes a test.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DomElement } from '../../../src/ingest/extract/dom.js';
import { parseDocument } from '../../../src/ingest/extract/dom.js';
import { squeezedLength } from '../../../src/ingest/extract/squeeze.js';
import { allElements, firstElement } from '../../../src/ingest/extract/walk.js';
import { pick, rng } from '../../helpers/seeded-random.js';
import { referenceSqueezedLength } from './squeeze-reference.js';

/** The character loop squeezedLength stands for, with its stop rule. */
const loop = referenceSqueezedLength;

const SPACES = [' ', '  ', '\n', '\t', '\u00a0', '\u2009', '\r\n', ' \n ', '\u3000'];
const WORDS = ['a', 'word', 'Minister', 'x', '1,5', 'é'];

test('squeezedLength of blank texts and of prose with a single space at its ends counts what the regex leaves', () => {
  const r = rng(61);
  const samples: string[] = [' ', '  ', '\n', ' a', 'a ', ' a ', '  a', 'a  ', ' a  b ', ' \u00a0a', 'a\u00a0 ', ' a\nb ', '\n a'];
  for (let i = 0; i < 3000; i++) {
    const words: string[] = [];
    const n = 1 + Math.floor(r() * 6);
    for (let k = 0; k < n; k++) words.push(pick(r, WORDS));
    // Mostly single spaces between words, sometimes another kind of white space.
    let s = words.map((w, k) => (k === 0 ? w : `${r() < 0.85 ? ' ' : pick(r, SPACES)}${w}`)).join('');
    const ends = r();
    if (ends < 0.25) s = ` ${s}`;
    else if (ends < 0.5) s = `${s} `;
    else if (ends < 0.75) s = ` ${s} `;
    if (r() < 0.1) s = `${pick(r, SPACES)}${s}`;
    if (r() < 0.1) s = `${s}${pick(r, SPACES)}`;
    samples.push(s);
    // White space only, of every kind.
    let blank = '';
    for (let k = 1 + Math.floor(r() * 4); k > 0; k--) blank += pick(r, SPACES);
    samples.push(blank);
  }
  for (const s of samples) {
    assert.equal(squeezedLength(s), s.replace(/\s+/g, ' ').trim().length, JSON.stringify(s));
    for (const stop of [0, 1, 2, 3, 5, 7.5, 12]) assert.equal(squeezedLength(s, stop), loop(s, stop), `${JSON.stringify(s)} stop ${stop}`);
  }
});

const TAGS = ['div', 'p', 'span', 'a', 'h1', 'h2', 'h3', 'h5', 'h6', 'section', 'template', 'header', 'strong'];
const PROPS = ['name', 'author', 'givenName', '', 'url'];

function tree(r: () => number, depth: number): string {
  let out = '';
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    if (r() < 0.2 || depth <= 0) {
      out += pick(r, ['words', ' ', 'By Jane Roe', '']);
      continue;
    }
    const tag = pick(r, TAGS);
    const prop = r() < 0.25 ? ` itemprop="${pick(r, PROPS)}"` : '';
    const cls = r() < 0.2 ? ' class="menu"' : '';
    out += `<${tag}${prop}${cls}>${tree(r, depth - 1)}</${tag}>`;
  }
  return out;
}

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

test('firstElement answers what querySelector and querySelectorAll answer in the metadata reader', () => {
  const r = rng(67);
  let headings = 0;
  let named = 0;
  let inTemplates = 0;
  for (let i = 0; i < 80; i++) {
    const doc = parseDocument(`<!doctype html><html><head><title>t</title></head><body>${tree(r, 2 + Math.floor(r() * 4))}</body></html>`);
    const body = doc.body as DomElement;
    for (const root of [body, ...allElements(body)]) {
      const h = firstElement(root, (tag) => HEADINGS.has(tag.toLowerCase()));
      assert.equal(h, root.querySelector('h1, h2, h3, h4, h5, h6'), `${i}: heading under <${root.localName}> in ${body.innerHTML}`);
      if (h) headings++;
      const byProp = Array.from(root.querySelectorAll('[itemprop]')).find((d) => (d.getAttribute('itemprop') ?? '').includes('name'));
      const n = firstElement(root, (_, d) => (d.getAttribute('itemprop') ?? '').includes('name'));
      assert.equal(n, byProp ?? null, `${i}: itemprop under <${root.localName}> in ${body.innerHTML}`);
      if (n) named++;
      const menu = (d: DomElement): boolean => d.getAttribute('class') === 'menu';
      assert.equal(firstElement(root, (_, d) => menu(d)) !== null, Array.from(root.querySelectorAll('*')).some(menu));
      if (root.getElementsByTagName('template').length > 0) inTemplates++;
    }
  }
  // The cases were met: found headings and names, and roots with <template>s (whose contents the selector skips).
  assert.ok(headings > 400 && named > 150 && inTemplates > 200, `${headings} ${named} ${inTemplates}`);
});
