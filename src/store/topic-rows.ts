// Pure pieces of the topic repos that the SQL dialects share: row mapping (JSON decoding differs
// per dialect and is passed in) and the whole-UTC-day range behind countsPerDay.
import type { DayCount, EntryTagging, RetagStatus, TopicCount, TopicMatch, TopicRecord } from './topics.js';

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

/**
 * `FROM`/`JOIN` of `table alias` on `cond`, driven by the rows already on the left, each probing
 * the table's index: SQLite keeps a CROSS JOIN's order and loops; PostgreSQL took the few hidden
 * rows for as many as a CTE may hold and hashed the whole table (a seq scan of 50,000 tags for one
 * hidden entry, 20 ms), so there a LATERAL subquery with OFFSET 0 (not flattened) keeps the loop.
 */
function probe(pg: boolean, table: string, alias: string, cond: string, sqliteIndex = ''): { join: string; where: string[] } {
  return pg
    ? { join: `CROSS JOIN LATERAL (SELECT * FROM ${table} ${alias} WHERE ${cond} OFFSET 0) ${alias}`, where: [] }
    : { join: `CROSS JOIN ${table} ${alias}${sqliteIndex && ` INDEXED BY ${sqliteIndex}`}`, where: [cond] };
}

/**
 * The live entries the public listings leave out (the dialects' HIDDEN: an editor hid the entry,
 * or its story, or, while it has no story, the story it was parked from), read from the editors'
 * rows (few) to the entries by key, or by a hidden story's index: never by walking the tags.
 * UNION: an entry hidden twice over is one. `pg`: PostgreSQL (see `probe`).
 */
function hiddenLiveSql(pg: boolean): string {
  const yes = pg ? 'TRUE' : '1';
  const byKey = (from: string, key: string, extra: string) => {
    const p = probe(pg, 'entries', 'h', `h.id = ${key} AND h.deleted_at IS NULL${extra}`);
    return `SELECT h.id FROM ${from} ${p.join} WHERE ${[`${from.split(' ')[1]}.hidden = ${yes}`, ...p.where].join(' AND ')}`;
  };
  // A hidden story's entries by its summary index (partial on live entries, so no row is read).
  const byStory = probe(pg, 'entries', 'h', 'h.story_id = cs.story_id AND h.deleted_at IS NULL', 'entries_story_summary');
  return `${byKey('curation_overrides co', 'co.entry_id', '')}
    UNION SELECT h.id FROM curation_overrides cs ${byStory.join}
      WHERE ${[`cs.hidden = ${yes}`, 'cs.story_id IS NOT NULL', ...byStory.where].join(' AND ')}
    UNION ${byKey('story_override_anchors sa', 'sa.entry_id', ' AND h.story_id IS NULL')}`;
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
