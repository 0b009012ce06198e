// The never-read counts (the desk's sources page, its health filters and the never-read list, on
// every load) read the never-read index alone on PostgreSQL, never the entries' rows: at 3,000
// sources and 300,000 entries a scan of the rows took ~0.2 s a count (bench/desk-scale.ts). The
// statements the store runs are captured and planned (EXPLAIN) on a small store; sequential scans
// are switched off for the plan so that a small table's rows are not read for their own cheapness:
// what is asked is whether the index can answer the statement alone. Runs when
// NEWSDESK_TEST_POSTGRES_URL names a database, in a schema of its own, dropped after.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import pg from 'pg';
import { PostgresStore } from '../../src/store/postgres/index.js';
import { textEntry } from '../helpers/entries.js';

const url = process.env.NEWSDESK_TEST_POSTGRES_URL;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodes(n: PlanNode): PlanNode[] {
  return [n, ...(n.Plans ?? []).flatMap(nodes)];
}

if (!url) {
  test('PostgreSQL never-read plan', (t) => {
    t.skip('NEWSDESK_TEST_POSTGRES_URL is not set');
  });
} else {
  test('the never-read counts (every source, and per source) read the never-read index only', async () => {
    const schema = `newsdesk_plan_${process.pid}_${randomBytes(4).toString('hex')}`;
    const seen: string[] = [];
    const store = await PostgresStore.open({ url, schema, poolSize: 2, onQuery: (sql) => seen.push(sql) });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { source } = await store.sources.add({ url: 'https://plan.example/feed.xml', extractMode: 'short' });
      const text = 'The council met on Monday. '.repeat(40);
      await store.entries.saveBatch(
        source.id,
        Array.from({ length: 200 }, (_, i) =>
          textEntry({ dedupeKey: `k${i}`, fingerprint: `f${i}`, url: `https://plan.example/${i}` }, `Story ${i}`, text, 1e12 + i * 60_000),
        ),
      );
      await client.query(`SET search_path TO "${schema}"`);
      // Statistics and the visibility map, as a server with autovacuum has them. A snapshot held
      // by another test on the same database keeps VACUUM from marking the new rows all-visible,
      // and the planner then prices an index-only scan as reading every row: the table is
      // recorded as all-visible for the plan, as VACUUM leaves it on a quiet server.
      await client.query('VACUUM ANALYZE entries');
      await client.query('VACUUM ANALYZE sources');
      await client.query("UPDATE pg_class SET relallvisible = relpages WHERE oid = 'entries'::regclass");
      await client.query('SET enable_seqscan = off');
      const q = { shortChars: 500, pendingPrefix: 'extract-entry:' };
      seen.length = 0;
      assert.equal(await store.entries.unreadCountAll({ ...q, shortChars: 5000 }), 200);
      await store.entries.unreadCountsBySource(q);
      const counts = seen.filter((s) => /COUNT\(\*\)/.test(s) && /extract_status = 'none'/.test(s));
      assert.equal(counts.length, 2, seen.join('\n'));
      for (const sql of counts) {
        const r = await client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`EXPLAIN (FORMAT JSON) ${sql}`, [
          q.shortChars,
          q.pendingPrefix,
        ]);
        const plan = r.rows[0]!['QUERY PLAN'][0]!.Plan;
        const onEntries = nodes(plan).filter((n) => n['Relation Name'] === 'entries');
        assert.ok(onEntries.length > 0, JSON.stringify(plan));
        for (const n of onEntries) {
          assert.equal(n['Node Type'], 'Index Only Scan', `${sql}\n${JSON.stringify(plan, null, 1)}`);
          assert.equal(n['Index Name'], 'entries_never_read', sql);
        }
      }
    } finally {
      await client.end();
      await store.close();
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    }
  });
}
