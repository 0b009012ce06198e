// The selector length rule of the shared source checks (src/ingest/listing/source-checks.ts):
// lengths are counted in characters as a person counts them (code points, not UTF-16 units), the
// limit itself is allowed, and a value over it is refused for its length before it is compiled
// as CSS (a long value that is not CSS either gets the length refusal, which names the limit).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SELECTOR_MAX_CHARS, checkSelectors } from '../../../src/ingest/listing/source-checks.js';

/** A usable attribute selector of exactly `chars` code points, written in astral letters. */
const astral = (chars: number) => `[title="${'\u{1D4B3}'.repeat(chars - 10)}"]`;

describe('listing selector length', () => {
  it('counts characters, not UTF-16 units: a selector of exactly the limit in astral letters is kept', () => {
    const v = astral(SELECTOR_MAX_CHARS);
    assert.ok(v.length > SELECTOR_MAX_CHARS, 'longer than the limit in UTF-16 units');
    assert.deepEqual(checkSelectors({ item: 'div.story', title: v }), { selectors: { item: 'div.story', title: v } });
  });

  it('one character over the limit is refused for its length, with the length in characters', () => {
    const v = astral(SELECTOR_MAX_CHARS + 1);
    assert.deepEqual(checkSelectors({ item: 'div.story', title: v }), {
      badKey: 'title',
      badSelector: v,
      problem: 'too-long',
      length: SELECTOR_MAX_CHARS + 1,
    });
  });

  it('a long value that is not CSS either is refused for its length, before it is compiled', () => {
    const v = `a[${'x'.repeat(SELECTOR_MAX_CHARS * 50)}`;
    const r = checkSelectors({ item: v });
    assert.ok('problem' in r && r.problem === 'too-long', JSON.stringify(r).slice(0, 120));
  });
});
