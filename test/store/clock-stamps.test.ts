// Rows the desk shows with a time, written without one, are dated by the store's clock: an audit
// line, an editor's change of a teaser (its pin time, which orders pinned teasers), an alert row's
// creation and a user's. A web process or CLI on a machine ten minutes fast or slow otherwise put
// its own clock's time in rows every other machine reads (a pin ten minutes ahead led every pin
// made since). Only PostgreSQL is several machines (SQLite's clock is the one machine's own).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect } from '../helpers/dialects.js';
import { addEntries, newEntry } from '../helpers/entries.js';
import { TEN_MINUTES, withinBracket as within, withSkewedClock } from '../helpers/skewed-clock.js';

forEachDialect((d) => {
  if (d.name !== 'postgres') return;

  for (const skew of [TEN_MINUTES, -TEN_MINUTES]) {
    const machine = skew > 0 ? 'fast' : 'slow';

    test(`audit lines, teaser changes, alert rows and users written on a machine ten minutes ${machine} are dated by the database clock`, async () => {
      const store = await d.open();
      const before = await store.clock.now();
      const [entry] = await addEntries(store, [newEntry('A headline', 'Some text.', before)]);
      const written = await withSkewedClock(skew, async () => {
        await store.curation.record({ actorId: null, actorName: 'cli', action: 'source.add', target: 'source:1', before: null, after: {} });
        const pin = await store.curation.update({ kind: 'entry', id: entry!.id }, { pinned: true }, { id: null, name: 'ed' }, 'teaser.pin');
        await store.alerts.enqueue([{ topicId: 't', entryId: entry!.id, channel: 'webhook', dueAt: before }]);
        const user = await store.accounts.createUser({ name: 'ann', role: 'editor', passwordHash: 'x' });
        return { pin: pin.after, user: user! };
      });
      const after = await store.clock.now();
      const audit = (await store.curation.audit({ limit: 10 })).items.map((a) => [a.action, a.at] as const);
      assert.ok(audit.length >= 2, 'the record and the pin are audited');
      for (const [action, at] of audit) assert.ok(within(at, before, after), `${action} at ${at - after} ms from now`);
      assert.ok(within(written.pin.pinnedAt!, before, after), `pinned ${written.pin.pinnedAt! - after} ms from now`);
      assert.ok(within(written.pin.updatedAt, before, after), 'the override updated by the database clock');
      const [row] = await store.alerts.list({ limit: 10 });
      assert.ok(row && within(row.createdAt, before, after), `alert row created ${row!.createdAt - after} ms from now`);
      assert.ok(within(written.user.createdAt, before, after), `user created ${written.user.createdAt - after} ms from now`);
    });
  }
});
