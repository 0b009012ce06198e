// Entries for store tests: plain-text stories with their paragraph as HTML, in English unless
// `extra` says otherwise.
import type { Entry, NewEntry } from '../../src/domain/entry.js';
import type { Store } from '../../src/store/store.js';

/** A story whose identity (dedupe key, fingerprint, URL) the caller picks. */
export function textEntry(
  id: Pick<NewEntry, 'dedupeKey' | 'fingerprint' | 'url'>,
  title: string,
  text: string,
  publishedAt: number,
  extra: Partial<NewEntry> = {},
): NewEntry {
  return {
    ...id,
    title,
    author: null,
    contentHtml: `<p>${text}</p>`,
    text,
    lang: 'en',
    dir: 'ltr',
    publishedAt,
    updatedAt: null,
    ...extra,
  };
}

let n = 0;

/** A story with a fresh identity on every call (no two collide within a test run). */
export function newEntry(title: string, text: string, publishedAt: number): NewEntry {
  n++;
  return textEntry(
    { dedupeKey: `k-${n}-${title}`, fingerprint: `fp-${n}-${title}`, url: `https://news.example/story/${n}` },
    title,
    text,
    publishedAt,
  );
}

/** Saves `items` under a new source of their own; returns the entries inserted. */
export async function addEntries(store: Store, items: NewEntry[]): Promise<Entry[]> {
  const { source } = await store.sources.add({ url: `https://news.example/feed-${++n}.xml` });
  return (await store.entries.saveBatch(source.id, items)).inserted;
}
