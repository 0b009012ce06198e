// The x-speed5 round of 2026-12-06: a squeezed text's `holds` (squeeze.ts SqueezedText) answers
// for a part in its own squeezed form (a block's measured text) on the raw text, without squeezing
// it, where the raw text does not hold the part as written (a block spanning a line break, a run
// of spaces, a no-break space). Random texts of words and white space of every kind.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SqueezedText, squeeze } from '../../../src/ingest/extract/squeeze.js';
import { pick, rng } from '../../helpers/seeded-random.js';

const WORDS = ['by', 'alex', 'writer', 'b', 'y', 'a', 'ab', 'the', 'harbour', '6', 'May', '2024', '—', 'a.b', '(x)', 'by alex'];
const GAPS = [' ', ' ', ' ', '  ', '\n', '\n\n  ', '\t', '\u00a0', ' \u2028 ', '\r\n', '\u3000'];

function text(r: () => number, n: number): string {
  let s = r() < 0.3 ? pick(r, GAPS) : '';
  for (let i = 0; i < n; i++) s += pick(r, WORDS) + (r() < 0.15 ? '' : pick(r, GAPS));
  return s;
}

test('holds answers squeeze(text).includes(part) for blocks, and never squeezes the text to do it', () => {
  const r = rng(23);
  let spanned = 0;
  let absent = 0;
  for (let i = 0; i < 20000; i++) {
    const raw = text(r, Math.floor(r() * 14));
    const s = squeeze(raw);
    // A block's text: squeezed and trimmed. Cut from the squeezed text (held), or made up (mostly not).
    let part: string;
    if (r() < 0.6) {
      const from = Math.floor(r() * s.length);
      part = s.slice(from, from + 1 + Math.floor(r() * 20)).trim();
    } else part = squeeze(text(r, 1 + Math.floor(r() * 3))).trim();
    let squeezes = 0;
    const t = new SqueezedText(raw, (x) => {
      squeezes++;
      return squeeze(x);
    });
    const want = s.includes(part);
    if (want && !raw.includes(part)) spanned++;
    if (!want) absent++;
    assert.equal(t.holds(part), want, JSON.stringify([raw, part]));
    assert.equal(squeezes, 0, JSON.stringify([raw, part]));
  }
  assert.ok(spanned > 1000, `${spanned}`);
  assert.ok(absent > 1000, `${absent}`);
});

test('a part not in its own squeezed form is still looked up in the squeezed text', () => {
  const t = new SqueezedText('by  alex\nwriter');
  assert.equal(t.holds('by alex writer'), true);
  assert.equal(t.holds(' alex'), true);
  assert.equal(t.holds('alex  writer'), false);
  assert.equal(t.holds('by\nalex'), false);
});

test('a space of the part is white space in the text, one character or more, never another character', () => {
  const t = new SqueezedText('by alex\nwriter, 6\u00a0\u00a0May');
  assert.equal(t.holds('b alex'), false);
  assert.equal(t.holds('by alexwriter'), false);
  assert.equal(t.holds('alex writer,'), true);
  assert.equal(t.holds('writer, 6 May'), true);
  assert.equal(t.holds('x writer'), true);
  assert.equal(t.holds('6 Ma'), true);
  assert.equal(t.holds('6 May '), false);
  assert.equal(new SqueezedText('byxalex').holds('by alex'), false);
});
