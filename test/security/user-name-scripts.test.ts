// User names in the scripts the desk's editors write (after r2-accounts): a Persian name written
// with its zero-width non-joiner ("علی‌رضا"), a Hindi name with its vowel signs ("राम"), a Yoruba
// name whose tone marks stay combining after NFC, are names; the joiners and marks that only make a
// second name look like a first are not another name: "علیرضا" beside "علی‌رضا", "Jose" beside
// "José", "ad\u0307min" beside "admin" are taken. Joiners between Latin letters or at a name's
// edge, and marks on no letter, stay refused. Both dialects: the store's createUser refuses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validUserName } from '../../src/auth/user-name.js';
import { userNameSkeleton } from '../../src/text/user-name-fold.js';
import { forEachDialect } from '../helpers/dialects.js';

const ALIREZA = 'علی\u200cرضا';
const RAM = 'राम';
const YORUBA = 'Ad\u1eb9\u0301'; // ẹ (dot below) with a combining acute that NFC cannot compose

test('names in joined scripts and with combining marks are names; invisible characters elsewhere are not', () => {
  assert.equal(validUserName(ALIREZA), ALIREZA, 'Persian with a ZWNJ between letters');
  assert.equal(validUserName('मनोज्ञ'), 'मनोज्ञ', 'Hindi with a virama');
  assert.equal(validUserName(`ज्\u200dञ`), `ज्\u200dञ`, 'a ZWJ between Devanagari letters');
  assert.equal(validUserName(RAM), RAM);
  assert.equal(validUserName(YORUBA), YORUBA.normalize('NFKC'));
  assert.equal(validUserName('مُحَمَّد'), 'مُحَمَّد', 'Arabic with its vowel marks');
  for (const bad of [
    'ad\u200dmin',
    'ad\u200cmin',
    `${ALIREZA}\u200c`,
    `\u200c${ALIREZA}`,
    `علی\u200c رضا`,
    'علی\u200cx',
    '\u0301admin',
    'a \u0301b',
    '1\u0301',
  ]) {
    assert.equal(validUserName(bad), undefined, JSON.stringify(bad));
  }
});

test('joiners and the marks a reader may not see make no second name', () => {
  assert.equal(userNameSkeleton(ALIREZA), userNameSkeleton('علیرضا'));
  assert.equal(userNameSkeleton('José'), userNameSkeleton('Jose'));
  assert.equal(userNameSkeleton('ad\u0307min'), userNameSkeleton('admin'));
  assert.equal(userNameSkeleton('مُحَمَّد'), userNameSkeleton('محمد'));
  // In Indic scripts a sign is a vowel: two names.
  assert.notEqual(userNameSkeleton(RAM), userNameSkeleton('रम'));
  assert.notEqual(userNameSkeleton('मनोज'), userNameSkeleton('मनज'));
});

forEachDialect((d) => {
  test(`the store creates a Persian name with its ZWNJ and refuses the same name without it (${d.name})`, async () => {
    const store = await d.open();
    try {
      const made = await store.accounts.createUser({ name: validUserName(ALIREZA)!, role: 'editor', passwordHash: 'x' });
      assert.equal(made?.name, ALIREZA);
      assert.equal(await store.accounts.createUser({ name: 'علیرضا', role: 'editor', passwordHash: 'x' }), undefined);
      assert.ok(await store.accounts.createUser({ name: 'José', role: 'editor', passwordHash: 'x' }));
      assert.equal(await store.accounts.createUser({ name: 'Jose', role: 'editor', passwordHash: 'x' }), undefined);
      assert.ok(await store.accounts.createUser({ name: RAM, role: 'editor', passwordHash: 'x' }));
      assert.ok(await store.accounts.createUser({ name: 'रम', role: 'editor', passwordHash: 'x' }));
      // The name signs in as typed, ZWNJ and all.
      assert.equal((await store.accounts.findUser(ALIREZA))?.name, ALIREZA);
    } finally {
      await store.close();
    }
  });
});
