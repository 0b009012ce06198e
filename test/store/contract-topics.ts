// Topic tags, definitions and re-tag progress, and the alert outbox, over any dialect.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { addEntries, newEntry } from '../helpers/entries.js';

const DAY = 86_400_000;
const D0 = Date.UTC(2026, 2, 1); // 2026-03-01

const m = (text: string, start = 0) => ({ field: 'title', start, end: start + text.length, text, alias: text });

export function topicsContract(name: string, open: () => Promise<Store>): void {
  describe(`TopicRepo contract: ${name}`, () => {
    let store: Store;
    before(async () => {
      store = await open();
    });
    after(async () => {
      await store.close();
    });

    test('setEntryTopics replaces the tags and says which topics are new; entryTopics explains them', async () => {
      const [e] = await addEntries(store, [newEntry('MEK rally', 'text', D0)]);
      const first = await store.topics.setEntryTopics(e!.id, e!.publishedAt, [
        { topicId: 'mek', matches: [m('MEK')] },
        { topicId: 'iran', matches: [m('Iran')] },
      ]);
      assert.deepEqual(first.added.sort(), ['iran', 'mek']);
      const second = await store.topics.setEntryTopics(e!.id, e!.publishedAt, [
        { topicId: 'mek', matches: [m('MEK'), m('rally', 4)] },
        { topicId: 'rallies', matches: [m('rally', 4)] },
        { topicId: 'rallies', matches: [] },
      ]);
      assert.deepEqual(second.added, ['rallies']);
      const tags = await store.topics.entryTopics(e!.id);
      assert.deepEqual(
        tags.map((t) => t.topicId),
        ['mek', 'rallies'],
      );
      assert.deepEqual(
        tags[0]!.matches.map((x) => x.text),
        ['MEK', 'rally'],
      );
      assert.equal(tags[0]!.matches[1]!.start, 4);
      assert.deepEqual(
        (await store.entries.list({ topicId: 'rallies', limit: 10 })).items.map((x) => x.id),
        [e!.id],
      );
      assert.equal((await store.entries.list({ topicId: 'iran', limit: 10 })).items.length, 0);
    });

    test('setEntriesTopics replaces each entry’s tags in one write; a later listing of an entry wins', async () => {
      const [a, b, c] = await addEntries(store, [
        newEntry('batch one', 't', D0),
        newEntry('batch two', 't', D0 + 1),
        newEntry('batch three', 't', D0 + 2),
      ]);
      await store.topics.setEntryTopics(a!.id, a!.publishedAt, [{ topicId: 'old', matches: [] }]);
      await store.topics.setEntryTopics(c!.id, c!.publishedAt, [{ topicId: 'old', matches: [] }]);
      await store.topics.setEntriesTopics([
        {
          entryId: a!.id,
          publishedAt: a!.publishedAt,
          tags: [
            { topicId: 'new', matches: [m('batch')] },
            { topicId: 'new', matches: [] },
          ],
        },
        { entryId: b!.id, publishedAt: b!.publishedAt, tags: [{ topicId: 'new', matches: [] }] },
        { entryId: b!.id, publishedAt: b!.publishedAt, tags: [{ topicId: 'other', matches: [] }] },
        { entryId: c!.id, publishedAt: c!.publishedAt, tags: [] },
      ]);
      const tags = await store.topics.tagsFor([a!.id, b!.id, c!.id]);
      assert.deepEqual(
        tags.get(a!.id)?.map((t) => t.topicId),
        ['new'],
      );
      assert.deepEqual(
        tags.get(a!.id)?.[0]?.matches.map((x) => x.text),
        ['batch'],
      );
      assert.deepEqual(
        tags.get(b!.id)?.map((t) => t.topicId),
        ['other'],
      );
      assert.equal(tags.get(c!.id), undefined);
      await store.topics.setEntriesTopics([]);
    });

    test('retagBatch replaces only the given topics’ tags', async () => {
      const [a, b] = await addEntries(store, [newEntry('one', 't', D0), newEntry('two', 't', D0 + 1)]);
      await store.topics.setEntryTopics(a!.id, a!.publishedAt, [
        { topicId: 'keep', matches: [] },
        { topicId: 'rt', matches: [] },
      ]);
      await store.topics.setEntryTopics(b!.id, b!.publishedAt, [{ topicId: 'rt', matches: [] }]);
      await store.topics.retagBatch(
        [
          { entryId: a!.id, publishedAt: a!.publishedAt, tags: [{ topicId: 'keep', matches: [m('ignored')] }] },
          {
            entryId: b!.id,
            publishedAt: b!.publishedAt,
            tags: [
              { topicId: 'rt', matches: [m('two')] },
              { topicId: 'rt2', matches: [] },
            ],
          },
        ],
        ['rt', 'rt2'],
      );
      assert.deepEqual(
        (await store.topics.entryTopics(a!.id)).map((t) => [t.topicId, t.matches.length]),
        [['keep', 0]],
      );
      assert.deepEqual(
        (await store.topics.entryTopics(b!.id)).map((t) => [t.topicId, t.matches.length]),
        [
          ['rt', 1],
          ['rt2', 0],
        ],
      );
    });

    test('counts per UTC day fill empty days with zero and leave out deleted entries', async () => {
      const entries = await addEntries(store, [
        newEntry('a', 't', D0 + 10 * DAY + 1000),
        newEntry('b', 't', D0 + 10 * DAY + 23 * 3_600_000),
        newEntry('c', 't', D0 + 12 * DAY + 5),
        newEntry('d', 't', D0 + 12 * DAY + 6),
        newEntry('e', 't', D0 + 12 * DAY + 7),
        newEntry('outside', 't', D0 + 20 * DAY),
      ]);
      for (const e of entries) await store.topics.setEntryTopics(e.id, e.publishedAt, [{ topicId: 'chart', matches: [] }]);
      await store.entries.remove(entries[4]!.id);
      assert.deepEqual(await store.topics.countsPerDay('chart', D0 + 10 * DAY, D0 + 14 * DAY), [
        { day: '2026-03-11', count: 2 },
        { day: '2026-03-12', count: 0 },
        { day: '2026-03-13', count: 2 },
        { day: '2026-03-14', count: 0 },
      ]);
      assert.deepEqual(await store.topics.countsPerDay('chart', D0 + 10 * DAY + 12 * 3_600_000, D0 + 11 * DAY), [
        { day: '2026-03-11', count: 2 },
      ]);
      assert.deepEqual(
        (await store.topics.counts()).find((c) => c.topicId === 'chart'),
        { topicId: 'chart', count: 5 },
      );
    });

    test('batch reads: tagsFor a page of entries, the newest entry of each topic, counts over a range', async () => {
      const fresh = await open();
      try {
        const [a, b, c, d] = await addEntries(fresh, [
          newEntry('a', 't', D0 + 1 * DAY),
          newEntry('b', 't', D0 + 2 * DAY),
          newEntry('c', 't', D0 + 3 * DAY),
          newEntry('d', 't', D0 + 4 * DAY),
        ]);
        await fresh.topics.setEntryTopics(a!.id, a!.publishedAt, [
          { topicId: 'zeta', matches: [m('a')] },
          { topicId: 'alpha', matches: [m('a'), m('t', 2)] },
        ]);
        await fresh.topics.setEntryTopics(b!.id, b!.publishedAt, [{ topicId: 'alpha', matches: [m('b')] }]);
        await fresh.topics.setEntryTopics(d!.id, d!.publishedAt, [{ topicId: 'alpha', matches: [m('d')] }]);
        const all = await fresh.topics.tagsFor([a!.id, b!.id, c!.id, 999_999]);
        assert.deepEqual([...all.keys()].sort(), [a!.id, b!.id].sort(), 'entries without tags are absent');
        assert.deepEqual(all.get(a!.id), await fresh.topics.entryTopics(a!.id), 'the same tags as entryTopics, ordered by topic');
        assert.deepEqual(
          all.get(a!.id)!.map((t) => t.topicId),
          ['alpha', 'zeta'],
        );
        const alpha = await fresh.topics.tagsFor([a!.id, b!.id, c!.id], 'alpha');
        assert.deepEqual(
          alpha.get(a!.id)?.map((t) => [t.topicId, t.matches.map((x) => x.text)]),
          [['alpha', ['a', 't']]],
        );
        assert.deepEqual(alpha.get(b!.id)?.[0]?.matches[0], m('b'));
        assert.equal((await fresh.topics.tagsFor([])).size, 0);

        // The newest live entry per topic: d is newest for alpha until it is deleted.
        let latest = await fresh.topics.latest(['alpha', 'zeta', 'none']);
        assert.deepEqual(latest.get('alpha'), { entryId: d!.id, title: 'd', publishedAt: D0 + 4 * DAY });
        assert.equal(latest.get('zeta')?.entryId, a!.id);
        assert.equal(latest.has('none'), false);
        await fresh.entries.remove(d!.id);
        latest = await fresh.topics.latest(['alpha']);
        assert.equal(latest.get('alpha')?.entryId, b!.id);
        // The topic cards are public: an entry an editor hid is not named as the latest.
        await fresh.curation.update({ kind: 'entry', id: b!.id }, { hidden: true }, { id: null, name: 'Ed' }, 'teaser.hide');
        latest = await fresh.topics.latest(['alpha']);
        assert.equal(latest.get('alpha')?.entryId, a!.id);
        await fresh.curation.update({ kind: 'entry', id: b!.id }, { hidden: false }, { id: null, name: 'Ed' }, 'teaser.show');
        assert.equal((await fresh.topics.latest([])).size, 0);

        assert.deepEqual(await fresh.topics.counts(), [
          { topicId: 'alpha', count: 2 },
          { topicId: 'zeta', count: 1 },
        ]);
        assert.deepEqual(await fresh.topics.counts({ since: D0 + 2 * DAY, until: D0 + 5 * DAY }), [{ topicId: 'alpha', count: 1 }]);
        assert.deepEqual(await fresh.topics.counts({ until: D0 + 2 * DAY }), [
          { topicId: 'alpha', count: 1 },
          { topicId: 'zeta', count: 1 },
        ]);
      } finally {
        await fresh.close();
      }
    });

    test('listDefinitions returns every stored definition, by id, with its re-tag progress', async () => {
      const fresh = await open();
      try {
        assert.deepEqual(await fresh.topics.listDefinitions(), []);
        await fresh.topics.syncDefinitions([
          { id: 'm2', definition: { id: 'm2', name: 'Second', entities: [{ name: 'Ashraf' }] } },
          { id: 'm1', definition: { id: 'm1', name: 'First' } },
        ]);
        const saved = await fresh.topics.saveDefinition({ id: 'm3', definition: { id: 'm3', name: 'Third' } });
        const list = await fresh.topics.listDefinitions();
        assert.deepEqual(
          list.map((d) => d.id),
          ['m1', 'm2', 'm3'],
        );
        assert.deepEqual(list[1]!.definition, { id: 'm2', name: 'Second', entities: [{ name: 'Ashraf' }] });
        assert.deepEqual(list[2], saved.record);
        assert.ok(list.every((d) => d.retag.status === 'pending' && typeof d.hash === 'string'));
      } finally {
        await fresh.close();
      }
    });

    test('definitions: sync reports added, changed, unchanged and removed; removal drops tags', async () => {
      const t0 = await store.topics.syncDefinitions([
        { id: 'x', definition: { id: 'x', name: 'X', aliases: ['ex'] } },
        { id: 'y', definition: { id: 'y', name: 'Y' } },
      ]);
      assert.deepEqual(t0, { added: ['x', 'y'], changed: [], unchanged: [], removed: [] });
      const [e] = await addEntries(store, [newEntry('ex', 'y', D0)]);
      await store.topics.setEntryTopics(e!.id, e!.publishedAt, [
        { topicId: 'x', matches: [] },
        { topicId: 'y', matches: [] },
      ]);
      const t1 = await store.topics.syncDefinitions([
        { id: 'x', definition: { aliases: ['ex'], name: 'X', id: 'x' } },
        { id: 'y', definition: { id: 'y', name: 'Y2' } },
      ]);
      assert.deepEqual(t1, { added: [], changed: ['y'], unchanged: ['x'], removed: [] });
      const t2 = await store.topics.syncDefinitions([{ id: 'x', definition: { id: 'x', name: 'X', aliases: ['ex'] } }]);
      assert.deepEqual(t2.removed, ['y']);
      assert.deepEqual(
        (await store.topics.entryTopics(e!.id)).map((t) => t.topicId),
        ['x'],
      );
      assert.equal(await store.topics.getDefinition('y'), undefined);
      const x = await store.topics.getDefinition('x');
      assert.deepEqual(x?.definition, { id: 'x', name: 'X', aliases: ['ex'] });
      assert.equal(x?.retag.status, 'pending');
      await assert.rejects(
        store.topics.syncDefinitions([
          { id: 'x', definition: {} },
          { id: 'x', definition: {} },
        ]),
        /defined twice/,
      );
      // Same hash, other description: stored, but no re-tag.
      const saved = await store.topics.saveDefinition({
        id: 'x',
        definition: { id: 'x', name: 'X', aliases: ['ex'], description: 'd' },
        hash: x!.hash,
      });
      assert.equal(saved.changed, false);
      assert.deepEqual(saved.record.definition, { id: 'x', name: 'X', aliases: ['ex'], description: 'd' });
      assert.equal(await store.topics.removeDefinition('x'), true);
      assert.equal(await store.topics.removeDefinition('x'), false);
    });

    test('a changed definition resets its re-tag progress; progress from an older hash is dropped', async () => {
      await store.topics.syncDefinitions([{ id: 'p', definition: { v: 1 } }]);
      const v1 = (await store.topics.getDefinition('p'))!;
      await store.topics.startRetag('p', v1.hash, 10);
      await store.topics.recordRetag([{ id: 'p', hash: v1.hash, afterId: 40, doneDelta: 4 }]);
      let rec = (await store.topics.getDefinition('p'))!;
      assert.deepEqual([rec.retag.status, rec.retag.afterId, rec.retag.done, rec.retag.total], ['running', 40, 4, 10]);
      await store.topics.saveDefinition({ id: 'p', definition: { v: 2 } });
      await store.topics.recordRetag([{ id: 'p', hash: v1.hash, afterId: 80, doneDelta: 4 }]);
      rec = (await store.topics.getDefinition('p'))!;
      assert.deepEqual([rec.retag.status, rec.retag.afterId, rec.retag.done], ['pending', 0, 0]);
      assert.notEqual(rec.hash, v1.hash);
      await store.topics.startRetag('p', rec.hash, 3);
      await store.topics.finishRetag('p', rec.hash);
      assert.equal((await store.topics.getDefinition('p'))!.retag.status, 'done');
      assert.equal(
        (await store.topics.retagPending()).some((r) => r.id === 'p'),
        false,
      );
      assert.equal(await store.topics.requestRetag(['p']), 1);
      assert.equal((await store.topics.getDefinition('p'))!.retag.status, 'pending');
    });
  });

  describe(`AlertRepo contract: ${name}`, () => {
    test('a delivery given twice in one enqueue is queued once, due when its first copy says, in every dialect', async () => {
      // PostgreSQL folded repeats keeping the last copy's due time; SQLite inserted in order and kept the first.
      const store = await open();
      try {
        const now = 1_800_000_000_000;
        const [e] = await addEntries(store, [newEntry('twice', 'twice', now)]);
        const row = (dueAt: number) => ({ topicId: 't2', entryId: e!.id, channel: 'email' as const, dueAt });
        assert.equal(await store.alerts.enqueue([row(now + 1000), row(now + 9000)], now), 1);
        assert.equal(await store.alerts.nextDueAt('email'), now + 1000);
      } finally {
        await store.close();
      }
    });

    test('outbox: unique per (topic, entry, channel); leases keep two workers apart; settle, cancel and requeue', async () => {
      const store = await open();
      try {
        const now = 1_800_000_000_000;
        const entries = await addEntries(store, [newEntry('a', 'a', now), newEntry('b', 'b', now), newEntry('c', 'c', now)]);
        const rows = entries.flatMap((e) => [
          { topicId: 't', entryId: e.id, channel: 'webhook' as const, dueAt: now },
          { topicId: 't', entryId: e.id, channel: 'email' as const, dueAt: now + 3_600_000 },
        ]);
        assert.equal(await store.alerts.enqueue(rows, now), 6);
        assert.equal(await store.alerts.enqueue([...rows, ...rows], now), 0);
        assert.equal(await store.alerts.nextDueAt(), now);
        assert.equal(await store.alerts.nextDueAt('email'), now + 3_600_000);

        const a = await store.alerts.claimDue(now, 2, 'worker-a', 60_000);
        const b = await store.alerts.claimDue(now, 10, 'worker-b', 60_000);
        assert.equal(a.length, 2);
        assert.equal(b.length, 1);
        assert.equal(new Set([...a, ...b].map((d) => d.id)).size, 3);
        assert.ok([...a, ...b].every((d) => d.channel === 'webhook' && d.status === 'sending'));
        assert.equal((await store.alerts.claimDue(now + 1000, 10, 'worker-c', 60_000, 'webhook')).length, 0);

        const attempt = {
          topicId: 't',
          channel: 'webhook' as const,
          target: 'https://h.example/',
          statusCode: 200,
          error: null,
          durationMs: 3,
        };
        await store.alerts.settle({ ids: a.map((d) => d.id), attempt: { ...attempt, deliveryIds: a.map((d) => d.id), ok: true } }, now);
        await store.alerts.settle(
          {
            ids: [b[0]!.id],
            retryAt: null,
            attempt: { ...attempt, deliveryIds: [b[0]!.id], ok: false, statusCode: 410, error: 'HTTP 410' },
          },
          now,
        );
        assert.deepEqual(await store.alerts.stats('t'), { pending: 3, sending: 0, sent: 2, failed: 1, cancelled: 0 });
        const failed = await store.alerts.list({ status: 'failed', limit: 5 });
        assert.equal(failed[0]?.lastError, 'HTTP 410');
        assert.equal(await store.alerts.requeue({ topicId: 't' }, now + 5), 1);
        const again = await store.alerts.claimDue(now + 5, 10, 'worker-a', 60_000, 'webhook');
        assert.deepEqual(
          again.map((d) => [d.id, d.attempts]),
          [[b[0]!.id, 0]],
        );

        // A retry later: pending again, due at the retry time, not before.
        await store.alerts.settle(
          {
            ids: [b[0]!.id],
            retryAt: now + 50_000,
            attempt: { ...attempt, deliveryIds: [b[0]!.id], ok: false, statusCode: 503, error: 'HTTP 503' },
          },
          now + 10,
        );
        assert.equal((await store.alerts.claimDue(now + 30_000, 10, 'worker-b', 60_000, 'webhook')).length, 0);
        const retried = await store.alerts.claimDue(now + 50_000, 10, 'worker-b', 60_000, 'webhook');
        assert.deepEqual(
          retried.map((d) => [d.id, d.attempts]),
          [[b[0]!.id, 1]],
        );
        // A worker that died holding a lease: the row is claimable once the lease ran out.
        assert.equal((await store.alerts.claimDue(now + 100_000, 10, 'worker-c', 60_000, 'webhook')).length, 0);
        assert.equal((await store.alerts.claimDue(now + 120_000, 10, 'worker-c', 60_000, 'webhook')).length, 1);

        const emails = await store.alerts.claimDue(now + 3_600_000, 10, 'worker-a', 60_000, 'email');
        assert.equal(emails.length, 3);
        await store.alerts.cancel(
          emails.map((d) => d.id),
          'topic t has no email alert configured any more',
          now,
        );
        assert.equal((await store.alerts.stats()).cancelled, 3);
        assert.equal(await store.alerts.requeue({ ids: [emails[0]!.id] }, now), 1);
        const log = await store.alerts.log({ limit: 10 });
        assert.deepEqual(
          log.map((l) => l.ok),
          [false, false, true],
        );
        assert.deepEqual(
          log[2]!.deliveryIds,
          a.map((d) => d.id),
        );
        assert.equal((await store.alerts.log({ topicId: 'other', limit: 10 })).length, 0);
      } finally {
        await store.close();
      }
    });

    test('a message a dead worker was sending is handed out again as that message, apart from rows due since', async () => {
      const store = await open();
      try {
        const now = 1_800_000_000_000;
        const entries = await addEntries(store, [
          newEntry('a', 'a', now),
          newEntry('b', 'b', now),
          newEntry('c', 'c', now),
          newEntry('d', 'd', now),
        ]);
        const row = (i: number, dueAt: number) => ({ topicId: 't', entryId: entries[i]!.id, channel: 'webhook' as const, dueAt });
        await store.alerts.enqueue([row(0, now), row(1, now), row(2, now)], now);
        const claimed = await store.alerts.claimDue(now, 10, 'dead', 1000);
        assert.ok(
          claimed.every((d) => d.takenFrom === undefined),
          'pending rows were taken from nobody',
        );
        const [x, y, z] = claimed.map((d) => d.id) as [number, number, number];
        // Two messages started: {x, y}, and {z} later with its lease renewed from its start; a row not
        // leased to the caller fails the whole batch.
        assert.equal(await store.alerts.startBatch([x, y], 'dead', 'dead#1', now, now + 1000), true);
        assert.equal(await store.alerts.startBatch([z], 'dead', 'dead#2', now + 400, now + 1400), true);
        assert.equal(await store.alerts.startBatch([x, z], 'dead', 'dead#3', now, now + 1000), false, 'x is dead#1 now, not dead');
        assert.equal(await store.alerts.startBatch([z], 'dead#2', 'late#1', now + 1401, now + 2401), false, 'the lease ran out');
        // The worker died; another row fell due meanwhile.
        await store.alerts.enqueue([row(3, now + 500)], now + 500);
        const again = await store.alerts.claimDue(now + 2000, 10, 'next', 1000);
        assert.deepEqual(
          again.map((d) => [d.id, d.takenFrom ?? null]),
          [
            [x, `dead#1@${now + 1000}`],
            [y, `dead#1@${now + 1000}`],
            [z, `dead#2@${now + 1400}`],
            [again[3]!.id, null],
          ],
        );
        assert.equal(await store.alerts.startBatch([x, y], 'next', 'next#1', now + 2000, now + 3000), true);
        assert.deepEqual(await store.alerts.stats('t'), { pending: 0, sending: 4, sent: 0, failed: 0, cancelled: 0 });
      } finally {
        await store.close();
      }
    });

    test('a settle reports the rows it no longer held; a late success marks them sent once, a late failure leaves them to their holder', async () => {
      const store = await open();
      try {
        const now = 1_800_000_000_000;
        const entries = await addEntries(store, [newEntry('a', 'a', now), newEntry('b', 'b', now), newEntry('c', 'c', now)]);
        await store.alerts.enqueue(
          entries.map((e) => ({ topicId: 't', entryId: e.id, channel: 'webhook' as const, dueAt: now })),
          now,
        );
        const attempt = (ids: number[], ok: boolean) => ({
          topicId: 't',
          channel: 'webhook' as const,
          deliveryIds: ids,
          ok,
          target: 'https://h.example/',
          statusCode: ok ? 200 : 503,
          error: ok ? null : 'HTTP 503',
          durationMs: 3,
        });
        const [x, y, z] = (await store.alerts.claimDue(now, 10, 'slow', 1000)).map((d) => d.id) as [number, number, number];
        assert.equal(await store.alerts.startBatch([x, y], 'slow', 'slow#1', now, now + 1000), true);
        assert.equal(await store.alerts.startBatch([z], 'slow', 'slow#2', now, now + 1000), true);
        // Both leases run out mid-send; another worker takes all three rows over.
        assert.equal((await store.alerts.claimDue(now + 1500, 10, 'next', 1000)).length, 3);
        assert.equal(await store.alerts.startBatch([x, y], 'next', 'next#1', now + 1500, now + 2500), true);

        // The slow sender's success arrives late: reported, and the rows are marked sent (it did send).
        assert.deepEqual(await store.alerts.settle({ ids: [x, y], attempt: attempt([x, y], true), lease: 'slow#1' }, now + 1600), {
          lost: [x, y],
        });
        // Its failure on z arrives late: reported, and z stays with the worker holding it (not due again).
        assert.deepEqual(
          await store.alerts.settle({ ids: [z], retryAt: now + 1700, attempt: attempt([z], false), lease: 'slow#2' }, now + 1600),
          { lost: [z] },
        );
        assert.deepEqual(await store.alerts.stats('t'), { pending: 0, sending: 1, sent: 2, failed: 0, cancelled: 0 });
        assert.equal((await store.alerts.claimDue(now + 1800, 10, 'third', 1000)).length, 0, 'z is not handed to a third worker');

        // The taker's own settles: x and y are already sent (no second mark), z is its to settle.
        assert.deepEqual(await store.alerts.settle({ ids: [x, y], attempt: attempt([x, y], true), lease: 'next#1' }, now + 1900), {
          lost: [x, y],
        });
        assert.equal(await store.alerts.startBatch([z], 'next', 'next#2', now + 1900, now + 2900), true);
        assert.deepEqual(await store.alerts.settle({ ids: [z], attempt: attempt([z], true), lease: 'next#2' }, now + 2000), { lost: [] });
        assert.deepEqual(await store.alerts.stats('t'), { pending: 0, sending: 0, sent: 3, failed: 0, cancelled: 0 });
        const sent = await store.alerts.list({ status: 'sent', limit: 5 });
        assert.deepEqual(
          sent.map((d) => [d.id, d.attempts, d.sentAt]).sort((p, q) => Number(p[0]) - Number(q[0])),
          [
            [x, 1, now + 1600],
            [y, 1, now + 1600],
            [z, 1, now + 2000],
          ],
        );
        // Every attempt is in the log, the late ones too.
        assert.equal((await store.alerts.log({ limit: 10 })).length, 4);
      } finally {
        await store.close();
      }
    });
  });
}
