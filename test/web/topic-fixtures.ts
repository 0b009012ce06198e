// Topic fixtures for web tests: the sample topics (samples/topics.yaml) applied to a populated
// store the way a running server applies them — stored, then history re-tagged in the background.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Retagger } from '../../src/jobs/retag.js';
import type { SqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/store.js';
import { TopicRegistry } from '../../src/topics/registry.js';
import { BASE_TIME, entry, HOUR, populatedStore } from './helpers.js';

// test/web → repository root (the same from dist/test/web).
const root = new URL(import.meta.url.includes('/dist/') ? '../../../' : '../../', import.meta.url);
export const SAMPLE_TOPICS_FILE = fileURLToPath(new URL('samples/topics.yaml', root));
export const sampleTopics = (): string => readFileSync(SAMPLE_TOPICS_FILE, 'utf8');

/** Stores the topics and waits until every stored entry has been re-tagged with them. */
export async function defineTopics(store: Store, source: string): Promise<void> {
  const registry = new TopicRegistry();
  const r = registry.replaceFromSource(source);
  if (!r.ok) throw new Error(`test topics do not parse: ${JSON.stringify(r.errors)}`);
  const applied = await new Retagger(store).apply(registry.topics, registry.matcher);
  const report = await applied.retagged;
  if (report.error) throw new Error(report.error);
}

export const LONG_LEAD =
  'Farmers in Diyala province asked a court on Sunday to return orchards and grazing land that were fenced off decades ago. ' +
  'They brought deeds, maps and the testimony of older villagers, and said the land had been taken without payment. ' +
  'Officials in the provincial council said the case had been waiting for a hearing for more than three years, and that the ministry had lost two files. ';

/**
 * The populated store plus topic-page cases: a story whose lead does not name the group (it is
 * named deep in the text, beside markup-like text), hard negatives, and an unrelated court story.
 */
export async function topicStore<S extends Store = SqliteStore>(
  open?: () => Promise<S>,
): Promise<{ store: S; wire: number; ids: Record<string, number> }> {
  const { store, ids } = await populatedStore(open);
  await store.entries.saveBatch(ids.wire, [
    entry(
      'deep',
      'Diyala farmers ask for their land back',
      `${LONG_LEAD}The plots were held by the MKO <script>alert(1)</script> until 2012, Iraqi officials said.`,
      BASE_TIME - 5 * HOUR,
    ),
    entry(
      'solvent',
      'MEK solvent spill closes river path',
      'A tanker leaked MEK, a solvent used in paints, near the river. The path stays closed.',
      BASE_TIME - 6 * HOUR,
    ),
    entry(
      'reformist',
      'Mojahedin of the Islamic Revolution hold congress in Tehran',
      'The reformist Mojahedin of the Islamic Revolution Organization held its congress in Tehran on Friday.',
      BASE_TIME - 7 * HOUR,
    ),
    entry('court', 'Court fines harbour operator over spill', 'A court fined the harbour operator for the spill.', BASE_TIME - 8 * HOUR),
  ]);
  const all = await store.entries.list({ limit: 100 });
  const byKey: Record<string, number> = {};
  for (const e of all.items) byKey[e.dedupeKey] = e.id;
  return { store, wire: ids.wire, ids: byKey };
}
