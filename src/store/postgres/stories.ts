import type {
  ClusterCursor,
  ClusterInput,
  CoverageItem,
  EntryEdit,
  ReclusterProgress,
  Sighting,
  Story,
  StoryAssignmentInput,
  StoryListQuery,
  StoryPage,
  StoryRepo,
} from '../stories.js';
import { asStringArray } from '../rows.js';
import {
  coverageColumns,
  STORY_COLUMNS,
  summarySets,
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
} from '../story-rows.js';
import { CODE_POINT_ORDER, noNul, prepared, type Db, type Sql } from './db.js';
import { Params } from './rows.js';
import { DECISION_LIST, DECISION_UPSERT, decisionOf } from '../curation-rows.js';

const LANGUAGES = `(SELECT COALESCE(jsonb_agg(x.lang ORDER BY x.n DESC, x.lang ${CODE_POINT_ORDER}), '[]'::jsonb) FROM (SELECT e.lang, COUNT(*) AS n FROM entries e
    WHERE $LIVE AND e.lang IS NOT NULL GROUP BY e.lang) x)`;

const SUMMARY_UPDATE = `UPDATE stories s SET ${summarySets(LANGUAGES, 'char_length(e.text)')}, updated_at = $1 WHERE s.id = ANY($2::bigint[])`;

/** Recomputes the summaries of these stories (after assignments, merges or a removed entry). */
export async function refreshStories(c: Sql, ids: readonly number[], now: number): Promise<void> {
  if (ids.length === 0) return;
  const list = [...new Set(ids)];
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
  constructor(private readonly db: Db) {}

  async assign(items: readonly StoryAssignmentInput[], now = Date.now()): Promise<void> {
    if (items.length === 0) return;
    await this.db.tx(async (c) => {
      const touched = new Set<number>();
      // Stories are created in key order, so two writers creating the same keys take their locks alike.
      const keys = [...new Set(items.map((it) => noNul(it.storyKey)))].sort();
      await c.query(
        prepared(`INSERT INTO stories (key, created_at, updated_at) SELECT k, $2, $2 FROM unnest($1::text[]) AS k ORDER BY k
         ON CONFLICT (key) DO NOTHING`),
        [keys, now],
      );
      const allKeys = [...new Set([...keys, ...items.flatMap((it) => (it.merged ?? []).map(noNul))])];
      const byKey = new Map(
        (
          await c.query<{ id: number; key: string; merged_into: number | null }>(
            prepared('SELECT id, key, merged_into FROM stories WHERE key = ANY($1::text[])'),
            [allKeys],
          )
        ).rows.map((r) => [r.key, r]),
      );
      const resolve = (key: string): number | undefined => {
        const r = byKey.get(noNul(key));
        return r ? (r.merged_into ?? r.id) : undefined;
      };
      const before = new Map(
        (
          await c.query<{ id: number; story_id: number | null }>(
            prepared('SELECT id, story_id FROM entries WHERE id = ANY($1::bigint[])'),
            [items.map((it) => it.entryId)],
          )
        ).rows.map((r) => [r.id, r.story_id]),
      );
      const rows: { entry: number; story: number; dup: number | null }[] = [];
      for (const it of items) {
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
          prepared(`UPDATE entries e SET story_id = v.s, duplicate_of = v.d
           FROM unnest($1::bigint[], $2::bigint[], $3::bigint[]) AS v(id, s, d) WHERE e.id = v.id AND NOT e.story_locked`),
          [final.map((r) => r.entry), final.map((r) => r.story), final.map((r) => r.dup)],
        );
      }
      await refreshStories(c, [...touched], now);
      await reattachOverrides(c, items);
    });
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
           WHERE e.story_id = stories.id AND t.topic_id = ${p.add(q.topicId)} AND e.deleted_at IS NULL)`,
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

  async articles(storyId: number, offset: number, limit: number): Promise<CoverageItem[]> {
    const rows = await this.db.rows<CoverageRow>(
      `SELECT ${coverageColumns('e')} FROM entries e WHERE e.story_id = $1 AND e.deleted_at IS NULL AND e.duplicate_of IS NULL
       ORDER BY e.published_at, e.id LIMIT $2 OFFSET $3`,
      [storyId, Math.max(0, limit), Math.max(0, offset)],
    );
    return rows.map(toCoverage);
  }

  async copies(entryIds: readonly number[], perEntry: number, offset = 0): Promise<Map<number, { items: CoverageItem[]; total: number }>> {
    const out = new Map<number, { items: CoverageItem[]; total: number }>();
    if (entryIds.length === 0) return out;
    const totals = await this.db.rows<{ id: number; n: number }>(
      `SELECT duplicate_of AS id, COUNT(*)::int AS n FROM entries
       WHERE duplicate_of = ANY($1::bigint[]) AND deleted_at IS NULL GROUP BY duplicate_of`,
      [[...new Set(entryIds)]],
    );
    for (const t of totals) out.set(t.id, { items: [], total: t.n });
    if (perEntry > 0 && totals.length) {
      const rows = await this.db.rows<CoverageRow>(
        `SELECT ${coverageColumns('e')} FROM unnest($1::bigint[]) AS x(id) CROSS JOIN LATERAL (
           SELECT c.* FROM entries c WHERE c.duplicate_of = x.id AND c.deleted_at IS NULL
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
    const p = new Params();
    const text = p.add(Math.max(0, textChars));
    const where = ['e.deleted_at IS NULL'];
    if (since !== undefined) where.push(`e.published_at >= ${p.add(since)}`);
    if (after) where.push(`(e.published_at, e.id) > (${p.add(after.publishedAt)}, ${p.add(after.entryId)})`);
    const rows = await this.db.rows<ClusterInputRow>(
      `SELECT e.id, e.source_id, e.title, left(e.text, ${text}::int) AS text, e.url, e.lang, e.published_at, s.key AS story_key, e.duplicate_of
       FROM entries e LEFT JOIN stories s ON s.id = e.story_id
       WHERE ${where.join(' AND ')} ORDER BY e.published_at, e.id LIMIT ${p.add(Math.max(0, limit))}`,
      p.values,
    );
    return rows.map(toClusterInput);
  }

  async clear(): Promise<void> {
    await this.db.tx(async (c) => {
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
      await c.query('DELETE FROM stories WHERE id NOT IN (SELECT story_id FROM entries WHERE story_locked AND story_id IS NOT NULL)');
    });
  }

  async reclusterProgress(): Promise<ReclusterProgress> {
    // Asked on every check (the stories step), so prepared, with its columns named.
    return toRecluster(
      await this.db.one<ReclusterRow>(
        prepared(
          'SELECT status, total, done, after_published, after_id, started_at, updated_at, finished_at FROM story_recluster WHERE id = 1',
        ),
      ),
    );
  }

  async startRecluster(total: number, now = Date.now()): Promise<void> {
    await this.db.run(
      `INSERT INTO story_recluster (id, status, total, done, started_at, updated_at) VALUES (1, 'running', $1, 0, $2, $2)
       ON CONFLICT (id) DO UPDATE SET status = 'running', total = excluded.total, done = 0, after_published = NULL,
         after_id = NULL, started_at = excluded.started_at, updated_at = excluded.updated_at, finished_at = NULL`,
      [total, now],
    );
  }

  async recordRecluster(after: ClusterCursor, doneDelta: number, now = Date.now()): Promise<void> {
    await this.db.run(
      `UPDATE story_recluster SET after_published = $1, after_id = $2, done = done + $3, updated_at = $4 WHERE id = 1 AND status = 'running'`,
      [after.publishedAt, after.entryId, doneDelta, now],
    );
  }

  async finishRecluster(now = Date.now()): Promise<void> {
    await this.db.run(`UPDATE story_recluster SET status = 'done', finished_at = $1 WHERE id = 1 AND status = 'running'`, [now]);
  }

  async merge(intoId: number, fromId: number, now = Date.now()): Promise<Story | undefined> {
    const into = await this.db.tx(async (c) => {
      const rows = (
        await c.query<{ id: number; merged_into: number | null }>(
          'SELECT id, merged_into FROM stories WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE',
          [[intoId, fromId]],
        )
      ).rows;
      const a = rows.find((r) => r.id === intoId);
      const b = rows.find((r) => r.id === fromId);
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

  async split(storyId: number, entryIds: readonly number[], now = Date.now()): Promise<Story | undefined> {
    const created = await this.db.tx(async (c) => {
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
