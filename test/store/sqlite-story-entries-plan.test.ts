// The statements that reach every entry of a story, removed ones included, go through an index:
// a merge's move of the entries (an editor's merge, the clusterer joining two keys), the lock an
// editor's merge or split puts on them, the clusterer's check for a story an editor shaped, and
// the foreign key's ON DELETE SET NULL when a re-clustering forgets stories; and a merge's
// pointing of the stories merged earlier at the new target. The story indexes of
// migration 10 are partial (deleted_at IS NULL) and cannot serve them: each scanned the entries
// table, the last once per forgotten story (migration 29). Statements captured, then explained.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { seedPlanEntries } from '../helpers/plan-entries.js';

/** The plan's lines that read the entries table (or `tables`) or one of its indexes from end to end. */
function scans(store: SqliteStore, sql: string, tables = /^SCAN (entries|e|n|c)\b/): string[] {
  const plan = store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[];
  return plan.map((r) => r.detail).filter((d) => tables.test(d));
}

test("a merge, a split, the clusterer's merge of two keys and a re-clustering's reset reach a story's entries by index", async () => {
  const seen: string[] = [];
  const store = await SqliteStore.open({ path: ':memory:', onQuery: (sql) => seen.push(sql) });
  try {
    const entries = await seedPlanEntries(store, { textRepeat: 20 });
    const key = (i: number) => `k${entries[i - (i % 4)]!.id}`;
    await store.stories.assign(entries.map((e, i) => ({ entryId: e.id, storyKey: key(i) })));
    await store.entries.remove(entries[1]!.id);
    store.db.exec('ANALYZE');
    const storyOf = async (i: number) => (await store.entries.get(entries[i]!.id))!.storyId!;
    seen.length = 0;

    await store.stories.assign([{ entryId: entries[9]!.id, storyKey: key(8), merged: [key(12)] }]);
    const merged = await store.stories.merge(await storyOf(0), await storyOf(4));
    assert.equal(merged?.size, 7); // 8 entries, one removed
    // The removed entry follows its story into the merge, and takes the lock (as it always did).
    const tomb = store.db.prepare('SELECT story_id, story_locked FROM entries WHERE id = ?').get(entries[1]!.id);
    assert.deepEqual(tomb, { story_id: merged.id, story_locked: 1 });
    assert.ok(await store.stories.split(await storyOf(16), [entries[17]!.id]));
    // A decision about a story the clusterer shaped is parked on its entries by the reset, and moves
    // to their new story when the next assignment places them.
    const decided = await storyOf(24);
    await store.curation.update({ kind: 'story', id: decided }, { headline: 'Edited' }, { id: 7, name: 'Ed' }, 'story.edit', 1e12);
    await store.stories.clear();
    await store.stories.assign([24, 25].map((i) => ({ entryId: entries[i]!.id, storyKey: `again-${entries[24]!.id}` })));
    const placed = [...new Set(seen)].filter((s) => /^DELETE FROM story_override_anchors/.test(s));
    assert.equal(placed.length, 1, seen.join('\n'));
    const plan = (store.db.prepare(`EXPLAIN QUERY PLAN ${placed[0]}`).all() as { detail: string }[]).map((r) => r.detail);
    for (const line of plan.filter((d) => /\bentries\b|\be\b/.test(d)))
      assert.match(line, /^SEARCH e USING INTEGER PRIMARY KEY/, plan.join('\n'));
    const story = await store.stories.get((await storyOf(24))!);
    assert.equal(store.db.prepare('SELECT headline FROM curation_overrides WHERE story_id = ?').pluck().get(story!.id), 'Edited');

    // The captured statements carry their values (expanded SQL).
    const byStory = [...new Set(seen)].filter(
      (s) => (/(UPDATE|FROM) entries\b/.test(s) && /story_id (= [\d.]+|IN \([\d.]+)/.test(s)) || /^DELETE FROM stories/.test(s),
    );
    const ran = (re: RegExp) =>
      assert.ok(
        byStory.some((s) => re.test(s)),
        `${re} not run:\n${byStory.join('\n')}`,
      );
    ran(/^UPDATE entries SET story_id = [\d.]+ WHERE story_id = [\d.]+$/);
    ran(/^UPDATE entries SET story_locked = 1 WHERE story_id = [\d.]+$/);
    ran(/story_id IN \([\d.]+, [\d.]+\) AND story_locked = 1\)/);
    ran(/^DELETE FROM stories/);
    for (const sql of byStory) assert.deepEqual(scans(store, sql), [], sql);
    // A merge points the stories merged into the old story at the new one, by index too.
    const redirects = [...new Set(seen)].filter((s) => /^UPDATE stories SET merged_into/.test(s));
    assert.ok(redirects.length >= 2, seen.join('\n')); // the editor's merge and the clusterer's
    for (const sql of redirects) assert.deepEqual(scans(store, sql, /^SCAN (stories|s)\b/), [], sql);
  } finally {
    await store.close();
  }
});
