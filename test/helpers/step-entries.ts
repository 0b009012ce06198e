// What the story step's tests (split-live, split-unheld, removal-live, removal-batch-race) share:
// a clock three hours back on a whole minute, and articles saved under a headline whose first word
// the clusterer double reads as their story, each test on its own host so their addresses never meet.
import type { Store } from '../../src/store/store.js';
import { textEntry } from './entries.js';

/** Three hours ago, on a whole minute: inside the step's window, a minute (`MIN`) apart per article. */
export const T0 = Math.floor(Date.now() / 60_000) * 60_000 - 3 * 3_600_000;
export const MIN = 60_000;

/** Saves one article titled `title` at `at` from `source` on `https://<host>/…`; its entry id. */
export function titledSaver(host: string): (store: Store, source: number, title: string, at: number) => Promise<number> {
  return async (store, source, title, at) => {
    const n = `${title.replace(/\W+/gu, '-')}-${at}`;
    const [e] = (
      await store.entries.saveBatch(source, [
        textEntry({ dedupeKey: n, fingerprint: `f${n}`, url: `https://${host}/${n}` }, title, `Text of ${title}.`, at),
      ])
    ).inserted;
    return e!.id;
  };
}

/** The story entry `id` stands in now (null: none, or the entry is gone). */
export async function storyOf(store: Store, id: number): Promise<number | null> {
  const [e] = await store.entries.getMany([id]);
  return e?.storyId ?? null;
}
