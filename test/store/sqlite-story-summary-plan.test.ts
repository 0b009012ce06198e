// A story's summary (size, articles, sources, languages, lead, …) is recounted from its own entries
// through the story index, whatever SQLite's statistics say. Statistics taken while no entry had a
// story yet (every story_id NULL: one "story" seems to hold them all) made the planner read every
// entry once per story instead; the store's statements keyed by a story now name the index.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { textEntry } from '../helpers/entries.js';

const T0 = Date.UTC(2026, 2, 1, 8);

function planOf(store: SqliteStore, sql: string): string {
  const params = (sql.match(/\?/g) ?? []).map(() => 1);
  return (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
}

test('the story summary and the reads keyed by a story search the story index after ANALYZE taken with no story assigned', async () => {
  const seen: string[] = [];
  const store = await SqliteStore.open({ path: ':memory:', onQuery: (sql) => seen.push(sql) });
  try {
    const src = (await store.sources.add({ url: 'https://plan.example/feed.xml' })).source.id;
    const items = Array.from({ length: 300 }, (_, i) =>
      textEntry(
        { dedupeKey: `k${i}`, fingerprint: `f${i}`, url: `https://plan.example/a/${i}` },
        `Report ${i}`,
        `Text ${i}.`,
        T0 + i * 60_000,
        { canonicalUrl: `https://plan.example/c/${i}` },
      ),
    );
    const ids = (await store.entries.saveBatch(src, items, T0)).inserted.map((e) => e.id);
    // Statistics while every entry's story_id is NULL (a seed, or a desk before its first clustering).
    store.db.exec('ANALYZE');
    seen.length = 0;
    await store.stories.assign(ids.slice(0, 20).map((id, i) => ({ entryId: id, storyKey: `s${i % 4}` })));
    const story = (await store.entries.get(ids[0]!))!.storyId!;
    await store.stories.coverage([story], 3);
    await store.stories.articles(story, 0, 10);
    await store.stories.list({ limit: 20, topicId: 'harbour' });
    // A second source carrying three of the articles: its sightings count in their stories at once.
    const other = (await store.sources.add({ url: 'https://other.example/feed.xml' })).source.id;
    const again = items
      .slice(0, 3)
      .map((it, i) => ({ ...it, dedupeKey: `o${i}`, fingerprint: `of${i}`, url: `https://other.example/a/${i}` }));
    assert.equal((await store.entries.saveBatch(other, again, T0)).sighted, 3);
    const keyed = seen.filter((s) => /story_id = (s|stories)\.id|story_id = \?|story_id = x\.value/.test(s));
    assert.ok(
      keyed.some((s) => /^UPDATE stories AS s SET size/.test(s)),
      seen.join('\n'),
    );
    for (const sql of keyed) {
      const plan = planOf(store, sql);
      assert.doesNotMatch(
        plan,
        /SCAN (e|g|c|entries)\b(?! USING (COVERING )?INDEX entries_story)|USING INDEX entries_newest/,
        `${sql}\n${plan}`,
      );
    }
    // A story's entries are the outer loop: not every entry of a topic, or every sighting of a source, per story.
    const byTopic = seen.find((s) => /JOIN entry_topics t ON t.entry_id = e.id WHERE e.story_id = stories.id/.test(s));
    assert.ok(byTopic, seen.join('\n'));
    assert.match(planOf(store, byTopic), /SEARCH e USING INDEX entries_story_summary \(story_id=\?\) \| SEARCH t/, byTopic);
    const counted = seen.find((s) => /^UPDATE stories SET sources = sources \+ 1/.test(s));
    assert.ok(counted, seen.join('\n'));
    const countPlan = planOf(store, counted);
    assert.match(countPlan, /SEARCH n USING INTEGER PRIMARY KEY/, `${counted}\n${countPlan}`);
    assert.match(
      countPlan,
      /SEARCH e USING INDEX entries_story_summary \(story_id=\?\)( \|[^|]*)*? \| SEARCH g/,
      `${counted}\n${countPlan}`,
    );
    const summary = seen.find((s) => /^UPDATE stories AS s SET size/.test(s))!;
    assert.match(planOf(store, summary), /SEARCH e USING (COVERING )?INDEX entries_story_(summary|articles)/, summary);
  } finally {
    await store.close();
  }
});
