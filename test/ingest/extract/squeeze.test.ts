// The in-place squeezed length agrees with the string it stands for, for every white space
// character JavaScript's \s knows, and the early stop answers "at least" the same way.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { squeezedAtLeast, squeezedLength } from '../../../src/ingest/extract/squeeze.js';

const SPACES = ' \t\n\v\f\r\u00a0\u1680\u2000\u2005\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

test('squeezedLength is the length of the squeezed, trimmed text; squeezedAtLeast agrees with it', () => {
  const samples = ['', '   ', 'a', '  a  b  ', `x${SPACES}y`, `${SPACES}مرحبا${SPACES}بالعالم${SPACES}`, 'no\u200bbreak'];
  let seed = 7;
  for (let i = 0; i < 200; i++) {
    let s = '';
    for (let k = 0; k < 30; k++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      s += seed % 3 === 0 ? SPACES[seed % SPACES.length] : String.fromCharCode(97 + (seed % 26));
    }
    samples.push(s);
  }
  for (const s of samples) {
    const want = s.replace(/\s+/g, ' ').trim().length;
    assert.equal(squeezedLength(s), want, JSON.stringify(s));
    for (const min of [1, 5, want, want + 1]) assert.equal(squeezedAtLeast(s, min), want >= min, `${JSON.stringify(s)} ≥ ${min}`);
  }
});
