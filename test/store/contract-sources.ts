// Store contract cases for source records that feeds out and moved feeds rely on: feed metadata
// read for a page of sources in one call, and a source's earlier addresses kept when it moves.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Store } from '../../src/store/store.js';

export function sourcesContract(name: string, open: () => Promise<Store>): void {
  describe(`Store contract, sources: ${name}`, () => {
    let store: Store;
    before(async () => {
      store = await open();
    });
    after(async () => {
      await store.close();
    });

    test('feed metadata of several sources comes back by id; sources without any are absent', async () => {
      const a = (await store.sources.add({ url: 'https://meta-a.example/feed' })).source.id;
      const b = (await store.sources.add({ url: 'https://meta-b.example/feed' })).source.id;
      const c = (await store.sources.add({ url: 'https://meta-c.example/feed' })).source.id;
      await store.sources.setFeedMeta(a, { id: 'urn:a', authors: [{ name: 'A Desk' }], updated: '2026-01-02T03:04:05Z' });
      await store.sources.setFeedMeta(c, { title: 'C', id: 'tag:c.example,2026:feed' });
      const metas = await store.sources.getFeedMetas([a, b, c, a, 999_999]);
      assert.deepEqual(
        [...metas.keys()].sort((x, y) => x - y),
        [a, c].sort((x, y) => x - y),
      );
      assert.deepEqual(metas.get(a), await store.sources.getFeedMeta(a));
      assert.equal(metas.get(c)?.id, 'tag:c.example,2026:feed');
      assert.equal((await store.sources.getFeedMetas([])).size, 0);
    });

    test('sameFeeds: sources alone at their feed address are absent (two spellings come only from before migration 46)', async () => {
      // Every add path refuses a second spelling, so a contract store holds none; the pairs a
      // pre-46 store holds are tested from schema 45 in test/jobs/same-feed-poll.test.ts.
      await store.sources.add({ url: 'https://same-a.example/feed' });
      const again = await store.sources.add({ url: 'HTTPS://Same-A.example:443/feed#x' });
      assert.equal(again.created, false);
      await store.sources.add({ url: 'https://same-b.example/feed' });
      assert.equal((await store.sources.sameFeeds()).size, 0);
    });

    test('a settings change writes the keys it names only: set, removed by null, the rest as stored (p-leftovers)', async () => {
      const { source } = await store.sources.add({
        url: 'https://settings.example/news',
        kind: 'page',
        settings: { selectors: { item: 'li', next: 'a.more' }, maxPages: 2, cursor: 'x' },
      });
      // A value is replaced whole (selectors given without "next" unset it); null removes a key;
      // booleans, numbers, strings and nested objects come back as given.
      const patched = await store.sources.update(source.id, {
        settingsChanges: {
          selectors: { item: 'div.story' },
          cursor: null,
          flag: true,
          pendingMove: { url: 'https://x.example/', seen: 1, since: 5 },
        },
      });
      assert.deepEqual(patched?.settings, {
        selectors: { item: 'div.story' },
        maxPages: 2,
        flag: true,
        pendingMove: { url: 'https://x.example/', seen: 1, since: 5 },
      });
      await store.sources.finishCheck(source.id, { settingsChanges: { pendingMove: null, missing: null } });
      assert.deepEqual((await store.sources.get(source.id))?.settings, { selectors: { item: 'div.story' }, maxPages: 2, flag: true });
      // Many writers at once, each its own key: every one is kept (on PostgreSQL they run on
      // several connections; each waits for the row and applies its change to what it finds).
      const keys = Array.from({ length: 12 }, (_, i) => `k${i}`);
      await Promise.all(keys.map((k, i) => store.sources.update(source.id, { settingsChanges: { [k]: i } })));
      const all = (await store.sources.get(source.id))?.settings ?? {};
      assert.deepEqual(
        keys.map((k) => all[k]),
        keys.map((_, i) => i),
      );
      assert.deepEqual(all.selectors, { item: 'div.story' });
      await assert.rejects(store.sources.update(source.id, { settingsChanges: { 'a"b': 1 } }), /not a storable settings key/);
    });

    test('a checked change writes a field only while it is still the value shown; the others are written (p-meanwhile)', async () => {
      const { source } = await store.sources.add({
        url: 'https://shown.example/news',
        kind: 'page',
        intervalSeconds: 1800,
        extractMode: 'short',
        settings: { selectors: { item: 'li', link: 'h2 a' }, cursor: 'c1' },
      });
      // Another writer moved the interval and `item` since the form was shown.
      await store.sources.update(source.id, { intervalSeconds: 600, settingsChanges: { selectors: { item: 'article', link: 'h2 a' } } });
      const r = await store.sources.updateShown(source.id, {
        intervalSeconds: { to: 2700, shownMinutes: 30 },
        extractMode: { to: 'always', shown: 'short' },
        selectors: { item: { to: 'div', shown: 'li' }, link: { to: 'h3 a', shown: 'h2 a' }, date: { to: 'time', shown: '' } },
      });
      assert.deepEqual(r?.refused.sort(), ['intervalSeconds', 'selectors.item']);
      assert.equal(r?.source.intervalSeconds, 600, 'the other writer’s interval');
      assert.equal(r?.source.extractMode, 'always');
      assert.deepEqual(r?.source.settings, { selectors: { item: 'article', link: 'h3 a', date: 'time' }, cursor: 'c1' });
      // The row as the write read it (r-meanwhile: an audit row's "before"), the other writer's values in it.
      assert.equal(r?.before.intervalSeconds, 600);
      assert.equal(r?.before.extractMode, 'short');
      assert.deepEqual(r?.before.settings, { selectors: { item: 'article', link: 'h2 a' }, cursor: 'c1' });
      // Shown as stored now: written; a field moved to the very value given is no conflict.
      const again = await store.sources.updateShown(source.id, {
        intervalSeconds: { to: 2700, shownMinutes: 10 },
        selectors: { item: { to: undefined, shown: 'article' }, link: { to: 'h3 a', shown: 'h1 a' } },
      });
      assert.deepEqual(again?.refused, []);
      assert.equal(again?.source.intervalSeconds, 2700);
      assert.deepEqual(again?.source.settings.selectors, { link: 'h3 a', date: 'time' });
      // No shown value: written as given. No such source: undefined.
      assert.equal((await store.sources.updateShown(source.id, { extractMode: { to: 'off' } }))?.source.extractMode, 'off');
      assert.equal(await store.sources.updateShown(999_999, { extractMode: { to: 'off' } }), undefined);
      // Two saves of one field from one page at once: one is written, the other refused (on
      // PostgreSQL on two connections: the second waits for the row and finds it moved).
      const both = await Promise.all(
        ['always', 'short'].map((to) =>
          store.sources.updateShown(source.id, { extractMode: { to: to as 'always' | 'short', shown: 'off' } }),
        ),
      );
      assert.deepEqual(both.map((x) => x?.refused.length).sort(), [0, 1]);
    });

    test('a moved source keeps its earlier addresses, oldest first, and is found at the new one', async () => {
      const { source } = await store.sources.add({ url: 'http://old.example/rss' });
      assert.deepEqual(source.previousUrls, []);
      const moved = await store.sources.update(source.id, {
        url: 'https://new.example/feed',
        previousUrls: [{ url: 'http://old.example/rss', movedAt: 1_700_000_000_000 }],
      });
      assert.equal(moved?.url, 'https://new.example/feed');
      assert.deepEqual(moved?.previousUrls, [{ url: 'http://old.example/rss', movedAt: 1_700_000_000_000 }]);
      await store.sources.finishCheck(source.id, {
        url: 'https://newest.example/feed',
        previousUrls: [...moved!.previousUrls, { url: 'https://new.example/feed', movedAt: 1_700_000_100_000 }],
      });
      const got = await store.sources.getByUrl('https://newest.example/feed');
      assert.equal(got?.id, source.id);
      assert.deepEqual(
        got?.previousUrls.map((m) => m.url),
        ['http://old.example/rss', 'https://new.example/feed'],
      );
      assert.equal(await store.sources.getByUrl('http://old.example/rss'), undefined);
      assert.deepEqual((await store.sources.list()).find((s) => s.id === source.id)?.previousUrls.length, 2);
    });
  });
}
