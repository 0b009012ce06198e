// Soft c in cross-script name keys: Latin c before e, i, y is an s, as Arabic and Persian write it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { articleFeatures } from '../../src/stories/features.js';
import { translitKey } from '../../src/stories/transliterate.js';
import { normalizeTerm } from '../../src/text/normalize.js';

const key = (w: string) => translitKey(normalizeTerm(w));

test('c before e, i, y meets the s of the Arabic-script spelling', () => {
  for (const [latin, arabic] of [
    ['Jacinda', 'جاسيندا'],
    ['Jacinda', 'جاسیندا'],
    ['France', 'فرنسا'],
    ['Francis', 'فرانسيس'],
    ['Marcello', 'مارسيلو'],
  ] as const) {
    assert.equal(key(latin), key(arabic), `${latin} / ${arabic}`);
  }
});

test('c before other letters stays a k', () => {
  for (const [latin, arabic] of [
    ['Carlos', 'كارلوس'],
    ['Cuba', 'كوبا'],
    ['Clinton', 'كلينتون'],
  ] as const) {
    assert.equal(key(latin), key(arabic), `${latin} / ${arabic}`);
  }
  assert.notEqual(key('Jacinda'), key('Jakinda'));
});

test('an English and an Arabic headline on one person share her name key', () => {
  const en = articleFeatures('Jacinda Ardern announces her resignation', '', undefined, undefined, undefined, 'en');
  const ar = articleFeatures('جاسيندا أرديرن تعلن استقالتها', '', undefined, undefined, undefined, 'ar');
  const shared = [...en.neutral.keys()].filter((k) => ar.neutral.has(k));
  assert.ok(shared.includes(`x:${key('جاسيندا')}`), `shared: ${shared.join(' ')}`);
});
