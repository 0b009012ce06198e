// Two editors at once, from two processes (two stores on one database, each with its own
// connections), on something that has no row yet. On PostgreSQL, SELECT … FOR UPDATE locks nothing
// then: both read "none" and the later upsert wrote over the earlier change.
// - A teaser with no override: each change is applied on top of the other, and the audit log says
//   so (one "before" is none, the other is the first one's "after"); a pin was lost to a hide.
// - A new desk topic saved by two editors, each expecting version 0 ("must not exist yet"): one
//   creates it, the other is told of the conflict; both were told they had created it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect } from '../helpers/dialects.js';
import { item } from './contract.js';

const ROUNDS = 12;

forEachDialect((d) => {
  test('two editors changing a teaser with no override yet: neither change is lost', async () => {
    const a = await d.open();
    const b = await d.reopen(a);
    const { source } = await a.sources.add({ url: 'https://race.example/feed' });
    const { inserted } = await a.entries.saveBatch(
      source.id,
      Array.from({ length: ROUNDS }, (_, i) => item(i)),
    );
    assert.equal(inserted.length, ROUNDS);
    for (const e of inserted) {
      const target = { kind: 'entry', id: e.id } as const;
      const [pin, hide] = await Promise.all([
        a.curation.update(target, { pinned: true }, { id: 1, name: 'ana' }, 'entry.pin'),
        b.curation.update(target, { hidden: true }, { id: 2, name: 'bo' }, 'entry.hide'),
      ]);
      const now = (await a.curation.overrides([e.id])).entries.get(e.id);
      assert.deepEqual([now?.pinned, now?.hidden], [true, true], `entry ${e.id}: both the pin and the hide are kept`);
      const first = pin.before === null ? pin : hide;
      const second = first === pin ? hide : pin;
      assert.equal(first.before, null);
      assert.deepEqual(second.before, first.after, `entry ${e.id}: the later change saw the earlier one`);
    }
  });

  test('two editors creating one desk topic at once: one creates it, the other gets the conflict', async () => {
    const a = await d.open();
    const b = await d.reopen(a);
    for (let i = 0; i < ROUNDS; i++) {
      const id = `topic-${i}`;
      const save = (by: string) => ({ id, source: `- id: ${id}\n  name: ${by}\n`, definition: { id, name: by }, updatedBy: by });
      const results = await Promise.all([a.desk.saveTopic(save('ana'), 0), b.desk.saveTopic(save('bo'), 0)]);
      const created = results.filter((r) => 'topic' in r);
      assert.equal(created.length, 1, `${id}: exactly one editor created it`);
      const won = created[0]!;
      const lost = results.find((r) => r !== won)!;
      assert.ok('conflict' in lost);
      assert.deepEqual(lost.conflict, await a.desk.getTopic(id), `${id}: the loser is shown the stored topic`);
      assert.equal((await a.desk.getTopic(id))?.updatedBy, 'topic' in won ? won.topic.updatedBy : '');
    }
  });
});
