// The lead rule: language, original, complete, earliest, id.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseLead } from '../../src/stories/lead.js';

const full = 2000;
const items = [
  { id: 'a', lang: 'en', published: 300, textLength: full },
  { id: 'b', lang: 'fa', published: 200, textLength: full },
  { id: 'c', lang: 'en', published: 100, textLength: 0 },
  { id: 'd', lang: 'en', published: 50, textLength: full, duplicateOf: 'x' },
  { id: 'e', lang: 'en', published: 250, textLength: full },
];

test("the reader's language first, then originals, complete texts, the earliest", () => {
  assert.equal(chooseLead(items, 'fa')?.id, 'b');
  assert.equal(chooseLead(items, 'fa-IR')?.id, 'b');
  // English: d is a copy, c a headline alone; e is earlier than a.
  assert.equal(chooseLead(items, 'en')?.id, 'e');
  // No coverage in Arabic: the rule without the language step.
  assert.equal(chooseLead(items, 'ar')?.id, 'b');
  assert.equal(chooseLead(items)?.id, 'b');
});

test('undated after dated, ties broken by id, empty gives undefined', () => {
  assert.equal(
    chooseLead([
      { id: 'z', textLength: full },
      { id: 'y', textLength: full, published: 5 },
    ])?.id,
    'y',
  );
  assert.equal(
    chooseLead([
      { id: 'z', textLength: full },
      { id: 'y', textLength: full },
    ])?.id,
    'y',
  );
  assert.equal(chooseLead([]), undefined);
});
