// The full-text step guesses the language of an article read in full when neither feed nor page
// names one. A guess that fails (the language worker crashed) must not cost the article its text:
// the text read is stored and the read counted done, without a language (r2-langid2; before, the
// guess's error was taken for the read's, the text thrown away and the entry marked failed). And a
// page that declares its language takes the place of a guessed one, flag cleared, on both stores.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pino } from 'pino';
import type { ExtractResult } from '../../src/ingest/extract/types.js';
import type { LanguageGuesser } from '../../src/pipeline/detect-language.js';
import { extractFullTextStep } from '../../src/pipeline/steps/extract-full-text.js';
import { forEachDialect } from '../helpers/dialects.js';
import { textEntry } from '../helpers/entries.js';

const log = pino({ level: 'silent' });
const TEXT =
  'Der Stadtrat hat am Dienstagabend nach einer langen Debatte beschlossen, das alte Hallenbad am Marktplatz bis zum Herbst zu sanieren. ' +
  'Die Kosten werden auf rund vier Millionen Euro geschätzt.';

function page(lang: string | null): ExtractResult {
  return {
    title: 'Bus Radio Festival',
    byline: null,
    published: null,
    lang,
    dir: null,
    siteName: null,
    excerpt: null,
    leadImage: null,
    canonicalUrl: null,
    html: `<p>${TEXT}</p>`,
    text: TEXT,
    readerable: true,
    charset: 'utf-8',
    refreshUrl: null,
    warnings: [],
  };
}

function step(result: ExtractResult, guesser: LanguageGuesser) {
  return extractFullTextStep({
    fetcher: {
      fetch: async (url) => ({
        status: 200,
        url,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: new Uint8Array(),
        notModified: false,
        redirects: [],
        wireBytes: 0,
      }),
    },
    extractor: { extract: async () => result, close: async () => undefined },
    guesser,
  });
}

forEachDialect((d) => {
  test(`a failed guess keeps the text read, without a language (${d.name})`, async () => {
    const store = await d.open();
    try {
      const { source } = await store.sources.add({ url: 'https://stadtbote.example/feed.xml' });
      const saved = await store.entries.saveBatch(source.id, [
        textEntry({ dedupeKey: 'a', fingerprint: 'fa', url: 'https://stadtbote.example/a' }, 'Bus Radio Festival', 'Kurz.', 1, {
          lang: null,
          dir: 'ltr',
        }),
      ]);
      const failing: LanguageGuesser = { guess: () => Promise.reject(new Error('language worker exited (code 1)')) };
      const u = await step(page(null), failing).extractEntry(saved.inserted[0]!, store, log);
      assert.equal(u.extractStatus, 'done');
      const e = (await store.entries.get(saved.inserted[0]!.id))!;
      assert.equal(e.extractStatus, 'done');
      assert.equal(e.text, TEXT);
      assert.equal(e.lang, null);
    } finally {
      await store.close();
    }
  });

  test(`a page's declared language replaces a guessed one and clears its flag (${d.name})`, async () => {
    const store = await d.open();
    try {
      const { source } = await store.sources.add({ url: 'https://stadtbote.example/feed.xml' });
      const saved = await store.entries.saveBatch(source.id, [
        textEntry({ dedupeKey: 'b', fingerprint: 'fb', url: 'https://stadtbote.example/b' }, 'Bus Radio Festival', 'Kurz.', 1, {
          lang: 'en',
          langGuessed: true,
        }),
      ]);
      const never: LanguageGuesser = { guess: () => Promise.reject(new Error('not asked: the page names its language')) };
      await step(page('de'), never).extractEntry(saved.inserted[0]!, store, log);
      const e = (await store.entries.get(saved.inserted[0]!.id))!;
      assert.equal(e.lang, 'de');
      assert.equal(e.langGuessed, undefined);
    } finally {
      await store.close();
    }
  });
});
