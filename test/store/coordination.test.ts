// store.coordination across processes: two PostgreSQL stores on one schema stand for two
// processes (each its own sessions). Leadership is exclusive between them and passes over when
// the holder closes; host slots are shared, so the per-host limit holds for both together.
// (The single-store contract, on both dialects, is in contract-coordination.ts.)
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, test } from 'node:test';
import pg from 'pg';
import { PostgresStore } from '../../src/store/postgres/index.js';

const url = process.env.NEWSDESK_TEST_POSTGRES_URL;

if (!url) {
  test('coordination across processes', (t) => {
    t.skip('NEWSDESK_TEST_POSTGRES_URL is not set: cross-process coordination tests skipped');
  });
} else {
  const schema = `newsdesk_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  after(async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });

  test('two processes: one leader, handed over on close; host slots shared between them', async () => {
    const one = await PostgresStore.open({ url, schema, poolSize: 2 });
    const two = await PostgresStore.open({ url, schema, poolSize: 2 });
    const elsewhere = await PostgresStore.open({ url, schema: `${schema}_x`, poolSize: 2 });
    try {
      const lead = await one.coordination.tryLead('coordinator');
      assert.ok(lead);
      assert.equal(await two.coordination.tryLead('coordinator'), undefined, 'two processes led at once');
      const own = await elsewhere.coordination.tryLead('coordinator');
      assert.ok(own, 'a store in another schema elects its own leader');
      await own.release();

      const s1 = await one.coordination.tryHostSlot('news.example', 2);
      const s2 = await two.coordination.tryHostSlot('news.example', 2);
      assert.ok(s1 && s2);
      assert.equal(await two.coordination.tryHostSlot('news.example', 2), undefined, 'a third slot across processes');
      assert.equal(await one.coordination.tryHostSlot('news.example', 2), undefined);

      // The leader's process ends: its sessions end, and with them its lock and its slots.
      await one.close();
      assert.equal(lead.held(), false);
      const next = await two.coordination.tryLead('coordinator');
      assert.ok(next, 'the lead did not pass to the other process');
      assert.ok(await two.coordination.tryHostSlot('news.example', 2), "the closed process's slot was not freed");
    } finally {
      await one.close();
      await two.close();
      await elsewhere.close();
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}_x" CASCADE`);
      await admin.end();
    }
  });
}
