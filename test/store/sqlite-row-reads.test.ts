// Counts the desk and the start page make on every load read indexes only, never the entries'
// rows (bodies and all): the never-read counts (sources page, never-read list), the count of live
// entries (/api/v1/health, the metrics scrape), the topic counts (the start page's topic cards) and
// a topic's count per day (its page). Each grows with the store when it reads rows: at 3,000
// sources and 300,000 entries they took 0.3-0.6 s each (bench/desk-scale.ts). The statements the
// store runs are captured and their bytecode read: no column of the entries table b-tree is read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { seedPlanEntries } from '../helpers/plan-entries.js';

interface Op {
  opcode: string;
  p1: number;
  p2: number;
}

function program(store: SqliteStore, sql: string): { ops: Op[]; tableCursors: Set<number> } {
  const root = store.db.prepare("SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'entries'").pluck().get() as number;
  const params = (sql.match(/\?/g) ?? []).map(() => 0);
  const ops = store.db.prepare(`EXPLAIN ${sql}`).all(...params) as Op[];
  const tableCursors = new Set(ops.filter((o) => o.opcode === 'OpenRead' && o.p2 === root).map((o) => o.p1));
  return { ops, tableCursors };
}

/** Whether the statement reads a column of an entries row (not of an index). */
function readsEntryRows(store: SqliteStore, sql: string): boolean {
  const { ops, tableCursors } = program(store, sql);
  return ops.some((o) => o.opcode === 'Column' && tableCursors.has(o.p1));
}

/**
 * A store of 200 entries with long texts, a quarter tagged, never read in full, with statistics
 * (ANALYZE): the planner weighs the entries' wide rows against their indexes as on a real store
 * (on an empty one it may pick an index by chance).
 */
async function captured(run: (store: SqliteStore) => Promise<unknown>): Promise<{ store: SqliteStore; seen: string[] }> {
  const seen: string[] = [];
  const store = await SqliteStore.open({ path: ':memory:', onQuery: (sql) => seen.push(sql) });
  await seedPlanEntries(store, { textRepeat: 200 });
  store.db.exec('ANALYZE');
  seen.length = 0;
  await run(store);
  return { store, seen };
}

test('the never-read counts (every source, and per source) read the never-read index only', async () => {
  const q = { shortChars: 500, pendingPrefix: 'extract-entry:' };
  const { store, seen } = await captured(async (s) => {
    await s.entries.unreadCountAll(q);
    await s.entries.unreadCountsBySource(q);
  });
  try {
    const counts = seen.filter((s) => /COUNT\(\*\)/.test(s) && /extract_status = 'none'/.test(s));
    assert.equal(counts.length, 2, seen.join('\n'));
    for (const sql of counts) assert.equal(readsEntryRows(store, sql), false, sql);
  } finally {
    await store.close();
  }
});

test('the count of live entries reads no entries row', async () => {
  const { store, seen } = await captured((s) => s.entries.count());
  try {
    const [sql] = seen.filter((s) => /COUNT\(\*\)/.test(s));
    assert.ok(sql, seen.join('\n'));
    assert.equal(readsEntryRows(store, sql), false, sql);
  } finally {
    await store.close();
  }
});

test("the topic counts and a topic's count per day read no entries row", async () => {
  const { store, seen } = await captured(async (s) => {
    await s.topics.counts();
    await s.topics.counts({ since: 1, until: 2 });
    await s.topics.countsPerDay('acme', 0, 86_400_000 * 30);
  });
  try {
    const counts = seen.filter((s) => /FROM entry_topics t JOIN entries e/.test(s));
    assert.equal(counts.length, 3, seen.join('\n'));
    for (const sql of counts) assert.equal(readsEntryRows(store, sql), false, sql);
  } finally {
    await store.close();
  }
});

test("the search's language list reads the counts kept per language, and entries only by key from the editors' rows", async () => {
  // Since p-edges the statement takes off what editors hid (hidden-live.ts shownLanguagesSql): the
  // entries are reached from the editors' rows by key, a hidden story's index or the copies' index,
  // never scanned, and no entry is counted by walking the table or an index of every entry.
  const { store, seen } = await captured((s) => s.search.languages());
  try {
    const [sql] = seen.filter((s) => /\bentry_language_counts\b/.test(s));
    assert.ok(sql, seen.join('\n'));
    const plan = store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[];
    const onEntries = plan.map((p) => p.detail).filter((d) => /^(SCAN|SEARCH) (h|e)\b/.test(d));
    assert.ok(onEntries.length > 0, JSON.stringify(plan));
    for (const d of onEntries)
      assert.match(d, /^SEARCH (h|e) USING (INTEGER PRIMARY KEY|INDEX entries_story_summary|INDEX entries_copies)\b/, d);
    assert.deepEqual(await store.search.languages(), ['en']);
  } finally {
    await store.close();
  }
});
