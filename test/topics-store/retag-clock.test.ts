// A re-tag run's progress and tags are dated by the store's clock (r-clock2). p-clock2 made the
// PostgreSQL topic repository date retag progress by the store's clock when given no time, but the
// re-tag job (src/jobs/retag.ts) gave it one: its clock defaulted to Date.now, so a web process
// ten minutes fast still wrote its own clock's time as the run's start and finish and as every tag
// row's tagged_at. Only PostgreSQL is several machines (SQLite's clock is the machine's own).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Retagger } from '../../src/jobs/retag.js';
import type { PostgresStore } from '../../src/store/postgres/index.js';
import { MEK, addEntries, compile, newEntry } from '../alerts/helpers.js';
import { forEachDialect } from '../helpers/dialects.js';
import { TEN_MINUTES, withinBracket as within, withSkewedClock } from '../helpers/skewed-clock.js';

forEachDialect((d) => {
  if (d.name !== 'postgres') return;

  for (const skew of [TEN_MINUTES, -TEN_MINUTES]) {
    test(`a re-tag run on a machine ten minutes ${skew > 0 ? 'fast' : 'slow'} is dated by the database clock`, async () => {
      const store = await d.open();
      const t = await store.clock.now();
      await addEntries(store, [
        newEntry('Mujahedin-e Khalq rally in Paris', 'Supporters gathered in Paris on Saturday.', t - 3000),
        newEntry('Weather', 'Rain again.', t - 2000),
      ]);
      const before = await store.clock.now();
      const done = await withSkewedClock(skew, async () => {
        const topics = compile([MEK]);
        return (await new Retagger(store, { batchSize: 1 }).apply(topics.parsed, topics.matcher)).retagged;
      });
      const after = await store.clock.now();
      assert.equal(done.finished, true);
      const mek = await store.topics.getDefinition('mek');
      const { startedAt, finishedAt } = mek!.retag;
      assert.ok(within(startedAt, before, after), `started ${startedAt! - after} ms from now`);
      assert.ok(within(finishedAt, before, after), `finished ${finishedAt! - after} ms from now`);
      const pool = (store as PostgresStore).pool;
      const tagged = (await pool.query<{ at: string }>("SELECT tagged_at::text AS at FROM entry_topics WHERE topic_id = 'mek'")).rows;
      assert.ok(tagged.length > 0, 'the rally is tagged');
      for (const r of tagged) assert.ok(within(Number(r.at), before, after), `tagged ${Number(r.at) - after} ms from now`);
    });
  }
});
