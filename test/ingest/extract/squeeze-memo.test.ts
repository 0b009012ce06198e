// The squeezed lengths remembered during one extraction (withSqueezeMemo) are the lengths counted
// without the memo: for long pieces of every white space shape, met again and again (the same
// string and an equal copy), alone and in SqueezedCounter's running count, and on random trees
// through the walks that measure text nodes. The memo ends with its call, also when it throws.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DomElement } from '../../../src/ingest/extract/dom.js';
import { parseDocument } from '../../../src/ingest/extract/dom.js';
import { SqueezedCounter, squeezedLength, withSqueezeMemo } from '../../../src/ingest/extract/squeeze.js';
import { squeezedTextLength, textAndLinks, walkList } from '../../../src/ingest/extract/walk.js';
import { rng } from '../../../bench/lib/rng.js';

const SPACES = [' ', ' ', ' ', '  ', '\n', '\n\n  ', '\t', '\u00a0', '\u2003', '\u3000', '\ufeff'];
const WORDS = ['harbour', 'ferry', 'مرفأ', 'council', 'x', 'residents', 'said'];

/** A piece of text: words and white space of any kind, sometimes long enough to be remembered. */
function piece(r: () => number): string {
  let s = '';
  const n = Math.floor(r() * 40);
  for (let i = 0; i < n; i++) s += r() < 0.55 ? WORDS[Math.floor(r() * WORDS.length)] : SPACES[Math.floor(r() * SPACES.length)];
  return s;
}

/** The count of the joined text without any shortcut: the regex squeezedLength stands for. */
const joined = (pieces: string[]): number => pieces.join('').replace(/\s+/g, ' ').trim().length;

test('squeezedLength and SqueezedCounter count the same inside the memo as the regex does', () => {
  const r = rng(11);
  const pool: string[] = [];
  for (let i = 0; i < 300; i++) pool.push(piece(r));
  // Only white space, and clean prose with one space at an end: the counter's two shortcuts.
  pool.push(' '.repeat(40), '\n'.repeat(33), ` ${'ferry '.repeat(8)}`, `${' council'.repeat(6)} `);
  const runs = (): number[] => {
    const out: number[] = [];
    const rr = rng(5);
    for (let i = 0; i < 600; i++) {
      const pieces: string[] = [];
      for (let k = Math.floor(rr() * 6); k > 0; k--) {
        const p = pool[Math.floor(rr() * pool.length)]!;
        // The same text as another string object now and then (an equal key).
        pieces.push(rr() < 0.2 ? p.split('').join('') : p);
      }
      const count = new SqueezedCounter();
      for (const p of pieces) count.add(p);
      assert.equal(count.length, joined(pieces), JSON.stringify(pieces));
      out.push(count.length);
      for (const p of pieces) {
        assert.equal(squeezedLength(p), p.replace(/\s+/g, ' ').trim().length, JSON.stringify(p));
        out.push(squeezedLength(p));
      }
    }
    return out;
  };
  const without = runs();
  // Twice inside one memo: the second pass answers every long piece from it.
  const within = withSqueezeMemo(() => [...runs(), ...runs()]);
  assert.deepEqual(within, [...without, ...without]);
});

test('the walks measure the same text inside the memo', () => {
  const r = rng(23);
  for (let i = 0; i < 60; i++) {
    let html = '<html><body>';
    for (let k = 0; k < 8; k++) {
      html += `<div><p>${piece(r)}<a href="/x">${piece(r)}</a>${piece(r)}</p>${piece(r)}<p><em>${piece(r)}</em> ${piece(r)}</p></div>`;
    }
    const doc = parseDocument(`${html}</body></html>`);
    const els = walkList(doc.documentElement!, 0x1) as DomElement[];
    const measure = (): unknown[] => els.map((el) => [squeezedTextLength(el), textAndLinks(el), squeezedTextLength(el)]);
    const want = measure();
    assert.deepEqual(
      withSqueezeMemo(() => measure()),
      want,
    );
    for (let k = 0; k < els.length; k++) assert.equal((want[k] as number[])[0], squeezedLength(els[k]!.textContent ?? ''));
  }
});

test('the memo ends with its call, also when the call throws; nested calls share it', () => {
  const s = `  ${'harbour  ferry\n'.repeat(4)}`;
  const want = s.replace(/\s+/g, ' ').trim().length;
  assert.throws(() =>
    withSqueezeMemo(() => {
      assert.equal(
        withSqueezeMemo(() => squeezedLength(s)),
        want,
      );
      throw new Error('page failed');
    }),
  );
  assert.equal(squeezedLength(s), want);
  assert.equal(
    withSqueezeMemo(() => squeezedLength(s)),
    want,
  );
});
