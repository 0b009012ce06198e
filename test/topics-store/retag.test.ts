import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Entry } from '../../src/domain/entry.js';
import { Retagger, retag, definitionInputs, matchingHash, type RetagReport } from '../../src/jobs/retag.js';
import type { Store } from '../../src/store/store.js';
import { MEK, SOLAR, addEntries, compile, newEntry } from '../alerts/helpers.js';
import { forEachDialect } from '../helpers/dialects.js';

const T = Date.UTC(2025, 0, 10);

function history(): ReturnType<typeof newEntry>[] {
  return [
    newEntry('Mujahedin-e Khalq rally in Paris', 'Supporters gathered in Paris on Saturday.', T),
    newEntry('Iran sanctions debate', 'The MEK said the Iran sanctions must stay.', T + 1000),
    newEntry('Chemistry notes', 'MEK, methyl ethyl ketone, is a solvent.', T + 2000),
    newEntry('Rooftop photovoltaic boom', 'Households fit solar panels.', T + 3000),
    newEntry('Football results', 'Nothing to see here.', T + 4000),
    newEntry("People's Mojahedin Organization of Iran statement", 'A statement was read out.', T + 5000),
    newEntry('Weather', 'Rain again.', T + 6000),
  ];
}

const ids = (items: Entry[]): number[] => items.map((e) => e.id).sort((a, b) => a - b);
forEachDialect((d) => {
  describe('re-tagging history', () => {
    let store: Store;
    let stored: Entry[];
    before(async () => {
      store = await d.open();
      stored = await addEntries(store, history());
    });
    after(async () => {
      await store.close();
    });

    test('stories stored before a topic existed appear on its page, in batches, with progress', async () => {
      const topics = compile([MEK, SOLAR]);
      const reports: RetagReport[] = [];
      const retagger = new Retagger(store, { batchSize: 3, onProgress: (r) => reports.push({ ...r }) });
      // Something else waiting on the event loop (a web request) must get its turn mid-run.
      let batchesBeforeOtherWork = -1;
      setImmediate(() => {
        batchesBeforeOtherWork = reports.length;
      });
      const applied = await retagger.apply(topics.parsed, topics.matcher);
      assert.deepEqual(applied.sync.added, ['mek', 'solar']);
      const final = await applied.retagged;
      assert.equal(final.finished, true);
      assert.ok(
        batchesBeforeOtherWork >= 0 && batchesBeforeOtherWork < 3,
        `other work ran only after ${batchesBeforeOtherWork} of 3 batches`,
      );
      const progress = reports.filter((r) => !r.finished);
      assert.equal(progress.length, 3, 'seven entries in batches of three');
      assert.deepEqual(
        progress.map((r) => r.done),
        [3, 6, 7],
      );
      assert.ok(progress.every((r) => r.total === 7));

      const mekPage = await store.entries.list({ topicId: 'mek', limit: 50 });
      assert.deepEqual(ids(mekPage.items), [stored[0]!.id, stored[1]!.id, stored[5]!.id]);
      const solarPage = await store.entries.list({ topicId: 'solar', limit: 50 });
      assert.deepEqual(ids(solarPage.items), [stored[3]!.id]);
      const explain = await store.topics.entryTopics(stored[1]!.id);
      assert.equal(explain[0]?.topicId, 'mek');
      assert.deepEqual(
        explain[0]?.matches.map((x) => [x.field, x.text]),
        [['text', 'MEK']],
      );

      const defs = await store.topics.listDefinitions();
      for (const d of defs) {
        assert.equal(d.retag.status, 'done');
        assert.equal(d.retag.done, 7);
        assert.equal(d.retag.afterId, stored[6]!.id);
      }
    });

    test('changing one topic re-tags only that topic; a description edit re-tags nothing', async () => {
      const described = { ...MEK, description: 'Now with a description' };
      const solar2 = { ...SOLAR, entities: [{ name: 'solar power', aliases: ['photovoltaic', 'solar panels', 'rain'] }] };
      const topics = compile([described, solar2]);
      const retagger = new Retagger(store, { batchSize: 100 });
      const applied = await retagger.apply(topics.parsed, topics.matcher);
      assert.deepEqual(applied.sync.changed, ['solar']);
      assert.deepEqual(applied.sync.unchanged, ['mek']);
      await applied.retagged;
      const solarPage = await store.entries.list({ topicId: 'solar', limit: 50 });
      assert.deepEqual(ids(solarPage.items), [stored[3]!.id, stored[6]!.id]);
      // The unchanged topic kept its tags and was not walked again.
      assert.equal((await store.entries.list({ topicId: 'mek', limit: 50 })).items.length, 3);
      const mek = await store.topics.getDefinition('mek');
      assert.equal(mek?.retag.done, 7);
      // Its stored definition is the new one, so the description edit is kept.
      assert.equal((mek?.definition as { description?: string } | undefined)?.description, 'Now with a description');
    });
  });

  test('a re-tag cut short resumes after a restart where it stopped', async () => {
    let store = await d.open();
    const stored = await addEntries(store, history());
    const topics = compile([MEK]);
    const inputs = definitionInputs(topics.parsed);
    await store.topics.syncDefinitions(inputs);
    const abort = new AbortController();
    const hashes = new Map([['mek', matchingHash(topics.parsed[0]!)]]);
    const cut = await retag({
      store,
      matcher: topics.matcher,
      hashes,
      batchSize: 2,
      signal: abort.signal,
      onProgress: (r) => {
        if (r.done >= 2) abort.abort();
      },
    });
    assert.equal(cut.finished, false);
    const mid = await store.topics.getDefinition('mek');
    assert.deepEqual([mid?.retag.status, mid?.retag.done, mid?.retag.afterId], ['running', 2, stored[1]!.id]);
    await store.close();

    store = await d.reopen(store);
    const seen: number[] = [];
    const done = await new Retagger(store, { batchSize: 2, onProgress: (r) => seen.push(r.done) }).resume(topics.parsed, topics.matcher);
    assert.equal(done.finished, true);
    assert.deepEqual(seen.slice(0, 3), [4, 6, 7], 'resumed after the second entry, not from the start');
    assert.equal((await store.entries.list({ topicId: 'mek', limit: 50 })).items.length, 3);
    await store.close();
  });
});
