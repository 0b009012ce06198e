// The accounts catalogue: Arabic and Persian carry every English key (an editor whose desk is in
// Arabic does not meet English on the users or account pages) and keep every {placeholder} of it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ACCOUNT_MESSAGES, type AccountKey } from '../../src/web/account/messages.js';

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

test('Arabic and Persian translate every accounts string with the same placeholders', () => {
  for (const lang of ['ar', 'fa'] as const) {
    const missing = (Object.keys(ACCOUNT_MESSAGES.en) as AccountKey[]).filter((key) => !ACCOUNT_MESSAGES[lang][key]);
    assert.deepEqual(missing, [], `${lang} lacks these keys`);
    for (const key of Object.keys(ACCOUNT_MESSAGES.en) as AccountKey[]) {
      assert.deepEqual(placeholders(ACCOUNT_MESSAGES[lang][key]!), placeholders(ACCOUNT_MESSAGES.en[key]), `${lang} ${key} placeholders`);
      assert.notEqual(ACCOUNT_MESSAGES[lang][key], ACCOUNT_MESSAGES.en[key], `${lang} ${key} is the English text`);
    }
  }
});
