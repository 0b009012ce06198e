// Pure pieces of the topic repos that the SQL dialects share: row mapping (JSON decoding differs
// per dialect and is passed in) and the whole-UTC-day range behind countsPerDay.
import type { DayCount, EntryTagging, RetagStatus, TopicCount, TopicMatch, TopicRecord, TopicTag } from './topics.js';
import { matchTotal } from '../domain/topic.js';
import { hiddenLiveSql, probe } from './hidden-live.js';

export const DAY_MS = 86_400_000;
/** Longest range countsPerDay fills day by day (ten years); a wider request is a caller bug. */
export const MAX_DAYS = 3660;

export interface TopicRow<Json> {
  id: string;
  definition: Json;
  hash: string;
  updated_at: number;
  retag_status: string;
  retag_after_id: number;
  retag_total: number;
  retag_done: number;
  retag_started_at: number | null;
  retag_finished_at: number | null;
}

export function toTopicRecord<Json>(r: TopicRow<Json>, definition: unknown): TopicRecord {
  return {
    id: r.id,
    definition,
    hash: r.hash,
    updatedAt: r.updated_at,
    retag: {
      status: r.retag_status as RetagStatus,
      afterId: r.retag_after_id,
      total: r.retag_total,
      done: r.retag_done,
      startedAt: r.retag_started_at,
      finishedAt: r.retag_finished_at,
    },
  };
}

/**
 * The day numbers (ms / DAY_MS) from `since` to `until`, widened to whole UTC days so the first
 * and last bars are full; undefined for an empty range. Throws RangeError past MAX_DAYS.
 */
export function dayRange(since: number, until: number): { first: number; last: number } | undefined {
  const first = Math.floor(since / DAY_MS);
  const last = Math.ceil(until / DAY_MS) - 1;
  if (last < first) return undefined;
  if (last - first + 1 > MAX_DAYS) {
    throw new RangeError(`countsPerDay: ${last - first + 1} days asked; ask for at most ${MAX_DAYS} days at a time`);
  }
  return { first, last };
}

/** One count per day of the range, 0 for days missing from `byDay`. */
export function fillDays(first: number, last: number, byDay: Map<number, number>): DayCount[] {
  const out: DayCount[] = [];
  for (let d = first; d <= last; d++) out.push({ day: utcDay(d * DAY_MS), count: byDay.get(d) ?? 0 });
  return out;
}

function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** One stored tag: a topic on an entry, with its matches. */
export interface TagRow {
  topicId: string;
  entryId: number;
  publishedAt: number;
  matches: TopicMatch[];
  /** Matches the entry holds (matchTotal): stored beside the kept ones. */
  total: number;
}

/**
 * A stored tag as read back: its matches and their total (`match_total`; NULL on rows written
 * before p-matchcap, which kept every match, so theirs is their length).
 */
export function storedTag(topicId: string, matches: TopicMatch[], total: number | string | null): TopicTag {
  return { topicId, matches, total: Math.max(total === null ? 0 : Number(total), matches.length) };
}

/**
 * The tag rows of these entries: each topic once per entry (its first tag wins), and with `only`,
 * only those topics. Both dialects write exactly these rows.
 */
export function tagRows(items: readonly EntryTagging[], only?: ReadonlySet<string>): TagRow[] {
  const rows: TagRow[] = [];
  for (const it of items) {
    const seen = new Set<string>();
    for (const t of it.tags) {
      if (seen.has(t.topicId) || (only && !only.has(t.topicId))) continue;
      seen.add(t.topicId);
      rows.push({ topicId: t.topicId, entryId: it.entryId, publishedAt: it.publishedAt, matches: t.matches, total: matchTotal(t) });
    }
  }
  return rows;
}

/**
 * The tags of the hidden live entries (hiddenLiveSql) per `group` (an expression over the tags
 * `t`: the topic, or the day), with `where` over `t`: what the topic cards' counts and the coverage
 * chart take off their counts of every live tagged entry (p-counts). A statement of its own, so the
 * counts' statements keep reading indexes only (test/store/*-row-reads); this one reads the rows of
 * the hidden entries only, driven by the editors' rows, then their tags by the tags' entry index.
 * Columns `k` and `n`. `pg`: PostgreSQL (see `probe`).
 */
export function hiddenTagsSql(pg: boolean, group: string, where: readonly string[]): string {
  const tags = probe(pg, 'entry_topics', 't', 't.entry_id = h.id');
  return `WITH hidden AS MATERIALIZED (${hiddenLiveSql(pg)})
    SELECT ${group} AS k, COUNT(*) AS n FROM hidden h ${tags.join}
    ${[...tags.where, ...where].length ? `WHERE ${[...tags.where, ...where].join(' AND ')}` : ''} GROUP BY ${group}`;
}

/**
 * Topic counts less their hidden share (hiddenTagsSql's rows, by topic id): topics left with none
 * dropped, the rest most first, then by id in code point order (both dialects' order).
 */
export function shownTopicCounts(all: readonly TopicCount[], hidden: readonly { k: string; n: number | string }[]): TopicCount[] {
  if (hidden.length === 0) return [...all];
  const off = new Map(hidden.map((h) => [h.k, Number(h.n)]));
  return all
    .map((c) => ({ topicId: c.topicId, count: c.count - (off.get(c.topicId) ?? 0) }))
    .filter((c) => c.count > 0)
    .sort((a, b) => b.count - a.count || (a.topicId < b.topicId ? -1 : a.topicId > b.topicId ? 1 : 0));
}
