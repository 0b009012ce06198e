// Hostile review of p-removepromote (r-removepromote): a small source's removal reads its entries'
// copies by index on PostgreSQL, also in a store where one wire article holds most of the copies.
// There (r-copies) the statistics know one original only, and "duplicate_of IN (the source's
// entries)" was guessed at most of the table: the re-pointing, the promoted stories and the freeing
// were planned as a hash join over a sequential scan of every entry. The statements the store sends
// for one removal are recorded and each one that reads copies (duplicate_of) is planned for a second
// source of the same shape, with sequential scans allowed, as a server runs it: once with the value
// known and once generic (what a prepared statement settles on after five runs). Runs when
// NEWSDESK_TEST_POSTGRES_URL names a database, in a schema of its own.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { type PlanNode, planNodes as nodes, withRecordedPostgres } from '../helpers/recorded-postgres.js';
import { entry } from '../web/helpers.js';

const url = process.env.NEWSDESK_TEST_POSTGRES_URL;

if (!url) {
  test('PostgreSQL source removal plans', (t) => t.skip('NEWSDESK_TEST_POSTGRES_URL is not set'));
} else {
  test("a small source's removal reads its entries' copies by index when one article holds most copies", async () => {
    await withRecordedPostgres(url, 'newsdesk_rmplan', async (store, seen, schema) => {
      const add = async (host: string) => (await store.sources.add({ url: `https://${host}.example/feed.xml`, title: host })).source.id;
      const [wire, other, small, twin] = [await add('wire'), await add('other'), await add('small'), await add('twin')];
      const t0 = Date.now() - 86_400_000;
      const batch = (p: string, k: number, from: number) =>
        Array.from({ length: k }, (_, i) =>
          entry(`${p}${i}`, `${p} report ${i}`, `Body of ${p} report ${i}. `.repeat(2), t0 + (from + i) * 1000),
        );
      // A store of some size, so that reading every entry is a choice a planner makes only when it
      // guesses most of them: the wire source's 8,000 entries (7,000 copies of its first), and 30
      // more sources of 100 articles each (a source is a small share of the table).
      const w: number[] = [];
      for (let i = 0; i < 8; i++)
        w.push(...(await store.entries.saveBatch(wire, batch(`w${i}-`, 1000, i * 1000))).inserted.map((e) => e.id));
      for (let k = 0; k < 30; k++) await store.entries.saveBatch(await add(`filler${k}`), batch(`f${k}-`, 100, 9000 + k * 100));
      const o = (await store.entries.saveBatch(other, batch('o', 60, 14_000))).inserted.map((e) => e.id);
      const s = (await store.entries.saveBatch(small, batch('s', 10, 13_500))).inserted.map((e) => e.id);
      const t = (await store.entries.saveBatch(twin, batch('t', 10, 13_600))).inserted.map((e) => e.id);
      // Each small source's 10 articles with 3 copies elsewhere.
      await store.stories.assign([
        ...w.map((id, i) =>
          i === 0 || i > 7000 ? { entryId: id, storyKey: `w${i}` } : { entryId: id, storyKey: 'w0', duplicateOf: w[0]! },
        ),
        ...s.map((id, i) => ({ entryId: id, storyKey: `s${i}` })),
        ...t.map((id, i) => ({ entryId: id, storyKey: `t${i}` })),
        ...o.map((id, i) =>
          i < 30
            ? { entryId: id, storyKey: `s${i % 10}`, duplicateOf: s[i % 10]! }
            : { entryId: id, storyKey: `t${i % 10}`, duplicateOf: t[i % 10]! },
        ),
      ]);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`SET search_path TO "${schema}"`);
        await client.query('ANALYZE');
        const from = seen.length;
        assert.equal(await store.sources.remove(small), true);
        const sent = [...new Set(seen.slice(from).filter((q) => /duplicate_of/.test(q) && !/^\s*(BEGIN|COMMIT|ROLLBACK)/i.test(q)))];
        assert.ok(sent.length >= 3, `the removal's statements on copies were recorded: ${sent.length}`);
        const seqScans: string[] = [];
        let planned = 0;
        for (const generic of [false, true]) {
          await client.query(`SET plan_cache_mode = ${generic ? 'force_generic_plan' : 'force_custom_plan'}`);
          for (const sql of sent) {
            const n = Math.max(0, ...[...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
            // Statements of other shapes (the stories' recount takes arrays) are not this test's.
            if (/\[\]|ANY\(/.test(sql)) continue;
            await client.query(`PREPARE q AS ${sql}`);
            planned++;
            try {
              // Every placeholder of these statements is the source's id or a time: the twin's id does for both.
              const args = Array.from({ length: n }, () => twin).join(', ');
              const r = await client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
                `EXPLAIN (FORMAT JSON) EXECUTE q${n ? `(${args})` : ''}`,
              );
              const plan = r.rows[0]!['QUERY PLAN'][0]!.Plan;
              if (nodes(plan).some((x) => x['Relation Name'] === 'entries' && x['Node Type'] === 'Seq Scan'))
                seqScans.push(
                  `${generic ? 'generic' : 'custom'}: ${sql.replace(/\s+/g, ' ').slice(0, 160)} :: ${nodes(plan)
                    .map((x) => `${x['Node Type']}${x['Relation Name'] ? `(${x['Relation Name']})` : ''}`)
                    .join(' > ')}`,
                );
            } finally {
              await client.query('DEALLOCATE q');
            }
          }
        }
        assert.ok(planned >= 6, `statements planned: ${planned}`);
        assert.deepEqual(seqScans, [], 'no statement of the removal reads every entry');
      } finally {
        await client.end();
      }
      // The removal did what it says on this store: each of the small source's originals has one article.
      const left = await Promise.all(o.slice(0, 30).map(async (id) => (await store.entries.get(id))?.duplicateOf ?? null));
      assert.deepEqual(
        left,
        o.slice(0, 30).map((_, i) => (i < 10 ? null : o[i % 10]!)),
      );
    });
  });
}
