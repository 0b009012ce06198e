// A listing selector longer than SELECTOR_MAX_CHARS is refused at the desk (p-selector), where it
// was cut to 300 characters and stored without a word: the settings form comes back (400) with
// every value as typed, the too-long one included, and the refusal beside its field in the
// editor's language, naming the limit; nothing is stored. The add confirmation refuses one too.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SELECTOR_MAX_CHARS } from '../../src/ingest/listing/source-checks.js';
import { formatCount } from '../../src/web/locale.js';
import { ADMIN, EDITOR, setLanguage, withDesk } from './helpers.js';

/** Usable CSS, 373 characters. */
const LONG = `div.story ${'> div '.repeat(60)}> a`;

describe('the desk refuses a selector over the limit', () => {
  test('the settings form comes back with the value kept and the refusal beside the field; nothing stored', async () => {
    await withDesk(async (desk, store) => {
      const { source } = await store.sources.add({ url: 'https://listing.example/news', kind: 'page', title: 'Listing' });
      const before = await store.sources.get(source.id);
      const res = await desk.post(`/desk/sources/${source.id}/settings`, {
        interval: '90',
        extractMode: 'always',
        sel_item: 'article.teaser',
        sel_link: LONG,
      });
      assert.equal(res.status, 400);
      const page = await res.text();
      assert.ok(LONG.length > SELECTOR_MAX_CHARS);
      // The whole value, not 300 characters of it, stays in its field, marked and described.
      assert.ok(page.includes(`id="sel-link" name="sel_link" value="${LONG.replaceAll('>', '&gt;')}"`), 'the value as typed');
      assert.match(page, /id="sel-link"[^>]*aria-invalid="true" aria-describedby="sel-link-error">/);
      assert.ok(
        page.includes(
          `<span id="sel-link-error" role="alert">“Link inside a teaser”: the selector is ${LONG.length} characters long; a selector may be at most 300 characters. Shorten it; nothing was saved.</span>`,
        ),
        'the refusal beside the field',
      );
      assert.match(page, /id="sel-item"[^>]*value="article\.teaser"/);
      assert.doesNotMatch(page, /id="sel-item"[^>]*aria-invalid/);
      assert.match(page, /id="s-interval"[^>]*value="90"/);
      assert.deepEqual(await store.sources.get(source.id), before, 'nothing stored');

      // At the limit it is saved as given.
      const atLimit = LONG.slice(0, SELECTOR_MAX_CHARS - 1).trimEnd();
      const ok = await desk.post(`/desk/sources/${source.id}/settings`, { interval: '90', extractMode: 'always', sel_item: atLimit });
      assert.equal(ok.status, 200);
      assert.deepEqual((await store.sources.get(source.id))?.settings.selectors, { item: atLimit });
    });
  });

  test('the refusal is in the editor’s language, with its digits', async () => {
    for (const [lang, words] of [
      [
        'ar',
        `«الرابط داخل المقتطف»: طول المحدِّد بالأحرف ${formatCount(LONG.length, 'ar')}، والحد الأقصى للمحدِّد بالأحرف ${formatCount(300, 'ar')}.`,
      ],
      ['fa', `«پیوند درون چکیده»: گزینشگر ${formatCount(LONG.length, 'fa')} نویسه دارد و یک گزینشگر حداکثر ۳۰۰ نویسه می‌تواند داشته باشد.`],
    ] as const) {
      await withDesk(async (desk, store) => {
        await setLanguage(store, EDITOR.name, lang);
        const { source } = await store.sources.add({ url: 'https://listing.example/news', kind: 'page' });
        const res = await desk.post(`/desk/sources/${source.id}/settings`, { interval: '30', extractMode: 'short', sel_link: LONG });
        assert.equal(res.status, 400);
        const page = await res.text();
        assert.ok(page.includes(words), `${lang}: ${page.match(/<span id="sel-link-error"[^<]*/)?.[0]}`);
        assert.equal((await store.sources.get(source.id))?.settings.selectors, undefined);
      });
    }
  });

  test('the add confirmation refuses a selector over the limit sent back to it', async () => {
    await withDesk(async (desk, store) => {
      const res = await desk.post('/desk/sources/add', {
        url: 'https://forged.example/news',
        kind: 'page',
        siteUrl: '',
        pending: '',
        title: 'Forged',
        extractMode: 'short',
        settings: JSON.stringify({ selectors: { item: LONG } }),
      });
      assert.equal(res.status, 400);
      assert.deepEqual(await store.sources.list(), []);
    }, ADMIN);
  });
});
