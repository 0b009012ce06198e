// Whether an entry's language was guessed from its text (entries.lang_guessed, migration 43):
// stored by saveBatch on each dialect and read back; a full-text update that sets a declared
// language clears it, one that sets a guess keeps it. The whole path from a feed is
// test/pipeline/guessed-language-page.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forEachDialect } from '../helpers/dialects.js';
import { item } from './contract.js';

forEachDialect((d) => {
  describe('entry language guessed', () => {
    it('is stored with the entry and cleared when a page declares the language', async () => {
      const store = await d.open();
      const { source } = await store.sources.add({ url: 'https://undeclared.example/feed.xml' });
      const saved = await store.entries.saveBatch(source.id, [item(1, { lang: 'en', langGuessed: true }), item(2, { lang: 'fr' })]);
      const [guessed, declared] = saved.inserted;
      assert.equal(guessed!.langGuessed, true);
      assert.equal(declared!.langGuessed, undefined);
      assert.equal((await store.entries.get(guessed!.id))?.langGuessed, true);
      assert.equal((await store.entries.get(declared!.id))?.langGuessed, undefined);

      await store.entries.setFullText(guessed!.id, { fullHtml: '<p>x</p>', extractStatus: 'done', lang: 'de', langGuessed: true });
      const reguessed = await store.entries.get(guessed!.id);
      assert.equal(reguessed?.lang, 'de');
      assert.equal(reguessed?.langGuessed, true);

      await store.entries.setFullText(guessed!.id, { fullHtml: '<p>x</p>', extractStatus: 'done', lang: 'es' });
      const paged = await store.entries.get(guessed!.id);
      assert.equal(paged?.lang, 'es');
      assert.equal(paged?.langGuessed, undefined);
    });
  });
});
