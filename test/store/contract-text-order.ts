// Store contract cases for text put in order: by code point, as SQLite compares text, whatever
// collation the PostgreSQL database was created with. A database created with en_US.UTF-8 (the
// default of many installs and of the official image) ordered "bo" before "Émile" before "Zed"
// where SQLite gives "Zed", "bo", "Émile"; so the users page, the audit filter's choices, the
// rejected names, the topic lists and equal counts' tie-break differed by dialect. These cases
// fail only on such a database (make one with createdb --locale-provider=icu --icu-locale=en-US
// --template=template0 and point NEWSDESK_TEST_POSTGRES_URL at it); on a C-collated one they hold.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { item } from './contract.js';

const NAMES = ['bo', 'Ana', 'Émile', 'zed', 'Zoe'];
/** Code point order: capitals before small letters, accented letters after both. */
const BY_CODE_POINT = ['Ana', 'Zoe', 'bo', 'zed', 'Émile'];

export function textOrderContract(name: string, open: () => Promise<Store>): void {
  describe(`Store contract, text order: ${name}`, () => {
    let store: Store;
    before(async () => {
      store = await open();
    });
    after(async () => {
      await store.close();
    });

    test('users, audit facets and rejected names come in code point order', async () => {
      for (const n of NAMES) await store.accounts.createUser({ name: n, passwordHash: 'x', role: 'editor' });
      // Users are listed by their case-folded key: the order of the keys, whatever the names' case.
      const keys = NAMES.map((n) => n.toLowerCase()).sort();
      assert.deepEqual(
        (await store.accounts.listUsers()).map((u) => u.name.toLowerCase()),
        keys,
      );
      for (const n of NAMES)
        await store.curation.record({ actorId: null, actorName: n, action: `${n}.act`, target: 't', before: null, after: null });
      const facets = await store.curation.auditFacets();
      assert.deepEqual(facets.actors, BY_CODE_POINT);
      assert.deepEqual(
        facets.actions,
        BY_CODE_POINT.map((n) => `${n}.act`),
      );
      for (const n of NAMES) await store.desk.rejectName('t', n, 'ed');
      assert.deepEqual(
        (await store.desk.rejectedNames('t')).map((r) => r.name),
        BY_CODE_POINT,
      );
    });

    test('topics, desk topics, host holds and equal counts come in code point order', async () => {
      const ids = ['b', 'A', 'a', 'é', 'Z'];
      for (const id of ids) await store.topics.saveDefinition({ id, definition: { id, name: id, entities: [] } });
      const sorted = ['A', 'Z', 'a', 'b', 'é'];
      assert.deepEqual(
        (await store.topics.listDefinitions()).map((d) => d.id),
        sorted,
      );
      for (const id of ids) await store.desk.saveTopic({ id, source: '', definition: {}, updatedBy: 'ed' });
      assert.deepEqual(
        (await store.desk.listTopics()).map((d) => d.id),
        sorted,
      );
      const { source } = await store.sources.add({ url: 'https://order.example/feed' });
      const { inserted } = await store.entries.saveBatch(source.id, [item(1)]);
      const [e1] = inserted;
      await store.topics.setEntryTopics(
        e1!.id,
        e1!.publishedAt,
        ids.map((topicId) => ({ topicId, matches: [] })),
      );
      assert.deepEqual(
        (await store.topics.entryTopics(e1!.id)).map((t) => t.topicId),
        sorted,
      );
      assert.deepEqual(
        (await store.topics.tagsFor([e1!.id])).get(e1!.id)?.map((t) => t.topicId),
        sorted,
      );
      assert.deepEqual(
        (await store.topics.counts()).map((c) => c.topicId),
        sorted,
      );
      for (const h of ['b.example', 'B.example', 'é.example', 'a.example'])
        await store.hosts.hold(h, Date.now() + 60_000, 'test', Date.now());
      assert.deepEqual(
        (await store.hosts.holds(Date.now())).map((h) => h.host),
        ['B.example', 'a.example', 'b.example', 'é.example'],
      );
      // Languages equally common: by tag, in code point order ("zh-Hant" is how a page may spell it).
      await store.entries.saveBatch(source.id, [item(3, { lang: 'zh-hant' }), item(4, { lang: 'zh-Hant' }), item(5, { lang: 'zh_x' })]);
      const langs = await store.search.languages();
      assert.deepEqual(
        langs.filter((l) => l.startsWith('zh')),
        ['zh-Hant', 'zh-hant', 'zh_x'],
      );
    });
  });
}
