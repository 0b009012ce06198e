import type { SharedClock } from '../clock.js';
import type {
  DayCount,
  EntryTagging,
  RetagStep,
  TopicCount,
  TopicDefinitionInput,
  TopicLatest,
  TopicMatch,
  TopicRecord,
  TopicRepo,
  TopicSyncResult,
  TopicCountRange,
  TopicTag,
} from '../topics.js';
import {
  DAY_MS,
  dayRange,
  fillDays,
  hiddenTagsSql,
  shownTopicCounts,
  storedTag,
  tagRows,
  type TagRow,
  toTopicRecord,
  type TopicRow as SharedTopicRow,
} from '../topic-rows.js';
import { canonicalJson, definitionHash } from '../topics.js';
import { CODE_POINT_ORDER, jsonb, prepared, type Db, type Sql } from './db.js';
import { HIDDEN } from './entries.js';
import { Params } from './rows.js';

type TopicRow = SharedTopicRow<unknown>;

function toRecord(r: TopicRow): TopicRecord {
  return toTopicRecord(r, r.definition);
}

function asMatches(v: unknown): TopicMatch[] {
  return Array.isArray(v) ? (v as TopicMatch[]) : [];
}

/** Writes tag rows in one statement; a later duplicate (topic, entry) in `rows` wins. */
async function upsertTags(c: Sql, rows: readonly TagRow[], now: number): Promise<void> {
  const byKey = new Map(rows.map((r) => [`${r.topicId}\u0000${r.entryId}`, r]));
  const list = [...byKey.values()];
  if (!list.length) return;
  await c.query(
    prepared(`INSERT INTO entry_topics (topic_id, entry_id, published_at, matches, match_total, tagged_at)
     SELECT t, e, p, m::jsonb, n, $5 FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[], $6::int[]) AS v(t, e, p, m, n)
     ON CONFLICT (topic_id, entry_id) DO UPDATE SET
       published_at = excluded.published_at, matches = excluded.matches, match_total = excluded.match_total,
       tagged_at = excluded.tagged_at`),
    [
      list.map((r) => r.topicId),
      list.map((r) => r.entryId),
      list.map((r) => r.publishedAt),
      list.map((r) => jsonb(r.matches)),
      now,
      list.map((r) => r.total),
    ],
  );
}

export class PostgresTopicRepo implements TopicRepo {
  constructor(
    private readonly db: Db,
    /** Dates rows written without a time (see the methods' `now`). */
    private readonly clock: SharedClock,
  ) {}

  async setEntryTopics(entryId: number, publishedAt: number, tags: TopicTag[], at?: number): Promise<{ added: string[] }> {
    const now = at ?? (await this.clock.now());
    return this.db.tx(async (c) => {
      // Locking the entry row serialises two taggers of one entry, so each reports "added" once.
      await c.query('SELECT 1 FROM entries WHERE id = $1 FOR UPDATE', [entryId]);
      const before = new Set(
        (await c.query<{ topic_id: string }>('SELECT topic_id FROM entry_topics WHERE entry_id = $1', [entryId])).rows.map(
          (r) => r.topic_id,
        ),
      );
      await c.query('DELETE FROM entry_topics WHERE entry_id = $1', [entryId]);
      const rows = tagRows([{ entryId, publishedAt, tags }]);
      const added = rows.map((r) => r.topicId).filter((id) => !before.has(id));
      await upsertTags(c, rows, now);
      return { added };
    });
  }

  async setEntriesTopics(items: EntryTagging[], at?: number): Promise<void> {
    const now = at ?? (await this.clock.now());
    const byEntry = new Map(items.map((it) => [it.entryId, it]));
    if (byEntry.size === 0) return;
    const ids = [...byEntry.keys()].sort((a, b) => a - b);
    const rows = tagRows([...byEntry.values()]);
    // Three statements for a whole check instead of a transaction per entry: per-entry commits
    // were most of a worker's round trips and WAL flushes under ingest.
    await this.db.tx(async (c) => {
      // As in setEntryTopics, the entry rows are locked (in id order, so two taggers cannot deadlock).
      await c.query(prepared('SELECT 1 FROM entries WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE'), [ids]);
      await c.query(prepared('DELETE FROM entry_topics WHERE entry_id = ANY($1::bigint[])'), [ids]);
      await upsertTags(c, rows, now);
    });
  }

  async retagBatch(items: EntryTagging[], topicIds: string[], at?: number): Promise<void> {
    const now = at ?? (await this.clock.now());
    if (topicIds.length === 0 || items.length === 0) return;
    const only = new Set(topicIds);
    const rows = tagRows(items, only);
    await this.db.tx(async (c) => {
      // Stale tags: of the re-tagged topics, on these entries, not kept by this batch.
      await c.query(
        `DELETE FROM entry_topics et
         WHERE et.entry_id = ANY($1::bigint[]) AND et.topic_id = ANY($2::text[])
           AND NOT EXISTS (SELECT 1 FROM unnest($3::text[], $4::bigint[]) AS k(t, e) WHERE k.t = et.topic_id AND k.e = et.entry_id)`,
        [[...new Set(items.map((i) => i.entryId))], topicIds, rows.map((r) => r.topicId), rows.map((r) => r.entryId)],
      );
      await upsertTags(c, rows, now);
    });
  }

  async entryTopics(entryId: number): Promise<TopicTag[]> {
    const rows = await this.db.rows<{ topic_id: string; matches: unknown; match_total: number | null }>(
      `SELECT topic_id, matches, match_total FROM entry_topics WHERE entry_id = $1 ORDER BY topic_id ${CODE_POINT_ORDER}`,
      [entryId],
    );
    return rows.map((r) => storedTag(r.topic_id, asMatches(r.matches), r.match_total));
  }

  async tagsFor(entryIds: number[], topicId?: string): Promise<Map<number, TopicTag[]>> {
    const out = new Map<number, TopicTag[]>();
    if (entryIds.length === 0) return out;
    const ids = [...new Set(entryIds)];
    const rows =
      topicId === undefined
        ? await this.db.rows<{ entry_id: number; topic_id: string; matches: unknown; match_total: number | null }>(
            prepared(
              `SELECT entry_id, topic_id, matches, match_total FROM entry_topics WHERE entry_id = ANY($1::bigint[]) ORDER BY entry_id, topic_id ${CODE_POINT_ORDER}`,
            ),
            [ids],
          )
        : await this.db.rows<{ entry_id: number; topic_id: string; matches: unknown; match_total: number | null }>(
            'SELECT entry_id, topic_id, matches, match_total FROM entry_topics WHERE topic_id = $1 AND entry_id = ANY($2::bigint[])',
            [topicId, ids],
          );
    for (const r of rows) {
      const tag = storedTag(r.topic_id, asMatches(r.matches), r.match_total);
      const list = out.get(r.entry_id);
      if (list) list.push(tag);
      else out.set(r.entry_id, [tag]);
    }
    return out;
  }

  async countsPerDay(topicId: string, since: number, until: number): Promise<DayCount[]> {
    const range = dayRange(since, until);
    if (!range) return [];
    const { first, last } = range;
    // Counted over whole UTC days: the range is widened to day bounds so the first and last bars are full.
    // As in counts below: the topic's tags less those of removed entries (read from the index of
    // removed entries, migration 29), not a look-up of each tagged entry.
    const rows = await this.db.rows<{ d: number; n: number }>(
      `SELECT t.published_at / ${DAY_MS} AS d, COUNT(*) AS n
       FROM entry_topics t
       WHERE t.topic_id = $1 AND t.published_at >= $2 AND t.published_at < $3
         AND NOT EXISTS (SELECT 1 FROM entries e WHERE e.id = t.entry_id AND e.deleted_at IS NOT NULL)
       GROUP BY d`,
      [topicId, first * DAY_MS, (last + 1) * DAY_MS],
    );
    const byDay = new Map(rows.map((r) => [Number(r.d), Number(r.n)]));
    // Less what editors hid (p-counts): the listings leave it out, so the bars do too.
    const hidden = await this.db.rows<{ k: number | string; n: number | string }>(
      hiddenTagsSql(true, `t.published_at / ${DAY_MS}`, ['t.topic_id = $1', 't.published_at >= $2', 't.published_at < $3']),
      [topicId, first * DAY_MS, (last + 1) * DAY_MS],
    );
    for (const h of hidden) byDay.set(Number(h.k), Math.max(0, (byDay.get(Number(h.k)) ?? 0) - Number(h.n)));
    return fillDays(first, last, byDay);
  }

  async counts(range: TopicCountRange = {}): Promise<TopicCount[]> {
    const p = new Params();
    // Every tag but those of removed entries (a tag's entry row always exists: ON DELETE CASCADE).
    // The removed ones are few and have an index of their own (migration 29), so the counts read
    // the tags' index and that one, not an index entry of every live entry.
    const where = ['NOT EXISTS (SELECT 1 FROM entries e WHERE e.id = t.entry_id AND e.deleted_at IS NOT NULL)'];
    if (range.since !== undefined) where.push(`t.published_at >= ${p.add(range.since)}`);
    if (range.until !== undefined) where.push(`t.published_at < ${p.add(range.until)}`);
    const rows = await this.db.rows<{ topic_id: string; n: number }>(
      `SELECT t.topic_id, COUNT(*) AS n FROM entry_topics t
       WHERE ${where.join(' AND ')} GROUP BY t.topic_id ORDER BY n DESC, t.topic_id ${CODE_POINT_ORDER}`,
      p.values,
    );
    // Less the tags of what editors hid (p-counts): the topic cards count what the listings show.
    // Not for an operator's count of what a topic tags (r-counts).
    if (range.withHidden) return rows.map((r) => ({ topicId: r.topic_id, count: Number(r.n) }));
    const hidden = await this.db.rows<{ k: string; n: number | string }>(hiddenTagsSql(true, 't.topic_id', where.slice(1)), p.values);
    return shownTopicCounts(
      rows.map((r) => ({ topicId: r.topic_id, count: Number(r.n) })),
      hidden,
    );
  }

  async latest(topicIds: string[]): Promise<Map<string, TopicLatest>> {
    if (topicIds.length === 0) return new Map();
    // One statement; per topic, one walk down its newest-first index to the first live entry an
    // editor has not hidden (the topic cards are public).
    const rows = await this.db.rows<{ topic_id: string; id: number; title: string; published_at: number }>(
      `SELECT x.topic_id, n.id, n.title, n.published_at
       FROM unnest($1::text[]) AS x(topic_id)
       CROSS JOIN LATERAL (
         SELECT e.id, e.title, e.published_at FROM entry_topics t JOIN entries e ON e.id = t.entry_id
         WHERE t.topic_id = x.topic_id AND e.deleted_at IS NULL AND ${HIDDEN('e')}
         ORDER BY t.published_at DESC, t.entry_id DESC LIMIT 1) n`,
      [[...new Set(topicIds)]],
    );
    return new Map(rows.map((r) => [r.topic_id, { entryId: r.id, title: r.title, publishedAt: r.published_at }]));
  }

  async syncDefinitions(defs: TopicDefinitionInput[], at?: number): Promise<TopicSyncResult> {
    const now = at ?? (await this.clock.now());
    const ids = new Set<string>();
    for (const d of defs) {
      if (ids.has(d.id)) throw new Error(`topic "${d.id}" is defined twice; give each topic its own id`);
      ids.add(d.id);
    }
    return this.db.tx(async (c) => {
      const result: TopicSyncResult = { added: [], changed: [], unchanged: [], removed: [] };
      // One sync at a time: two processes syncing the same file must not both see a topic as new.
      await c.query('LOCK TABLE topics IN SHARE ROW EXCLUSIVE MODE');
      for (const d of defs) result[await upsert(c, d, now)].push(d.id);
      const stored = (await c.query<{ id: string }>(`SELECT id FROM topics ORDER BY id ${CODE_POINT_ORDER}`)).rows.map((r) => r.id);
      for (const id of stored) {
        if (ids.has(id)) continue;
        await deleteTopic(c, id);
        result.removed.push(id);
      }
      return result;
    });
  }

  async saveDefinition(def: TopicDefinitionInput, at?: number): Promise<{ record: TopicRecord; changed: boolean }> {
    const now = at ?? (await this.clock.now());
    const outcome = await this.db.tx(async (c) => {
      await c.query('LOCK TABLE topics IN SHARE ROW EXCLUSIVE MODE');
      return upsert(c, def, now);
    });
    const record = await this.getDefinition(def.id);
    if (!record) throw new Error(`topic "${def.id}" vanished while being saved`);
    return { record, changed: outcome !== 'unchanged' };
  }

  async removeDefinition(id: string): Promise<boolean> {
    return this.db.tx((c) => deleteTopic(c, id));
  }

  async getDefinition(id: string): Promise<TopicRecord | undefined> {
    const row = await this.db.one<TopicRow>('SELECT * FROM topics WHERE id = $1', [id]);
    return row && toRecord(row);
  }

  async listDefinitions(): Promise<TopicRecord[]> {
    return (await this.db.rows<TopicRow>(`SELECT * FROM topics ORDER BY id ${CODE_POINT_ORDER}`)).map(toRecord);
  }

  async retagPending(): Promise<TopicRecord[]> {
    return (await this.db.rows<TopicRow>(`SELECT * FROM topics WHERE retag_status <> 'done' ORDER BY id ${CODE_POINT_ORDER}`)).map(
      toRecord,
    );
  }

  async requestRetag(ids?: string[]): Promise<number> {
    const reset = `UPDATE topics SET retag_status = 'pending', retag_after_id = 0, retag_total = 0, retag_done = 0,
      retag_started_at = NULL, retag_finished_at = NULL`;
    return ids === undefined ? this.db.run(reset) : this.db.run(`${reset} WHERE id = ANY($1::text[])`, [ids]);
  }

  async startRetag(id: string, hash: string, total: number, at?: number): Promise<void> {
    const now = at ?? (await this.clock.now());
    await this.db.run(
      `UPDATE topics SET retag_status = 'running', retag_total = $1, retag_started_at = $2
       WHERE id = $3 AND hash = $4 AND retag_status = 'pending'`,
      [total, now, id, hash],
    );
  }

  async recordRetag(steps: RetagStep[]): Promise<void> {
    if (!steps.length) return;
    await this.db.tx(async (c) => {
      for (const s of steps) {
        await c.query(
          `UPDATE topics SET retag_after_id = GREATEST(retag_after_id, $1), retag_done = retag_done + $2
           WHERE id = $3 AND hash = $4 AND retag_status = 'running'`,
          [s.afterId, s.doneDelta, s.id, s.hash],
        );
      }
    });
  }

  async finishRetag(id: string, hash: string, at?: number): Promise<void> {
    const now = at ?? (await this.clock.now());
    await this.db.run(
      `UPDATE topics SET retag_status = 'done', retag_finished_at = $1
       WHERE id = $2 AND hash = $3 AND retag_status = 'running'`,
      [now, id, hash],
    );
  }
}

async function upsert(c: Sql, d: TopicDefinitionInput, now: number): Promise<'added' | 'changed' | 'unchanged'> {
  const hash = d.hash ?? definitionHash(d.definition);
  const json = jsonb(d.definition);
  const row = (await c.query<{ hash: string; definition: unknown }>('SELECT hash, definition FROM topics WHERE id = $1', [d.id])).rows[0];
  if (row?.hash === hash) {
    // Same tags (e.g. only the description or alert settings changed): keep it, no re-tag.
    // JSONB does not keep key order, so the comparison is of canonical forms.
    if (canonicalJson(row.definition) !== canonicalJson(JSON.parse(json))) {
      await c.query('UPDATE topics SET definition = $1::jsonb, updated_at = $2 WHERE id = $3', [json, now, d.id]);
    }
    return 'unchanged';
  }
  if (!row) {
    await c.query('INSERT INTO topics (id, definition, hash, updated_at) VALUES ($1, $2::jsonb, $3, $4)', [d.id, json, hash, now]);
    return 'added';
  }
  // A changed definition starts its re-tag from the first entry again.
  await c.query(
    `UPDATE topics SET definition = $1::jsonb, hash = $2, updated_at = $3, retag_status = 'pending', retag_after_id = 0,
       retag_total = 0, retag_done = 0, retag_started_at = NULL, retag_finished_at = NULL
     WHERE id = $4`,
    [json, hash, now, d.id],
  );
  return 'changed';
}

async function deleteTopic(c: Sql, id: string): Promise<boolean> {
  await c.query('DELETE FROM entry_topics WHERE topic_id = $1', [id]);
  return ((await c.query('DELETE FROM topics WHERE id = $1', [id])).rowCount ?? 0) > 0;
}
