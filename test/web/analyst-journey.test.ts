// What the 2026-12-06 analyst journey saw on the public pages, over both store dialects: an author
// stored as the page printed it ("By Staff Reporter") read "By By Staff Reporter" on the article
// page, a source that failed once was "failing (1 errors)" on the sources page, and the search
// form's language filter offered bare codes ("ar", "fa") in every interface language.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forEachDialect } from '../helpers/dialects.js';
import { BASE_TIME, entry, makeApp, populatedStore } from './helpers.js';

forEachDialect((d) => {
  describe(`analyst journey: article byline and error counts (${d.name})`, () => {
    it('an author stored with its "By" is shown once after the page\'s own "By", in every language', async () => {
      const { store, ids } = await populatedStore(d.open);
      try {
        const saved = await store.entries.saveBatch(ids.wire, [
          entry('by1', 'Clinic opens in Agadez', 'Body text.', BASE_TIME, { author: 'By Staff Reporter' }),
        ]);
        const id = saved.inserted[0]!.id;
        const app = makeApp(store);
        const en = await (await app.request(`/entries/${id}`)).text();
        assert.match(en, /By <bdi>Staff Reporter<\/bdi>/);
        assert.doesNotMatch(en, /By <bdi>By /);
        const ar = await (await app.request(`/entries/${id}`, { headers: { 'accept-language': 'ar' } })).text();
        assert.match(ar, /<bdi>Staff Reporter<\/bdi>/);
        assert.doesNotMatch(ar, /<bdi>By Staff/);
      } finally {
        await store.close();
      }
    });

    it('one error is "(1 error)" on the sources page, more are counted, in English, Arabic and Persian', async () => {
      const { store, ids } = await populatedStore(d.open);
      try {
        await store.sources.finishCheck(ids.wire, { status: 'failing', errorCount: 1, lastError: 'HTTP 404', lastErrorKey: 'http' });
        await store.sources.finishCheck(ids.arabic, { status: 'failing', errorCount: 3, lastError: 'HTTP 404', lastErrorKey: 'http' });
        const app = makeApp(store);
        const page = async (lang: string) => (await app.request('/sources', { headers: { 'accept-language': lang } })).text();
        const en = await page('en');
        assert.match(en, /\(1 error\)/);
        assert.match(en, /\(3 errors\)/);
        assert.doesNotMatch(en, /\(1 errors\)/);
        assert.match(await page('ar'), /\(خطأ واحد\)/);
        assert.match(await page('fa'), /\(یک خطا\)/);
      } finally {
        await store.close();
      }
    });

    it("the search form's language filter names each language in the interface's language", async () => {
      const { store } = await populatedStore(d.open);
      try {
        const app = makeApp(store);
        const page = async (lang: string) => (await app.request('/search?q=camp', { headers: { 'accept-language': lang } })).text();
        const en = await page('en');
        assert.match(en, /<option value="ar">Arabic<\/option>/);
        assert.match(en, /<option value="fa">Persian<\/option>/);
        const ar = await page('ar');
        assert.match(ar, /<option value="ar">العربية<\/option>/);
        assert.match(ar, /<option value="fa">الفارسية<\/option>/);
        assert.match(await page('fa'), /<option value="ar">عربی<\/option>/);
      } finally {
        await store.close();
      }
    });
  });
});
