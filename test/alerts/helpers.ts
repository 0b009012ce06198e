// Shared by the alert and topic-store tests: a store on a temporary file, entries, and a matcher
// compiled from a topics document written here.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Entry, NewEntry } from '../../src/domain/entry.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { parseTopics, type TopicDefinition } from '../../src/topics/definition.js';
import { compileTopics, type TopicMatcher } from '../../src/topics/matcher.js';

export function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'newsdesk-alerts-')), 'test.db');
}

export async function openStore(path = tempDbPath()): Promise<SqliteStore> {
  return SqliteStore.open({ path });
}

let n = 0;
export function newEntry(title: string, text: string, publishedAt: number): NewEntry {
  n++;
  return {
    dedupeKey: `k-${n}-${title}`,
    fingerprint: `fp-${n}-${title}`,
    url: `https://news.example/story/${n}`,
    title,
    author: null,
    contentHtml: `<p>${text}</p>`,
    text,
    lang: 'en',
    dir: 'ltr',
    publishedAt,
    updatedAt: null,
  };
}

export async function addEntries(store: SqliteStore, items: NewEntry[]): Promise<Entry[]> {
  const { source } = await store.sources.add({ url: `https://news.example/feed-${++n}.xml` });
  const res = await store.entries.saveBatch(source.id, items);
  return res.inserted;
}

export interface CompiledTopics {
  parsed: TopicDefinition[];
  raw: unknown[];
  matcher: TopicMatcher;
}

/** Topics from raw objects (as a topics.json would hold them), compiled with the real matcher. */
export function compile(raw: unknown[]): CompiledTopics {
  const res = parseTopics(JSON.stringify({ topics: raw }));
  if (!res.ok) throw new Error(`bad test topics: ${JSON.stringify(res.errors)}`);
  return { parsed: res.topics, raw, matcher: compileTopics(res.topics) };
}

export const MEK = {
  id: 'mek',
  name: "People's Mojahedin Organization of Iran",
  entities: [
    {
      name: 'Mojahedin-e Khalq',
      aliases: ["People's Mojahedin Organization of Iran"],
      acronyms: ['MEK', 'PMOI'],
      context: ['Iran', 'Rajavi'],
    },
  ],
};

export const SOLAR = {
  id: 'solar',
  name: 'Solar power',
  entities: [{ name: 'solar power', aliases: ['photovoltaic', 'solar panels'] }],
};
