// The desk catalogue: Arabic and Persian carry every English key, keep every {placeholder} of it,
// and a page asked for in Persian is written in Persian.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { DESK_MESSAGES, type DeskKey } from '../../src/web/desk/messages.js';
import { mountDesk } from './helpers.js';

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

test('Arabic and Persian translate every desk string with the same placeholders', () => {
  for (const lang of ['ar', 'fa'] as const) {
    for (const key of Object.keys(DESK_MESSAGES.en) as DeskKey[]) {
      const text = DESK_MESSAGES[lang][key];
      assert.ok(text, `${lang} lacks ${key}`);
      assert.deepEqual(placeholders(text), placeholders(DESK_MESSAGES.en[key]), `${lang} ${key} placeholders`);
    }
  }
});

test('the sources page answers in the language of Accept-Language', async () => {
  const store = await SqliteStore.open({ path: ':memory:' });
  const desk = await mountDesk(store);
  try {
    const page = await (await desk.request('/desk/sources', { headers: { 'accept-language': 'fa-IR, en;q=0.5' } })).text();
    assert.ok(page.includes(DESK_MESSAGES.fa['sources.add.heading']!));
    assert.ok(!page.includes(DESK_MESSAGES.en['sources.add.heading']));
  } finally {
    await desk.stop();
    await store.close();
  }
});
