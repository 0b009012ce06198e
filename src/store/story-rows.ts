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
  outlet_name: string | null;
  outlet_url: string | null;
}

/** Coverage columns over an entries alias. */
export function coverageColumns(alias: string): string {
  return ['id', 'story_id', 'source_id', 'title', 'url', 'lang', 'dir', 'published_at', 'duplicate_of', 'outlet_name', 'outlet_url']
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
    // Present only when the item named one, as on Entry (store/rows.ts).
    ...(r.outlet_name ? { outletName: r.outlet_name, outletUrl: r.outlet_url ?? null } : {}),
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

/**
 * The copy made an article when its original goes: the earliest live copy of `original` (an SQL
 * expression) that no editor hid on its own, by publication time then id, or, when every one is so
 * hidden, the earliest live copy; `notSource`, when given, leaves out the copies of that source (a
 * source's removal: they go with it). One rule for an entry's removal and a source's.
 * Why not simply the earliest (r-removepromote): the other copies are re-pointed to the pick, and
 * a copy of a hidden article is hidden (hidden-live.ts notHiddenSql), so a pick an editor had hidden
 * on its own took every other copy off the public side with no editor's doing.
 * Read by the copies' index (entries_copies: original, published_at, id), each branch stopping at
 * its first row; the overrides by their key.
 */
export function earliestCopySql(original: string, notSource?: string): string {
  // Its own alias (\`pick\`), so that \`original\` may name a column of any outer alias.
  const other = notSource === undefined ? '' : ` AND pick.source_id <> ${notSource}`;
  const first = (
    extra: string,
  ) => `(SELECT pick.id FROM entries pick WHERE pick.duplicate_of = ${original} AND pick.deleted_at IS NULL${other}${extra}
    ORDER BY pick.published_at, pick.id LIMIT 1)`;
  // `ph.hidden` alone is a truth value in both dialects (BOOLEAN; INTEGER 0/1).
  return `COALESCE(${first(' AND NOT EXISTS (SELECT 1 FROM curation_overrides ph WHERE ph.entry_id = pick.id AND ph.hidden)')}, ${first('')})`;
}

/**
 * PostgreSQL: `FROM` the copies (alias `c`, those meeting `cond`) of the entries of `source`,
 * read from the source's entries (alias `o`) outward, one probe of the copies' index per entry
 * (a LATERAL subquery fenced by OFFSET 0, a range of one key as hidden-live.ts's copies). Written
 * `duplicate_of IN (the source's entries)`, a store where one wire article holds most copies had
 * it guessed at most of the table, and a small source's removal hashed every entry (r-removepromote;
 * test/store/postgres-removal-promote-plan). SQLite reads the IN from the source's entries already.
 */
function sourceCopiesPg(source: string, cond: string): string {
  return `FROM entries o CROSS JOIN LATERAL (SELECT * FROM entries c
      WHERE c.duplicate_of BETWEEN o.id AND o.id AND ${cond} OFFSET 0) c
    WHERE o.source_id = ${source}`;
}

/**
 * A source's removal, per original leaving with it, does what an entry's removal does
 * (p-removepromote): its earliest live copy in another source (earliestCopySql) is to be the
 * article, and every other copy in another source (tombstones too, as an entry's removal) is
 * re-pointed to that one here. One statement for all the source's originals, read from the
 * source's entries to their copies (no query per row). The pick is the same whether a dialect
 * reads it before the statement (PostgreSQL) or row by row as it writes (SQLite): the pick itself
 * is not written, and the rows moved are later than it, not live, or hidden on their own while it
 * is not (r-removepromote), so none would have been picked before it. After it, the live copies in
 * other sources still pointing into the source are exactly the picks: the pairs of the carried
 * hide (carry-hide.ts sourceCopyPairsSql) and promotedStoriesSql; then freeCopiesSql makes them
 * articles. `p(n)`: the n-th placeholder; every one takes the source id.
 */
export function repointCopiesSql(pg: boolean, p: (n: number) => string): string {
  if (pg) {
    // PostgreSQL: the source's copies (sourceCopiesPg) and each one's pick, read once, gathered into
    // two arrays and unnested side by side, so the rows written are found by key (the planner takes
    // an unnested array for a few rows). Before (p-removepromote) a subquery of the copies and their
    // picks was joined to entries, and with one wire article holding most copies the planner hashed
    // every entry to find the few written (r-removepromote, test/store/postgres-removal-promote-plan);
    // as a WHERE of the updated rows it had pushed "not the pick" down to a walk of every copy.
    return `UPDATE entries SET duplicate_of = k.copy_id
    FROM (SELECT unnest(a.ids) AS id, unnest(a.picks) AS copy_id FROM (
      SELECT array_agg(c.id) AS ids, array_agg(${earliestCopySql('c.duplicate_of', p(1))}) AS picks
      ${sourceCopiesPg(p(2), `c.source_id <> ${p(3)}`)}) a) k
    WHERE entries.id = k.id AND k.id <> k.copy_id`;
  }
  // SQLite: from the source's entries (entries_source_key) to their copies (entries_copies); as an
  // UPDATE … FROM it walked every copy in the store instead.
  const pick = earliestCopySql('entries.duplicate_of', p(1));
  return `UPDATE entries SET duplicate_of = ${pick}
    WHERE duplicate_of IN (SELECT o.id FROM entries o WHERE o.source_id = ${p(2)}) AND source_id <> ${p(3)} AND id <> ${pick}`;
}

/**
 * The stories of the live copies in other sources of a source's entries. After repointCopiesSql
 * (and before freeCopiesSql): the stories of the copies made articles, whose `articles` and lead
 * change though no entry of theirs leaves (a copy may be in another story than its original).
 * Before it: those and the other candidates' (PostgreSQL locks them before any write). `p(n)`:
 * the n-th placeholder; every one takes the source id.
 */
export function promotedStoriesSql(p: (n: number) => string, pg = false): string {
  if (pg)
    return `SELECT DISTINCT c.story_id ${sourceCopiesPg(p(1), `c.deleted_at IS NULL AND c.source_id <> ${p(2)} AND c.story_id IS NOT NULL`)}`;
  return `SELECT DISTINCT c.story_id FROM entries c
    WHERE c.duplicate_of IN (SELECT id FROM entries WHERE source_id = ${p(1)})
      AND c.deleted_at IS NULL AND c.source_id <> ${p(2)} AND c.story_id IS NOT NULL`;
}

/**
 * Copies of the entries leaving with a source that still copy them stand on their own (never left
 * pointing at nothing): after repointCopiesSql, the copy picked per original (now the article),
 * removed copies (tombstones) of an original with no live copy elsewhere, and copies leaving too.
 */
export function freeCopiesSql(p: (n: number) => string, pg = false): string {
  // PostgreSQL: the rows by key (see repointCopiesSql); as a join or an IN the planner hashed every entry.
  if (pg) return `UPDATE entries SET duplicate_of = NULL WHERE id = ANY(ARRAY(SELECT c.id ${sourceCopiesPg(p(1), 'TRUE')}))`;
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

/** How a dialect writes hiddenShareSql's probes. */
export interface HiddenShareDialect {
  /** SQLite's hints after `entries e`: the story's live entries by duplicate_of and language (entries_story_summary). */
  summary: string;
  /** … by source (entries_story_source, SQLite migration 36, PostgreSQL 37). */
  source: string;
  /** … by publication time (entries_story_published, same migrations). */
  published: string;
  /** SQLite's hint after `entries c`: a hidden article's copies in the listed stories (entries_story_summary: story, original). */
  copies: string;
  /**
   * PostgreSQL: the probes per (story, source) pair are sent as LATERAL subqueries with OFFSET 0,
   * and their EXISTS with OFFSET 0, so that the planner keeps them probes (SQLite keeps a CROSS
   * JOIN's order and runs a correlated EXISTS as written). With the statistics of a store whose one
   * story holds 50,000 entries, PostgreSQL otherwise hashed every entry and sighting of the store
   * once (90 ms) to answer 100 pairs, or walked the story for a source's sightings (80 ms).
   */
  fence: boolean;
}

/** PostgreSQL's: no hints, fenced probes. */
export const POSTGRES_HIDDEN_SHARE: HiddenShareDialect = { summary: '', source: '', published: '', copies: '', fence: true };

/**
 * StoryRepo.hiddenShare: per story of `list` (the dialect's list of story ids), its hidden live
 * entries, those that copy nothing, and the sources whose every entry or sighting in the story is
 * hidden. A live copy of a hidden article counts as hidden (r-hidden): the story page lists copies
 * under their original only, so it is listed nowhere (`own`: the editors' rows, `hid`: with the
 * hidden articles' copies in the listed stories, wherever the original is: r-copies). Read from the hidden entry overrides (few: an editor's) to their
 * entries and sightings, both materialised first, the overrides read first (CROSS JOIN keeps
 * SQLite's order: from the story's side it read every entry of a 50,000-entry story, 12 ms, with
 * nothing hidden; PostgreSQL without the materialised steps ran one test's query for minutes), so
 * that no plan starts from a story's entries. `yes`: the dialect's true (1 or TRUE).
 *
 * A (story, source) pair of a hidden entry is shown if a shown entry of the story was carried by
 * the source. Checked in two probes, in this order (CASE: the second only if the first finds
 * none): the source's own entries in the story (`entries_story_source`), passing over its hidden
 * ones only; then the source's sightings of other sources' entries (the sightings' source index,
 * to each entry by key). Before (c-hiddencost) the check walked the story's entries until that
 * source's first shown one: 1.1-1.4 s on SQLite and 2.9-3.8 s on PostgreSQL for 100 hidden
 * articles of a 50,000-entry story saved source by source (p-counts). The second probe reads every
 * sighting of the source, in any story, and is reached only for a source none of whose own entries
 * in the story is shown (a sighting of another source's entry: a second feed carrying the address).
 *
 * Rows of kind 'n' hold those counts. Rows of kind 'l' (p-counts) hold, per story with a hidden
 * entry and per language of its shown live entries, how many there are; rows of kind 's' its shown
 * first and last publication times. The stored summary takes both from every live entry, a hidden
 * one too. Shown: neither hidden nor a copy of a hidden entry. The languages are ordered by how
 * many shown entries carry each, so they are counted: `groups` counts the story's live entries per
 * (original copied, language) from its summary index alone (no row read, no probe per entry; the
 * one part of this statement that grows with the story); a group whose original is hidden is left
 * out (one probe per group), and so is each entry of `own` that is not in such a group. The span
 * is read from both ends of `entries_story_published`, past the unshown entries only. Before
 * (p-counts) both walked the story with two override probes per entry (50-200 ms at 50,000).
 *
 * `pairs` is read from `hid` outward (CROSS JOIN, p-counts): with statistics of a store of many
 * small stories, SQLite scanned every sighting of the store against `hid` (0.5-0.9 s at 55,000).
 */
export function hiddenShareSql(list: string, yes: string, d: HiddenShareDialect): string {
  const fence = d.fence ? ' OFFSET 0' : '';
  const hiddenKey = (key: string, c: string) =>
    `EXISTS (SELECT 1 FROM curation_overrides ${c} WHERE ${c}.entry_id = ${key} AND ${c}.hidden = ${yes})`;
  const shown = (c: string) =>
    `NOT EXISTS (SELECT 1 FROM curation_overrides ${c} WHERE ${c}.entry_id IN (e.id, e.duplicate_of) AND ${c}.hidden = ${yes})`;
  const edge = (dir: string) => `(SELECT e.published_at FROM entries e${d.published}
      WHERE e.story_id = st.story_id AND e.deleted_at IS NULL AND ${shown('c5')}
      ORDER BY e.published_at ${dir} LIMIT 1)`;
  // Another source's entry that `source` sighted: from the source's sightings to each entry by key.
  const seenWhere = `e.id = g.entry_id AND e.story_id = p.story_id AND e.source_id <> p.source_id AND e.deleted_at IS NULL AND ${shown('c3')}`;
  const seen = d.fence
    ? `SELECT 1 FROM sightings g CROSS JOIN LATERAL (SELECT e.id FROM entries e WHERE ${seenWhere} OFFSET 0) e WHERE g.source_id = p.source_id OFFSET 0`
    : `SELECT 1 FROM sightings g CROSS JOIN entries e WHERE g.source_id = p.source_id AND ${seenWhere}`;
  // PostgreSQL counts each story's groups in the index's order (GroupAggregate, no hash: 7-9 ms
  // instead of ~30 at 50,000 entries); SQLite's CROSS JOIN walks the same index.
  const groups = d.fence
    ? `SELECT st.story_id AS story_id, g.dup AS dup, g.lang AS lang, g.n AS n FROM st CROSS JOIN LATERAL (
        SELECT e.duplicate_of AS dup, e.lang AS lang, COUNT(*) AS n FROM entries e
        WHERE e.story_id = st.story_id AND e.deleted_at IS NULL GROUP BY e.duplicate_of, e.lang) g`
    : `SELECT st.story_id AS story_id, e.duplicate_of AS dup, e.lang AS lang, COUNT(*) AS n
        FROM st CROSS JOIN entries e${d.summary} WHERE e.story_id = st.story_id AND e.deleted_at IS NULL
        GROUP BY st.story_id, e.duplicate_of, e.lang`;
  // The hidden entries, from the overrides to each entry by key. PostgreSQL, with a list given as
  // a parameter (`unnest($1)`, guessed one row) and stories of a few entries on average, otherwise
  // walked the listed story's 50,000 entries probing the overrides for each (95-155 ms).
  const ownWhere = `h.id = co.entry_id AND h.deleted_at IS NULL AND h.story_id IN (${list})`;
  const own = d.fence
    ? `SELECT h.id, h.story_id, h.duplicate_of, h.lang FROM curation_overrides co CROSS JOIN LATERAL (
        SELECT h.id, h.story_id, h.duplicate_of, h.lang FROM entries h WHERE ${ownWhere} OFFSET 0) h
      WHERE co.hidden = ${yes} AND co.entry_id IS NOT NULL`
    : `SELECT h.id, h.story_id, h.duplicate_of, h.lang FROM curation_overrides co CROSS JOIN entries h
      WHERE co.hidden = ${yes} AND co.entry_id IS NOT NULL AND ${ownWhere}`;
  // The live copies in the listed stories of every hidden article, in its story or not (r-copies:
  // a copy kept in another story than its original, hidden with it everywhere since p-copies,
  // still counted in its own story's size, sources, languages and dates), a probe of the copies'
  // index per hidden entry override. PostgreSQL: fenced per override (read by key first, as
  // `own`; unfenced it walked the story's index for each hidden entry: 2.6 s for 200).
  const copiesWhere = `${d.fence ? 'c.duplicate_of BETWEEN cc.entry_id AND cc.entry_id' : 'c.duplicate_of = cc.entry_id'} AND c.deleted_at IS NULL AND c.story_id IN (${list})`;
  const copies = d.fence
    ? `SELECT c.id, c.story_id, c.duplicate_of FROM curation_overrides cc CROSS JOIN LATERAL (
        SELECT c.id, c.story_id, c.duplicate_of FROM entries c WHERE ${copiesWhere} OFFSET 0) c
      WHERE cc.hidden = ${yes} AND cc.entry_id IS NOT NULL`
    : `SELECT c.id, c.story_id, c.duplicate_of FROM curation_overrides cc CROSS JOIN entries c${d.copies}
      WHERE cc.hidden = ${yes} AND cc.entry_id IS NOT NULL AND ${copiesWhere}`;
  return `WITH own AS MATERIALIZED (${own}),
    hid AS MATERIALIZED (SELECT id, story_id, duplicate_of FROM own
      UNION ${copies}),
    pairs AS MATERIALIZED (SELECT DISTINCT hid.story_id, g.source_id FROM hid CROSS JOIN sightings g WHERE g.entry_id = hid.id),
    st AS MATERIALIZED (SELECT DISTINCT story_id FROM hid),
    groups AS MATERIALIZED (${groups})
  SELECT 'n' AS kind, x.story_id AS story_id, SUM(x.size) AS size, SUM(x.articles) AS articles, SUM(x.sources) AS sources,
      NULL AS lang, CAST(NULL AS BIGINT) AS lo, CAST(NULL AS BIGINT) AS hi FROM (
    SELECT hid.story_id AS story_id, COUNT(*) AS size, SUM(CASE WHEN hid.duplicate_of IS NULL THEN 1 ELSE 0 END) AS articles, 0 AS sources
      FROM hid GROUP BY hid.story_id
    UNION ALL
    SELECT p.story_id AS story_id, 0 AS size, 0 AS articles, COUNT(*) AS sources FROM pairs p
      WHERE NOT CASE
        WHEN EXISTS (SELECT 1 FROM entries e${d.source} CROSS JOIN sightings g
          WHERE e.story_id = p.story_id AND e.source_id = p.source_id AND e.deleted_at IS NULL
            AND g.entry_id = e.id AND g.source_id = p.source_id AND ${shown('c2')}${fence}) THEN TRUE
        ELSE EXISTS (${seen}) END
      GROUP BY p.story_id
  ) x GROUP BY x.story_id
  UNION ALL
  SELECT 'l' AS kind, y.story_id AS story_id, SUM(y.n) AS size, 0 AS articles, 0 AS sources, y.lang AS lang, NULL AS lo, NULL AS hi
    FROM (SELECT g.story_id AS story_id, g.lang AS lang, g.n AS n FROM groups g
        WHERE g.lang IS NOT NULL AND (g.dup IS NULL OR NOT ${hiddenKey('g.dup', 'c4')})
      UNION ALL
      SELECT o.story_id AS story_id, o.lang AS lang, -1 AS n FROM own o
        WHERE o.lang IS NOT NULL AND (o.duplicate_of IS NULL OR NOT ${hiddenKey('o.duplicate_of', 'c6')})) y
    GROUP BY y.story_id, y.lang HAVING SUM(y.n) > 0
  UNION ALL
  SELECT 's' AS kind, st.story_id AS story_id, 0 AS size, 0 AS articles, 0 AS sources, NULL AS lang,
      ${edge('ASC')} AS lo, ${edge('DESC')} AS hi
    FROM st`;
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
    const h = r.kind === 'n' ? undefined : out.get(Number(r.story_id));
    if (!h) continue;
    // 's': the shown span (none when nothing of the story is shown); 'l': one shown language.
    if (r.kind === 's') {
      if (r.lo === null || r.hi === null) continue;
      h.firstPublished = Number(r.lo);
      h.lastPublished = Number(r.hi);
      continue;
    }
    if (r.lang === null) continue;
    const list = counts.get(Number(r.story_id)) ?? [];
    list.push({ lang: r.lang, n: Number(r.size) });
    counts.set(Number(r.story_id), list);
  }
  setLanguages(out, counts);
  return out;
}

/**
 * Sets each story's languages from its per-language counts: most entries first, then by code
 * point, the order of the stored summary (LANGUAGES, both dialects).
 */
export function setLanguages(out: Map<number, HiddenShare>, counts: Map<number, { lang: string; n: number }[]>): void {
  for (const [id, list] of counts) {
    list.sort((a, b) => b.n - a.n || (a.lang < b.lang ? -1 : a.lang > b.lang ? 1 : 0));
    const h = out.get(id);
    if (h) h.languages = list.map((x) => x.lang);
  }
}
