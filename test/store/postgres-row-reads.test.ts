// Counts the desk and every public page make on each load read indexes only on PostgreSQL, never
// the entries' rows nor an index entry of every live entry: the never-read counts (the desk's
// sources page, its health filters and the never-read list) and the topic counts (every public
// page's topic navigation, the start page's cards). At 3,000 sources and 300,000 entries they took
// ~0.2 s and ~45 ms (bench/desk-scale.ts). The statements the store runs are captured and planned
// (EXPLAIN) on a small store; sequential scans are switched off for the plan so that a small
// table's rows are not read for their own cheapness: what is asked is whether indexes can answer
// the statement alone. Runs when NEWSDESK_TEST_POSTGRES_URL names a database, in a schema of its
// own, dropped after.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import type { PostgresStore } from '../../src/store/postgres/index.js';
import { type PlanNode, planNodes as nodes, withRecordedPostgres } from '../helpers/recorded-postgres.js';
import { seedPlanEntries } from '../helpers/plan-entries.js';

const url = process.env.NEWSDESK_TEST_POSTGRES_URL;

/**
 * Whether the test's role may record the visibility map for the plan (an UPDATE of pg_class, see
 * `planned`): a superuser only. CI's and this machine's `postgres` role is one; another role skips
 * these plan tests with the reason rather than failing on a permission.
 */
async function superuser(u: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: u });
  await c.connect();
  try {
    const r = await c.query<{ s: boolean }>('SELECT rolsuper AS s FROM pg_roles WHERE rolname = current_user');
    return r.rows[0]?.s === true;
  } finally {
    await c.end();
  }
}
const canPlan = url ? await superuser(url) : false;

interface Planned {
  store: PostgresStore;
  seen: string[];
  /** The plan's nodes that read the entries table (or an index of it). */
  onEntries(sql: string, params: unknown[]): Promise<{ nodes: PlanNode[]; all: PlanNode[]; text: string }>;
  /** Runs a statement in the store's schema, outside the store. */
  query(sql: string): Promise<pg.QueryResultRow[]>;
}

/**
 * A store of 200 entries of one "short" source, never read in full, a quarter tagged, with
 * statistics and a visibility map as a server with autovacuum has them; `run` is given the store
 * with the capture of statements emptied.
 */
async function planned(run: (p: Planned) => Promise<void>): Promise<void> {
  await withRecordedPostgres(url!, 'newsdesk_plan', async (store, seen, schema) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const inserted = await seedPlanEntries(store, { extractMode: 'short', textRepeat: 40 });
      await store.entries.remove(inserted[0]!.id);
      await client.query(`SET search_path TO "${schema}"`);
      // A snapshot held by another test on the same database keeps VACUUM from marking the new rows
      // all-visible, and the planner then prices an index-only scan as reading every row: the table
      // is recorded as all-visible for the plan, as VACUUM leaves it on a quiet server.
      await client.query('VACUUM ANALYZE entries');
      await client.query('VACUUM ANALYZE sources');
      await client.query('VACUUM ANALYZE entry_topics');
      await client.query("UPDATE pg_class SET relallvisible = relpages WHERE oid IN ('entries'::regclass, 'entry_topics'::regclass)");
      await client.query('SET enable_seqscan = off');
      seen.length = 0;
      await run({
        store,
        seen,
        async query(sql) {
          return (await client.query(sql)).rows;
        },
        async onEntries(sql, params) {
          const r = await client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
          const plan = r.rows[0]!['QUERY PLAN'][0]!.Plan;
          const all = nodes(plan);
          return { nodes: all.filter((n) => n['Relation Name'] === 'entries'), all, text: `${sql}\n${JSON.stringify(plan, null, 1)}` };
        },
      });
    } finally {
      await client.end();
    }
  });
}

/**
 * The statement that takes what editors hid off the topic counts (p-counts, topic-rows.ts
 * hiddenTagsSql): a statement of its own, driven by the editors' rows, so it is not one of the
 * counts above, which read the tags and the removed entries' index only.
 */
function isHiddenTags(sql: string): boolean {
  return sql.trimStart().startsWith('WITH hidden AS');
}

/**
 * The hidden-tags statements `seen` holds (one per `params`) reach the entries by key, by a
 * hidden story's index or by a hidden article's copies (`entries_copies`, p-copies) only: never a
 * scan of the table nor of an index of every entry.
 */
async function hiddenTagsByIndex(seen: string[], onEntries: Planned['onEntries'], params: unknown[][]): Promise<void> {
  const hidden = seen.filter(isHiddenTags);
  assert.equal(hidden.length, params.length, seen.join('\n'));
  for (const [i, sql] of hidden.entries()) {
    const plan = await onEntries(sql, params[i]!);
    assert.ok(plan.nodes.length > 0, plan.text);
    for (const n of plan.nodes) {
      assert.ok(['Index Scan', 'Index Only Scan', 'Bitmap Heap Scan'].includes(n['Node Type']), plan.text);
      assert.ok(
        n['Index Name'] === undefined ||
          ['entries_pkey', 'entries_story', 'entries_story_summary', 'entries_copies'].includes(n['Index Name']),
        plan.text,
      );
    }
  }
}

if (!url || !canPlan) {
  test('PostgreSQL index reads', (t) => {
    t.skip(url ? "the test database's role is no superuser (the plans need pg_class written)" : 'NEWSDESK_TEST_POSTGRES_URL is not set');
  });
} else {
  test('the never-read counts (every source, and per source) read the never-read index only', async () => {
    await planned(async ({ store, seen, onEntries }) => {
      const q = { shortChars: 500, pendingPrefix: 'extract-entry:' };
      assert.equal(await store.entries.unreadCountAll({ ...q, shortChars: 5000 }), 199);
      await store.entries.unreadCountsBySource(q);
      const counts = seen.filter((s) => /COUNT\(\*\)/.test(s) && /extract_status = 'none'/.test(s));
      assert.equal(counts.length, 2, seen.join('\n'));
      for (const sql of counts) {
        const plan = await onEntries(sql, [q.shortChars, q.pendingPrefix]);
        assert.ok(plan.nodes.length > 0, plan.text);
        for (const n of plan.nodes) {
          assert.equal(n['Node Type'], 'Index Only Scan', plan.text);
          assert.equal(n['Index Name'], 'entries_never_read', plan.text);
        }
      }
    });
  });

  test('the topic counts (all time, and over a range) read the removed entries only', async () => {
    await planned(async ({ store, seen, onEntries }) => {
      assert.deepEqual(await store.topics.counts(), [{ topicId: 'acme', count: 49 }]);
      await store.topics.counts({ since: 1, until: 2e12 });
      const counts = seen.filter((s) => /COUNT\(\*\)/.test(s) && /FROM entry_topics t/.test(s) && !isHiddenTags(s));
      assert.equal(counts.length, 2, seen.join('\n'));
      for (const [i, sql] of counts.entries()) {
        const plan = await onEntries(sql, i === 0 ? [] : [1, 2e12]);
        assert.ok(plan.nodes.length > 0, plan.text);
        for (const n of plan.nodes) {
          assert.equal(n['Node Type'], 'Index Only Scan', plan.text);
          assert.equal(n['Index Name'], 'entries_removed', plan.text);
        }
      }
      await hiddenTagsByIndex(seen, onEntries, [[], [1, 2e12]]);
    });
  });

  test("a topic's counts per day (its page's chart) read the removed entries only", async () => {
    await planned(async ({ store, seen, onEntries }) => {
      const days = await store.topics.countsPerDay('acme', 1e12, 1e12 + 200 * 60_000);
      assert.equal(
        days.reduce((n, d) => n + d.count, 0),
        49,
      );
      const counts = seen.filter((s) => /COUNT\(\*\)/.test(s) && /FROM entry_topics t/.test(s) && !isHiddenTags(s));
      assert.equal(counts.length, 1, seen.join('\n'));
      const day = 86_400_000;
      const first = Math.floor(1e12 / day);
      const last = Math.ceil((1e12 + 200 * 60_000) / day) - 1;
      const plan = await onEntries(counts[0]!, ['acme', first * day, (last + 1) * day]);
      assert.ok(plan.nodes.length > 0, plan.text);
      for (const n of plan.nodes) {
        assert.equal(n['Node Type'], 'Index Only Scan', plan.text);
        assert.equal(n['Index Name'], 'entries_removed', plan.text);
      }
      await hiddenTagsByIndex(seen, onEntries, [['acme', first * day, (last + 1) * day]]);
    });
  });

  test("a merge, a split and the clusterer's merge of two keys reach a story's entries, removed ones too, by its index", async () => {
    await planned(async ({ store, seen, onEntries }) => {
      const all = (await store.entries.list({ limit: 200 })).items.reverse();
      const key = (i: number) => `k${all[i - (i % 4)]!.id}`;
      await store.stories.assign(all.map((e, i) => ({ entryId: e.id, storyKey: key(i) })));
      const storyOf = async (i: number) => (await store.entries.get(all[i]!.id))!.storyId!;
      const first = await storyOf(0);
      await store.entries.remove(all[1]!.id);
      seen.length = 0;
      await store.stories.assign([{ entryId: all[9]!.id, storyKey: key(8), merged: [key(12)] }]);
      assert.equal((await store.stories.merge(first, await storyOf(4)))?.size, 7); // 8 entries, one removed
      assert.ok(await store.stories.split(await storyOf(16), [all[17]!.id]));
      const byStory = [...new Set(seen)].filter((s) => /(UPDATE|FROM) entries\b/.test(s) && /WHERE story_id (= \$|IN \(\$)/.test(s));
      const ran = (re: RegExp) =>
        assert.ok(
          byStory.some((s) => re.test(s)),
          `${re} not run:\n${byStory.join('\n')}`,
        );
      ran(/^UPDATE entries SET story_id = \$1 WHERE story_id = \$2$/);
      ran(/^UPDATE entries SET story_locked = TRUE WHERE story_id = \$1$/);
      ran(/story_id IN \(\$1, \$2\) AND story_locked\)/);
      for (const sql of byStory.filter((s) => !/deleted_at IS NULL/.test(s))) {
        const params = [...new Set(sql.match(/\$\d+/g) ?? [])].map(() => 1);
        const plan = await onEntries(sql, params);
        const read = plan.all.filter((n) => n['Index Name']?.startsWith('entries'));
        assert.ok(read.length > 0, plan.text);
        for (const n of read) assert.equal(n['Index Name'], 'entries_story', plan.text);
        for (const n of plan.nodes) assert.notEqual(n['Node Type'], 'Seq Scan', plan.text);
      }
      // The stories merged earlier into the old story now point at the new one, found by index.
      const redirect = 'UPDATE stories SET merged_into = $1 WHERE id = $2 OR merged_into = $2';
      assert.ok(seen.includes(redirect), seen.join('\n'));
      const plan = await onEntries(redirect, [1, 2]);
      const onStories = plan.all.filter((n) => n['Relation Name'] === 'stories');
      assert.ok(onStories.length > 0, plan.text);
      for (const n of onStories) assert.notEqual(n['Node Type'], 'Seq Scan', plan.text);
      assert.ok(
        plan.all.some((n) => n['Index Name'] === 'stories_merged'),
        plan.text,
      );
    });
  });

  test("the search's language list reads the counts kept per language, and entries only by the editors' rows", async () => {
    // Since p-edges the statement takes off what editors hid (hidden-live.ts shownLanguagesSql),
    // reaching the entries as the hidden-tags statements do: by key, by a hidden story's index or
    // by the copies' index, never by a scan.
    await planned(async ({ store, seen, onEntries }) => {
      assert.deepEqual(await store.search.languages(), ['en']);
      const langs = seen.filter((s) => /\bentry_language_counts\b/.test(s));
      assert.equal(langs.length, 1, seen.join('\n'));
      await hiddenTagsByIndex(langs, onEntries, [[]]);
    });
  });
  // The fold of the counts' changes (past 1,000 rows) is the writers' since p-selector: see
  // postgres-language-fold.test.ts.
}
