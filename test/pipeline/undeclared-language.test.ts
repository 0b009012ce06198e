// A feed that names no language (many CMSs omit <language>) gave entries with `lang` null: the
// search's language filter could not find them, feeds out could not say their language and the
// story line listed none. Now the language is identified from the entry's own text when neither
// the item nor the feed declares one (src/pipeline/detect-language.ts); a declared language is
// kept, and short or ambiguous text keeps null. Real HTTP on 127.0.0.1, the pipeline, both stores.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Scheduler } from '../../src/jobs/scheduler.js';
import { DETECT_CHARS, guessLanguage, languageScorer } from '../../src/pipeline/detect-language.js';
import { parseSearch } from '../../src/search/query.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { type FixtureServer, rssFeed, startFixtureServer } from '../helpers/fixture-server.js';
import { silentLog, testConfig } from '../ingest/harness.js';

const ITEMS = [
  {
    lang: 'en',
    word: 'ferry',
    title: 'Harbour authority approves new ferry terminal after long public consultation',
    description: 'The regional harbour authority said on Tuesday that construction of the terminal would begin next spring.',
  },
  {
    lang: 'ar',
    word: 'النخيل',
    title: 'وزارة الزراعة تعلن خطة جديدة لدعم مزارعي النخيل في الجنوب',
    description: 'قالت الوزارة إن الخطة تشمل قروضا ميسرة وتوزيع شتلات على المزارعين خلال الموسم المقبل.',
  },
  {
    lang: 'fa',
    word: 'مترو',
    title: 'شهرداری تهران از طرح تازه‌ای برای گسترش خطوط مترو خبر داد',
    description: 'به گفته مسئولان، ساخت دو ایستگاه جدید از ماه آینده آغاز می‌شود و تا پایان سال ادامه دارد.',
  },
  {
    lang: 'de',
    word: 'Radweg',
    title: 'Stadtrat beschließt neuen Radweg entlang des Flussufers',
    description: 'Die Bauarbeiten sollen im kommenden Frühjahr beginnen und etwa ein Jahr dauern, teilte die Verwaltung mit.',
  },
];

const UNDECLARED = rssFeed('Harbour Town Courier', [
  ...ITEMS.map((it, i) => ({ guid: `u${i}`, title: it.title, link: `https://courier.example/${i}`, description: it.description })),
  // Three words that several languages share: no language rather than a wrong one.
  { guid: 'short', title: 'Bus Radio Festival', link: 'https://courier.example/short' },
]);
// A feed that declares French over English text: its declaration stands (docs/desk.md, p-langid).
const DECLARED = rssFeed('Declared', [
  {
    guid: 'd1',
    title: 'Mayor opens the renovated library on the market square',
    link: 'https://declared.example/1',
    description: ITEMS[0]!.description,
  },
]).replace('<channel>', '<channel><language>fr</language>');

forEachDialect((d) => {
  describe(`entries of a feed that names no language (${d.name})`, () => {
    let srv: FixtureServer;
    before(async () => {
      srv = await startFixtureServer({
        '/undeclared.xml': { status: 200, headers: { 'content-type': 'application/rss+xml' }, body: UNDECLARED },
        '/declared.xml': { status: 200, headers: { 'content-type': 'application/rss+xml' }, body: DECLARED },
      });
    });
    after(async () => {
      await srv.close();
    });

    async function poll(store: Store): Promise<void> {
      const config = testConfig(join(mkdtempSync(join(tmpdir(), 'newsdesk-langid-')), 'unused.db'));
      const scheduler = new Scheduler({ store, config, log: silentLog });
      try {
        await scheduler.pollOnce();
      } finally {
        await scheduler.close();
      }
    }

    test('get the language of their text and are found by the language filter', { timeout: 120_000 }, async () => {
      const store = await d.open();
      const now = await store.clock.now();
      const undeclared = (await store.sources.add({ url: `${srv.url}/undeclared.xml` }, now)).source;
      const declared = (await store.sources.add({ url: `${srv.url}/declared.xml` }, now)).source;
      await poll(store);
      const entries = (await store.entries.list({ sourceId: undeclared.id, limit: 50 })).items;
      const byUrl = new Map(entries.map((e) => [e.url, e]));
      for (const [i, it] of ITEMS.entries()) {
        const e = byUrl.get(`https://courier.example/${i}`);
        assert.equal(e?.lang, it.lang, it.title);
        assert.equal(e?.dir, it.lang === 'ar' || it.lang === 'fa' ? 'rtl' : 'ltr', it.title);
        const found = await store.search.search({ ast: parseSearch(it.word).ast, lang: it.lang, limit: 10 });
        assert.deepEqual(
          found.hits.map((h) => h.entry.url),
          [`https://courier.example/${i}`],
          `${it.word} in ${it.lang}`,
        );
      }
      assert.equal(byUrl.get('https://courier.example/short')?.lang, null, 'a three-word headline shared by languages abstains');
      const kept = (await store.entries.list({ sourceId: declared.id, limit: 5 })).items;
      assert.deepEqual(
        kept.map((e) => e.lang),
        ['fr'],
        'a declared language is never overridden',
      );
      assert.ok((await store.search.languages()).includes('fa'));
    });
  });
});

describe('the language guess', () => {
  test('abstains on a three-word headline that several languages share', async () => {
    assert.equal(guessLanguage(await languageScorer(), 'Bus Radio Festival'), null);
  });

  test('reads a megabyte of text only up to its cap', async () => {
    const scorer = await languageScorer();
    const seen: number[] = [];
    const spy = { detect: (t: string) => (seen.push(t.length), scorer.detect(t)) };
    const lead = `${ITEMS[0]!.title}. ${ITEMS[0]!.description} `.repeat(10).slice(0, DETECT_CHARS);
    const text = lead + ITEMS[3]!.description.repeat(Math.ceil(1_000_000 / ITEMS[3]!.description.length));
    assert.equal(guessLanguage(spy, text), 'en');
    assert.deepEqual(seen, [DETECT_CHARS]);
  });
});
