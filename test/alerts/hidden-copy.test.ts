// A copy of a hidden article is off the public side with its original (p-copies), so its alert is
// cancelled as the original's is: a digest must not mail the same text under another outlet's name
// after the desk took it down. Unhiding the original before the alert goes out lets it go.
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
  describe('alerts and copies of hidden articles', () => {
    const hook = suiteHook();

    test("a copy's alert is cancelled while its original is hidden, and sent once it is unhidden", async () => {
      const { bodies, url, poster } = hook;
      const store = await d.open();
      try {
        const topics = compile([{ ...MEK, alerts: { webhook: { url, secret: SECRET } } }]);
        await store.topics.syncDefinitions(definitionInputs(topics.parsed));
        const now = Date.now();
        const [shown, original, copy, copy2] = await addEntries(store, [
          newEntry('Mujahedin-e Khalq rally in Paris', 'Maryam Rajavi spoke.', now - 60_000),
          newEntry('Mujahedin-e Khalq statement retracted', 'A wrong match the desk hid.', now - 60_000),
          newEntry('Mujahedin-e Khalq statement retracted (copy)', 'The same text, another outlet.', now - 60_000),
          newEntry('Mujahedin-e Khalq statement retracted (second copy)', 'Again the same text.', now - 60_000),
        ]);
        await store.stories.assign([
          { entryId: original!.id, storyKey: 'retracted' },
          { entryId: copy!.id, storyKey: 'retracted', duplicateOf: original!.id },
          { entryId: copy2!.id, storyKey: 'retracted', duplicateOf: original!.id },
        ]);
        assert.equal((await tagEntries(store, topics.matcher, [shown!, copy!], { now })).alertsQueued, 2);
        await store.curation.update({ kind: 'entry', id: original!.id }, { hidden: true }, EDITOR, 'entry.hide');

        bodies.length = 0;
        const run = await new AlertWorker({ store, webhook: poster, alerts: () => topics.alerts, clock: () => now }).runOnce();
        assert.deepEqual([run.claimed, run.sent, run.cancelled], [2, 1, 1]);
        const sent = (JSON.parse(bodies[0]!) as { entries: { id: number }[] }).entries.map((e) => e.id);
        assert.deepEqual(sent, [shown!.id], 'only the entry still shown is sent');
        const row = (await store.alerts.list({ topicId: 'mek', limit: 10 })).find((r) => r.entryId === copy!.id);
        assert.equal(row?.status, 'cancelled');
        assert.match(row?.lastError ?? '', /editor hid/);

        // Unhidden before the second copy's alert goes out: it is sent.
        await store.curation.update({ kind: 'entry', id: original!.id }, { hidden: false }, EDITOR, 'entry.unhide');
        assert.equal((await tagEntries(store, topics.matcher, [copy2!], { now })).alertsQueued, 1);
        bodies.length = 0;
        const again = await new AlertWorker({ store, webhook: poster, alerts: () => topics.alerts, clock: () => now }).runOnce();
        assert.deepEqual([again.claimed, again.sent, again.cancelled], [1, 1, 0]);
        assert.deepEqual(
          (JSON.parse(bodies[0]!) as { entries: { id: number }[] }).entries.map((e) => e.id),
          [copy2!.id],
        );
      } finally {
        await store.close();
      }
    });
  });
});
