// A byline as printed on a page ("By Staff Reporter") becomes the author's name: the reading site
// writes its own "By" before it, and printed "By By Staff Reporter" (2026-12-06 analyst journey).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bylineName } from '../../src/text/byline.js';

test('a leading "by" word is dropped, in English, French, Spanish, Arabic and Persian', () => {
  assert.equal(bylineName('By Staff Reporter'), 'Staff Reporter');
  assert.equal(bylineName('  by: Rana Haddad '), 'Rana Haddad');
  assert.equal(bylineName('BY JANE DOE'), 'JANE DOE');
  assert.equal(bylineName('Par la rédaction'), 'la rédaction');
  assert.equal(bylineName('Por María López'), 'María López');
  assert.equal(bylineName('بقلم سارة علي'), 'سارة علي');
  assert.equal(bylineName('به قلم مریم احمدی'), 'مریم احمدی');
  assert.equal(bylineName('نوشته‌ی مریم احمدی'), 'مریم احمدی');
});

test('names that start like one are kept whole, and a lone "By" is left as it is', () => {
  assert.equal(bylineName('Byron Smith'), 'Byron Smith');
  assert.equal(bylineName('Parisa Farahani'), 'Parisa Farahani');
  assert.equal(bylineName('Ursula von der Leyen'), 'Ursula von der Leyen');
  assert.equal(bylineName('Di Maria'), 'Di Maria');
  assert.equal(bylineName('By'), 'By');
  assert.equal(bylineName('Staff Reporter'), 'Staff Reporter');
});
