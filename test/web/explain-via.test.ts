// "Why this story?" says when a match was read otherwise than as written (p-hashtags): from the
// words of a hashtag, across a line-break hyphen, or through look-alike letters; in English, Arabic
// and Persian. The matcher's `via` goes through the store (both dialects) to the page and the API.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BASE_TIME, HOUR, entry, makeApp, populatedStore } from './helpers.js';
import { defineTopics } from './topic-fixtures.js';
import { forEachDialect } from '../helpers/dialects.js';

const TOPICS = `topics:
  - id: mek
    name: People's Mojahedin
    entities:
      - name: Mojahedin-e Khalq
        aliases: [People's Mojahedin Organization of Iran]
        acronyms: [MEK]
        context: [Iran]
`;

const WHY = {
  en: ['read from the words of a hashtag', 'read across a line break where the word was hyphenated', 'read through look-alike letters'],
  ar: ['قُرئ من كلمات وسم', 'قُرئ عبر نهاية سطر قُسمت عندها الكلمة بشرطة', 'قُرئ عبر أحرف متشابهة'],
  fa: ['از واژه‌های یک هشتگ خوانده شد', 'از روی شکست سطری خوانده شد', 'از روی حروف هم‌شکل خوانده شد'],
} as const;

forEachDialect((d) => {
  describe('explain view: what a match was read through', () => {
    it('names the hashtag, the line-break hyphen and the look-alike letters, in en, ar and fa', async () => {
      const { store, ids } = await populatedStore(d.open);
      await store.entries.saveBatch(ids.wire, [
        entry('tag', 'Rally in Paris', 'Supporters posted #PeoplesMojahedin all day.', BASE_TIME - HOUR),
        entry('hyph', 'Statement', 'A statement by the Mojahe-\ndin-e Khalq on Friday.', BASE_TIME - 2 * HOUR),
        entry('look', 'Iran', 'Iran: the M\u0415K said.', BASE_TIME - 3 * HOUR),
        entry('plain', 'Plain', 'The Mojahedin-e Khalq said.', BASE_TIME - 4 * HOUR),
      ]);
      const byKey = new Map((await store.entries.list({ limit: 50 })).items.map((e) => [e.dedupeKey, e.id]));
      await defineTopics(store, TOPICS);
      const app = makeApp(store);
      const page = async (key: string, lang: string): Promise<string> =>
        (await app.request(`/topics/mek/entries/${byKey.get(key)}/explain`, { headers: { 'accept-language': lang } })).text();
      for (const lang of ['en', 'ar', 'fa'] as const) {
        const [hashtag, hyphen, lookalike] = WHY[lang];
        const tag = await page('tag', lang);
        assert.ok(tag.includes(hashtag), `${lang}: hashtag`);
        const hyph = await page('hyph', lang);
        assert.ok(hyph.includes(hyphen), `${lang}: line-break hyphen`);
        const look = await page('look', lang);
        assert.ok(look.includes(lookalike), `${lang}: look-alike letters`);
        // A match read as written says none of them.
        const plain = await page('plain', lang);
        for (const why of WHY[lang]) assert.ok(!plain.includes(why), `${lang}: plain match marked ${why}`);
      }
      // The stored matches carry it, and the API hands it out.
      const stored = await store.topics.entryTopics(byKey.get('look')!);
      assert.deepEqual(
        stored[0]?.matches.map((m) => [m.text, m.reason, m.via]),
        [['M\u0415K', 'acronym', 'lookalike']],
      );
      const api = (await (await app.request('/api/v1/topics/mek/entries')).json()) as {
        items: { id: number; matches: { via?: string }[] }[];
      };
      const vias = new Map(api.items.map((it) => [it.id, it.matches.map((m) => m.via ?? null)]));
      assert.deepEqual(vias.get(byKey.get('tag')!), ['hashtag']);
      assert.deepEqual(vias.get(byKey.get('plain')!), [null]);
      await store.close();
    });
  });
});
