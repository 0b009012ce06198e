// A topic pasted at the desk on its own (`id: …` at the top, as docs/topics.md shows a topic inside
// the file), where the desk wants one item of a list: the 2026-12-06 analyst journey got "expected a
// list of topics, or an object with a "topics" list" under a label that says "one topic". The desk
// now says what to change, in the editor's language; the list form is saved as before.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect } from '../helpers/dialects.js';
import { mountDesk } from './helpers.js';

const BARE = 'id: mdd\nname: Médecins du Désert\nentities:\n  - name: Médecins du Désert\n    aliases: [أطباء الصحراء]\n';
const LISTED = BARE.split('\n')
  .filter(Boolean)
  .map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`))
  .join('\n');

forEachDialect((d) => {
  test(`a bare topic at the desk is told how to make it a list item (${d.name})`, async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const preview = (source: string) =>
        desk.post('/desk/topics/save', { source, version: '0', originalId: '', action: 'preview' }, {}).then(async (r) => ({
          status: r.status,
          text: await r.text(),
        }));
      const en = await preview(BARE);
      assert.equal(en.status, 422);
      assert.match(en.text, /this is one topic written on its own, but topics are a list: put &quot;- &quot; before its first line/);
      assert.doesNotMatch(en.text, /expected a list of topics/);
      const ok = await preview(LISTED);
      assert.equal(ok.status, 200, 'the same topic as a list item previews');
      assert.doesNotMatch(ok.text, /The definition has errors/);
      // Anything else that is not a list keeps the general message.
      const other = await preview('just: words\n');
      assert.match(other.text, /expected a list of topics/);
    } finally {
      await desk.stop();
      await store.close();
    }
  });
});
