import type { Database } from 'better-sqlite3';
import type {
  ClusterCheck,
  ClusterCursor,
  ClusterInput,
  CoverageItem,
  EntryEdit,
  HiddenShare,
  ReclusterFence,
  ReclusterHolder,
  ReclusterLeaseTake,
  ReclusterProgress,
  ReclusterQuiet,
  PlacedEntry,
  ReclusterRetake,
  StandIn,
  Sighting,
  Story,
  StoryAssignmentInput,
  StoryListQuery,
  StoryPage,
  StoryRepo,
} from '../stories.js';
import {
  CLUSTER_CHECK,
  recordAnswer,
  CURATION_BUMP,
  coverageColumns,
  STORY_COLUMNS,
  summarySets,
  toClusterCheck,
  toClusterInput,
  toCoverage,
  toEdit,
  toRecluster,
  toSighting,
  toStory,
  type ClusterInputRow,
  type CoverageRow,
  type EditRow,
  type ReclusterRow,
  type SightingRow,
  type StoryRow,
  type HiddenShareDialect,
  hiddenShareSql,
  hiddenCopiesSql,
  type HiddenShareRow,
  toHiddenShares,
} from '../story-rows.js';
import { DECISION_LIST, DECISION_UPSERT, decisionOf } from '../curation-rows.js';
import { StatementCache } from './statements.js';
import { notHiddenSql } from '../hidden-live.js';
import { DEFAULT_STORY_TURN_WAIT_MS, settledWithin, TurnQueue } from '../story-turn.js';

/** The lease is the holder's (owner, then job or null, bound in that order): the fence of every write of a leased run. */
const HELD_BY = 'lease_owner = ? AND lease_job IS ?';

/**
 * A fenced write's retake (ReclusterRetake): the generation raised when the lease had run out at the
 * write's `now` (its one parameter). SET reads the row as it was.
 */
const RETAKE = 'lease_generation = lease_generation + (CASE WHEN lease_until <= ? THEN 1 ELSE 0 END)';

/** A fenced renewal of the lease to `until` (parameters: until, now, then the holder's). */
const RENEW = `UPDATE story_recluster SET lease_until = ?, ${RETAKE} WHERE id = 1 AND ${HELD_BY} AND lease_generation = ?
  RETURNING lease_generation AS generation, curation`;

/**
 * The fence of a leased run's writes as SQL and its values: the lease names the holder and, for a
 * ReclusterFence, still has the generation the run took.
 */
function heldBy(holder: ReclusterHolder | ReclusterFence): { where: string; params: unknown[] } {
  return 'generation' in holder
    ? { where: `${HELD_BY} AND lease_generation = ?`, params: [holder.owner, holder.job, holder.generation] }
    : { where: HELD_BY, params: [holder.owner, holder.job] };
}

function languages(v: string): string[] {
  try {
    const a: unknown = JSON.parse(v);
    return Array.isArray(a) ? a.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Overrides parked while re-clustering (see \`clear\`) move onto the new story of their entry once
 * these assignments place it. When two parked decisions land in one story, the latest edit wins.
 * The anchors placed are found by their entry's row (an \`IN (SELECT id FROM entries WHERE story_id
 * IS NOT NULL)\` listed every entry with a story, once per batch while anchors were parked).
 */
function reattachOverrides(sql: StatementCache, items: readonly StoryAssignmentInput[]): void {
  const list = JSON.stringify(items.map((it) => it.entryId));
  const parked = sql.get('SELECT 1 FROM story_override_anchors WHERE entry_id IN (SELECT value FROM json_each(?)) LIMIT 1');
  if (parked.get(list) === undefined) return;
  sql
    .get(
      `INSERT INTO curation_overrides (story_id, ${DECISION_LIST})
       SELECT COALESCE(s.merged_into, s.id), ${decisionOf('a')}
       FROM story_override_anchors a JOIN entries e ON e.id = a.entry_id JOIN stories s ON s.id = e.story_id
       WHERE a.entry_id IN (SELECT value FROM json_each(?))
       ORDER BY a.updated_at DESC
       ON CONFLICT (story_id) DO NOTHING`,
    )
    .run(list);
  sql
    .get(
      `DELETE FROM story_override_anchors WHERE entry_id IN (SELECT value FROM json_each(?))
         AND EXISTS (SELECT 1 FROM entries e WHERE e.id = story_override_anchors.entry_id AND e.story_id IS NOT NULL)`,
    )
    .run(list);
}

const LANGUAGES = `(SELECT json_group_array(lang) FROM (SELECT e.lang, COUNT(*) AS n FROM entries e$INDEX
    WHERE $LIVE AND e.lang IS NOT NULL GROUP BY e.lang ORDER BY n DESC, e.lang))`;

/**
 * The summary reads a story's entries through its indexes, named: with statistics taken while
 * (almost) no entry had a story, SQLite's planner otherwise took story_id for useless and read every
 * entry, or walked the whole date index, once per story (p-storyplan).
 */
const STORY_INDEXES = { all: ' INDEXED BY entries_story_summary', lead: ' INDEXED BY entries_story_articles' };

/** hiddenShareSql's probes by the story's indexes, named so that a plan never falls back to a walk of the story. */
const HIDDEN_SHARE_INDEXES: HiddenShareDialect = {
  summary: STORY_INDEXES.all,
  source: ' INDEXED BY entries_story_source',
  published: ' INDEXED BY entries_story_published',
  copies: STORY_INDEXES.all,
  fence: false,
};

/** A copy `c` that no editor hid (one probe of the overrides' unique entry index). */
const NOT_HIDDEN_COPY = 'NOT EXISTS (SELECT 1 FROM curation_overrides co WHERE co.entry_id = c.id AND co.hidden = 1)';

/** Recomputes the summaries of these stories (after assignments, merges or a removed entry). */
export function refreshStories(sql: StatementCache, ids: readonly number[], now: number): void {
  if (ids.length === 0) return;
  const list = JSON.stringify([...new Set(ids)]);
  sql
    .get(
      `UPDATE stories AS s SET ${summarySets(LANGUAGES, 'length(e.text)', STORY_INDEXES)}, updated_at = ? WHERE s.id IN (SELECT value FROM json_each(?))`,
    )
    .run(now, list);
  sql
    .get(
      `UPDATE stories SET headline = COALESCE((SELECT title FROM entries WHERE id = stories.lead_entry_id), headline)
       WHERE id IN (SELECT value FROM json_each(?))`,
    )
    .run(list);
}

/** The story turn's queue per database file (or in-memory database) in this process (StoryRepo.clusterTurn). */
const storyTurns = new Map<object | string, TurnQueue>();

export class SqliteStoryRepo implements StoryRepo {
  private readonly sql: StatementCache;

  constructor(private readonly db: Database) {
    this.sql = new StatementCache(db);
  }

  async assign(items: readonly StoryAssignmentInput[], now = Date.now(), quiet?: ReclusterQuiet): Promise<boolean> {
    if (items.length === 0) return true;
    if (!quiet) {
      this.db.transaction(() => this.writeAssignments(items, now))();
      return true;
    }
    // IMMEDIATE: the write lock from BEGIN, so no take of the lease lands between check and writes.
    return this.db
      .transaction((): boolean => {
        const generation = this.sql.get('SELECT lease_generation FROM story_recluster WHERE id = 1').pluck().get() as number | undefined;
        if ((generation ?? 0) !== quiet.generation) return false;
        this.writeAssignments(items, now);
        return true;
      })
      .immediate();
  }

  /** The writes of `assign`, inside the caller's transaction. */
  private writeAssignments(items: readonly StoryAssignmentInput[], now: number): void {
    if (items.length === 0) return;
    const ensure = this.sql.get(
      `INSERT INTO stories (key, created_at, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET updated_at = excluded.updated_at RETURNING id, merged_into`,
    );
    const byKey = this.sql.get('SELECT id, merged_into FROM stories WHERE key = ?');
    const current = this.sql.get('SELECT story_id, deleted_at FROM entries WHERE id = ?');
    // Never onto a removed entry's tombstone, and never a copy of one (c-leftovers): the original
    // named is kept only while it is live (a copy of a tombstone would be hidden from every list).
    const setEntry = this.sql.get(
      `UPDATE entries SET story_id = ?, duplicate_of = (SELECT d.id FROM entries d WHERE d.id = ? AND d.deleted_at IS NULL)
       WHERE id = ? AND story_locked = 0 AND deleted_at IS NULL`,
    );
    // A story an editor shaped (merged, split: its entries are locked) or decided about (an override)
    // is not bridged by the clusterer; an editor can still merge it.
    const shaped = this.sql.get(
      `SELECT 1 WHERE EXISTS (SELECT 1 FROM entries WHERE story_id IN (?, ?) AND story_locked = 1)
         OR EXISTS (SELECT 1 FROM curation_overrides WHERE story_id IN (?, ?))`,
    );
    const moveEntries = this.sql.get('UPDATE entries SET story_id = ? WHERE story_id = ?');
    const redirect = this.sql.get('UPDATE stories SET merged_into = ? WHERE id = ? OR merged_into = ?');
    const touched = new Set<number>();
    const written: StoryAssignmentInput[] = [];
    for (const it of items) {
      // An entry removed after the clusterer was handed it (after the step's or the run's check) is
      // left out whole: no story made for it, no story bridged through its text (c-leftovers). The
      // removal raised the removals counter, so the clusterer that answered forgets it at its next check.
      const entry = current.get(it.entryId) as { story_id: number | null; deleted_at: number | null } | undefined;
      if (!entry || entry.deleted_at !== null) continue;
      written.push(it);
      const row = ensure.get(it.storyKey, now, now) as { id: number; merged_into: number | null };
      // A key merged away earlier lives on in the story it was merged into.
      const target = row.merged_into ?? row.id;
      for (const key of it.merged ?? []) {
        const m = byKey.get(key) as { id: number; merged_into: number | null } | undefined;
        if (!m) continue;
        const from = m.merged_into ?? m.id;
        if (from === target) continue;
        if (shaped.get(from, target, from, target) !== undefined) continue;
        moveEntries.run(target, from);
        redirect.run(target, from, from);
        touched.add(from);
      }
      const before = entry.story_id;
      if (before !== null && before !== target) touched.add(before);
      setEntry.run(target, it.duplicateOf ?? null, it.entryId);
      touched.add(target);
    }
    refreshStories(this.sql, [...touched], now);
    reattachOverrides(this.sql, written);
  }

  async get(id: number): Promise<Story | undefined> {
    const row = this.sql.get(`SELECT ${STORY_COLUMNS} FROM stories WHERE id = ?`).get(id) as StoryRow<string> | undefined;
    return row && toStory(row, languages);
  }

  async getMany(ids: readonly number[]): Promise<Map<number, Story>> {
    if (ids.length === 0) return new Map();
    const rows = this.sql
      .get(`SELECT ${STORY_COLUMNS} FROM stories WHERE id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify([...new Set(ids)])) as StoryRow<string>[];
    return new Map(rows.map((r) => [r.id, toStory(r, languages)]));
  }

  async list(q: StoryListQuery): Promise<StoryPage> {
    const limit = Math.max(1, Math.min(q.limit, 200));
    const where = ['merged_into IS NULL', 'size > 0'];
    const params: unknown[] = [];
    if (q.topicId !== undefined) {
      where.push(
        `EXISTS (SELECT 1 FROM entries e INDEXED BY entries_story_summary JOIN entry_topics t ON t.entry_id = e.id WHERE e.story_id = stories.id AND t.topic_id = ? AND e.deleted_at IS NULL${q.shown ? ` AND ${notHiddenSql(false, 'e')}` : ''})`,
      );
      params.push(q.topicId);
    }
    if (q.after) where.push('(last_published, id) < (?, ?)'), params.push(q.after.lastPublished, q.after.id);
    const rows = this.sql
      .get(`SELECT ${STORY_COLUMNS} FROM stories WHERE ${where.join(' AND ')} ORDER BY last_published DESC, id DESC LIMIT ?`)
      .all(...params, limit + 1) as StoryRow<string>[];
    const more = rows.length > limit;
    if (more) rows.pop();
    const items = rows.map((r) => toStory(r, languages));
    const last = items[items.length - 1];
    return more && last ? { items, older: { lastPublished: last.lastPublished ?? 0, id: last.id } } : { items };
  }

  async coverage(storyIds: readonly number[], perStory: number): Promise<Map<number, CoverageItem[]>> {
    const out = new Map<number, CoverageItem[]>();
    if (storyIds.length === 0 || perStory <= 0) return out;
    // Per story, one walk of its newest-first index that stops after perStory articles. CROSS JOIN
    // keeps the story list outside: statistics taken before stories existed otherwise put every entry
    // outside, running the per-story walk once per entry (p-storyplan).
    const rows = this.sql
      .get(
        `SELECT ${coverageColumns('e')} FROM json_each(?) x CROSS JOIN entries e ON e.id IN (
           SELECT c.id FROM entries c WHERE c.story_id = x.value AND c.deleted_at IS NULL AND c.duplicate_of IS NULL
           ORDER BY c.published_at DESC, c.id DESC LIMIT ?)
         ORDER BY e.story_id, e.published_at DESC, e.id DESC`,
      )
      .all(JSON.stringify([...new Set(storyIds)]), perStory) as CoverageRow[];
    for (const r of rows) push(out, r.story_id, toCoverage(r));
    return out;
  }

  async firstShown(storyIds: readonly number[]): Promise<Map<number, CoverageItem>> {
    if (storyIds.length === 0) return new Map();
    // The story list outside (CROSS JOIN), each story's articles by its own index, oldest first.
    const rows = this.sql
      .get(
        `SELECT ${coverageColumns('e')} FROM json_each(?) x CROSS JOIN entries e ON e.id = (
           SELECT c.id FROM entries c${STORY_INDEXES.lead} WHERE c.story_id = x.value AND c.deleted_at IS NULL AND c.duplicate_of IS NULL
             AND NOT EXISTS (SELECT 1 FROM curation_overrides co WHERE co.entry_id = c.id AND co.hidden = 1)
           ORDER BY c.published_at, c.id LIMIT 1)`,
      )
      .all(JSON.stringify([...new Set(storyIds)])) as CoverageRow[];
    return new Map(rows.map((r) => [r.story_id, toCoverage(r)]));
  }

  async hiddenShare(storyIds: readonly number[]): Promise<Map<number, HiddenShare>> {
    if (storyIds.length === 0) return new Map();
    // The list twice: the hidden entries of the stories, and the hidden articles' copies in them.
    const list = JSON.stringify([...new Set(storyIds)]);
    const rows = this.sql
      .get(hiddenShareSql('SELECT value FROM json_each(?)', '1', HIDDEN_SHARE_INDEXES))
      .all(list, list) as HiddenShareRow[];
    return toHiddenShares(rows);
  }

  async hiddenCopies(entryIds: readonly number[]): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    if (entryIds.length === 0) return out;
    const rows = this.sql.get(hiddenCopiesSql('SELECT value FROM json_each(?)', '1')).all(JSON.stringify([...new Set(entryIds)])) as {
      id: number | string;
      n: number | string;
    }[];
    for (const r of rows) out.set(Number(r.id), Number(r.n));
    return out;
  }

  async articles(storyId: number, offset: number, limit: number, shown = false): Promise<CoverageItem[]> {
    // Shown only: one probe of the overrides' unique entry index per article walked (as NOT_HIDDEN_COPY).
    const rows = this.sql
      .get(
        `SELECT ${coverageColumns('e')} FROM entries e WHERE e.story_id = ? AND e.deleted_at IS NULL AND e.duplicate_of IS NULL${
          shown ? ' AND NOT EXISTS (SELECT 1 FROM curation_overrides co WHERE co.entry_id = e.id AND co.hidden = 1)' : ''
        }
         ORDER BY e.published_at, e.id LIMIT ? OFFSET ?`,
      )
      .all(storyId, Math.max(0, limit), Math.max(0, offset)) as CoverageRow[];
    return rows.map(toCoverage);
  }

  async copies(
    entryIds: readonly number[],
    perEntry: number,
    offset = 0,
    shown = false,
  ): Promise<Map<number, { items: CoverageItem[]; total: number }>> {
    const out = new Map<number, { items: CoverageItem[]; total: number }>();
    if (entryIds.length === 0) return out;
    const ids = JSON.stringify([...new Set(entryIds)]);
    // Shown only: the hidden ones, few (editors' rows), read from the overrides and taken off.
    const less = shown
      ? `- (SELECT COUNT(*) FROM curation_overrides co CROSS JOIN entries h WHERE h.id = co.entry_id AND co.hidden = 1
           AND co.entry_id IS NOT NULL AND h.deleted_at IS NULL AND h.duplicate_of = entries.duplicate_of)`
      : '';
    const totals = this.sql
      .get(
        `SELECT duplicate_of AS id, COUNT(*) ${less} AS n FROM entries
         WHERE duplicate_of IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL GROUP BY duplicate_of`,
      )
      .all(ids) as { id: number; n: number }[];
    for (const t of totals) out.set(t.id, { items: [], total: t.n });
    if (perEntry > 0 && totals.length) {
      const rows = this.sql
        .get(
          `SELECT ${coverageColumns('e')} FROM json_each(?) x JOIN entries e ON e.id IN (
             SELECT c.id FROM entries c WHERE c.duplicate_of = x.value AND c.deleted_at IS NULL${shown ? ` AND ${NOT_HIDDEN_COPY}` : ''}
             ORDER BY c.published_at, c.id LIMIT ? OFFSET ?)
           ORDER BY e.duplicate_of, e.published_at, e.id`,
        )
        .all(JSON.stringify(totals.map((t) => t.id)), perEntry, Math.max(0, offset)) as CoverageRow[];
      for (const r of rows) out.get(r.duplicate_of ?? -1)?.items.push(toCoverage(r));
    }
    return out;
  }

  async sightings(entryIds: readonly number[]): Promise<Map<number, Sighting[]>> {
    const out = new Map<number, Sighting[]>();
    if (entryIds.length === 0) return out;
    const rows = this.sql
      .get(
        `SELECT entry_id, source_id, first_seen, url, title FROM sightings WHERE entry_id IN (SELECT value FROM json_each(?))
         ORDER BY entry_id, first_seen, source_id`,
      )
      .all(JSON.stringify([...new Set(entryIds)])) as SightingRow[];
    for (const r of rows) push(out, r.entry_id, toSighting(r));
    return out;
  }

  async history(entryId: number): Promise<EntryEdit[]> {
    const rows = this.sql
      .get(
        'SELECT entry_id, source_id, changed_at, title_before, title_after, url_before, url_after FROM entry_history WHERE entry_id = ? ORDER BY id',
      )
      .all(entryId) as EditRow[];
    return rows.map(toEdit);
  }

  async clusterInputs(after: ClusterCursor | null, limit: number, textChars: number, since?: number): Promise<ClusterInput[]> {
    return this.inputs(after, limit, textChars, since, false);
  }

  async unclusteredInputs(after: ClusterCursor | null, limit: number, textChars: number): Promise<ClusterInput[]> {
    return this.inputs(after, limit, textChars, undefined, true);
  }

  private inputs(
    after: ClusterCursor | null,
    limit: number,
    textChars: number,
    since: number | undefined,
    unclustered: boolean,
  ): ClusterInput[] {
    const where = ['e.deleted_at IS NULL'];
    if (unclustered) where.push('e.story_id IS NULL');
    const params: unknown[] = [Math.max(0, textChars)];
    if (since !== undefined) where.push('e.published_at >= ?'), params.push(since);
    if (after) where.push('(e.published_at, e.id) > (?, ?)'), params.push(after.publishedAt, after.entryId);
    const rows = this.sql
      .get(
        `SELECT e.id, e.source_id, e.title, substr(e.text, 1, ?) AS text, e.url, e.lang, e.published_at, s.key AS story_key, e.duplicate_of, e.story_locked
         FROM entries e LEFT JOIN stories s ON s.id = e.story_id
         WHERE ${where.join(' AND ')} ORDER BY e.published_at, e.id LIMIT ?`,
      )
      .all(...params, Math.max(0, limit)) as ClusterInputRow[];
    return rows.map(toClusterInput);
  }

  async placedEntries(since: number, until: number): Promise<PlacedEntry[]> {
    const rows = this.sql
      .get(
        `SELECT e.id AS entry_id, s.key AS story_key, e.duplicate_of FROM entries e JOIN stories s ON s.id = e.story_id
         WHERE e.story_locked = 1 AND e.deleted_at IS NULL AND e.published_at >= ? AND e.published_at <= ?
         ORDER BY e.published_at, e.id`,
      )
      .all(since, until) as { entry_id: number; story_key: string; duplicate_of: number | null }[];
    return rows.map((r) => ({ entryId: r.entry_id, storyKey: r.story_key, duplicateOf: r.duplicate_of }));
  }

  async liveEntryIds(since: number): Promise<number[]> {
    // The live entries' narrowest index (date and id): read alone, never the rows.
    return this.sql
      .get('SELECT id FROM entries INDEXED BY entries_newest WHERE deleted_at IS NULL AND published_at >= ?')
      .pluck()
      .all(since) as number[];
  }

  async clusteredEntryIds(since: number): Promise<number[]> {
    return this.sql
      .get('SELECT id FROM entries INDEXED BY entries_newest WHERE deleted_at IS NULL AND published_at >= ? AND story_id IS NOT NULL')
      .pluck()
      .all(since) as number[];
  }

  async clusterInputsOf(entryIds: readonly number[], textChars: number): Promise<ClusterInput[]> {
    if (entryIds.length === 0) return [];
    const rows = this.sql
      .get(
        `SELECT e.id, e.source_id, e.title, substr(e.text, 1, ?) AS text, e.url, e.lang, e.published_at, s.key AS story_key, e.duplicate_of, e.story_locked
         FROM entries e LEFT JOIN stories s ON s.id = e.story_id
         WHERE e.id IN (SELECT value FROM json_each(?)) AND e.deleted_at IS NULL ORDER BY e.published_at, e.id`,
      )
      .all(Math.max(0, textChars), JSON.stringify([...new Set(entryIds)])) as ClusterInputRow[];
    return rows.map(toClusterInput);
  }

  clusterTurn<T>(fn: (held: boolean) => Promise<T>, waitMs = DEFAULT_STORY_TURN_WAIT_MS): Promise<T> {
    // One file's stores in this process queue together (a file's writers are one process). A caller
    // that overstays (it hangs in its turn) is waited for no longer than the bound (r2-workers).
    // The turn is held for the bound at most (a lease): one that overstays it is freed for the next.
    const place: object | string = this.db.memory ? this.db : this.db.name;
    let queue = storyTurns.get(place);
    if (!queue) {
      queue = new TurnQueue(() => storyTurns.delete(place));
      storyTurns.set(place, queue);
    }
    return queue.run(waitMs, (inTime, free) => {
      if (!inTime) {
        free();
        return fn(false);
      }
      const work = (async () => fn(true))();
      void settledWithin(work, waitMs).then(free);
      return work;
    });
  }

  async liveAmong(entryIds: readonly number[]): Promise<number[]> {
    if (entryIds.length === 0) return [];
    return this.sql
      .get('SELECT id FROM entries WHERE id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL')
      .pluck()
      .all(JSON.stringify([...new Set(entryIds)])) as number[];
  }

  async standIns(removed: readonly number[], since: number, keys: readonly string[] = []): Promise<StandIn[]> {
    if (removed.length === 0 && keys.length === 0) return [];
    // The removed entries' rows keep their story (a tombstone is never moved out of it); entries
    // removed with their source leave no row, their stories come by key (a key merged away leads on
    // to the story it was merged into). Each story's live articles are read through its index.
    const rows = this.sql
      .get(
        `SELECT e.id AS entry_id, s.key AS story_key, e.story_locked FROM stories s JOIN entries e ON e.story_id = s.id
         WHERE s.id IN (SELECT story_id FROM entries WHERE id IN (SELECT value FROM json_each(?)) AND story_id IS NOT NULL
             UNION SELECT COALESCE(merged_into, id) FROM stories WHERE key IN (SELECT value FROM json_each(?)))
           AND e.deleted_at IS NULL AND e.duplicate_of IS NULL AND e.published_at >= ?
         ORDER BY e.published_at, e.id`,
      )
      .all(JSON.stringify([...new Set(removed)]), JSON.stringify([...new Set(keys)]), since) as {
      entry_id: number;
      story_key: string;
      story_locked: number;
    }[];
    return rows.map((r) => ({ entryId: r.entry_id, storyKey: r.story_key, locked: r.story_locked === 1 }));
  }

  async clear(fence?: ReclusterHolder | ReclusterFence, lease?: { now: number; until: number }): Promise<boolean | ReclusterRetake> {
    // Fenced: IMMEDIATE takes the write lock at BEGIN, so no take-over lands between the check and the wipe.
    const held = fence && heldBy(fence);
    const wipe = this.db.transaction((): boolean | ReclusterRetake => {
      let answer: boolean | ReclusterRetake = true;
      if (held && fence && 'generation' in fence && lease) {
        // Renewed, and taken anew when it had run out with nobody taking it (as a batch's write).
        const row = this.sql.get(RENEW).get(lease.until, lease.now, ...held.params) as
          | { generation: number; curation: number | null }
          | undefined;
        if (!row) return false;
        answer = recordAnswer(row, { generation: fence.generation });
      } else if (held && this.sql.get(`SELECT 1 FROM story_recluster WHERE id = 1 AND ${held.where}`).get(...held.params) === undefined)
        return false;
      // Stories about to be forgotten leave their overrides on each of their entries (migration 15).
      this.sql
        .get(
          `INSERT INTO story_override_anchors (entry_id, ${DECISION_LIST})
           SELECT e.id, ${decisionOf('o')}
           FROM curation_overrides o JOIN entries e ON e.story_id = o.story_id
           WHERE o.story_id NOT IN (SELECT story_id FROM entries WHERE story_locked = 1 AND story_id IS NOT NULL)
           ORDER BY o.updated_at
           ON CONFLICT (entry_id) DO UPDATE SET ${DECISION_UPSERT}`,
        )
        .run();
      this.sql
        .get(
          'UPDATE entries SET story_id = NULL, duplicate_of = NULL WHERE story_locked = 0 AND (story_id IS NOT NULL OR duplicate_of IS NOT NULL)',
        )
        .run();
      // Kept: the stories an editor shaped (a locked entry names them), and the stories merged into
      // one of those (p-fence2): an editor's merge leaves the merged story pointing at the result,
      // so the run's clusterer, naming the merged story's key again, lands in the result (the merge
      // is re-applied to articles that joined it after the editor), and its old links lead on.
      this.sql
        .get(
          `DELETE FROM stories WHERE id NOT IN (SELECT story_id FROM entries WHERE story_locked = 1 AND story_id IS NOT NULL)
             AND (merged_into IS NULL OR merged_into NOT IN (SELECT story_id FROM entries WHERE story_locked = 1 AND story_id IS NOT NULL))`,
        )
        .run();
      return answer;
    });
    return wipe.immediate();
  }

  async reclusterProgress(): Promise<ReclusterProgress> {
    return toRecluster(this.sql.get('SELECT * FROM story_recluster WHERE id = 1').get() as ReclusterRow | undefined);
  }

  async clusterCheck(): Promise<ClusterCheck> {
    return toClusterCheck(this.sql.get(CLUSTER_CHECK).get() as Parameters<typeof toClusterCheck>[0]);
  }

  async takeReclusterLease(holder: ReclusterHolder, until: number, now: number): Promise<ReclusterLeaseTake> {
    // One statement (SQLite writes one at a time; PostgreSQL's is the same conditional upsert).
    const taken = this.sql
      .get(
        `INSERT INTO story_recluster (id, lease_owner, lease_job, lease_until, lease_generation) VALUES (1, ?, ?, ?, 1)
         ON CONFLICT (id) DO UPDATE SET lease_owner = excluded.lease_owner, lease_job = excluded.lease_job, lease_until = excluded.lease_until,
           lease_generation = story_recluster.lease_generation + 1
         WHERE story_recluster.lease_until IS NULL OR story_recluster.lease_until <= ? OR story_recluster.lease_job = excluded.lease_job
         RETURNING lease_generation AS generation`,
      )
      .get(holder.owner, holder.job, until, now) as { generation: number } | undefined;
    if (taken) return { taken: true, generation: taken.generation };
    const { lease } = await this.reclusterProgress();
    if (!lease) throw new Error('the re-clustering lease was neither taken nor held');
    return { taken: false, lease };
  }

  async releaseReclusterLease(holder: ReclusterHolder | ReclusterFence, now: number): Promise<boolean> {
    const held = heldBy(holder);
    return (
      this.sql.get(`UPDATE story_recluster SET lease_until = MIN(lease_until, ?) WHERE id = 1 AND ${held.where}`).run(now, ...held.params)
        .changes === 1
    );
  }

  async startRecluster(
    total: number,
    now = Date.now(),
    holder?: ReclusterHolder | ReclusterFence,
    until?: number,
  ): Promise<boolean | ReclusterRetake> {
    if (holder && 'generation' in holder && until !== undefined) {
      // Renewed, and taken anew when it had run out with nobody taking it (as a batch's write).
      const held = heldBy(holder);
      const row = this.sql
        .get(
          `UPDATE story_recluster SET status = 'running', total = ?, done = 0, after_published = NULL, after_id = NULL,
             started_at = ?, updated_at = ?, finished_at = NULL, lease_until = ?, ${RETAKE}
           WHERE id = 1 AND ${held.where}
           RETURNING lease_generation AS generation, curation`,
        )
        .get(total, now, now, until, now, ...held.params) as { generation: number; curation: number | null } | undefined;
      return row ? recordAnswer(row, { generation: holder.generation }) : false;
    }
    if (holder) {
      const held = heldBy(holder);
      return (
        this.sql
          .get(
            `UPDATE story_recluster SET status = 'running', total = ?, done = 0, after_published = NULL, after_id = NULL,
               started_at = ?, updated_at = ?, finished_at = NULL
             WHERE id = 1 AND ${held.where}`,
          )
          .run(total, now, now, ...held.params).changes === 1
      );
    }
    this.sql
      .get(
        `INSERT INTO story_recluster (id, status, total, done, started_at, updated_at) VALUES (1, 'running', ?, 0, ?, ?)
         ON CONFLICT (id) DO UPDATE SET status = 'running', total = excluded.total, done = 0, after_published = NULL,
           after_id = NULL, started_at = excluded.started_at, updated_at = excluded.updated_at, finished_at = NULL`,
      )
      .run(total, now, now);
    return true;
  }

  async recordRecluster(
    after: ClusterCursor,
    doneDelta: number,
    now = Date.now(),
    lease?: { holder: ReclusterHolder | ReclusterFence; until: number; curation?: number | undefined },
    assignments: readonly StoryAssignmentInput[] = [],
  ): Promise<boolean | ReclusterRetake> {
    const record = (): boolean | ReclusterRetake => {
      if (lease && 'generation' in lease.holder) {
        // A fence whose lease ran out (`lease_until <= now`) with nobody taking it over (holder and
        // generation still match): the renewal takes it anew, raising the generation in this same
        // write, so a story step's write checked against the generation it saw while the lease was
        // out is refused from here on (src/store/stories.ts ReclusterRetake).
        const held = heldBy(lease.holder);
        const row = this.sql
          .get(
            `UPDATE story_recluster SET after_published = ?, after_id = ?, done = done + ?, updated_at = ?, lease_until = ?,
               lease_generation = lease_generation + (CASE WHEN lease_until <= ? THEN 1 ELSE 0 END)
             WHERE id = 1 AND status = 'running' AND ${held.where}
             RETURNING lease_generation AS generation, curation`,
          )
          .get(after.publishedAt, after.entryId, doneDelta, now, lease.until, now, ...held.params) as
          | { generation: number; curation: number | null }
          | undefined;
        if (!row) return false;
        // The editors' curation counter comes back from the same write (p-recluster).
        return recordAnswer(row, { generation: lease.holder.generation, curation: lease.curation });
      }
      if (lease) {
        const held = heldBy(lease.holder);
        return (
          this.sql
            .get(
              `UPDATE story_recluster SET after_published = ?, after_id = ?, done = done + ?, updated_at = ?, lease_until = ?
               WHERE id = 1 AND status = 'running' AND ${held.where}`,
            )
            .run(after.publishedAt, after.entryId, doneDelta, now, lease.until, ...held.params).changes === 1
        );
      }
      return (
        this.sql
          .get(
            `UPDATE story_recluster SET after_published = ?, after_id = ?, done = done + ?, updated_at = ? WHERE id = 1 AND status = 'running'`,
          )
          .run(after.publishedAt, after.entryId, doneDelta, now).changes === 1
      );
    };
    if (assignments.length === 0) return record();
    // The fenced progress first, then the batch's stories only when it was written: one IMMEDIATE
    // transaction (the write lock from BEGIN), so no take-over lands between the check and the writes.
    return this.db
      .transaction((): boolean | ReclusterRetake => {
        const recorded = record();
        if (!recorded) return false;
        this.writeAssignments(assignments, now);
        return recorded;
      })
      .immediate();
  }

  async finishRecluster(now = Date.now(), holder?: ReclusterHolder | ReclusterFence): Promise<boolean | ReclusterRetake> {
    if (holder && 'generation' in holder) {
      // Ends the lease; one that had run out with nobody taking it is taken anew as it ends (the
      // generation raised), so a story step's write checked while it was out is refused.
      const held = heldBy(holder);
      const row = this.sql
        .get(
          `UPDATE story_recluster SET status = 'done', finished_at = ?, lease_until = MIN(lease_until, ?), ${RETAKE}
           WHERE id = 1 AND status = 'running' AND ${held.where}
           RETURNING lease_generation AS generation, curation`,
        )
        .get(now, now, now, ...held.params) as { generation: number; curation: number | null } | undefined;
      return row ? recordAnswer(row, { generation: holder.generation }) : false;
    }
    if (holder) {
      const held = heldBy(holder);
      return (
        this.sql
          .get(
            `UPDATE story_recluster SET status = 'done', finished_at = ?, lease_until = MIN(lease_until, ?)
             WHERE id = 1 AND status = 'running' AND ${held.where}`,
          )
          .run(now, now, ...held.params).changes === 1
      );
    }
    return (
      this.sql.get(`UPDATE story_recluster SET status = 'done', finished_at = ? WHERE id = 1 AND status = 'running'`).run(now).changes === 1
    );
  }

  async merge(intoId: number, fromId: number, now = Date.now()): Promise<Story | undefined> {
    const resolve = this.sql.get('SELECT id, merged_into FROM stories WHERE id = ?');
    const into = this.db.transaction(() => {
      const a = resolve.get(intoId) as { id: number; merged_into: number | null } | undefined;
      const b = resolve.get(fromId) as { id: number; merged_into: number | null } | undefined;
      if (!a || !b) return undefined;
      // The editors' curation counter, in this transaction: the story step rebuilds its window (p-splitgen).
      this.sql.get(CURATION_BUMP).run();
      const target = a.merged_into ?? a.id;
      const from = b.merged_into ?? b.id;
      if (target !== from) {
        this.sql.get('UPDATE entries SET story_id = ? WHERE story_id = ?').run(target, from);
        this.sql.get('UPDATE stories SET merged_into = ? WHERE id = ? OR merged_into = ?').run(target, from, from);
      }
      this.sql.get('UPDATE entries SET story_locked = 1 WHERE story_id = ?').run(target);
      refreshStories(this.sql, [target, from], now);
      return target;
    })();
    return into === undefined ? undefined : this.get(into);
  }

  async split(storyId: number, entryIds: readonly number[], now = Date.now()): Promise<Story | undefined> {
    const created = this.db.transaction(() => {
      const ids = JSON.stringify([...new Set(entryIds)]);
      const moving = this.sql
        .get(
          `SELECT id FROM entries WHERE story_id = ? AND deleted_at IS NULL AND (id IN (SELECT value FROM json_each(?))
             OR duplicate_of IN (SELECT value FROM json_each(?)))`,
        )
        .pluck()
        .all(storyId, ids, ids) as number[];
      const total = this.sql.get('SELECT COUNT(*) FROM entries WHERE story_id = ? AND deleted_at IS NULL').pluck().get(storyId) as number;
      if (moving.length === 0 || moving.length >= total) return undefined;
      // The editors' curation counter, in this transaction: the story step rebuilds its window (p-splitgen).
      this.sql.get(CURATION_BUMP).run();
      // Not a clusterer key (those are entry ids): the new story can never be confused with one.
      const key = `split:${storyId}:${Math.min(...moving)}:${now}`;
      const id = this.sql
        .get('INSERT INTO stories (key, created_at, updated_at) VALUES (?, ?, ?) RETURNING id')
        .pluck()
        .get(key, now, now) as number;
      this.sql
        .get('UPDATE entries SET story_id = ?, story_locked = 1 WHERE id IN (SELECT value FROM json_each(?))')
        .run(id, JSON.stringify(moving));
      this.sql.get('UPDATE entries SET story_locked = 1 WHERE story_id = ?').run(storyId);
      refreshStories(this.sql, [storyId, id], now);
      return id;
    })();
    return created === undefined ? undefined : this.get(created);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
