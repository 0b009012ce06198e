// "Why this story?" names the entity that matched, also when the topic gives it no explicit `id`:
// the pages take entity ids from the same topics reader (and slug) as the matcher.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchEntry } from '../../src/pipeline/steps/tag-topics.js';
import { parseTopics } from '../../src/topics/definition.js';
import { compileTopics } from '../../src/topics/matcher.js';
import { BASE_TIME, HOUR, entry, makeApp, populatedStore } from './helpers.js';
import { defineTopics } from './topic-fixtures.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';

const TOPICS = `topics:
  - id: groups
    name: Armed groups
    entities:
      - name: People's Mujāhidīn
        aliases: [Mujahedin-e Khalq]
      - name: أنصار الإسلام
`;

async function storyStore(open: () => Promise<Store>) {
  const { store, ids } = await populatedStore(open);
  await store.entries.saveBatch(ids.wire, [
    entry('pm', "People's Mujāhidīn hold rally", 'Thousands gathered in Paris on Saturday.', BASE_TIME - HOUR),
  ]);
  await store.entries.saveBatch(ids.arabic, [
    entry('ai', 'بيان جديد من أنصار الإسلام', 'أصدرت جماعة أنصار الإسلام بيانا اليوم.', BASE_TIME - 2 * HOUR, { lang: 'ar', dir: 'rtl' }),
  ]);
  const all = await store.entries.list({ limit: 50 });
  const byKey = new Map(all.items.map((e) => [e.dedupeKey, e.id]));
  return { store, pm: byKey.get('pm')!, ai: byKey.get('ai')! };
}

/** The entity named on the explain page ("(entity …)"), HTML entities decoded. */
function entities(page: string): string[] {
  return [...page.matchAll(/\(entity ([^)<]+)\)/g)].map((m) => m[1]!.replace(/&#39;/g, "'"));
}
forEachDialect((d) => {
  describe('explain view', () => {
    it('finds entities without an explicit id, in Latin with diacritics and in Arabic script', async () => {
      const { store, pm, ai } = await storyStore(d.open);
      await defineTopics(store, TOPICS);
      const app = makeApp(store);
      const latin = await (await app.request(`/topics/groups/entries/${pm}/explain`)).text();
      assert.deepEqual([...new Set(entities(latin))], ["People's Mujāhidīn"]);
      const arabic = await (await app.request(`/topics/groups/entries/${ai}/explain`)).text();
      assert.deepEqual([...new Set(entities(arabic))], ['أنصار الإسلام']);
      // The API lists the same ids as the matcher recorded.
      const topic = (await (await app.request('/api/v1/topics/groups')).json()) as { entities: { id: string }[] };
      const recorded = (await store.topics.entryTopics(pm))[0]!.matches.map((m) => m.entity);
      assert.ok(
        recorded.length > 0 && recorded.every((id) => topic.entities.some((e) => e.id === id)),
        JSON.stringify({ recorded, topic }),
      );
      await store.close();
    });

    it('reads a definition stored as written by an older version (no ids) with the same slug', async () => {
      const { store, pm, ai } = await storyStore(d.open);
      const parsed = parseTopics(TOPICS);
      assert.ok(parsed.ok);
      const matcher = compileTopics(parsed.topics);
      // What older versions stored: the raw object of the file, entity ids left to the reader.
      await store.topics.saveDefinition({
        id: 'groups',
        definition: {
          id: 'groups',
          name: 'Armed groups',
          entities: [{ name: "People's Mujāhidīn", aliases: ['Mujahedin-e Khalq'] }, { name: 'أنصار الإسلام' }],
        },
      });
      for (const id of [pm, ai]) {
        const e = (await store.entries.get(id))!;
        await store.topics.setEntryTopics(id, e.publishedAt, matchEntry(matcher, e));
      }
      const app = makeApp(store);
      assert.deepEqual(
        [...new Set(entities(await (await app.request(`/topics/groups/entries/${pm}/explain`)).text()))],
        ["People's Mujāhidīn"],
      );
      assert.deepEqual([...new Set(entities(await (await app.request(`/topics/groups/entries/${ai}/explain`)).text()))], ['أنصار الإسلام']);
      await store.close();
    });
  });
});
