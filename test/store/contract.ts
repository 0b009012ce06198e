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
import { coordinationContract, hostSlotContract } from './contract-coordination.js';
import { storiesContract } from './contract-stories.js';
import { reclusterLeaseContract } from './contract-recluster-lease.js';
import { storyRemovalsContract } from './contract-story-removals.js';
import { curationContract } from './contract-curation.js';
import { longKeysContract } from './contract-long-keys.js';
import { edgesContract } from './contract-edges.js';
import { textOrderContract } from './contract-text-order.js';
import { idsContract } from './contract-ids.js';
import { newItemsContract } from './contract-new-items.js';
import { recordingStore, storeMethods } from './coverage.js';

export function item(n: number, extra: Partial<NewEntry> = {}): NewEntry {
  return textEntry(
    { dedupeKey: `key-${n}`, fingerprint: `fp-${n}`, url: `https://example.org/story/${n}` },
    `Story ${n}`,
    `Body ${n}`,
    1_700_000_000_000 + n * 60_000,
    extra,
  );
}

/**
 * `open` must give a fresh, empty store on every call (the search and alert cases open their own).
 * Every store the suite opens records the methods called on it; the last test fails when a method
 * of the Store contract was never called on this dialect.
 */
export function storeContract(name: string, openStore: () => Promise<Store>): void {
  const calls = new Set<string>();
  const open = async (): Promise<Store> => recordingStore(await openStore(), calls);
  searchContract(name, open);
  topicsContract(name, open);
  sourcesContract(name, open);
  coordinationContract(name, open);
  hostSlotContract(name, open);
  storiesContract(name, open);
  reclusterLeaseContract(name, open);
  storyRemovalsContract(name, open);
  curationContract(name, open);
  longKeysContract(name, open);
  edgesContract(name, open);
  textOrderContract(name, open);
  idsContract(name, open);
  newItemsContract(name, open);
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

    test('renewLeases extends only the leases the owner still holds', async () => {
      const fresh = await open();
      try {
        const a = (await fresh.sources.add({ url: 'https://r1.example/feed.xml' }, 1000)).source;
        const b = (await fresh.sources.add({ url: 'https://r2.example/feed.xml' }, 1000)).source;
        const now = Date.now();
        const claimed = await fresh.sources.claimDue(now, 10, 'w1', 1000);
        assert.deepEqual(claimed.map((s) => s.id).sort(), [a.id, b.id].sort());
        assert.equal(await fresh.sources.renewLeases([], 'w1', now + 60_000), 0);
        // Another owner cannot extend them.
        assert.equal(await fresh.sources.renewLeases([a.id, b.id], 'w2', now + 60_000), 0);
        await fresh.sources.finishCheck(b.id, { nextCheckAt: now - 1 });
        // b was released: only a is still w1's.
        assert.equal(await fresh.sources.renewLeases([a.id, b.id], 'w1', now + 60_000), 1);
        // Past the original lease a is still leased (renewed); b is free.
        const later = await fresh.sources.claimDue(now + 5000, 10, 'w3', 1000);
        assert.deepEqual(
          later.map((s) => s.id),
          [b.id],
        );
        // Renewed leases still expire: a dead owner frees the source one lease after its last renewal.
        const afterRenewal = await fresh.sources.claimDue(now + 61_000, 10, 'w4', 1000);
        assert.ok(afterRenewal.some((s) => s.id === a.id));
      } finally {
        await fresh.close();
      }
    });

    test('update patches only the fields given, list returns every source, nextDueAt skips disabled ones', async () => {
      const fresh = await open();
      try {
        assert.equal(await fresh.sources.nextDueAt(), undefined);
        const a = (await fresh.sources.add({ url: 'https://u1.example/feed.xml', title: 'One' }, 5_000)).source;
        const b = (await fresh.sources.add({ url: 'https://u2.example/feed.xml' }, 9_000)).source;
        const patched = await fresh.sources.update(a.id, {
          title: 'One, renamed',
          intervalSeconds: 900,
          settingsChanges: { selector: 'a.story' },
          lastError: null,
        });
        assert.equal(patched?.title, 'One, renamed');
        assert.equal(patched?.intervalSeconds, 900);
        assert.deepEqual(patched?.settings, { selector: 'a.story' });
        assert.equal(patched?.url, 'https://u1.example/feed.xml', 'fields not in the patch are kept');
        assert.equal(patched?.nextCheckAt, 5_000);
        assert.equal(await fresh.sources.update(999_999, { title: 'x' }), undefined);
        assert.deepEqual(
          (await fresh.sources.list()).map((s) => [s.id, s.title]),
          [
            [a.id, 'One, renamed'],
            [b.id, null],
          ],
        );
        assert.equal(await fresh.sources.nextDueAt(), 5_000);
        await fresh.sources.update(a.id, { status: 'disabled' });
        assert.equal(await fresh.sources.nextDueAt(), 9_000, 'a disabled source is never polled');
        // A moved feed: the URL is patched and found under its new address only.
        await fresh.sources.update(b.id, { url: 'https://u2.example/moved.xml' });
        assert.equal((await fresh.sources.getByUrl('https://u2.example/moved.xml'))?.id, b.id);
        assert.equal(await fresh.sources.getByUrl('https://u2.example/feed.xml'), undefined);
      } finally {
        await fresh.close();
      }
    });

    test('feed metadata is kept per source, whole, and replaced by the next parse', async () => {
      const { source } = await store.sources.add({ url: 'https://meta.example/feed.xml' });
      assert.equal(await store.sources.getFeedMeta(source.id), undefined);
      const meta = {
        title: 'Harbour Wire',
        titleType: 'text/plain' as const,
        link: 'https://meta.example/',
        links: [{ href: 'https://meta.example/', rel: 'alternate' }],
        language: 'ar',
        authors: [{ name: 'Desk', email: 'desk@meta.example' }],
        image: { href: 'https://meta.example/logo.png' },
        ttlSeconds: 600,
      };
      await store.sources.setFeedMeta(source.id, meta);
      assert.deepEqual(await store.sources.getFeedMeta(source.id), meta);
      await store.sources.setFeedMeta(source.id, { title: 'Harbour Wire (new)' });
      assert.deepEqual(await store.sources.getFeedMeta(source.id), { title: 'Harbour Wire (new)' });
      // A check's outcome carries the metadata in the same write; without it, the metadata stays.
      await store.sources.finishCheck(source.id, { title: 'Harbour Wire' }, { title: 'Harbour Wire (checked)' });
      assert.deepEqual(await store.sources.getFeedMeta(source.id), { title: 'Harbour Wire (checked)' });
      assert.equal((await store.sources.get(source.id))?.title, 'Harbour Wire');
      await store.sources.finishCheck(source.id, {});
      assert.deepEqual(await store.sources.getFeedMeta(source.id), { title: 'Harbour Wire (checked)' });
      assert.equal(await store.sources.getFeedMeta(999_999), undefined);
    });

    test('batch reads: getMany keeps the order asked, texts and countsBySource leave out deleted entries', async () => {
      const fresh = await open();
      try {
        const s1 = (await fresh.sources.add({ url: 'https://m1.example/feed.xml' })).source.id;
        const s2 = (await fresh.sources.add({ url: 'https://m2.example/feed.xml' })).source.id;
        await fresh.sources.add({ url: 'https://m3.example/feed.xml' });
        const one = (await fresh.entries.saveBatch(s1, [item(1), item(2), item(3)])).inserted;
        const two = (await fresh.entries.saveBatch(s2, [item(4, { text: 'The whole text of story 4, long past any teaser cut.' })]))
          .inserted;
        await fresh.entries.remove(one[1]!.id);
        const ids = [two[0]!.id, one[2]!.id, one[1]!.id, 999_999, one[0]!.id, two[0]!.id];
        assert.deepEqual(
          (await fresh.entries.getMany(ids)).map((e) => e.id),
          [two[0]!.id, one[2]!.id, one[0]!.id],
        );
        const full = await fresh.entries.getMany([one[0]!.id]);
        assert.deepEqual(full[0], await fresh.entries.get(one[0]!.id), 'the same entry as get() returns');
        assert.deepEqual(await fresh.entries.getMany([]), []);
        const texts = await fresh.entries.texts(ids);
        assert.deepEqual(
          [...texts.entries()].sort((a, b) => a[0] - b[0]),
          [
            [one[0]!.id, 'Body 1'],
            [one[2]!.id, 'Body 3'],
            [two[0]!.id, 'The whole text of story 4, long past any teaser cut.'],
          ],
        );
        assert.equal((await fresh.entries.texts([])).size, 0);
        assert.deepEqual(await fresh.entries.countsBySource(), [
          { sourceId: s1, count: 2 },
          { sourceId: s2, count: 1 },
        ]);
      } finally {
        await fresh.close();
      }
    });

    test('failed reads in full: counted by reason, filtered in the teaser query, each teaser with its key', async () => {
      const fresh = await open();
      try {
        const src = (await fresh.sources.add({ url: 'https://fail.example/feed.xml' })).source.id;
        const e = (await fresh.entries.saveBatch(src, [item(1), item(2), item(3), item(4), item(5)])).inserted;
        await fresh.entries.setFullText(e[0]!.id, { fullHtml: null, extractStatus: 'failed', extractError: 'pdf' });
        await fresh.entries.setFullText(e[1]!.id, { fullHtml: null, extractStatus: 'failed', extractError: 'pdf' });
        // A failure stored before reasons were kept counts and reads as "other".
        await fresh.entries.setFullText(e[2]!.id, { fullHtml: null, extractStatus: 'failed' });
        await fresh.entries.setFullText(e[3]!.id, { fullHtml: '<p>Whole.</p>', extractStatus: 'done' });
        // A deleted failure is neither counted nor listed.
        await fresh.entries.setFullText(e[4]!.id, { fullHtml: null, extractStatus: 'failed', extractError: 'timeout' });
        await fresh.entries.remove(e[4]!.id);
        assert.deepEqual([...(await fresh.entries.extractFailures())].sort(), [
          ['other', 1],
          ['pdf', 2],
        ]);
        const failed = await fresh.search.teasers({ limit: 2, extractFailed: true }, 50);
        assert.deepEqual(
          failed.items.map((t) => [t.id, t.extractError]),
          [
            [e[2]!.id, 'other'],
            [e[1]!.id, 'pdf'],
          ],
        );
        assert.ok(failed.older, 'a keyset page of failures has its cursor');
        const rest = await fresh.search.teasers({ limit: 2, extractFailed: true, after: failed.older }, 50);
        assert.deepEqual(
          rest.items.map((t) => t.id),
          [e[0]!.id],
        );
        // The ids of one reason's failures, newest first, bounded ("other" takes those without a key).
        assert.deepEqual(await fresh.entries.extractFailedIds('pdf', 10), [e[1]!.id, e[0]!.id]);
        assert.deepEqual(await fresh.entries.extractFailedIds('pdf', 1), [e[1]!.id]);
        assert.deepEqual(await fresh.entries.extractFailedIds('other', 10), [e[2]!.id]);
        assert.deepEqual(await fresh.entries.extractFailedIds('timeout', 10), []);
        // A keyset by id: those below a given id ("Retry all" going on where its last press stopped).
        assert.deepEqual(await fresh.entries.extractFailedIds('pdf', 10, e[1]!.id), [e[0]!.id]);
        assert.deepEqual(await fresh.entries.extractFailedIds('pdf', 10, e[0]!.id), []);
        assert.deepEqual(await fresh.entries.extractFailedIds('other', 10, e[2]!.id), []);
        // And how many remain there.
        assert.equal(await fresh.entries.extractFailedCount('pdf'), 2);
        assert.equal(await fresh.entries.extractFailedCount('pdf', e[1]!.id), 1);
        assert.equal(await fresh.entries.extractFailedCount('other'), 1);
        assert.equal(await fresh.entries.extractFailedCount('other', e[2]!.id), 0);
        assert.equal(await fresh.entries.extractFailedCount('timeout'), 0);
        const all = await fresh.search.teasers({ limit: 10 }, 50);
        assert.equal(all.items.find((t) => t.id === e[3]!.id)?.extractError, null);
        assert.equal(all.items.length, 4);
      } finally {
        await fresh.close();
      }
    });

    test("never read in full: a source's entries of status none, by link and text length, without queued reads; counts leave queued retries out", async () => {
      const fresh = await open();
      try {
        const src = (await fresh.sources.add({ url: 'https://unread.example/feed.xml' })).source.id;
        const other = (await fresh.sources.add({ url: 'https://else.example/feed.xml' })).source.id;
        const long = 'x'.repeat(600);
        const e = (
          await fresh.entries.saveBatch(src, [
            item(1),
            item(2, { text: long }),
            item(3, { url: 'ftp://example.org/3' }),
            item(4, { url: null }),
            item(5),
            item(6),
            item(7),
            item(8, { url: 'HTTPS://EXAMPLE.ORG/8' }),
          ])
        ).inserted;
        await fresh.entries.saveBatch(other, [item(20)]);
        await fresh.entries.setFullText(e[4]!.id, { fullHtml: '<p>Whole.</p>', extractStatus: 'done' });
        await fresh.entries.setFullText(e[5]!.id, { fullHtml: null, extractStatus: 'failed', extractError: 'fetch' });
        await fresh.entries.remove(e[6]!.id);
        const short = { shortChars: 500, pendingPrefix: 'extract-entry:' };
        const any = { shortChars: null, pendingPrefix: 'extract-entry:' };
        assert.deepEqual(await fresh.entries.unreadIds(src, short, 10), [e[7]!.id, e[0]!.id]);
        assert.deepEqual(await fresh.entries.unreadIds(src, any, 10), [e[7]!.id, e[1]!.id, e[0]!.id]);
        assert.deepEqual(await fresh.entries.unreadIds(src, any, 2), [e[7]!.id, e[1]!.id]);
        assert.equal(await fresh.entries.unreadCount(src, short), 2);
        assert.equal(await fresh.entries.unreadCount(src, any), 3);
        // A read queued (or running) for one leaves it out; one done, dead or of another key does not.
        await fresh.jobs.enqueue({ kind: 'extract-entry', payload: { entryId: e[0]!.id }, pendingKey: `extract-entry:${e[0]!.id}` });
        await fresh.jobs.enqueue({ kind: 'other', payload: {}, pendingKey: `other:${e[1]!.id}` });
        assert.deepEqual(await fresh.entries.unreadIds(src, any, 10), [e[7]!.id, e[1]!.id]);
        assert.equal(await fresh.entries.unreadCount(src, any), 2);
        assert.equal(await fresh.entries.unreadCount(other, any), 1);
        // The failures' count past a cursor, with and without those whose retry is queued.
        await fresh.entries.setFullText(e[1]!.id, { fullHtml: null, extractStatus: 'failed', extractError: 'fetch' });
        await fresh.jobs.enqueue({ kind: 'extract-entry', payload: { entryId: e[5]!.id }, pendingKey: `extract-entry:${e[5]!.id}` });
        assert.equal(await fresh.entries.extractFailedCount('fetch'), 2);
        assert.equal(await fresh.entries.extractFailedCount('fetch', undefined, 'extract-entry:'), 1);
        assert.equal(await fresh.entries.extractFailedCount('fetch', e[5]!.id, 'extract-entry:'), 1);
        assert.equal(await fresh.entries.extractFailedCount('fetch', e[1]!.id, 'extract-entry:'), 0);
        assert.equal(await fresh.entries.extractFailedCount('other', undefined, 'extract-entry:'), 0);
      } finally {
        await fresh.close();
      }
    });

    test('never read in full across sources: each source by its own mode, off sources left out, queued reads left out, highest id first', async () => {
      const fresh = await open();
      try {
        const short = (await fresh.sources.add({ url: 'https://short.example/feed.xml', extractMode: 'short' })).source.id;
        const always = (await fresh.sources.add({ url: 'https://always.example/feed.xml', extractMode: 'always' })).source.id;
        const off = (await fresh.sources.add({ url: 'https://off.example/feed.xml', extractMode: 'off' })).source.id;
        const long = 'x'.repeat(600);
        const s = (await fresh.entries.saveBatch(short, [item(1), item(2, { text: long }), item(3, { url: null }), item(4)])).inserted;
        const a = (await fresh.entries.saveBatch(always, [item(11), item(12, { text: long }), item(13, { url: 'ftp://example.org/13' })]))
          .inserted;
        await fresh.entries.saveBatch(off, [item(21), item(22)]);
        await fresh.entries.setFullText(s[3]!.id, { fullHtml: '<p>Whole.</p>', extractStatus: 'done' });
        const q = { shortChars: 500, pendingPrefix: 'extract-entry:' };
        // The short source's short teaser; the always source's two with a web link; nothing of the off source.
        assert.deepEqual(await fresh.entries.unreadIdsAll(q, 10), [a[1]!.id, a[0]!.id, s[0]!.id]);
        assert.deepEqual(await fresh.entries.unreadIdsAll(q, 2), [a[1]!.id, a[0]!.id]);
        assert.deepEqual(await fresh.entries.unreadIdsAll(q, 0), []);
        assert.equal(await fresh.entries.unreadCountAll(q), 3);
        // Each source's own count agrees with its part of the desk-wide one.
        assert.equal(await fresh.entries.unreadCount(short, { shortChars: 500, pendingPrefix: q.pendingPrefix }), 1);
        assert.equal(await fresh.entries.unreadCount(always, { shortChars: null, pendingPrefix: q.pendingPrefix }), 2);
        // A read queued leaves it out; a job of another key does not; a deleted entry is not counted.
        await fresh.jobs.enqueue({ kind: 'extract-entry', payload: { entryId: a[1]!.id }, pendingKey: `extract-entry:${a[1]!.id}` });
        await fresh.jobs.enqueue({ kind: 'other', payload: {}, pendingKey: `other:${a[0]!.id}` });
        assert.deepEqual(await fresh.entries.unreadIdsAll(q, 10), [a[0]!.id, s[0]!.id]);
        await fresh.entries.remove(s[0]!.id);
        assert.equal(await fresh.entries.unreadCountAll(q), 1);
        // A source switched to full text brings its history in; one switched off takes its own out.
        await fresh.sources.update(off, { extractMode: 'short' });
        await fresh.sources.update(always, { extractMode: 'off' });
        assert.equal(await fresh.entries.unreadCountAll(q), 2);
        assert.equal((await fresh.entries.unreadIdsAll(q, 10)).length, 2);
      } finally {
        await fresh.close();
      }
    });

    test('never read in full as a list: rows with their source, a keyset by id, one source, counts per source in one aggregate', async () => {
      const fresh = await open();
      try {
        const short = (await fresh.sources.add({ url: 'https://user:secret@short.example/feed.xml', title: 'Short', extractMode: 'short' }))
          .source.id;
        const always = (await fresh.sources.add({ url: 'https://always.example/feed.xml', extractMode: 'always' })).source.id;
        const off = (await fresh.sources.add({ url: 'https://off.example/feed.xml', extractMode: 'off' })).source.id;
        const long = 'x'.repeat(600);
        const s = (
          await fresh.entries.saveBatch(short, [
            item(1, { lang: 'fa', dir: 'rtl' }),
            item(2, { text: long }),
            item(3, { url: null }),
            item(4),
            item(5),
          ])
        ).inserted;
        const a = (await fresh.entries.saveBatch(always, [item(11), item(12, { text: long }), item(13, { url: 'ftp://example.org/13' })]))
          .inserted;
        await fresh.entries.saveBatch(off, [item(21), item(22)]);
        await fresh.entries.setFullText(s[3]!.id, { fullHtml: '<p>Whole.</p>', extractStatus: 'done' });
        const q = { shortChars: 500, pendingPrefix: 'extract-entry:' };
        // What unreadIdsAll gives, as rows, highest id first.
        const all = await fresh.entries.unreadPage({ ...q, limit: 10 });
        assert.deepEqual(
          all.map((r) => r.id),
          await fresh.entries.unreadIdsAll(q, 10),
        );
        assert.deepEqual(
          all.map((r) => r.id),
          [a[1]!.id, a[0]!.id, s[4]!.id, s[0]!.id],
        );
        const first = all.find((r) => r.id === s[0]!.id)!;
        assert.deepEqual(first, {
          id: s[0]!.id,
          sourceId: short,
          url: 'https://example.org/story/1',
          title: 'Story 1',
          lang: 'fa',
          dir: 'rtl',
          publishedAt: 1_700_000_000_000 + 60_000,
          sourceTitle: 'Short',
          sourceUrl: 'https://user:secret@short.example/feed.xml',
          extractMode: 'short',
        });
        assert.deepEqual(
          all.filter((r) => r.sourceId === always).map((r) => [r.extractMode, r.sourceTitle]),
          [
            ['always', null],
            ['always', null],
          ],
        );
        // Pages of two by the last id of the page before: every row once, in order, then none.
        const p1 = await fresh.entries.unreadPage({ ...q, limit: 2 });
        const p2 = await fresh.entries.unreadPage({ ...q, limit: 2, beforeId: p1[1]!.id });
        const p3 = await fresh.entries.unreadPage({ ...q, limit: 2, beforeId: p2[1]!.id });
        assert.deepEqual(
          [...p1, ...p2].map((r) => r.id),
          all.map((r) => r.id),
        );
        assert.deepEqual(p3, []);
        // One source; one reading no full text gives none; a limit of 0 none.
        assert.deepEqual(
          (await fresh.entries.unreadPage({ ...q, limit: 10, sourceId: short })).map((r) => r.id),
          [s[4]!.id, s[0]!.id],
        );
        assert.deepEqual(
          (await fresh.entries.unreadPage({ ...q, limit: 10, sourceId: short, beforeId: s[4]!.id })).map((r) => r.id),
          [s[0]!.id],
        );
        assert.deepEqual(await fresh.entries.unreadPage({ ...q, limit: 10, sourceId: off }), []);
        assert.deepEqual(await fresh.entries.unreadPage({ ...q, limit: 0 }), []);
        // Per source, agreeing with the desk-wide count and each source's own.
        assert.deepEqual(await fresh.entries.unreadCountsBySource(q), [
          { sourceId: short, count: 2 },
          { sourceId: always, count: 2 },
        ]);
        assert.equal(await fresh.entries.unreadCountAll(q), 4);
        assert.equal(await fresh.entries.unreadCount(short, { shortChars: 500, pendingPrefix: q.pendingPrefix }), 2);
        // A queued read leaves a row out of the list and the counts; a deleted entry too; a source
        // switched on brings its history in, one switched off takes its own out.
        await fresh.jobs.enqueue({ kind: 'extract-entry', payload: { entryId: s[4]!.id }, pendingKey: `extract-entry:${s[4]!.id}` });
        await fresh.entries.remove(a[0]!.id);
        assert.deepEqual(
          (await fresh.entries.unreadPage({ ...q, limit: 10 })).map((r) => r.id),
          [a[1]!.id, s[0]!.id],
        );
        await fresh.sources.update(off, { extractMode: 'always' });
        await fresh.sources.update(always, { extractMode: 'off' });
        assert.deepEqual(await fresh.entries.unreadCountsBySource(q), [
          { sourceId: short, count: 1 },
          { sourceId: off, count: 2 },
        ]);
        assert.deepEqual(
          (await fresh.entries.unreadPage({ ...q, limit: 10 })).map((r) => [r.sourceId, r.extractMode]),
          [
            [off, 'always'],
            [off, 'always'],
            [short, 'short'],
          ],
        );
      } finally {
        await fresh.close();
      }
    });

    test('pages without an article: counted by reason, filtered in the teaser query, apart from failures', async () => {
      const fresh = await open();
      try {
        const src = (await fresh.sources.add({ url: 'https://noart.example/feed.xml' })).source.id;
        const e = (await fresh.entries.saveBatch(src, [item(1), item(2), item(3), item(4), item(5)])).inserted;
        await fresh.entries.setFullText(e[0]!.id, { fullHtml: null, extractStatus: 'not-article', notArticle: 'refresh' });
        // Stored before these reasons were kept: counted as "no-article".
        await fresh.entries.setFullText(e[1]!.id, { fullHtml: null, extractStatus: 'not-article' });
        await fresh.entries.setFullText(e[2]!.id, { fullHtml: null, extractStatus: 'failed', extractError: 'fetch' });
        // A deleted one is neither counted nor listed.
        await fresh.entries.setFullText(e[4]!.id, { fullHtml: null, extractStatus: 'not-article', notArticle: 'empty' });
        await fresh.entries.remove(e[4]!.id);
        assert.deepEqual([...(await fresh.entries.notArticles())].sort(), [
          ['no-article', 1],
          ['refresh', 1],
        ]);
        const first = await fresh.search.teasers({ limit: 1, notArticle: true }, 50);
        assert.deepEqual(
          first.items.map((t) => [t.id, t.notArticle]),
          [[e[1]!.id, 'no-article']],
        );
        assert.ok(first.older, 'a keyset page has its cursor');
        const rest = await fresh.search.teasers({ limit: 5, notArticle: true, after: first.older }, 50);
        assert.deepEqual(
          rest.items.map((t) => t.id),
          [e[0]!.id],
        );
      } finally {
        await fresh.close();
      }
    });

    test('scan walks live entries in id order, in batches, from where it stopped', async () => {
      const fresh = await open();
      try {
        const src = (await fresh.sources.add({ url: 'https://scan.example/feed.xml' })).source.id;
        const saved = (
          await fresh.entries.saveBatch(
            src,
            Array.from({ length: 7 }, (_, i) => item(200 + i)),
          )
        ).inserted;
        await fresh.entries.remove(saved[3]!.id);
        const seen: number[] = [];
        let after = 0;
        for (;;) {
          const batch = await fresh.entries.scan(after, 2);
          if (batch.length === 0) break;
          assert.ok(batch.length <= 2);
          seen.push(...batch.map((e) => e.id));
          after = batch[batch.length - 1]!.id;
        }
        assert.deepEqual(
          seen,
          saved.filter((_, i) => i !== 3).map((e) => e.id),
        );
        const [first] = await fresh.entries.scan(0, 1);
        assert.equal(first?.title, 'Story 200', 'whole entries');
      } finally {
        await fresh.close();
      }
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
  test(`Store contract: ${name} calls every method of the Store contract`, () => {
    const never = storeMethods().filter((m) => !calls.has(m));
    assert.deepEqual(never, [], `no contract test calls ${never.join(', ')} on ${name}; add one to test/store/contract*.ts`);
  });
}
