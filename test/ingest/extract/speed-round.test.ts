// The speed round of 2026-12-04 (evening) replaced reads by cheaper ones that must answer the same:
// Readability's link density in one walk of the list, the trimmed text length without the joined
// text, and the whole-text squeezed length from the regex engine's runs. Random trees and texts,
// links nested by DOM calls (the parser never nests them) included.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Readability } from '@mozilla/readability';
import type { DomElement } from '../../../src/ingest/extract/dom.js';
import { parseDocument } from '../../../src/ingest/extract/dom.js';
import { tuneForLinkedom, withTunedReads } from '../../../src/ingest/extract/readability-linkedom.js';
import { squeezedLength } from '../../../src/ingest/extract/squeeze.js';
import { linkDensityInOneWalk, trimmedTextLength, walkList } from '../../../src/ingest/extract/walk.js';
import { rng } from '../../helpers/seeded-random.js';

const SPACES = [' ', ' ', ' ', '  ', '\n', '\n\n', '\t', '\u00a0', '\u2003', '\ufeff', '\u2028'];
const WORDS = ['harbour', 'ferry', 'مرفأ', 'council', 'x', 'a&amp;b'];
const HREFS = ['/x', '#top', '#', '', 'https://example.com/#a'];
const TAGS = ['p', 'div', 'span', 'a', 'a', 'em', 'li', 'ul', 'section', 'b'];

function text(r: () => number): string {
  let s = '';
  const n = Math.floor(r() * 6);
  for (let i = 0; i < n; i++) s += r() < 0.5 ? WORDS[Math.floor(r() * WORDS.length)] : SPACES[Math.floor(r() * SPACES.length)];
  return s;
}

function tree(r: () => number, depth: number): string {
  let s = '';
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    if (r() < 0.35 || depth > 4) {
      s += text(r);
      continue;
    }
    const tag = TAGS[Math.floor(r() * TAGS.length)]!;
    const href = tag === 'a' && r() < 0.8 ? ` href="${HREFS[Math.floor(r() * HREFS.length)]}"` : '';
    s += `<${tag}${href}>${tree(r, depth + 1)}</${tag}>`;
  }
  return s;
}

function randomDoc(r: () => number) {
  const doc = parseDocument(`<html><body>${tree(r, 0)}</body></html>`);
  // A link inside a link, which only DOM calls make: the one walk leaves those to the original.
  if (r() < 0.3) {
    const links = walkList(doc.documentElement, 0x1, (n) => (n as DomElement).localName === 'a') as DomElement[];
    const outer = links[0];
    if (outer) {
      const inner = doc.createElement('a');
      inner.setAttribute('href', '#in');
      inner.appendChild(doc.createTextNode(` nested ${text(r)}`));
      outer.appendChild(inner);
    }
  }
  return doc;
}

test("a tuned Readability's link density, in one walk while its parse runs, answers as the original on every element", () => {
  const r = rng(2026);
  let walked = 0;
  let nested = 0;
  for (let i = 0; i < 300; i++) {
    const doc = randomDoc(r);
    const reader = new Readability(doc as never) as unknown as Record<string, unknown>;
    const original = reader._getLinkDensity as (e: DomElement) => number;
    tuneForLinkedom(reader);
    const tuned = reader._getLinkDensity as (e: DomElement) => number;
    for (const n of walkList(doc.documentElement, 0x1)) {
      const el = n as DomElement;
      const want = original.call(reader, el);
      // As while parse() runs: the tuned reads on, the one walk answers.
      const got = withTunedReads(doc, () => tuned.call(reader, el));
      assert.equal(got, want, el.outerHTML);
      const one = linkDensityInOneWalk(el, () => 1);
      if (one === null) nested++;
      else walked++;
    }
  }
  assert.ok(walked > 1000 && nested > 10, `both paths taken (${walked} walked, ${nested} nested)`);
});

test('trimmedTextLength is the length of the trimmed textContent', () => {
  const r = rng(7);
  for (let i = 0; i < 300; i++) {
    const doc = randomDoc(r);
    for (const n of walkList(doc.documentElement, 0x1)) {
      const el = n as DomElement;
      assert.equal(trimmedTextLength(el), (el.textContent ?? '').trim().length, JSON.stringify(el.textContent));
    }
  }
});

test('squeezedLength of long texts with line breaks, runs and white space at the ends counts what the regex leaves', () => {
  const r = rng(11);
  for (let i = 0; i < 3000; i++) {
    let s = '';
    const n = Math.floor(r() * 40);
    for (let k = 0; k < n; k++) s += r() < 0.6 ? WORDS[Math.floor(r() * WORDS.length)] : SPACES[Math.floor(r() * SPACES.length)];
    assert.equal(squeezedLength(s), s.replace(/\s+/g, ' ').trim().length, JSON.stringify(s));
  }
  for (const s of ['', ' ', '\n\n', ' x ', '\nx', 'x\n', 'a\n\nb', '\u2028 a \u00a0']) {
    assert.equal(squeezedLength(s), s.replace(/\s+/g, ' ').trim().length, JSON.stringify(s));
  }
});
