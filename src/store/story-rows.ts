// Row ⇄ domain mapping of the story tables, shared by the SQL dialects (JSON decoding passed in,
// as in rows.ts), and the one SQL text both dialects use to recompute a story's summary.
import type { TextDirection } from '../domain/entry.js';
import { DEFAULT_DESK_SETTINGS } from './desk.js';
import type {
  ClusterCheck,
  ClusterInput,
  CoverageItem,
  EntryEdit,
  HiddenShare,
  ReclusterProgress,
  ReclusterRetake,
  ReclusterStatus,
  Sighting,
  Story,
} from './stories.js';
import { LEAD_MIN_TEXT } from './stories.js';

export interface StoryRow<Json> {
  id: number;
  key: string;
  lead_entry_id: number | null;
  headline: string;
  first_published: number | null;
  last_published: number | null;
  size: number;
  articles: number;
  sources: number;
  languages: Json;
  merged_into: number | null;
  created_at: number;
  updated_at: number;
}

export const STORY_COLUMNS =
  'id, key, lead_entry_id, headline, first_published, last_published, size, articles, sources, languages, merged_into, created_at, updated_at';

export function toStory<Json>(r: StoryRow<Json>, languages: (v: Json) => string[]): Story {
  return {
    id: r.id,
    key: r.key,
    leadEntryId: r.lead_entry_id,
    headline: r.headline,
    firstPublished: r.first_published,
    lastPublished: r.last_published,
    size: r.size,
    articles: r.articles,
    sources: r.sources,
    languages: languages(r.languages),
    mergedInto: r.merged_into,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export interface CoverageRow {
  id: number;
  story_id: number;
  source_id: number;
  title: string;
  url: string | null;
  lang: string | null;
  dir: string;
  published_at: number;
  duplicate_of: number | null;
}

/** Coverage columns over an entries alias. */
export function coverageColumns(alias: string): string {
  return ['id', 'story_id', 'source_id', 'title', 'url', 'lang', 'dir', 'published_at', 'duplicate_of']
    .map((c) => `${alias}.${c}`)
    .join(', ');
}

export function toCoverage(r: CoverageRow): CoverageItem {
  return {
    entryId: r.id,
    storyId: r.story_id,
    sourceId: r.source_id,
    title: r.title,
    url: r.url,
    lang: r.lang,
    dir: r.dir as TextDirection,
    publishedAt: r.published_at,
    duplicateOf: r.duplicate_of,
  };
}

export interface SightingRow {
  entry_id: number;
  source_id: number;
  first_seen: number;
  url: string | null;
  title: string;
}

export function toSighting(r: SightingRow): Sighting {
  return { entryId: r.entry_id, sourceId: r.source_id, firstSeen: r.first_seen, url: r.url, title: r.title };
}

export interface EditRow {
  entry_id: number;
  source_id: number;
  changed_at: number;
  title_before: string;
  title_after: string;
  url_before: string | null;
  url_after: string | null;
}

export function toEdit(r: EditRow): EntryEdit {
  return {
    entryId: r.entry_id,
    sourceId: r.source_id,
    changedAt: r.changed_at,
    titleBefore: r.title_before,
    titleAfter: r.title_after,
    urlBefore: r.url_before,
    urlAfter: r.url_after,
  };
}

export interface ClusterInputRow {
  id: number;
  source_id: number;
  title: string;
  text: string;
  url: string | null;
  lang: string | null;
  published_at: number;
  story_key: string | null;
  duplicate_of: number | null;
  /** 0/1 on SQLite, a boolean on PostgreSQL. */
  story_locked: number | boolean;
}

export function toClusterInput(r: ClusterInputRow): ClusterInput {
  return {
    entryId: r.id,
    sourceId: r.source_id,
    title: r.title,
    text: r.text,
    url: r.url,
    lang: r.lang,
    publishedAt: r.published_at,
    storyKey: r.story_key,
    duplicateOf: r.duplicate_of,
    locked: r.story_key !== null && Boolean(r.story_locked),
  };
}

export interface ReclusterRow {
  status: string;
  total: number;
  done: number;
  after_published: number | null;
  after_id: number | null;
  started_at: number | null;
  updated_at: number | null;
  finished_at: number | null;
  lease_owner?: string | null;
  lease_job?: number | null;
  lease_until?: number | null;
  lease_generation?: number | null;
}

/** The progress row's columns, named (PostgreSQL prepares the reads). */
export const RECLUSTER_COLUMNS =
  'status, total, done, after_published, after_id, started_at, updated_at, finished_at, lease_owner, lease_job, lease_until, lease_generation';

/**
 * The story step's check (StoryRepo.clusterCheck) as one statement: the progress row (with the
 * editors' curation counter and the removals counter) and the desk's setting, each absent until first written. Plain SQL on
 * both dialects.
 */
export const CLUSTER_CHECK = `SELECT ${RECLUSTER_COLUMNS.split(', ')
  .map((c) => `r.${c}`)
  .join(', ')}, r.curation, r.removals, d.cluster_places
  FROM (SELECT 1 AS one) x LEFT JOIN story_recluster r ON r.id = 1 LEFT JOIN desk_settings d ON d.id = 1`;

/**
 * Raises the editors' curation counter (ClusterCheck.curation) by one, in the caller's transaction
 * (a merge or a split). An upsert, as the row may be absent in a store copied from an older one.
 */
export const CURATION_BUMP = `INSERT INTO story_recluster (id, curation) VALUES (1, 1)
  ON CONFLICT (id) DO UPDATE SET curation = story_recluster.curation + 1`;

/**
 * Raises the removals counter (ClusterCheck.removals) by one, in the caller's transaction (an entry
 * deleted, a source removed with its entries). An upsert, as CURATION_BUMP.
 */
export const REMOVAL_BUMP = `INSERT INTO story_recluster (id, removals) VALUES (1, 1)
  ON CONFLICT (id) DO UPDATE SET removals = story_recluster.removals + 1`;

/** A source's live entries (one placeholder, the source id, `?` or `$1`), as entries.count({sourceId}) counts them. */
export const liveEntriesSql = (p: string): string => `SELECT COUNT(*) AS n FROM entries WHERE deleted_at IS NULL AND source_id = ${p}`;

/**
 * A fenced batch write's answer (StoryRepo.recordRecluster) from the generation and curation
 * counter its UPDATE returned, against what the run knows: true when neither tells it anything new.
 */
export function recordAnswer(
  row: { generation: number | string; curation: number | string | null },
  known: { generation: number; curation?: number | undefined },
): true | ReclusterRetake {
  const generation = Number(row.generation);
  const curation = Number(row.curation ?? 0);
  const retaken = generation !== known.generation;
  const moved = known.curation !== undefined && curation !== known.curation;
  if (!retaken && !moved) return true;
  return { retaken, generation, ...(moved ? { curation } : {}) };
}

export function toClusterCheck(
  r:
    | (Omit<ReclusterRow, 'status'> & {
        status: string | null;
        curation: number | null;
        removals: number | string | null;
        cluster_places: number | boolean | null;
      })
    | undefined,
): ClusterCheck {
  const places = r?.cluster_places ?? null;
  return {
    progress: toRecluster(r && r.status !== null ? { ...r, status: r.status } : undefined),
    clusterPlaces: places === null ? DEFAULT_DESK_SETTINGS.clusterPlaces : places === true || places === 1,
    curation: Number(r?.curation ?? 0),
    removals: Number(r?.removals ?? 0),
  };
}

export function toRecluster(r: ReclusterRow | undefined): ReclusterProgress {
  if (!r)
    return {
      status: 'idle',
      total: 0,
      done: 0,
      after: null,
      startedAt: null,
      updatedAt: null,
      finishedAt: null,
      lease: null,
      generation: 0,
    };
  return {
    status: r.status as ReclusterStatus,
    total: r.total,
    done: r.done,
    after: r.after_published === null || r.after_id === null ? null : { publishedAt: r.after_published, entryId: r.after_id },
    startedAt: r.started_at,
    updatedAt: r.updated_at,
    finishedAt: r.finished_at,
    lease: r.lease_owner == null || r.lease_until == null ? null : { owner: r.lease_owner, job: r.lease_job ?? null, until: r.lease_until },
    generation: r.lease_generation ?? 0,
  };
}

/**
 * Index hints the dialect appends after `entries e` in the summary's subqueries (SQLite names its
 * story indexes, so statistics taken while few entries had a story cannot turn each subquery into a
 * read of every entry; PostgreSQL passes none). `all` for the counts, `lead` for the lead's oldest three.
 */
export interface SummaryIndexes {
  all: string;
  lead: string;
}

/**
 * The summary columns of `stories` (alias s) as expressions over its live entries. `languages` is
 * the dialect's aggregate of the languages, most entries first. The lead is read from the story's
 * first three articles only (see Story.leadEntryId). `languages` may hold `$INDEX` (the hint `all`).
 */
export function summarySets(languages: string, textLength: string, index: SummaryIndexes = { all: '', lead: '' }): string {
  const live = 'e.story_id = s.id AND e.deleted_at IS NULL';
  const lead = `(SELECT f.id FROM (SELECT e.id, e.published_at, ${textLength} AS len FROM entries e${index.lead}
      WHERE ${live} AND e.duplicate_of IS NULL ORDER BY e.published_at, e.id LIMIT 3) f
    ORDER BY CASE WHEN f.len >= ${LEAD_MIN_TEXT} THEN 0 ELSE 1 END, f.published_at, f.id LIMIT 1)`;
  return [
    `size = (SELECT COUNT(*) FROM entries e${index.all} WHERE ${live})`,
    `articles = (SELECT COUNT(*) FROM entries e${index.all} WHERE ${live} AND e.duplicate_of IS NULL)`,
    `first_published = (SELECT MIN(e.published_at) FROM entries e${index.all} WHERE ${live})`,
    `last_published = (SELECT MAX(e.published_at) FROM entries e${index.all} WHERE ${live})`,
    `sources = (SELECT COUNT(DISTINCT g.source_id) FROM sightings g JOIN entries e${index.all} ON e.id = g.entry_id WHERE ${live})`,
    `languages = ${languages.replaceAll('$INDEX', index.all).replaceAll('$LIVE', live)}`,
    `lead_entry_id = ${lead}`,
  ].join(',\n    ');
}

/**
 * Before a source is removed: its entries that other sources also carried (sightings) pass to the
 * source that saw them first after it, so removing one feed never removes an article another feed
 * still carries. `p(n)` is the dialect's n-th placeholder; every placeholder takes the source id.
 */
export function handOverSql(p: (n: number) => string): string {
  const next = `(SELECT g.source_id FROM sightings g WHERE g.entry_id = entries.id AND g.source_id <> ${p(1)}
      ORDER BY g.first_seen, g.source_id LIMIT 1)`;
  return `UPDATE entries SET source_id = ${next}
    WHERE source_id = ${p(2)} AND deleted_at IS NULL AND ${next} IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM entries x WHERE x.source_id = ${next} AND x.dedupe_key = entries.dedupe_key)`;
}

/** Copies of the entries leaving with a source stand on their own (they are never left pointing at nothing). */
export function freeCopiesSql(p: (n: number) => string): string {
  return `UPDATE entries SET duplicate_of = NULL WHERE duplicate_of IN (SELECT id FROM entries WHERE source_id = ${p(1)})`;
}

/**
 * A source's new sightings counted in their stories at once (`sources` is otherwise only recounted
 * when the story's entries change): each story holding one of the newly sighted entries `entries`
 * (the dialect's list of their ids) gains one source unless another live entry of the story was
 * already carried by the same source. Exact, so no recount is needed: a story counts each source
 * once, and every new sighting of one batch is by the same source. `p(n)`: the n-th placeholder;
 * 1 takes the time, 2 the source id. `hint`: the dialect's index hints, after `entries n` (the new
 * entries, read by id) and `entries e` (a story's entries, read by its index, outside the join with
 * the sightings: `join`): SQLite's statistics taken while few entries had a story otherwise walked
 * the story index, or every sighting of the source per story.
 */
export function countSightingsSql(
  p: (n: number) => string,
  entries: string,
  hint: { byId: string; byStory: string; join: string } = { byId: '', byStory: '', join: 'JOIN' },
): string {
  return `UPDATE stories SET sources = sources + 1, updated_at = ${p(1)}
    WHERE id IN (SELECT n.story_id FROM entries n${hint.byId} WHERE n.id IN (${entries}) AND n.deleted_at IS NULL AND n.story_id IS NOT NULL)
      AND NOT EXISTS (SELECT 1 FROM entries e${hint.byStory} ${hint.join} sightings g ON g.entry_id = e.id
        WHERE e.story_id = stories.id AND e.deleted_at IS NULL AND g.source_id = ${p(2)} AND e.id NOT IN (${entries}))`;
}

/**
 * The stories whose `sources` a source's removal changes: those of the entries it carried, its own
 * and those it sighted (its sightings go with it, and an entry handed over to another source stays
 * in its story with one source fewer). `p(n)`: the n-th placeholder; every one takes the source id.
 */
export function sourceStoriesSql(p: (n: number) => string): string {
  return `SELECT story_id FROM entries WHERE source_id = ${p(1)} AND story_id IS NOT NULL
    UNION SELECT e.story_id FROM sightings g JOIN entries e ON e.id = g.entry_id WHERE g.source_id = ${p(2)} AND e.story_id IS NOT NULL`;
}

/**
 * StoryRepo.hiddenShare: per story of `list` (the dialect's list of story ids), its hidden live
 * entries, those that copy nothing, and the sources whose every entry or sighting in the story is
 * hidden. A live copy of a hidden article counts as hidden (r-hidden): the story page lists copies
 * under their original only, so it is listed nowhere (`own`: the editors' rows, `hid`: with their
 * copies, by the copies' index). Read from the hidden entry overrides (few: an editor's) to their entries and sightings,
 * both materialised first, the overrides read first (CROSS JOIN keeps SQLite's order: from the
 * story's side it read every entry of a 50,000-entry story, 12 ms, with nothing hidden; PostgreSQL
 * without the materialised steps ran one test's query for minutes), so that no plan starts from a
 * story's entries; a (story, source) pair of
 * a hidden entry is then checked against the story's shown entries (its index, and the sightings'
 * key), stopping at the first. `yes`: the dialect's true (1 or TRUE).
 *
 * Rows of kind 'n' hold those counts; rows of kind 'l' (p-counts) hold, per story with a hidden
 * entry and per language of its shown live entries (null: none given), how many there are and
 * their first and last publication times: the story's shown languages and span, which the stored
 * summary takes from every live entry, a hidden one too. That part walks the story's entries once
 * (its summary index, `summaryIndex`: the dialect's hint after `entries e`), only for a story
 * where something is hidden: the languages are ordered by how many shown entries carry each, so
 * no stored figure spares the walk. Shown: neither hidden nor a copy of a hidden entry (two probes
 * of the overrides' entry key, as the sources' check; `NOT IN (SELECT id FROM hid)` took ~0.4 s
 * over 50,000 entries on SQLite).
 *
 * `pairs` is read from `hid` outward (CROSS JOIN, p-counts): with statistics of a store of many
 * small stories, SQLite scanned every sighting of the store against `hid` (0.5-0.9 s at 55,000).
 */
export function hiddenShareSql(list: string, yes: string, summaryIndex = ''): string {
  return `WITH own AS MATERIALIZED (
      SELECT h.id, h.story_id, h.duplicate_of FROM curation_overrides co CROSS JOIN entries h
      WHERE h.id = co.entry_id AND co.hidden = ${yes} AND co.entry_id IS NOT NULL AND h.deleted_at IS NULL AND h.story_id IN (${list})),
    hid AS MATERIALIZED (SELECT id, story_id, duplicate_of FROM own
      UNION SELECT c.id, c.story_id, c.duplicate_of FROM own CROSS JOIN entries c
      WHERE c.duplicate_of = own.id AND c.deleted_at IS NULL AND c.story_id = own.story_id),
    pairs AS MATERIALIZED (SELECT DISTINCT hid.story_id, g.source_id FROM hid CROSS JOIN sightings g WHERE g.entry_id = hid.id),
    st AS MATERIALIZED (SELECT DISTINCT story_id FROM own)
  SELECT 'n' AS kind, x.story_id AS story_id, SUM(x.size) AS size, SUM(x.articles) AS articles, SUM(x.sources) AS sources,
      NULL AS lang, NULL AS lo, NULL AS hi FROM (
    SELECT hid.story_id AS story_id, COUNT(*) AS size, SUM(CASE WHEN hid.duplicate_of IS NULL THEN 1 ELSE 0 END) AS articles, 0 AS sources
      FROM hid GROUP BY hid.story_id
    UNION ALL
    SELECT p.story_id AS story_id, 0 AS size, 0 AS articles, COUNT(*) AS sources FROM pairs p
      WHERE NOT EXISTS (SELECT 1 FROM entries e JOIN sightings g ON g.entry_id = e.id AND g.source_id = p.source_id
        WHERE e.story_id = p.story_id AND e.deleted_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM curation_overrides c2 WHERE c2.entry_id IN (e.id, e.duplicate_of) AND c2.hidden = ${yes}))
      GROUP BY p.story_id
  ) x GROUP BY x.story_id
  UNION ALL
  SELECT 'l' AS kind, st.story_id AS story_id, COUNT(*) AS size, 0 AS articles, 0 AS sources,
      e.lang AS lang, MIN(e.published_at) AS lo, MAX(e.published_at) AS hi
    FROM st CROSS JOIN entries e${summaryIndex}
    WHERE e.story_id = st.story_id AND e.deleted_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM curation_overrides c3 WHERE c3.entry_id IN (e.id, e.duplicate_of) AND c3.hidden = ${yes})
    GROUP BY st.story_id, e.lang`;
}

/** StoryRepo.hiddenCopies: per original of `list`, its hidden live copies, read from the hidden overrides. */
export function hiddenCopiesSql(list: string, yes: string): string {
  return `SELECT c.duplicate_of AS id, COUNT(*) AS n FROM curation_overrides co CROSS JOIN entries c
    WHERE c.id = co.entry_id AND co.hidden = ${yes} AND co.entry_id IS NOT NULL AND c.deleted_at IS NULL
      AND c.duplicate_of IN (${list})
    GROUP BY c.duplicate_of`;
}

/** A row of hiddenShareSql (counts come as strings from PostgreSQL). */
export interface HiddenShareRow {
  kind: string;
  story_id: number | string;
  size: number | string;
  articles: number | string;
  sources: number | string;
  lang: string | null;
  lo: number | string | null;
  hi: number | string | null;
}

/** hiddenShareSql's rows as StoryRepo.hiddenShare answers them, by story id. */
export function toHiddenShares(rows: readonly HiddenShareRow[]): Map<number, HiddenShare> {
  const out = new Map<number, HiddenShare>();
  for (const r of rows) {
    if (r.kind !== 'n') continue;
    out.set(Number(r.story_id), {
      size: Number(r.size),
      articles: Number(r.articles),
      sources: Number(r.sources),
      languages: [],
      firstPublished: null,
      lastPublished: null,
    });
  }
  const counts = new Map<number, { lang: string; n: number }[]>();
  for (const r of rows) {
    const h = r.kind === 'l' ? out.get(Number(r.story_id)) : undefined;
    if (!h) continue;
    const lo = Number(r.lo);
    const hi = Number(r.hi);
    h.firstPublished = h.firstPublished === null ? lo : Math.min(h.firstPublished, lo);
    h.lastPublished = h.lastPublished === null ? hi : Math.max(h.lastPublished, hi);
    if (r.lang === null) continue;
    const list = counts.get(Number(r.story_id)) ?? [];
    list.push({ lang: r.lang, n: Number(r.size) });
    counts.set(Number(r.story_id), list);
  }
  // Most entries first, then by code point: the order of the stored summary (LANGUAGES, both dialects).
  for (const [id, list] of counts) {
    list.sort((a, b) => b.n - a.n || (a.lang < b.lang ? -1 : a.lang > b.lang ? 1 : 0));
    out.get(id)!.languages = list.map((x) => x.lang);
  }
  return out;
}
