// One spelling of a language for feeds and article pages, and never a tag of kilobytes: the page's
// <html lang> went to the store as written ("en-US" beside the feeds' "en-us", "English", or an
// attribute of any length, which PostgreSQL's index on the language refused, failing the update).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Entry } from '../../src/domain/entry.js';
import type { ExtractResult } from '../../src/ingest/extract/types.js';
import type { ParsedEntry, ParsedFeed } from '../../src/ingest/parse/types.js';
import { adaptEntry } from '../../src/pipeline/adapt-entry.js';
import { languageTag } from '../../src/pipeline/language-tag.js';
import { fullTextUpdate } from '../../src/pipeline/steps/extract-full-text.js';

const LONG_TAG = `en-${Array.from({ length: 1000 }, (_, i) => `x${i.toString(36)}`).join('-')}`;

function page(lang: string | null, dir: string | null = null): ExtractResult {
  const text = 'A full article about the harbour, long enough to be read as one. '.repeat(5);
  return {
    title: 'Harbour',
    byline: null,
    published: null,
    lang,
    dir,
    siteName: null,
    excerpt: null,
    leadImage: null,
    canonicalUrl: null,
    html: `<p>${text}</p>`,
    text,
    readerable: true,
    charset: 'utf-8',
    refreshUrl: null,
    warnings: [],
  };
}

const entry = { text: 'Teaser.', lang: null, leadImage: null } as Pick<Entry, 'text' | 'lang' | 'leadImage'> as Entry;

describe('language tags', () => {
  it('are lower-case with "-", bounded, and null when not a tag', () => {
    assert.equal(languageTag(' pt_BR '), 'pt-br');
    assert.equal(languageTag('zh-Hant-TW'), 'zh-hant-tw');
    assert.equal(languageTag('English'), null);
    assert.equal(languageTag(''), null);
    assert.ok(LONG_TAG.length > 3000);
    assert.equal(languageTag(LONG_TAG), null);
  });

  it('a feed language of kilobytes is no language', () => {
    const e: ParsedEntry = { title: 'Harbour', link: 'https://ex.com/1', language: LONG_TAG };
    const feed: ParsedFeed = { version: 'rss20', bozo: false, feed: { title: 'F' }, entries: [e] };
    assert.equal(adaptEntry(e, feed, Date.UTC(2026, 0, 1)).lang, null);
  });

  it("a page's language is stored as a feed's would be; one that is no tag is not stored", () => {
    assert.equal(fullTextUpdate(entry, page('en-US')).lang, 'en-us');
    const ar = fullTextUpdate(entry, page('ar_AE'));
    assert.deepEqual([ar.lang, ar.dir], ['ar-ae', 'rtl']);
    assert.equal(fullTextUpdate(entry, page('English')).lang, undefined);
    assert.equal(fullTextUpdate(entry, page(LONG_TAG)).lang, undefined);
  });
});
