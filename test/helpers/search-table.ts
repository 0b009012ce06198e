// A store holding a table of [key, title, text] entries, and the keys a query finds there: the
// shape the search-fold tests (v2, v3, the reading's prefix and phrase tests) each wrote again.
import { parseSearch } from '../../src/search/query.js';
import type { Store } from '../../src/store/store.js';
import { textEntry } from './entries.js';

/** [key, title, text]: the key is the entry's dedupe key, its fingerprint and its URL's path. */
export type StoredRow = [string, string, string];

/** `store` with `rows` saved under one source, the first newest (published `t0`, then a millisecond earlier each). */
export async function withRows(store: Store, rows: readonly StoredRow[], t0: number): Promise<Store> {
  const src = (await store.sources.add({ url: 'https://a.example/feed' })).source.id;
  await store.entries.saveBatch(
    src,
    rows.map(([key, title, text], i) =>
      textEntry({ dedupeKey: key, fingerprint: `fp-${key}`, url: `https://a.example/${key}` }, title, text, t0 - i),
    ),
  );
  return store;
}

/** The keys of the entries the store's search finds for the reader's query `q`, sorted. */
export async function searchKeys(store: Store, q: string): Promise<string[]> {
  return (await store.search.search({ ast: parseSearch(q).ast, limit: 20 })).hits.map((h) => h.entry.dedupeKey).sort();
}
