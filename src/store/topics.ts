// The topic-tag contract: which entries each topic matched and why, and the stored topic
// definitions with their re-tag progress. A definition's hash changing is what starts a re-tag,
// so stories stored before a topic existed (or before it gained an alias) reach its page.
import { createHash } from 'node:crypto';
import type { RetagProgress, TopicTag } from '../domain/topic.js';

export type { RetagProgress, RetagStatus, TopicMatch, TopicTag } from '../domain/topic.js';

/** One entry's tags, as written by a re-tag batch. */
export interface EntryTagging {
  entryId: number;
  publishedAt: number;
  tags: TopicTag[];
}

export interface TopicDefinitionInput {
  id: string;
  /** The topic as written in topics.yaml/JSON (JSON-serialisable). */
  definition: unknown;
  /**
   * Hash of what decides the topic's tags; default: definitionHash(definition). Give one computed
   * from the matching part only, so that editing a description or alert settings re-tags nothing.
   */
  hash?: string;
}

export interface TopicRecord {
  id: string;
  definition: unknown;
  /** sha256 of the definition's canonical JSON. */
  hash: string;
  updatedAt: number;
  retag: RetagProgress;
}

export interface TopicSyncResult {
  added: string[];
  changed: string[];
  unchanged: string[];
  removed: string[];
}

/** TopicRepo.counts' range (publication times, [since, until)) and whether hidden entries count. */
export interface TopicCountRange {
  since?: number | undefined;
  until?: number | undefined;
  withHidden?: boolean | undefined;
}

export interface DayCount {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  count: number;
}

export interface TopicCount {
  topicId: string;
  count: number;
}

export interface TopicLatest {
  entryId: number;
  title: string;
  publishedAt: number;
}

export interface RetagStep {
  id: string;
  /** The definition hash the work was done with: progress of a since-changed topic is dropped. */
  hash: string;
  afterId: number;
  doneDelta: number;
}

export interface TopicRepo {
  /**
   * Replaces all of an entry's topic tags in one transaction. Returns the topics the entry was not
   * tagged with before (what alerts fire on).
   */
  setEntryTopics(entryId: number, publishedAt: number, tags: TopicTag[], now?: number): Promise<{ added: string[] }>;
  /**
   * setEntryTopics for many entries in one transaction (the tagging of one check): each entry's
   * tags are replaced by its own list; an entry listed twice keeps the later list.
   */
  setEntriesTopics(items: EntryTagging[], now?: number): Promise<void>;
  /** Re-tag write: for each entry, replaces its tags of `topicIds` only, leaving other topics' tags. */
  retagBatch(items: EntryTagging[], topicIds: string[], now?: number): Promise<void>;
  /** What matched in an entry, per topic (the "explain" view). */
  entryTopics(entryId: number): Promise<TopicTag[]>;
  /**
   * entryTopics for a page of entries in one query: each entry's tags (of `topicId` only, when
   * given), ordered by topic id. Entries without tags are absent from the map.
   */
  tagsFor(entryIds: number[], topicId?: string): Promise<Map<number, TopicTag[]>>;
  /**
   * Live entries per UTC day over [since, until), every day present (zero when none): the coverage
   * chart. Entries the public listings leave out (hidden by an editor, themselves or through their
   * story) are not counted (p-counts).
   */
  countsPerDay(topicId: string, since: number, until: number): Promise<DayCount[]>;
  /**
   * Topic ids that tag at least one live entry the public is shown, with their counts, most first
   * (entries hidden by an editor, themselves or through their story, are not counted: p-counts).
   * With a range, only entries published in [since, until) count (a week's coverage of every
   * topic in one query). `withHidden`: every live tagged entry, hidden ones too (an operator's
   * count of what a topic tags, as `newsdesk retag` reports it; r-counts).
   */
  counts(range?: TopicCountRange): Promise<TopicCount[]>;
  /** The newest live entry of each of these topics, in one query (topic cards); topics with none are absent. */
  latest(topicIds: string[]): Promise<Map<string, TopicLatest>>;

  /**
   * Stores the given definitions as the complete set: new or changed ones (by hash) are marked for
   * re-tagging, missing ones are removed with their tags.
   */
  syncDefinitions(defs: TopicDefinitionInput[], now?: number): Promise<TopicSyncResult>;
  /** Adds or replaces one definition (web UI); `changed` when its hash differs from the stored one. */
  saveDefinition(def: TopicDefinitionInput, now?: number): Promise<{ record: TopicRecord; changed: boolean }>;
  removeDefinition(id: string): Promise<boolean>;
  getDefinition(id: string): Promise<TopicRecord | undefined>;
  listDefinitions(): Promise<TopicRecord[]>;

  /** Topics whose tags are not yet up to date with their definition. */
  retagPending(): Promise<TopicRecord[]>;
  /** Marks topics (all when no ids) for re-tagging from the first entry. Returns how many. */
  requestRetag(ids?: string[]): Promise<number>;
  /** Marks a pending topic running with the number of entries to do (no-op if its hash moved on). */
  startRetag(id: string, hash: string, total: number, now?: number): Promise<void>;
  recordRetag(steps: RetagStep[]): Promise<void>;
  finishRetag(id: string, hash: string, now?: number): Promise<void>;
}

/** JSON with object keys sorted, so that reformatting a topics file does not count as a change. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The hash stored with a topic definition: what decides that its tags are out of date. */
export function definitionHash(definition: unknown): string {
  return createHash('sha256').update(canonicalJson(definition)).digest('hex');
}
