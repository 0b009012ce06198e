// The small store the plan tests ask their planners about (test/store/sqlite-row-reads.test.ts,
// postgres-row-reads.test.ts): one source, 200 entries of one long text a minute apart, a quarter
// of them tagged with one topic. Each dialect's test then takes its own statistics and plans.
import type { Entry } from '../../src/domain/entry.js';
import type { ExtractMode } from '../../src/domain/source.js';
import type { Store } from '../../src/store/store.js';
import { textEntry } from './entries.js';

export async function seedPlanEntries(
  store: Pick<Store, 'sources' | 'entries' | 'topics'>,
  opts: { extractMode?: ExtractMode; textRepeat: number },
): Promise<Entry[]> {
  const { source } = await store.sources.add({
    url: 'https://plan.example/feed.xml',
    ...(opts.extractMode ? { extractMode: opts.extractMode } : {}),
  });
  const text = 'The council met on Monday. '.repeat(opts.textRepeat);
  const { inserted } = await store.entries.saveBatch(
    source.id,
    Array.from({ length: 200 }, (_, i) =>
      textEntry({ dedupeKey: `k${i}`, fingerprint: `f${i}`, url: `https://plan.example/${i}` }, `Story ${i}`, text, 1e12 + i * 60_000),
    ),
  );
  const match = { field: 'title' as const, start: 0, end: 5, text: 'Story', alias: 'Story', entity: 'acme', reason: 'name' };
  await store.topics.setEntriesTopics(
    inserted
      .filter((_, i) => i % 4 === 0)
      .map((e) => ({ entryId: e.id, publishedAt: e.publishedAt, tags: [{ topicId: 'acme', matches: [match] }] })),
  );
  return inserted;
}
