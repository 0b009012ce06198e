// One suite for the Store contract, run over every dialect (Kysely-style): each dialect's test file
// calls storeContract with a factory for a fresh, empty store.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { NewEntry } from '../../src/domain/entry.js';
import type { Store } from '../../src/store/store.js';
import { textEntry } from '../helpers/entries.js';
import { searchContract } from './contract-search.js';
import { sourcesContract } from './contract-sources.js';
import { topicsContract } from './contract-topics.js';

export function item(n: number, extra: Partial<NewEntry> = {}): NewEntry {
  return textEntry(
    { dedupeKey: `key-${n}`, fingerprint: `fp-${n}`, url: `https://example.org/story/${n}` },
    `Story ${n}`,
    `Body ${n}`,
    1_700_000_000_000 + n * 60_000,
    extra,
  );
}

/** `open` must give a fresh, empty store on every call (the search and alert cases open their own). */
export function storeContract(name: string, open: () => Promise<Store>): void {
  searchContract(name, open);
  topicsContract(name, open);
  sourcesContract(name, open);
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    before(async () => {
      store = await open();
    });
    after(async () => {
      await store.close();
    });

    test('adding a source twice returns the same row', async () => {
      const a = await store.sources.add({ url: 'https://a.example/feed.xml' });
      const b = await store.sources.add({ url: 'https://a.example/feed.xml' });
      assert.equal(a.created, true);
      assert.equal(b.created, false);
      assert.equal(a.source.id, b.source.id);
      assert.equal(a.source.status, 'new');
    });

    test('an item saved twice is stored once; a changed item is updated', async () => {
      const { source } = await store.sources.add({ url: 'https://b.example/feed.xml' });
      const first = await store.entries.saveBatch(source.id, [item(1), item(2), item(2)]);
      assert.equal(first.inserted.length, 2);
      const again = await store.entries.saveBatch(source.id, [item(1), item(2, { title: 'Story 2, corrected' })]);
      assert.equal(again.inserted.length, 0);
      assert.equal(again.updated, 1);
      assert.equal(again.unchanged, 1);
      assert.equal(await store.entries.count({ sourceId: source.id }), 2);
      const e = await store.entries.get(first.inserted[1]!.id);
      assert.equal(e?.title, 'Story 2, corrected');
    });

    test('an item whose GUID changed but whose fingerprint did not is not duplicated', async () => {
      const { source } = await store.sources.add({ url: 'https://c.example/feed.xml' });
      await store.entries.saveBatch(source.id, [item(1)]);
      const res = await store.entries.saveBatch(source.id, [item(1, { dedupeKey: 'new-guid-1' })]);
      assert.equal(res.inserted.length, 0);
      assert.equal(await store.entries.count({ sourceId: source.id }), 1);
    });

    test('a deleted entry never comes back', async () => {
      const { source } = await store.sources.add({ url: 'https://d.example/feed.xml' });
      const res = await store.entries.saveBatch(source.id, [item(7)]);
      const id = res.inserted[0]!.id;
      assert.equal(await store.entries.remove(id), true);
      const again = await store.entries.saveBatch(source.id, [item(7)]);
      assert.equal(again.inserted.length, 0);
      assert.equal(await store.entries.get(id), undefined);
      assert.equal(await store.entries.count({ sourceId: source.id }), 0);
    });

    test('keyset pages walk newest first without repeats or gaps, both ways', async () => {
      const { source } = await store.sources.add({ url: 'https://e.example/feed.xml' });
      // Two items share a timestamp so the id tie-break is exercised.
      const items = Array.from({ length: 23 }, (_, i) => item(100 + i, i === 5 ? { publishedAt: 1_700_000_000_000 + 104 * 60_000 } : {}));
      await store.entries.saveBatch(source.id, items);
      const seen: number[] = [];
      let page = await store.entries.list({ sourceId: source.id, limit: 5 });
      assert.equal(page.newer, undefined);
      const pages = [page];
      while (true) {
        seen.push(...page.items.map((e) => e.id));
        if (!page.older) break;
        page = await store.entries.list({ sourceId: source.id, limit: 5, after: page.older });
        pages.push(page);
      }
      assert.equal(seen.length, 23);
      assert.equal(new Set(seen).size, 23);
      const times = (await Promise.all(seen.map((id) => store.entries.get(id)))).map((e) => e!.publishedAt);
      assert.deepEqual(
        times,
        [...times].sort((a, b) => b - a),
      );
      // Going back from the last page returns the previous page exactly.
      const last = pages[pages.length - 1]!;
      const prev = await store.entries.list({ sourceId: source.id, limit: 5, before: last.newer! });
      assert.deepEqual(
        prev.items.map((e) => e.id),
        pages[pages.length - 2]!.items.map((e) => e.id),
      );
    });

    test('claimDue leases a source to one worker until it finishes', async () => {
      const { source } = await store.sources.add({ url: 'https://f.example/feed.xml' }, 1000);
      const now = Date.now();
      const a = await store.sources.claimDue(now, 100, 'worker-a', 60_000);
      assert.ok(a.some((s) => s.id === source.id));
      const b = await store.sources.claimDue(now, 100, 'worker-b', 60_000);
      assert.ok(!b.some((s) => s.id === source.id), 'a leased source is not handed out twice');
      await store.sources.finishCheck(source.id, { status: 'ok', nextCheckAt: now - 1 });
      const c = await store.sources.claimDue(now, 100, 'worker-b', 60_000);
      assert.ok(c.some((s) => s.id === source.id));
      // An expired lease (crashed worker) frees the source.
      const d = await store.sources.claimDue(now + 120_000, 100, 'worker-c', 60_000);
      assert.ok(d.some((s) => s.id === source.id));
    });

    test('disabled sources are never due; failures keep their reason', async () => {
      const { source } = await store.sources.add({ url: 'https://g.example/feed.xml' }, 1000);
      await store.sources.finishCheck(source.id, { status: 'disabled', lastError: 'HTTP 410 Gone', errorCount: 1 });
      const due = await store.sources.claimDue(Date.now() + 1e9, 100, 'w', 1000);
      assert.ok(!due.some((s) => s.id === source.id));
      const s = await store.sources.get(source.id);
      assert.equal(s?.lastError, 'HTTP 410 Gone');
    });
  });
}
