// What an editor hid is out of the pages and the API; it must be out of alerts too (found in the
// December 2026 alerts review: the worker read neither the entry's nor its story's hidden flag, so
// a daily digest mailed an entry hidden hours before it went out). Over a real webhook receiver.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AlertWorker } from '../../src/alerts/worker.js';
import { definitionInputs } from '../../src/jobs/retag.js';
import { tagEntries } from '../../src/pipeline/steps/tag-topics.js';
import { MEK, addEntries, compile, newEntry, suiteHook } from './helpers.js';
import { forEachDialect } from '../helpers/dialects.js';

const EDITOR = { id: null, name: 'test editor' };
const SECRET = 'test-secret-0123456789abcdef';

forEachDialect((d) => {
  describe('alerts and hidden entries', () => {
    const hook = suiteHook();

    test('an entry hidden, or in a story hidden, before its alert goes out is cancelled with the reason; the rest is sent', async () => {
      const { bodies, url, poster } = hook;
      const store = await d.open();
      try {
        const topics = compile([{ ...MEK, alerts: { webhook: { url, secret: SECRET } } }]);
        await store.topics.syncDefinitions(definitionInputs(topics.parsed));
        const now = Date.now();
        const [shown, hidden, inStory] = await addEntries(store, [
          newEntry('Mujahedin-e Khalq rally in Paris', 'Maryam Rajavi spoke.', now - 60_000),
          newEntry('Mujahedin-e Khalq statement retracted', 'A wrong match the desk hid.', now - 60_000),
          newEntry('Mujahedin-e Khalq story an editor hid', 'The whole story is hidden.', now - 60_000),
        ]);
        assert.equal((await tagEntries(store, topics.matcher, [shown!, hidden!, inStory!], { now })).alertsQueued, 3);
        await store.stories.assign([{ entryId: inStory!.id, storyKey: 'hidden-story' }]);
        const storyId = (await store.entries.get(inStory!.id))!.storyId!;
        await store.curation.update({ kind: 'entry', id: hidden!.id }, { hidden: true }, EDITOR, 'entry.hide');
        await store.curation.update({ kind: 'story', id: storyId }, { hidden: true }, EDITOR, 'story.hide');

        bodies.length = 0;
        const run = await new AlertWorker({ store, webhook: poster, alerts: () => topics.alerts, clock: () => now }).runOnce();
        assert.deepEqual([run.claimed, run.sent, run.cancelled], [3, 1, 2]);
        assert.equal(bodies.length, 1);
        const sent = (JSON.parse(bodies[0]!) as { entries: { id: number }[] }).entries.map((e) => e.id);
        assert.deepEqual(sent, [shown!.id], 'only the entry still shown is sent');
        const rows = await store.alerts.list({ topicId: 'mek', limit: 10 });
        for (const id of [hidden!.id, inStory!.id]) {
          const row = rows.find((r) => r.entryId === id);
          assert.equal(row?.status, 'cancelled', `entry ${id}`);
          assert.match(row?.lastError ?? '', /editor hid/);
        }
        assert.equal(
          (await new AlertWorker({ store, webhook: poster, alerts: () => topics.alerts, clock: () => now + 86_400_000 }).runOnce()).claimed,
          0,
        );
      } finally {
        await store.close();
      }
    });
  });
});
