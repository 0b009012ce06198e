// The x-speed round of 2026-12-06: reads made cheaper answer what the reads they replace answered.
// A comment item's signs and size read in one pass over linkedom's node list (thread-blocks.ts)
// against the walk through children; a squeezed text's `holds` (SqueezedText) against
// `squeeze(text).includes`; textLength against textAndLinks. Random trees and texts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DomElement } from '../../../src/ingest/extract/dom.js';
import { parseDocument } from '../../../src/ingest/extract/dom.js';
import { SqueezedText, squeeze } from '../../../src/ingest/extract/squeeze.js';
import { overSize, overSizeByChildren, signsByChildren, signsOf } from '../../../src/ingest/extract/thread-blocks.js';
import { allElements, listLinks, textAndLinks, textLength } from '../../../src/ingest/extract/walk.js';
import { pick, rng } from '../../helpers/seeded-random.js';

const TEXTS = [
  'harbour ',
  ' ferry',
  '\n',
  '  ',
  'council said',
  '2 October 2012',
  '10:57',
  '11 days ago',
  '^',
  '↑',
  '\u00a0x\t\ty\u2028',
  'A reader wrote a few words about the plan for the harbour and the ferry services in the region.',
  '',
];
const CLASSES = ['', 'comment', 'comment odd', 'c', ' comment  depth-2', 'x'];

function tree(r: () => number, depth: number): string {
  let s = '';
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    if (r() < 0.3 || depth > 5) {
      s += pick(r, TEXTS);
      continue;
    }
    const tag = pick(r, ['li', 'div', 'p', 'a', 'img', 'time', 'h2', 'button', 'span', 'strong', 'ol', 'dt', 'section', 'em']);
    const cls = pick(r, CLASSES);
    const attr = cls ? ` class="${cls}"` : '';
    if (tag === 'img') s += `<img src="/a.jpg" width="${pick(r, ['48', '640', ''])}">`;
    else if (tag === 'a') s += `<a href="${pick(r, ['#c1', '/story', 'javascript:void(0)', ''])}"${attr}>${tree(r, depth + 1)}</a>`;
    else if (r() < 0.1) s += `<${tag}${attr}><!-- note -->${tree(r, depth + 1)}</${tag}>`;
    else s += `<${tag}${attr}>${tree(r, depth + 1)}</${tag}>`;
  }
  return s;
}

test("a thread item's signs and size read from linkedom's list answer what the walk through children answers", () => {
  const r = rng(21);
  let listed = 0;
  for (let i = 0; i < 300; i++) {
    const doc = parseDocument(`<html><body>${tree(r, 0)}</body></html>`);
    for (const el of [doc.body as DomElement, ...allElements(doc.body as DomElement)]) {
      if (listLinks(el) !== null) listed++;
      for (const shape of ['li', 'li.comment', 'div.comment', 'div', 'p', 'section.c', 'dt']) {
        assert.deepEqual(signsOf(el, shape), signsByChildren(el, shape), `${shape} in ${el.outerHTML}`);
        for (const max of [0, 5, 40, 1500]) {
          assert.equal(overSize(el, shape, max), overSizeByChildren(el, shape, max), `${shape} ${max} in ${el.outerHTML}`);
        }
      }
    }
  }
  // The list pass is the one tested: linkedom's elements lie on its list.
  assert.ok(listed > 1000);
});

test('a squeezed text holds a part exactly when squeeze(text) includes it, whether or not the raw text does', () => {
  const r = rng(9);
  const bits = ['a', 'b', ' ', '  ', '\n', '\n\n', '\t', '\u00a0', 'ab', 'x y', '.(', '*', '\\s', '$'];
  const word = (n: number): string => {
    let s = '';
    for (let i = 0; i < n; i++) s += pick(r, bits);
    return s;
  };
  let rawShortcut = 0;
  // Parts the squeezed text holds across white space the raw text writes otherwise.
  let spanned = 0;
  for (let i = 0; i < 20000; i++) {
    const raw = word(Math.floor(r() * 12));
    // Parts as blocks measure them (squeezed and trimmed), and parts of any shape, some cut from the text.
    const from = Math.floor(r() * raw.length);
    const cut = raw.slice(from, from + 1 + Math.floor(r() * 4));
    const part = [squeeze(word(1 + (i % 3))).trim(), word(i % 4), cut, squeeze(cut).trim()][i % 4]!;
    const t = new SqueezedText(raw);
    if (raw.includes(part) && !squeeze(raw).includes(part)) rawShortcut++;
    if (!raw.includes(part) && squeeze(raw).includes(part) && part === squeeze(part).trim()) spanned++;
    assert.equal(t.holds(part), squeeze(raw).includes(part), JSON.stringify([raw, part]));
    assert.equal(t.squeezed, squeeze(raw));
  }
  // Parts the raw text holds and its squeezed form does not are met (the shortcut must not take them).
  assert.ok(rawShortcut > 0);
  assert.ok(spanned > 0);
});

test("textLength is textAndLinks' text, from one loop over the list", () => {
  const r = rng(33);
  for (let i = 0; i < 300; i++) {
    const doc = parseDocument(`<html><body>${tree(r, 0)}</body></html>`);
    for (const el of [doc.body as DomElement, ...allElements(doc.body as DomElement)]) {
      assert.equal(textLength(el), textAndLinks(el).text, el.outerHTML);
    }
  }
});
