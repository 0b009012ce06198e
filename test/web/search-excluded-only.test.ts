// The site's search page says "only exclusions" in the reader's language (p-leftovers): before, it
// showed parseSearch's English sentence on an Arabic or Persian page too, while the JSON API
// answered the same reason (search.excludedOnly) from its catalogue. Now the page maps the reason to
// the site catalogue's sentence. Both dialects (the page reads the store's sources and topics).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forEachDialect } from '../helpers/dialects.js';
import { makeApp, populatedStore } from './helpers.js';

const SENTENCES = {
  en: 'Add at least one word to look for: a search cannot consist only of -exclusions.',
  ar: 'أضف كلمة واحدة على الأقل للبحث عنها: لا يتكوّن بحث من استبعادات -كلمة وحدها.',
  fa: 'دست‌کم یک واژه برای جست‌وجو بیفزایید: جست‌وجو نمی‌تواند فقط از کنارگذاشته‌های -واژه باشد.',
} as const;

forEachDialect((d) => {
  describe('a search of exclusions only', () => {
    it('is explained in the page’s language, and only that', async () => {
      const { store } = await populatedStore(d.open);
      try {
        const app = makeApp(store);
        for (const [lang, sentence] of Object.entries(SENTENCES)) {
          const page = await (
            await app.request(`/search?q=${encodeURIComponent('-Paris')}`, { headers: { 'accept-language': lang } })
          ).text();
          assert.match(page, new RegExp(`<html lang="${lang}"`), lang);
          assert.ok(page.includes(`<p role="alert"><strong>${sentence}</strong></p>`), `${lang}: the catalogue's sentence`);
          for (const [other, s] of Object.entries(SENTENCES))
            if (other !== lang) assert.ok(!page.includes(s), `${lang}: not the ${other} one`);
        }
        // A query with a word to look for says nothing of the kind.
        const fine = await (await app.request(`/search?q=${encodeURIComponent('Ashraf -Paris')}`)).text();
        assert.ok(!fine.includes('role="alert"><strong>'));
      } finally {
        await store.close();
      }
    });
  });
});
