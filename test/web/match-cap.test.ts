// Stored matches bounded per tag (p-matchcap): a 1 MB article naming a topic's entity 170,000 times
// stored 18.7 MB of matches in its one tag row, read back whole by "Why this story?", the topic
// page and the API. The row keeps the first MATCHES_KEPT places in reading order (and the first
// place of each further alias) with the true count; every reader lists those and says how many more.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { MATCHES_KEPT } from '../../src/topics/matcher.js';
import { forEachDialect } from '../helpers/dialects.js';
import { BASE_TIME, HOUR, entry, makeApp, populatedStore } from './helpers.js';
import { defineTopics } from './topic-fixtures.js';

const TOPICS = `topics:
  - id: hamas
    name: Hamas
    entities:
      - name: Hamas
        aliases: [Islamic Resistance Movement]
`;

const MENTIONS = 170_000;
// The title names it once, the text MENTIONS times and then once by its other alias.
const TOTAL = MENTIONS + 2;

async function floodedStore(open: () => Promise<Store>): Promise<{ store: Store; id: number }> {
  const { store, ids } = await populatedStore(open);
  const text = `${'Hamas '.repeat(MENTIONS)}The Islamic Resistance Movement said so.`;
  await store.entries.saveBatch(ids.wire, [entry('flood', 'Hamas statement', text, BASE_TIME - HOUR)]);
  const all = await store.entries.list({ limit: 100 });
  const id = all.items.find((e) => e.dedupeKey === 'flood')!.id;
  await defineTopics(store, TOPICS);
  return { store, id };
}

forEachDialect((d) => {
  describe('stored matches bounded per tag', () => {
    it('a 170,000-mention article stores a few KB of matches with the true count, and every reader says how many more', async () => {
      const { store, id } = await floodedStore(d.open);
      const tag = (await store.topics.entryTopics(id)).find((t) => t.topicId === 'hamas');
      assert.ok(tag, 'the flooded entry is tagged');
      // Work bound: the stored JSON of the row. Kept are 25 places plus the other alias's first
      // place, each under 200 bytes of JSON; on main it held all 170,002 (about 18.7 MB).
      const bytes = Buffer.byteLength(JSON.stringify(tag.matches));
      assert.ok(bytes < 2 * MATCHES_KEPT * 200, `stored matches: ${bytes} bytes`);
      assert.equal(tag.total, TOTAL);
      // The first places in reading order: the title's, then the text's from its start.
      assert.equal(tag.matches[0]!.field, 'title');
      const text = tag.matches.filter((m) => m.field === 'text');
      assert.deepEqual(
        text.slice(0, MATCHES_KEPT - 1).map((m) => m.start),
        Array.from({ length: MATCHES_KEPT - 1 }, (_, i) => i * 6),
      );
      // The other alias, named only at the end, is still there (its entity and name for the
      // clusterer, an alert's "Matched:").
      assert.ok(text.some((m) => m.alias === 'Islamic Resistance Movement'));
      const kept = tag.matches.length;
      assert.equal(kept, MATCHES_KEPT + 1);

      const app = makeApp(store);
      // "Why this story?": the rows kept, the true count, and "…and K more".
      const page = await (await app.request(`/topics/hamas/entries/${id}/explain`)).text();
      assert.equal([...page.matchAll(/<li class="match">/g)].length, kept);
      assert.match(page, new RegExp(`${TOTAL}\\s+places in this story matched`));
      assert.match(page, new RegExp(`and ${TOTAL - kept} more places`));
      const ar = await (await app.request(`/topics/hamas/entries/${id}/explain`, { headers: { 'accept-language': 'ar' } })).text();
      assert.match(ar, new RegExp(`و${TOTAL - kept} من المواضع الأخرى`));

      // The API: the kept matches and matchCount.
      const api = (await (await app.request('/api/v1/topics/hamas/entries')).json()) as {
        items: { id: number; matches: { start: number }[]; matchCount: number }[];
      };
      const item = api.items.find((x) => x.id === id);
      assert.ok(item);
      assert.equal(item.matches.length, kept);
      assert.equal(item.matchCount, TOTAL);
      await store.close();
    });

    it('one place more than kept is "1 more place", in the singular, in en, ar and fa', async () => {
      const { store, ids } = await populatedStore(d.open);
      // The title's one place and the text's MATCHES_KEPT: one more than the row keeps.
      await store.entries.saveBatch(ids.wire, [
        entry('one-more', 'Hamas statement', 'Hamas said. '.repeat(MATCHES_KEPT), BASE_TIME - HOUR),
      ]);
      const id = (await store.entries.list({ limit: 100 })).items.find((e) => e.dedupeKey === 'one-more')!.id;
      await defineTopics(store, TOPICS);
      const tag = (await store.topics.entryTopics(id)).find((t) => t.topicId === 'hamas')!;
      assert.equal(tag.total, MATCHES_KEPT + 1);
      assert.equal(tag.matches.length, MATCHES_KEPT);
      const app = makeApp(store);
      const explain = async (lang: string): Promise<string> =>
        (await app.request(`/topics/hamas/entries/${id}/explain`, { headers: { 'accept-language': lang } })).text();
      const en = await explain('en');
      assert.match(en, /and 1 more place, not listed here/);
      assert.doesNotMatch(en, /1 more places/);
      assert.match(await explain('ar'), /وموضع واحد آخر/);
      assert.match(await explain('fa'), /یک جای دیگر/);
      await store.close();
    });

    it('an article with a handful of mentions keeps every one and says no more', async () => {
      const { store, ids } = await populatedStore(d.open);
      await store.entries.saveBatch(ids.wire, [entry('few', 'Hamas statement', 'Hamas said. Hamas added.', BASE_TIME - HOUR)]);
      const id = (await store.entries.list({ limit: 100 })).items.find((e) => e.dedupeKey === 'few')!.id;
      await defineTopics(store, TOPICS);
      const tag = (await store.topics.entryTopics(id)).find((t) => t.topicId === 'hamas')!;
      assert.deepEqual(
        tag.matches.map((m) => [m.field, m.start]),
        [
          ['title', 0],
          ['text', 0],
          ['text', 12],
        ],
      );
      assert.equal(tag.total, 3);
      const app = makeApp(store);
      const page = await (await app.request(`/topics/hamas/entries/${id}/explain`)).text();
      assert.match(page, /3 places in this story matched/);
      assert.doesNotMatch(page, /more places/);
      const api = (await (await app.request('/api/v1/topics/hamas/entries')).json()) as {
        items: { id: number; matchCount: number }[];
      };
      assert.equal(api.items.find((x) => x.id === id)?.matchCount, 3);
      await store.close();
    });
  });
});
