// r2-smalls (review of p-smalls): the host_state prune's condition must match migration 48's
// indexed expression exactly, or the index is never used and every prune (each cron `poll` run
// makes one) reads the whole table. The statement the store sends is captured and explained as it
// is, on both dialects. PostgreSQL: sequential scans are switched off for the plan, so what is
// judged is that the index can serve the statement (a small table would otherwise be scanned).
// Held at the review: these pin it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { POSTGRES_URL_VARIABLE } from '../helpers/dialects.js';
import { type PlanNode, planNodes, withRecordedPostgres } from '../helpers/recorded-postgres.js';

const NOW = Date.UTC(2026, 11, 8);

test('held (sqlite): the host_state prune is read through host_state_quiet', async () => {
  const seen: string[] = [];
  const store = await SqliteStore.open({ path: ':memory:', onQuery: (sql) => seen.push(sql) });
  try {
    await store.hosts.hold('held.example', NOW + 60_000, 'Retry-After', NOW);
    seen.length = 0;
    await store.hosts.prune(NOW - 30 * 86_400_000, 1000);
    const prune = seen.find((s) => /DELETE FROM host_state/.test(s));
    assert.ok(prune, seen.join('\n'));
    const plan = (store.db.prepare(`EXPLAIN QUERY PLAN ${prune}`).all({ before: 0, limit: 1000 }) as { detail: string }[])
      .map((r) => r.detail)
      .join(' | ');
    assert.match(plan, /USING (COVERING )?INDEX host_state_quiet/, `${prune}\n${plan}`);
  } finally {
    await store.close();
  }
});

const url = process.env[POSTGRES_URL_VARIABLE];
test('held (postgres): the host_state prune is read through host_state_quiet', {
  skip: url ? false : `${POSTGRES_URL_VARIABLE} not set`,
}, async () => {
  await withRecordedPostgres(url!, 'newsdesk_prune_plan', async (store, seen, schema) => {
    await store.hosts.hold('held.example', NOW + 60_000, 'Retry-After', NOW);
    seen.length = 0;
    await store.hosts.prune(NOW - 30 * 86_400_000, 1000);
    const prune = seen.find((s) => /DELETE FROM host_state/.test(s));
    assert.ok(prune, seen.join('\n'));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`SET search_path TO "${schema}"`);
      await client.query('ANALYZE host_state');
      await client.query('SET enable_seqscan = off');
      const r = await client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`EXPLAIN (FORMAT JSON) ${prune}`, [0, 1000]);
      const plan = r.rows[0]!['QUERY PLAN'][0]!.Plan;
      const names = planNodes(plan).map((n) => n['Index Name']);
      assert.ok(names.includes('host_state_quiet'), `${prune}\n${JSON.stringify(plan, null, 1)}`);
    } finally {
      await client.end();
    }
  });
});
