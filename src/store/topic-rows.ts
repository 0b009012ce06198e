// Pure pieces of the topic repos that the SQL dialects share: row mapping (JSON decoding differs
// per dialect and is passed in) and the whole-UTC-day range behind countsPerDay.
import type { DayCount, EntryTagging, RetagStatus, TopicMatch, TopicRecord } from './topics.js';

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
      rows.push({ topicId: t.topicId, entryId: it.entryId, publishedAt: it.publishedAt, matches: t.matches });
    }
  }
  return rows;
}
