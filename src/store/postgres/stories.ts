import type { SharedClock } from '../clock.js';
import type pg from 'pg';
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
import { asStringArray } from '../rows.js';
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
  hiddenShareSql,
  POSTGRES_HIDDEN_SHARE,
  hiddenCopiesSql,
  type HiddenShareRow,
  toHiddenShares,
} from '../story-rows.js';
import { CODE_POINT_ORDER, noNul, prepared, type Db, type Sql } from './db.js';
import { Params } from './rows.js';
import { holdStoryGate, inStoryTurn, shareStoryGate } from './story-gate.js';
import { DEFAULT_STORY_TURN_WAIT_MS, TurnQueue } from '../story-turn.js';
import { DECISION_LIST, DECISION_UPSERT, decisionOf } from '../curation-rows.js';
import { notHiddenSql } from '../hidden-live.js';

/**
 * A fenced write's retake (ReclusterRetake): the generation raised when the lease had run out at the
 * write's `now` (the parameter named). SET reads the row as it was.
 */
const RETAKE = (now: string): string => `lease_generation = lease_generation + (CASE WHEN lease_until <= ${now} THEN 1 ELSE 0 END)`;

/**
 * The fence of a leased run's writes as SQL and its values, numbered from `$first`: the lease names
 * the holder (owner, and job or null) and, for a ReclusterFence, still has the generation the run took.
 */
function heldBy(holder: ReclusterHolder | ReclusterFence, first: number): { where: string; params: unknown[] } {
  const where = `lease_owner = $${first} AND lease_job IS NOT DISTINCT FROM $${first + 1}::bigint`;
  return 'generation' in holder
    ? { where: `${where} AND lease_generation = $${first + 2}`, params: [noNul(holder.owner), holder.job, holder.generation] }
    : { where, params: [noNul(holder.owner), holder.job] };
}

const LANGUAGES = `(SELECT COALESCE(jsonb_agg(x.lang ORDER BY x.n DESC, x.lang ${CODE_POINT_ORDER}), '[]'::jsonb) FROM (SELECT e.lang, COUNT(*) AS n FROM entries e
    WHERE $LIVE AND e.lang IS NOT NULL GROUP BY e.lang) x)`;

const SUMMARY_UPDATE = `UPDATE stories s SET ${summarySets(LANGUAGES, 'char_length(e.text)')}, updated_at = $1 WHERE s.id = ANY($2::bigint[])`;

interface LockedStory {
  id: number;
  key: string;
  merged_into: number | null;
}

/** These stories and the ones they were merged into (an init plan, so the lock is an index scan on id). */
const LOCK_STORIES = `SELECT id, key, merged_into FROM stories
  WHERE id = ANY($1::bigint[] || ARRAY(SELECT merged_into FROM stories WHERE id = ANY($1::bigint[]) AND merged_into IS NOT NULL))
  ORDER BY id FOR UPDATE`;
/**
 * The same and the stories merged into $2 or into their targets, whose rows a merge of $2 rewrites
 * (no index on merged_into: only when a merge may follow).
 */
const LOCK_STORIES_AND_MERGED = `SELECT id, key, merged_into FROM stories
  WHERE id = ANY($1::bigint[] || ARRAY(SELECT merged_into FROM stories WHERE id = ANY($1::bigint[]) AND merged_into IS NOT NULL))
    OR merged_into = ANY($2::bigint[] || ARRAY(SELECT merged_into FROM stories WHERE id = ANY($2::bigint[]) AND merged_into IS NOT NULL))
  ORDER BY id FOR UPDATE`;

/** Story rows a transaction holds locked: id → the row as locked (null: asked for, not there). */
export type HeldStories = Map<number, LockedStory | null>;

/**
 * Locks these stories and the stories they were merged into, in id order by one statement, and
 * adds them to `held` with their rows as locked (current: a row another writer changed while this
 * one waited is read again); with `mergedFrom`, also the stories merged into those (a merge rewrites
 * them). Every transaction that changes which entries a story holds calls it before its first
 * write, and `refreshStories` recounts only stories locked so: a worker's recount then runs after
 * every other writer of the story has committed, and sees their entries. (Counted under READ
 * COMMITTED without the lock, two workers joining one story at once each counted without the
 * other's entry, and the later count, one short, was kept.) One order for the whole transaction is
 * what keeps two workers from deadlocking: a lock taken only at the recount waited on rows that the
 * other transaction had already locked out of order, and it on ours.
 * A story merged away between the look-up of its target and the lock is followed: its new target
 * is locked by a further statement (rare; a deadlock that could make is detected by PostgreSQL and
 * the transaction retried by `Db.tx`). Ids already held cost nothing.
 */
export async function lockStories(
  c: Sql,
  ids: Iterable<number>,
  mergedFrom: readonly number[] = [],
  held: HeldStories = new Map(),
): Promise<HeldStories> {
  let want = [...new Set(ids)].filter((id) => !held.has(id));
  let merged = [...new Set(mergedFrom)];
  while (want.length || merged.length) {
    want.sort((x, y) => x - y);
    const rows = (
      merged.length
        ? await c.query<LockedStory>(prepared(LOCK_STORIES_AND_MERGED), [want, merged])
        : await c.query<LockedStory>(prepared(LOCK_STORIES), [want])
    ).rows;
    for (const id of want) held.set(id, null);
    for (const r of rows) held.set(r.id, r);
    want = [...new Set(rows.map((r) => r.merged_into))].filter((id): id is number => id !== null && !held.has(id));
    merged = [];
  }
  return held;
}

const LOCK_FOR_REFRESH = 'SELECT 1 FROM stories WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE';

/**
 * Recomputes the summaries of these stories (after assignments, merges or a removed entry). The
 * caller has locked them with `lockStories` before its first write; the statement here that locks
 * them again is a no-op then and only a safety net for a caller that did not. The recount is a
 * statement of its own after the lock, so its snapshot includes every other writer of the stories.
 */
export async function refreshStories(c: Sql, ids: readonly number[], now: number): Promise<void> {
  if (ids.length === 0) return;
  const list = [...new Set(ids)].sort((x, y) => x - y);
  await c.query(prepared(LOCK_FOR_REFRESH), [list]);
  await c.query(prepared(SUMMARY_UPDATE), [now, list]);
  await c.query(
    prepared(`UPDATE stories s SET headline = COALESCE((SELECT e.title FROM entries e WHERE e.id = s.lead_entry_id), s.headline)
     WHERE s.id = ANY($1::bigint[])`),
    [list],
  );
}

/**
 * Overrides parked while re-clustering (see \`clear\`) move onto the new story of their entry once
 * these assignments place it. When two parked decisions land in one story, the latest edit wins.
 */
async function reattachOverrides(c: Sql, items: readonly StoryAssignmentInput[]): Promise<void> {
  const ids = items.map((it) => it.entryId);
  const parked = await c.query(prepared('SELECT 1 FROM story_override_anchors WHERE entry_id = ANY($1::bigint[]) LIMIT 1'), [ids]);
  if (parked.rows.length === 0) return;
  await c.query(
    `INSERT INTO curation_overrides (story_id, ${DECISION_LIST})
     SELECT DISTINCT ON (story) story, ${decisionOf('a')}
     FROM story_override_anchors a JOIN entries e ON e.id = a.entry_id JOIN stories s ON s.id = e.story_id
       CROSS JOIN LATERAL (SELECT COALESCE(s.merged_into, s.id) AS story) t
     WHERE a.entry_id = ANY($1::bigint[])
     ORDER BY story, a.updated_at DESC
     ON CONFLICT (story_id) DO NOTHING`,
    [ids],
  );
  await c.query(
    `DELETE FROM story_override_anchors WHERE entry_id = ANY($1::bigint[])
       AND entry_id IN (SELECT id FROM entries WHERE id = ANY($1::bigint[]) AND story_id IS NOT NULL)`,
    [ids],
  );
}

function toStoryRow(r: StoryRow<unknown>): Story {
  return toStory(r, asStringArray);
}

export class PostgresStoryRepo implements StoryRepo {
  constructor(
    private readonly db: Db,
    /** Dates rows written without a time (see the methods' `now`). */
    private readonly clock: SharedClock,
  ) {}

  async assign(items: readonly StoryAssignmentInput[], at?: number, quiet?: ReclusterQuiet): Promise<boolean> {
    if (items.length === 0) return true;
    const now = at ?? (await this.clock.now());
    return this.db.tx(async (c) => {
      if (quiet) {
        // The lease row shared-locked until the commit: a take (an UPDATE of it) waits for these
        // writes, which the run's wipe then forgets; a take committed first is seen here. The lease
        // row before any story row, as every fenced writer takes them (no new lock order). The story
        // gate first, shared: an updater of the row waiting at it is not passed (story-gate.ts).
        await shareStoryGate(c);
        const row = await c.query<{ lease_generation: number }>(
          prepared('SELECT lease_generation FROM story_recluster WHERE id = 1 FOR SHARE'),
        );
        if (Number(row.rows[0]?.lease_generation ?? 0) !== quiet.generation) return false;
      }
      await this.writeAssignments(c, items, now);
      return true;
    });
  }

  /** The writes of `assign`, inside the caller's transaction `c`. */
  private async writeAssignments(c: Sql, given: readonly StoryAssignmentInput[], now: number): Promise<void> {
    if (given.length === 0) return;
    const touched = new Set<number>();
    const entryIds = given.map((it) => it.entryId);
    // The entries' stories, live entries only: a removed (or unknown) entry is absent, and left out
    // of the whole write, its story key not even created (c-leftovers). Read again once the stories
    // are locked, below.
    const readBefore = async (): Promise<Map<number, number | null>> =>
      new Map(
        (
          await c.query<{ id: number; story_id: number | null }>(
            prepared('SELECT id, story_id FROM entries WHERE id = ANY($1::bigint[]) AND deleted_at IS NULL'),
            [entryIds],
          )
        ).rows.map((r) => [Number(r.id), r.story_id]),
      );
    let before = await readBefore();
    const items = given.filter((it) => before.has(it.entryId));
    if (items.length === 0) return;
    // Stories are created in key order, so two writers creating the same keys take their locks
    // alike, and before any story is locked: a writer waiting here holds no story row.
    const keys = [...new Set(items.map((it) => noNul(it.storyKey)))].sort();
    await c.query(
      prepared(`INSERT INTO stories (key, created_at, updated_at) SELECT k, $2, $2 FROM unnest($1::text[]) AS k ORDER BY k
       ON CONFLICT (key) DO NOTHING`),
      [keys, now],
    );
    const allKeys = [...new Set([...keys, ...items.flatMap((it) => (it.merged ?? []).map(noNul))])];
    const mergedKeys = new Set(items.flatMap((it) => (it.merged ?? []).map(noNul)));
    const keySet = new Set(allKeys);
    // Every story this batch can write (its keys' stories, their targets, the stories its entries
    // leave) is locked in id order before the first write to one (see lockStories). The stories'
    // rows are taken as locked; the entries' stories are read again after the lock, and one that
    // changed in between (another worker moved the entry) is locked too.
    const found = (await c.query<LockedStory>(prepared('SELECT id, key, merged_into FROM stories WHERE key = ANY($1::text[])'), [allKeys]))
      .rows;
    const first = new Set([...found.map((r) => r.id), ...[...before.values()].filter((s): s is number => s !== null)]);
    const held = await lockStories(
      c,
      first,
      found.filter((r) => mergedKeys.has(r.key)).map((r) => r.id),
    );
    for (;;) {
      before = await readBefore();
      const left = [...before.values()].filter((s): s is number => s !== null && !held.has(s));
      if (left.length === 0) break;
      await lockStories(c, left, [], held);
    }
    const byKey = new Map<string, LockedStory>();
    for (const r of held.values()) if (r && keySet.has(r.key)) byKey.set(r.key, { ...r });
    const resolve = (key: string): number | undefined => {
      const r = byKey.get(noNul(key));
      return r ? (r.merged_into ?? r.id) : undefined;
    };
    const rows: { entry: number; story: number; dup: number | null }[] = [];
    for (const it of items) {
      // An entry removed after the clusterer was handed it (after the step's or the run's check) is
      // left out whole: no story bridged through its text (c-leftovers). Its removal raised the
      // removals counter first thing, on the row every checked writer takes before this, so a
      // removal is either seen here or waits for this transaction. The clusterer that answered
      // forgets it at its next check.
      if (!before.has(it.entryId)) continue;
      const target = resolve(it.storyKey);
      if (target === undefined) continue;
      for (const key of it.merged ?? []) {
        const from = resolve(key);
        if (from === undefined || from === target) continue;
        // A story an editor shaped (merged, split: its entries are locked) or decided about (an
        // override) is not bridged by the clusterer; an editor can still merge it.
        const shaped = await c.query(
          `SELECT 1 WHERE EXISTS (SELECT 1 FROM entries WHERE story_id IN ($1, $2) AND story_locked)
             OR EXISTS (SELECT 1 FROM curation_overrides WHERE story_id IN ($1, $2))`,
          [from, target],
        );
        if (shaped.rows.length) continue;
        await c.query('UPDATE entries SET story_id = $1 WHERE story_id = $2', [target, from]);
        await c.query('UPDATE stories SET merged_into = $1 WHERE id = $2 OR merged_into = $2', [target, from]);
        // Later items of this batch naming the merged story land in the target.
        for (const r of byKey.values()) if (r.id === from || r.merged_into === from) r.merged_into = target;
        for (const r of rows) if (r.story === from) r.story = target;
        touched.add(from);
      }
      const old = before.get(it.entryId);
      if (old !== undefined && old !== null && old !== target) touched.add(old);
      rows.push({ entry: it.entryId, story: target, dup: it.duplicateOf ?? null });
      touched.add(target);
    }
    if (rows.length) {
      // Later decisions for one entry win, as when applied one by one.
      const last = new Map(rows.map((r) => [r.entry, r]));
      const final = [...last.values()];
      await c.query(
        // Never onto a tombstone, and never a copy of one: the original named is kept only while
        // it is live (a copy of a tombstone would be hidden from every list).
        prepared(`UPDATE entries e SET story_id = v.s,
           duplicate_of = (SELECT d.id FROM entries d WHERE d.id = v.d AND d.deleted_at IS NULL)
         FROM unnest($1::bigint[], $2::bigint[], $3::bigint[]) AS v(id, s, d)
         WHERE e.id = v.id AND NOT e.story_locked AND e.deleted_at IS NULL`),
        [final.map((r) => r.entry), final.map((r) => r.story), final.map((r) => r.dup)],
      );
    }
    await refreshStories(c, [...touched], now);
    await reattachOverrides(c, items);
  }

  async get(id: number): Promise<Story | undefined> {
    const row = await this.db.one<StoryRow<unknown>>(`SELECT ${STORY_COLUMNS} FROM stories WHERE id = $1`, [id]);
    return row && toStoryRow(row);
  }

  async getMany(ids: readonly number[]): Promise<Map<number, Story>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.rows<StoryRow<unknown>>(`SELECT ${STORY_COLUMNS} FROM stories WHERE id = ANY($1::bigint[])`, [
      [...new Set(ids)],
    ]);
    return new Map(rows.map((r) => [r.id, toStoryRow(r)]));
  }

  async list(q: StoryListQuery): Promise<StoryPage> {
    const limit = Math.max(1, Math.min(q.limit, 200));
    const p = new Params();
    const where = ['merged_into IS NULL', 'size > 0'];
    if (q.topicId !== undefined)
      where.push(
        `EXISTS (SELECT 1 FROM entries e JOIN entry_topics t ON t.entry_id = e.id
           WHERE e.story_id = stories.id AND t.topic_id = ${p.add(q.topicId)} AND e.deleted_at IS NULL${q.shown ? ` AND ${notHiddenSql(true, 'e')}` : ''})`,
      );
    if (q.after) where.push(`(last_published, id) < (${p.add(q.after.lastPublished)}, ${p.add(q.after.id)})`);
    const rows = await this.db.rows<StoryRow<unknown>>(
      `SELECT ${STORY_COLUMNS} FROM stories WHERE ${where.join(' AND ')} ORDER BY last_published DESC, id DESC LIMIT ${p.add(limit + 1)}`,
      p.values,
    );
    const more = rows.length > limit;
    if (more) rows.pop();
    const items = rows.map(toStoryRow);
    const last = items[items.length - 1];
    return more && last ? { items, older: { lastPublished: last.lastPublished ?? 0, id: last.id } } : { items };
  }

  async coverage(storyIds: readonly number[], perStory: number): Promise<Map<number, CoverageItem[]>> {
    const out = new Map<number, CoverageItem[]>();
    if (storyIds.length === 0 || perStory <= 0) return out;
    const rows = await this.db.rows<CoverageRow>(
      `SELECT ${coverageColumns('e')} FROM unnest($1::bigint[]) AS x(id) CROSS JOIN LATERAL (
         SELECT c.* FROM entries c WHERE c.story_id = x.id AND c.deleted_at IS NULL AND c.duplicate_of IS NULL
         ORDER BY c.published_at DESC, c.id DESC LIMIT $2) e
       ORDER BY e.story_id, e.published_at DESC, e.id DESC`,
      [[...new Set(storyIds)], perStory],
    );
    for (const r of rows) push(out, r.story_id, toCoverage(r));
    return out;
  }

  async firstShown(storyIds: readonly number[]): Promise<Map<number, CoverageItem>> {
    if (storyIds.length === 0) return new Map();
    const rows = await this.db.rows<CoverageRow>(
      `SELECT ${coverageColumns('e')} FROM unnest($1::bigint[]) AS x(id) CROSS JOIN LATERAL (
         SELECT c.* FROM entries c WHERE c.story_id = x.id AND c.deleted_at IS NULL AND c.duplicate_of IS NULL
           AND NOT EXISTS (SELECT 1 FROM curation_overrides co WHERE co.entry_id = c.id AND co.hidden = TRUE)
         ORDER BY c.published_at, c.id LIMIT 1) e`,
      [[...new Set(storyIds)]],
    );
    return new Map(rows.map((r) => [Number(r.story_id), toCoverage(r)]));
  }

  async hiddenShare(storyIds: readonly number[]): Promise<Map<number, HiddenShare>> {
    if (storyIds.length === 0) return new Map();
    const rows = await this.db.rows<HiddenShareRow>(hiddenShareSql('SELECT unnest($1::bigint[])', 'TRUE', POSTGRES_HIDDEN_SHARE), [
      [...new Set(storyIds)],
    ]);
    return toHiddenShares(rows);
  }

  async hiddenCopies(entryIds: readonly number[]): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    if (entryIds.length === 0) return out;
    const rows = await this.db.rows<{ id: number | string; n: number | string }>(hiddenCopiesSql('SELECT unnest($1::bigint[])', 'TRUE'), [
      [...new Set(entryIds)],
    ]);
    for (const r of rows) out.set(Number(r.id), Number(r.n));
    return out;
  }

  async articles(storyId: number, offset: number, limit: number, shown = false): Promise<CoverageItem[]> {
    // Shown only: one probe of the overrides' unique entry index per article walked.
    const rows = await this.db.rows<CoverageRow>(
      `SELECT ${coverageColumns('e')} FROM entries e WHERE e.story_id = $1 AND e.deleted_at IS NULL AND e.duplicate_of IS NULL${
        shown ? ' AND NOT EXISTS (SELECT 1 FROM curation_overrides co WHERE co.entry_id = e.id AND co.hidden = TRUE)' : ''
      }
       ORDER BY e.published_at, e.id LIMIT $2 OFFSET $3`,
      [storyId, Math.max(0, limit), Math.max(0, offset)],
    );
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
    // Shown only: the hidden ones, few (editors' rows), read from the overrides and taken off.
    const less = shown
      ? `- (SELECT COUNT(*) FROM curation_overrides co CROSS JOIN entries h WHERE h.id = co.entry_id AND co.hidden = TRUE
           AND co.entry_id IS NOT NULL AND h.deleted_at IS NULL AND h.duplicate_of = entries.duplicate_of)::int`
      : '';
    const totals = await this.db.rows<{ id: number; n: number }>(
      `SELECT duplicate_of AS id, COUNT(*)::int ${less} AS n FROM entries
       WHERE duplicate_of = ANY($1::bigint[]) AND deleted_at IS NULL GROUP BY duplicate_of`,
      [[...new Set(entryIds)]],
    );
    for (const t of totals) out.set(t.id, { items: [], total: t.n });
    if (perEntry > 0 && totals.length) {
      const rows = await this.db.rows<CoverageRow>(
        `SELECT ${coverageColumns('e')} FROM unnest($1::bigint[]) AS x(id) CROSS JOIN LATERAL (
           SELECT c.* FROM entries c WHERE c.duplicate_of = x.id AND c.deleted_at IS NULL${
             shown ? ' AND NOT EXISTS (SELECT 1 FROM curation_overrides co WHERE co.entry_id = c.id AND co.hidden = TRUE)' : ''
           }
           ORDER BY c.published_at, c.id LIMIT $2 OFFSET $3) e
         ORDER BY e.duplicate_of, e.published_at, e.id`,
        [totals.map((t) => t.id), perEntry, Math.max(0, offset)],
      );
      for (const r of rows) out.get(r.duplicate_of ?? -1)?.items.push(toCoverage(r));
    }
    return out;
  }

  async sightings(entryIds: readonly number[]): Promise<Map<number, Sighting[]>> {
    const out = new Map<number, Sighting[]>();
    if (entryIds.length === 0) return out;
    const rows = await this.db.rows<SightingRow>(
      `SELECT entry_id, source_id, first_seen, url, title FROM sightings WHERE entry_id = ANY($1::bigint[])
       ORDER BY entry_id, first_seen, source_id`,
      [[...new Set(entryIds)]],
    );
    for (const r of rows) push(out, r.entry_id, toSighting(r));
    return out;
  }

  async history(entryId: number): Promise<EntryEdit[]> {
    const rows = await this.db.rows<EditRow>(
      'SELECT entry_id, source_id, changed_at, title_before, title_after, url_before, url_after FROM entry_history WHERE entry_id = $1 ORDER BY id',
      [entryId],
    );
    return rows.map(toEdit);
  }

  async clusterInputs(after: ClusterCursor | null, limit: number, textChars: number, since?: number): Promise<ClusterInput[]> {
    return this.inputs(after, limit, textChars, since, false);
  }

  async unclusteredInputs(after: ClusterCursor | null, limit: number, textChars: number): Promise<ClusterInput[]> {
    return this.inputs(after, limit, textChars, undefined, true);
  }

  private async inputs(
    after: ClusterCursor | null,
    limit: number,
    textChars: number,
    since: number | undefined,
    unclustered: boolean,
  ): Promise<ClusterInput[]> {
    const p = new Params();
    const text = p.add(Math.max(0, textChars));
    const where = ['e.deleted_at IS NULL'];
    if (unclustered) where.push('e.story_id IS NULL');
    if (since !== undefined) where.push(`e.published_at >= ${p.add(since)}`);
    if (after) where.push(`(e.published_at, e.id) > (${p.add(after.publishedAt)}, ${p.add(after.entryId)})`);
    const rows = await this.db.rows<ClusterInputRow>(
      `SELECT e.id, e.source_id, e.title, left(e.text, ${text}::int) AS text, e.url, e.lang, e.published_at, s.key AS story_key, e.duplicate_of, e.story_locked
       FROM entries e LEFT JOIN stories s ON s.id = e.story_id
       WHERE ${where.join(' AND ')} ORDER BY e.published_at, e.id LIMIT ${p.add(Math.max(0, limit))}`,
      p.values,
    );
    return rows.map(toClusterInput);
  }

  async placedEntries(since: number, until: number): Promise<PlacedEntry[]> {
    const rows = await this.db.rows<{ entry_id: number | string; story_key: string; duplicate_of: number | string | null }>(
      `SELECT e.id AS entry_id, s.key AS story_key, e.duplicate_of FROM entries e JOIN stories s ON s.id = e.story_id
       WHERE e.story_locked AND e.deleted_at IS NULL AND e.published_at >= $1 AND e.published_at <= $2
       ORDER BY e.published_at, e.id`,
      [since, until],
    );
    return rows.map((r) => ({
      entryId: Number(r.entry_id),
      storyKey: r.story_key,
      duplicateOf: r.duplicate_of === null ? null : Number(r.duplicate_of),
    }));
  }

  async liveEntryIds(since: number): Promise<number[]> {
    // The live entries' date index (entries_newest) over the window.
    const rows = await this.db.rows<{ id: number | string }>('SELECT id FROM entries WHERE deleted_at IS NULL AND published_at >= $1', [
      since,
    ]);
    return rows.map((r) => Number(r.id));
  }

  async clusteredEntryIds(since: number): Promise<number[]> {
    const rows = await this.db.rows<{ id: number | string }>(
      'SELECT id FROM entries WHERE deleted_at IS NULL AND published_at >= $1 AND story_id IS NOT NULL',
      [since],
    );
    return rows.map((r) => Number(r.id));
  }

  async clusterInputsOf(entryIds: readonly number[], textChars: number): Promise<ClusterInput[]> {
    if (entryIds.length === 0) return [];
    const rows = await this.db.rows<ClusterInputRow>(
      `SELECT e.id, e.source_id, e.title, left(e.text, $2::int) AS text, e.url, e.lang, e.published_at, s.key AS story_key, e.duplicate_of, e.story_locked
       FROM entries e LEFT JOIN stories s ON s.id = e.story_id
       WHERE e.id = ANY($1::bigint[]) AND e.deleted_at IS NULL ORDER BY e.published_at, e.id`,
      [[...new Set(entryIds)], Math.max(0, textChars)],
    );
    return rows.map(toClusterInput);
  }

  /** This process's callers of the turn, one after another (one connection at most waits for the lock). */
  private readonly turns = new TurnQueue();

  clusterTurn<T>(fn: (held: boolean) => Promise<T>, waitMs = DEFAULT_STORY_TURN_WAIT_MS): Promise<T> {
    // An earlier caller of this process is waited for no longer than the bound (r2-workers); then the
    // lock, with the same bound for the wait and for the hold (inStoryTurn).
    return this.turns.run(waitMs, (inTime, free) => {
      if (inTime) return inStoryTurn(this.db, fn, waitMs, free);
      free();
      return fn(false);
    });
  }

  async liveAmong(entryIds: readonly number[]): Promise<number[]> {
    if (entryIds.length === 0) return [];
    const rows = await this.db.rows<{ id: number | string }>('SELECT id FROM entries WHERE id = ANY($1::bigint[]) AND deleted_at IS NULL', [
      [...new Set(entryIds)],
    ]);
    return rows.map((r) => Number(r.id));
  }

  async standIns(removed: readonly number[], since: number, keys: readonly string[] = []): Promise<StandIn[]> {
    if (removed.length === 0 && keys.length === 0) return [];
    // The removed entries' rows keep their story (a tombstone is never moved out of it); entries
    // removed with their source leave no row, their stories come by key (a key merged away leads on
    // to the story it was merged into).
    const rows = await this.db.rows<{ entry_id: number | string; story_key: string; story_locked: boolean }>(
      `SELECT e.id AS entry_id, s.key AS story_key, e.story_locked FROM stories s JOIN entries e ON e.story_id = s.id
       WHERE s.id IN (SELECT story_id FROM entries WHERE id = ANY($1::bigint[]) AND story_id IS NOT NULL
           UNION SELECT COALESCE(merged_into, id) FROM stories WHERE key = ANY($3::text[]))
         AND e.deleted_at IS NULL AND e.duplicate_of IS NULL AND e.published_at >= $2
       ORDER BY e.published_at, e.id`,
      [[...new Set(removed)], since, [...new Set(keys.map(noNul))]],
    );
    return rows.map((r) => ({ entryId: Number(r.entry_id), storyKey: r.story_key, locked: r.story_locked === true }));
  }

  async clear(fence?: ReclusterHolder | ReclusterFence, lease?: { now: number; until: number }): Promise<boolean | ReclusterRetake> {
    return this.db.tx(async (c) => {
      let answer: boolean | ReclusterRetake = true;
      // The lease row is written or locked below: the story gate first (story-gate.ts).
      if (fence) await holdStoryGate(c);
      if (fence && 'generation' in fence && lease) {
        // Renewed, and taken anew when it had run out with nobody taking it (as a batch's write);
        // the UPDATE keeps the lease row locked until the commit, as the SELECT … FOR UPDATE below.
        const held = heldBy(fence, 3);
        const { rows } = await c.query<{ generation: string | number; curation: string | number | null }>(
          `UPDATE story_recluster SET lease_until = $1, ${RETAKE('$2')} WHERE id = 1 AND ${held.where}
           RETURNING lease_generation AS generation, curation`,
          [lease.until, lease.now, ...held.params],
        );
        const row = rows[0];
        if (!row) return false;
        answer = recordAnswer(row, { generation: fence.generation });
      } else if (fence) {
        // The lease row locked until the commit: a take-over waits for the wipe, or the wipe sees it.
        const held = heldBy(fence, 1);
        const row = await c.query(`SELECT 1 FROM story_recluster WHERE id = 1 AND ${held.where} FOR UPDATE`, held.params);
        if (row.rowCount !== 1) return false;
      }
      // Stories about to be forgotten leave their overrides on each of their entries (migration 15).
      await c.query(
        `INSERT INTO story_override_anchors (entry_id, ${DECISION_LIST})
         SELECT DISTINCT ON (e.id) e.id, ${decisionOf('o')}
         FROM curation_overrides o JOIN entries e ON e.story_id = o.story_id
         WHERE o.story_id NOT IN (SELECT story_id FROM entries WHERE story_locked AND story_id IS NOT NULL)
         ORDER BY e.id, o.updated_at DESC
         ON CONFLICT (entry_id) DO UPDATE SET ${DECISION_UPSERT}`,
      );
      await c.query(
        'UPDATE entries SET story_id = NULL, duplicate_of = NULL WHERE NOT story_locked AND (story_id IS NOT NULL OR duplicate_of IS NOT NULL)',
      );
      // Kept: the stories an editor shaped (a locked entry names them), and the stories merged into
      // one of those (p-fence2; see the SQLite store's clear).
      await c.query(
        `DELETE FROM stories WHERE id NOT IN (SELECT story_id FROM entries WHERE story_locked AND story_id IS NOT NULL)
           AND (merged_into IS NULL OR merged_into NOT IN (SELECT story_id FROM entries WHERE story_locked AND story_id IS NOT NULL))`,
      );
      return answer;
    });
  }

  async reclusterProgress(): Promise<ReclusterProgress> {
    // Asked on every check (the stories step), so prepared, with its columns named.
    return toRecluster(
      await this.db.one<ReclusterRow>(
        prepared(
          `SELECT status, total, done, after_published, after_id, started_at, updated_at, finished_at, lease_owner, lease_job, lease_until,
             lease_generation
           FROM story_recluster WHERE id = 1`,
        ),
      ),
    );
  }

  async clusterCheck(): Promise<ClusterCheck> {
    // Asked on every check (the stories step), so prepared.
    return toClusterCheck(await this.db.one<NonNullable<Parameters<typeof toClusterCheck>[0]>>(prepared(CLUSTER_CHECK)));
  }

  /**
   * One statement writing the lease row, in a transaction of its own that takes the story gate
   * first (story-gate.ts): a take, a release, a run's start or end waits its turn behind checked
   * writes like a removal does, and is not passed by them.
   */
  private async gatedOne<T extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<T | undefined> {
    return this.db.tx(async (c) => {
      await holdStoryGate(c);
      return (await c.query<T>(sql, params)).rows[0];
    });
  }

  /** As gatedOne, answering the rows written. */
  private async gatedRun(sql: string, params: unknown[]): Promise<number> {
    return this.db.tx(async (c) => {
      await holdStoryGate(c);
      return (await c.query(sql, params)).rowCount ?? 0;
    });
  }

  async takeReclusterLease(holder: ReclusterHolder, until: number, now: number): Promise<ReclusterLeaseTake> {
    // One statement: the row is locked by the insert's conflict check and the WHERE is evaluated
    // on its newest version, so of two takers at once the second sees the first's lease.
    for (let attempt = 0; attempt < 3; attempt++) {
      const taken = await this.gatedOne<{ generation: number }>(
        `INSERT INTO story_recluster (id, lease_owner, lease_job, lease_until, lease_generation) VALUES (1, $1, $2::bigint, $3, 1)
         ON CONFLICT (id) DO UPDATE SET lease_owner = excluded.lease_owner, lease_job = excluded.lease_job, lease_until = excluded.lease_until,
           lease_generation = story_recluster.lease_generation + 1
         WHERE story_recluster.lease_until IS NULL OR story_recluster.lease_until <= $4 OR story_recluster.lease_job = excluded.lease_job
         RETURNING lease_generation AS generation`,
        [noNul(holder.owner), holder.job, until, now],
      );
      if (taken) return { taken: true, generation: taken.generation };
      const { lease } = await this.reclusterProgress();
      // Released between the two statements: ask again.
      if (lease && lease.until > now) return { taken: false, lease };
    }
    throw new Error('the re-clustering lease was neither taken nor held');
  }

  async releaseReclusterLease(holder: ReclusterHolder | ReclusterFence, now: number): Promise<boolean> {
    const held = heldBy(holder, 2);
    return (
      (await this.gatedRun(`UPDATE story_recluster SET lease_until = LEAST(lease_until, $1) WHERE id = 1 AND ${held.where}`, [
        now,
        ...held.params,
      ])) === 1
    );
  }

  async startRecluster(
    total: number,
    at?: number,
    holder?: ReclusterHolder | ReclusterFence,
    until?: number,
  ): Promise<boolean | ReclusterRetake> {
    const now = at ?? (await this.clock.now());
    if (holder && 'generation' in holder && until !== undefined) {
      // Renewed, and taken anew when it had run out with nobody taking it (as a batch's write).
      const held = heldBy(holder, 4);
      const row = await this.gatedOne<{ generation: string | number; curation: string | number | null }>(
        `UPDATE story_recluster SET status = 'running', total = $1, done = 0, after_published = NULL, after_id = NULL,
           started_at = $2, updated_at = $2, finished_at = NULL, lease_until = $3, ${RETAKE('$2')}
         WHERE id = 1 AND ${held.where}
         RETURNING lease_generation AS generation, curation`,
        [total, now, until, ...held.params],
      );
      return row ? recordAnswer(row, { generation: holder.generation }) : false;
    }
    if (holder) {
      const held = heldBy(holder, 3);
      const n = await this.gatedRun(
        `UPDATE story_recluster SET status = 'running', total = $1, done = 0, after_published = NULL, after_id = NULL,
           started_at = $2, updated_at = $2, finished_at = NULL
         WHERE id = 1 AND ${held.where}`,
        [total, now, ...held.params],
      );
      return n === 1;
    }
    await this.gatedRun(
      `INSERT INTO story_recluster (id, status, total, done, started_at, updated_at) VALUES (1, 'running', $1, 0, $2, $2)
       ON CONFLICT (id) DO UPDATE SET status = 'running', total = excluded.total, done = 0, after_published = NULL,
         after_id = NULL, started_at = excluded.started_at, updated_at = excluded.updated_at, finished_at = NULL`,
      [total, now],
    );
    return true;
  }

  async recordRecluster(
    after: ClusterCursor,
    doneDelta: number,
    at?: number,
    lease?: { holder: ReclusterHolder | ReclusterFence; until: number; curation?: number | undefined },
    assignments: readonly StoryAssignmentInput[] = [],
  ): Promise<boolean | ReclusterRetake> {
    const now = at ?? (await this.clock.now());
    // One UPDATE, sent alone or in the batch's transaction; its rows (RETURNING) or none.
    type Run = (
      sql: string,
      params: unknown[],
    ) => Promise<{ rows: { generation?: string | number; curation?: string | number | null }[]; count: number }>;
    const record = async (run: Run): Promise<boolean | ReclusterRetake> => {
      if (lease && 'generation' in lease.holder) {
        // A fence whose lease ran out (`lease_until <= now`) with nobody taking it over (holder and
        // generation still match): the renewal takes it anew, raising the generation in this same
        // write, so a story step's write checked against the generation it saw while the lease was
        // out is refused from here on (src/store/stories.ts ReclusterRetake). SET reads the row as
        // it was, so the CASE sees the old lease_until.
        const held = heldBy(lease.holder, 7);
        const { rows } = await run(
          `UPDATE story_recluster SET after_published = $1, after_id = $2, done = done + $3, updated_at = $4, lease_until = $5,
             lease_generation = lease_generation + (CASE WHEN lease_until <= $6 THEN 1 ELSE 0 END)
           WHERE id = 1 AND status = 'running' AND ${held.where}
           RETURNING lease_generation AS generation, curation`,
          [after.publishedAt, after.entryId, doneDelta, now, lease.until, now, ...held.params],
        );
        const row = rows[0];
        if (!row) return false;
        // The editors' curation counter comes back from the same write (p-recluster): a merge or
        // split raises it on this row first thing, so one in progress is waited for, and read.
        return recordAnswer(
          { generation: row.generation ?? 0, curation: row.curation ?? null },
          { generation: lease.holder.generation, curation: lease.curation },
        );
      }
      if (lease) {
        const held = heldBy(lease.holder, 6);
        const { count } = await run(
          `UPDATE story_recluster SET after_published = $1, after_id = $2, done = done + $3, updated_at = $4, lease_until = $5
           WHERE id = 1 AND status = 'running' AND ${held.where}`,
          [after.publishedAt, after.entryId, doneDelta, now, lease.until, ...held.params],
        );
        return count === 1;
      }
      const { count } = await run(
        `UPDATE story_recluster SET after_published = $1, after_id = $2, done = done + $3, updated_at = $4 WHERE id = 1 AND status = 'running'`,
        [after.publishedAt, after.entryId, doneDelta, now],
      );
      return count === 1;
    };
    const on =
      (c: Sql): Run =>
      async (sql, params) => {
        const r = await c.query<{ generation?: string | number; curation?: string | number | null }>(sql, params);
        return { rows: r.rows, count: r.rowCount ?? 0 };
      };
    // Each transaction takes the story gate first: it updates the lease row (story-gate.ts).
    if (assignments.length === 0)
      return this.db.tx(async (c) => {
        await holdStoryGate(c);
        return record(on(c));
      });
    // The fenced progress first, then the batch's stories only when it was written, in one
    // transaction. The UPDATE keeps the lease row locked until the commit: a take-over meanwhile
    // waits and then finds the lease renewed; one committed before it makes the UPDATE match no row
    // (READ COMMITTED re-reads the row it waited for), and nothing of the batch is written.
    return this.db.tx(async (c) => {
      await holdStoryGate(c);
      const recorded = await record(on(c));
      if (!recorded) return false;
      await this.writeAssignments(c, assignments, now);
      return recorded;
    });
  }

  async finishRecluster(at?: number, holder?: ReclusterHolder | ReclusterFence): Promise<boolean | ReclusterRetake> {
    const now = at ?? (await this.clock.now());
    if (holder && 'generation' in holder) {
      // Ends the lease; one that had run out with nobody taking it is taken anew as it ends (the
      // generation raised), so a story step's write checked while it was out is refused.
      const held = heldBy(holder, 2);
      const row = await this.gatedOne<{ generation: string | number; curation: string | number | null }>(
        `UPDATE story_recluster SET status = 'done', finished_at = $1, lease_until = LEAST(lease_until, $1), ${RETAKE('$1')}
         WHERE id = 1 AND status = 'running' AND ${held.where}
         RETURNING lease_generation AS generation, curation`,
        [now, ...held.params],
      );
      return row ? recordAnswer(row, { generation: holder.generation }) : false;
    }
    if (holder) {
      const held = heldBy(holder, 2);
      const n = await this.gatedRun(
        `UPDATE story_recluster SET status = 'done', finished_at = $1, lease_until = LEAST(lease_until, $1)
         WHERE id = 1 AND status = 'running' AND ${held.where}`,
        [now, ...held.params],
      );
      return n === 1;
    }
    const n = await this.gatedRun(`UPDATE story_recluster SET status = 'done', finished_at = $1 WHERE id = 1 AND status = 'running'`, [
      now,
    ]);
    return n === 1;
  }

  async merge(intoId: number, fromId: number, at?: number): Promise<Story | undefined> {
    const now = at ?? (await this.clock.now());
    const into = await this.db.tx(async (c) => {
      // The editors' curation counter, in this transaction and first (p-splitgen): the story step
      // rebuilds its window when it moved. The progress row before any story, the order of the
      // step's checked write (it locks that row FOR SHARE before its stories), so neither waits on
      // the other in reverse. The story gate before it (story-gate.ts).
      await holdStoryGate(c);
      await c.query(CURATION_BUMP);
      // Both stories, their targets and the stories merged into them, in id order (see lockStories).
      const held = await lockStories(c, [intoId, fromId], [fromId]);
      const a = held.get(intoId);
      const b = held.get(fromId);
      if (!a || !b) return undefined;
      const target = a.merged_into ?? a.id;
      const from = b.merged_into ?? b.id;
      if (target !== from) {
        await c.query('UPDATE entries SET story_id = $1 WHERE story_id = $2', [target, from]);
        await c.query('UPDATE stories SET merged_into = $1 WHERE id = $2 OR merged_into = $2', [target, from]);
      }
      await c.query('UPDATE entries SET story_locked = TRUE WHERE story_id = $1', [target]);
      await refreshStories(c, [target, from], now);
      return target;
    });
    return into === undefined ? undefined : this.get(into);
  }

  async split(storyId: number, entryIds: readonly number[], at?: number): Promise<Story | undefined> {
    const now = at ?? (await this.clock.now());
    const created = await this.db.tx(async (c) => {
      // The editors' curation counter, in this transaction and first (p-splitgen): the story step
      // rebuilds its window when it moved. The progress row before any story, the order of the
      // step's checked write (it locks that row FOR SHARE before its stories), so neither waits on
      // the other in reverse. The story gate before it (story-gate.ts).
      await holdStoryGate(c);
      await c.query(CURATION_BUMP);
      // The story first, then its entries: the order every writer of a story takes (see lockStories).
      await lockStories(c, [storyId]);
      const ids = [...new Set(entryIds)];
      const moving = (
        await c.query<{ id: number }>(
          `SELECT id FROM entries WHERE story_id = $1 AND deleted_at IS NULL AND (id = ANY($2::bigint[]) OR duplicate_of = ANY($2::bigint[]))
           FOR UPDATE`,
          [storyId, ids],
        )
      ).rows.map((r) => r.id);
      const total = Number(
        (await c.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM entries WHERE story_id = $1 AND deleted_at IS NULL', [storyId]))
          .rows[0]?.n ?? 0,
      );
      if (moving.length === 0 || moving.length >= total) return undefined;
      // Not a clusterer key (those are entry ids): the new story can never be confused with one.
      const key = `split:${storyId}:${Math.min(...moving)}:${now}`;
      const id = (
        await c.query<{ id: number }>('INSERT INTO stories (key, created_at, updated_at) VALUES ($1, $2, $2) RETURNING id', [key, now])
      ).rows[0]!.id;
      await c.query('UPDATE entries SET story_id = $1, story_locked = TRUE WHERE id = ANY($2::bigint[])', [id, moving]);
      await c.query('UPDATE entries SET story_locked = TRUE WHERE story_id = $1', [storyId]);
      await refreshStories(c, [storyId, id], now);
      return id;
    });
    return created === undefined ? undefined : this.get(created);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
