// The scenes the desk's "shown values" and "changed meanwhile" tests share: an entry to edit, a
// story of two articles to retitle, each form's fields as the page shows them, the note a form
// shows beside a field changed meanwhile, and the audit's count of one action.
import assert from 'node:assert/strict';
import type { Store } from '../../src/store/store.js';
import { newEntry } from '../helpers/entries.js';
import { entry } from '../web/helpers.js';
import { formFields, unescapeHtml } from './form-fields.js';

/** The source settings form's fields as the page shows them. */
export const sourceFields = (page: string): Record<string, string> => formFields(page, /action="\/desk\/sources\/\d+\/settings"/);
/** Entry `id`'s edit form's fields as the page shows them. */
export const entryFields = (page: string, id: number): Record<string, string> =>
  formFields(page, new RegExp(`action="/desk/curation/entries/${id}" class="edit"`));
/** Story `story`'s headline form's fields as the page shows them. */
export const storyFields = (page: string, story: number): Record<string, string> =>
  formFields(page, new RegExp(`action="/desk/curation/stories/${story}/headline"`));

/** The note beside field `name`, its text unescaped; undefined when there is none. */
export function noteOf(page: string, name: string): string | undefined {
  const m = new RegExp(`<span class="meanwhile" role="alert" data-meanwhile="${name}">([^<]*)</span>`).exec(page);
  return m ? unescapeHtml(m[1] ?? '') : undefined;
}

/** One entry of a feed source; its id. */
export async function seedEntry(store: Store): Promise<number> {
  const { source } = await store.sources.add({ url: 'https://news.example/feed.xml', kind: 'feed', title: 'News' });
  const [e] = (await store.entries.saveBatch(source.id, [newEntry('Original headline', 'Original text.', Date.UTC(2026, 11, 1))])).inserted;
  assert.ok(e);
  return e.id;
}

/** One story of two articles; its id. */
export async function oneStory(store: Store): Promise<number> {
  const wire = (await store.sources.add({ url: 'https://wire.example/feed.xml', title: 'Harbour Wire' })).source.id;
  const now = Date.now();
  await store.entries.saveBatch(wire, [
    entry('a', 'Harbour reopens after storm', 'The harbour reopened.', now - 3_600_000),
    entry('b', 'Storm damage at the harbour', 'The storm damaged the harbour.', now),
  ]);
  const ids = (await store.entries.list({ limit: 2 })).items.map((e) => e.id);
  await store.stories.assign(ids.map((entryId) => ({ entryId, storyKey: 'harbour' })));
  const [e] = await store.entries.getMany([ids[0]!]);
  assert.ok(e?.storyId);
  return e.storyId;
}

/** How many audit rows of `action` there are (at most 50). */
export const auditCount = async (store: Store, action: string): Promise<number> =>
  (await store.curation.audit({ action, limit: 50 })).items.length;

/** The store with `hook` run once just before the first call of `repo.method` (after the route's reads). */
export function hooked(store: Store, repo: 'sources' | 'curation', methods: readonly string[], hook: () => Promise<void>): Store {
  let armed = true;
  const inner = new Proxy(store[repo], {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function') return v;
      if (!methods.includes(String(prop))) return v.bind(target);
      return async (...args: unknown[]) => {
        if (armed) {
          armed = false;
          await hook();
        }
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return new Proxy(store, { get: (t, p, r) => (p === repo ? inner : Reflect.get(t, p, r)) });
}
