import type { Database, Statement } from 'better-sqlite3';
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
  tagRows,
  storedTag,
  toTopicRecord,
  type TagRow,
  type TopicRow as SharedTopicRow,
} from '../topic-rows.js';
import { definitionHash } from '../topics.js';
import { HIDDEN } from './keyset.js';

type TopicRow = SharedTopicRow<string>;

function toRecord(r: TopicRow): TopicRecord {
  return toTopicRecord(r, JSON.parse(r.definition) as unknown);
}

export class SqliteTopicRepo implements TopicRepo {
  private readonly insertTag: Statement;
  private readonly deleteEntryTags: Statement;
  private readonly deleteTag: Statement;
  private readonly entryTopicIds: Statement;

  constructor(private readonly db: Database) {
    this.insertTag = db.prepare(
      `INSERT INTO entry_topics (topic_id, entry_id, published_at, matches, match_total, tagged_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (topic_id, entry_id) DO UPDATE SET
         published_at = excluded.published_at, matches = excluded.matches, match_total = excluded.match_total,
         tagged_at = excluded.tagged_at`,
    );
    this.deleteEntryTags = db.prepare('DELETE FROM entry_topics WHERE entry_id = ?');
    this.deleteTag = db.prepare('DELETE FROM entry_topics WHERE topic_id = ? AND entry_id = ?');
    this.entryTopicIds = db.prepare('SELECT topic_id FROM entry_topics WHERE entry_id = ?').pluck();
  }

  async setEntryTopics(entryId: number, publishedAt: number, tags: TopicTag[], now = Date.now()): Promise<{ added: string[] }> {
    let added: string[] = [];
    this.db.transaction(() => {
      const before = new Set(this.entryTopicIds.all(entryId) as string[]);
      const rows = tagRows([{ entryId, publishedAt, tags }]);
      this.replaceTags([entryId], rows, now);
      added = rows.map((r) => r.topicId).filter((id) => !before.has(id));
    })();
    return { added };
  }

  async setEntriesTopics(items: EntryTagging[], now = Date.now()): Promise<void> {
    const byEntry = new Map(items.map((it) => [it.entryId, it]));
    if (byEntry.size === 0) return;
    this.db.transaction(() => this.replaceTags([...byEntry.keys()], tagRows([...byEntry.values()]), now))();
  }

  /** Every tag of these entries replaced by `rows` (inside the caller's transaction). */
  private replaceTags(entryIds: readonly number[], rows: readonly TagRow[], now: number): void {
    for (const id of entryIds) this.deleteEntryTags.run(id);
    for (const r of rows) this.insertTag.run(r.topicId, r.entryId, r.publishedAt, JSON.stringify(r.matches), r.total, now);
  }

  async retagBatch(items: EntryTagging[], topicIds: string[], now = Date.now()): Promise<void> {
    if (topicIds.length === 0 || items.length === 0) return;
    const only = new Set(topicIds);
    const rows = tagRows(items, only);
    const kept = new Set(rows.map((r) => `${r.entryId} ${r.topicId}`));
    this.db.transaction(() => {
      for (const r of rows) this.insertTag.run(r.topicId, r.entryId, r.publishedAt, JSON.stringify(r.matches), r.total, now);
      // Stale tags: of the re-tagged topics, on these entries, not kept by this batch. Most
      // entries match nothing, so one index probe per entry finds the (usually no) rows to drop.
      for (const entryId of new Set(items.map((i) => i.entryId))) {
        for (const old of this.entryTopicIds.all(entryId) as string[]) {
          if (only.has(old) && !kept.has(`${entryId} ${old}`)) this.deleteTag.run(old, entryId);
        }
      }
    })();
  }

  async entryTopics(entryId: number): Promise<TopicTag[]> {
    const rows = this.db
      .prepare('SELECT topic_id, matches, match_total FROM entry_topics WHERE entry_id = ? ORDER BY topic_id')
      .all(entryId) as { topic_id: string; matches: string; match_total: number | null }[];
    return rows.map((r) => storedTag(r.topic_id, parseMatches(r.matches), r.match_total));
  }

  async tagsFor(entryIds: number[], topicId?: string): Promise<Map<number, TopicTag[]>> {
    const out = new Map<number, TopicTag[]>();
    if (entryIds.length === 0) return out;
    const ids = JSON.stringify([...new Set(entryIds)]);
    const rows = (
      topicId === undefined
        ? this.db
            .prepare(
              'SELECT entry_id, topic_id, matches, match_total FROM entry_topics WHERE entry_id IN (SELECT value FROM json_each(?)) ORDER BY entry_id, topic_id',
            )
            .all(ids)
        : this.db
            .prepare(
              'SELECT entry_id, topic_id, matches, match_total FROM entry_topics WHERE topic_id = ? AND entry_id IN (SELECT value FROM json_each(?))',
            )
            .all(topicId, ids)
    ) as { entry_id: number; topic_id: string; matches: string; match_total: number | null }[];
    for (const r of rows) {
      const tag = storedTag(r.topic_id, parseMatches(r.matches), r.match_total);
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
    // Whether each tagged entry is live is read from the live entries' narrow index (partial on
    // deleted_at IS NULL), not from the entry's row, bodies and all (as in counts below).
    // Days are whole UTC days: the range is widened to day bounds so the first and last bars are full.
    const rows = this.db
      .prepare(
        `SELECT t.published_at / ${DAY_MS} AS d, COUNT(*) AS n
         FROM entry_topics t JOIN entries e INDEXED BY entries_search_cover ON e.id = t.entry_id
         WHERE t.topic_id = ? AND t.published_at >= ? AND t.published_at < ? AND e.deleted_at IS NULL
         GROUP BY d`,
      )
      .all(topicId, first * DAY_MS, (last + 1) * DAY_MS) as { d: number; n: number }[];
    const byDay = new Map(rows.map((r) => [r.d, r.n]));
    // Less what editors hid (p-counts): the listings leave it out, so the bars do too.
    const hidden = this.db
      .prepare(hiddenTagsSql(false, `t.published_at / ${DAY_MS}`, ['t.topic_id = ?', 't.published_at >= ?', 't.published_at < ?']))
      .all(topicId, first * DAY_MS, (last + 1) * DAY_MS) as { k: number; n: number }[];
    for (const h of hidden) byDay.set(h.k, Math.max(0, (byDay.get(h.k) ?? 0) - h.n));
    return fillDays(first, last, byDay);
  }

  async counts(range: TopicCountRange = {}): Promise<TopicCount[]> {
    // Every tagged entry is checked for being live (the start page's topic cards count them all
    // time): through the live entries' narrow index, whose rows are a few integers, not the
    // entries' rows, bodies and all (~6x faster at 30,000 tags, bench/desk-scale.ts).
    const where = ['e.deleted_at IS NULL'];
    const params: number[] = [];
    if (range.since !== undefined) where.push('t.published_at >= ?'), params.push(range.since);
    if (range.until !== undefined) where.push('t.published_at < ?'), params.push(range.until);
    const rows = this.db
      .prepare(
        `SELECT t.topic_id, COUNT(*) AS n FROM entry_topics t JOIN entries e INDEXED BY entries_search_cover ON e.id = t.entry_id
         WHERE ${where.join(' AND ')} GROUP BY t.topic_id ORDER BY n DESC, t.topic_id`,
      )
      .all(...params) as { topic_id: string; n: number }[];
    // Less the tags of what editors hid (p-counts): the topic cards count what the listings show.
    // Not for an operator's count of what a topic tags (r-counts).
    if (range.withHidden) return rows.map((r) => ({ topicId: r.topic_id, count: r.n }));
    const hidden = this.db.prepare(hiddenTagsSql(false, 't.topic_id', where.slice(1))).all(...params) as { k: string; n: number }[];
    return shownTopicCounts(
      rows.map((r) => ({ topicId: r.topic_id, count: r.n })),
      hidden,
    );
  }

  async latest(topicIds: string[]): Promise<Map<string, TopicLatest>> {
    if (topicIds.length === 0) return new Map();
    // One statement; per topic, one probe of its newest-first index (skipping deleted entries and
    // what an editor hid: the topic cards are public).
    const rows = this.db
      .prepare(
        `SELECT x.value AS topic_id, e.id, e.title, e.published_at
         FROM json_each(?) x
         JOIN entries e ON e.id = (
           SELECT t.entry_id FROM entry_topics t JOIN entries d ON d.id = t.entry_id
           WHERE t.topic_id = x.value AND d.deleted_at IS NULL AND ${HIDDEN('d')}
           ORDER BY t.published_at DESC, t.entry_id DESC LIMIT 1)`,
      )
      .all(JSON.stringify([...new Set(topicIds)])) as { topic_id: string; id: number; title: string; published_at: number }[];
    return new Map(rows.map((r) => [r.topic_id, { entryId: r.id, title: r.title, publishedAt: r.published_at }]));
  }

  async syncDefinitions(defs: TopicDefinitionInput[], now = Date.now()): Promise<TopicSyncResult> {
    const result: TopicSyncResult = { added: [], changed: [], unchanged: [], removed: [] };
    const ids = new Set<string>();
    for (const d of defs) {
      if (ids.has(d.id)) throw new Error(`topic "${d.id}" is defined twice; give each topic its own id`);
      ids.add(d.id);
    }
    this.db.transaction(() => {
      for (const d of defs) {
        const outcome = this.upsert(d, now);
        result[outcome].push(d.id);
      }
      const stored = this.db.prepare('SELECT id FROM topics').pluck().all() as string[];
      for (const id of stored) {
        if (ids.has(id)) continue;
        this.deleteTopic(id);
        result.removed.push(id);
      }
    })();
    return result;
  }

  async saveDefinition(def: TopicDefinitionInput, now = Date.now()): Promise<{ record: TopicRecord; changed: boolean }> {
    const outcome = this.db.transaction(() => this.upsert(def, now))();
    const record = await this.getDefinition(def.id);
    if (!record) throw new Error(`topic "${def.id}" vanished while being saved`);
    return { record, changed: outcome !== 'unchanged' };
  }

  async removeDefinition(id: string): Promise<boolean> {
    return this.db.transaction(() => this.deleteTopic(id))();
  }

  async getDefinition(id: string): Promise<TopicRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM topics WHERE id = ?').get(id) as TopicRow | undefined;
    return row && toRecord(row);
  }

  async listDefinitions(): Promise<TopicRecord[]> {
    return (this.db.prepare('SELECT * FROM topics ORDER BY id').all() as TopicRow[]).map(toRecord);
  }

  async retagPending(): Promise<TopicRecord[]> {
    return (this.db.prepare("SELECT * FROM topics WHERE retag_status <> 'done' ORDER BY id").all() as TopicRow[]).map(toRecord);
  }

  async requestRetag(ids?: string[]): Promise<number> {
    const reset = `UPDATE topics SET retag_status = 'pending', retag_after_id = 0, retag_total = 0, retag_done = 0,
      retag_started_at = NULL, retag_finished_at = NULL`;
    return ids === undefined
      ? this.db.prepare(reset).run().changes
      : this.db.prepare(`${reset} WHERE id IN (SELECT value FROM json_each(?))`).run(JSON.stringify(ids)).changes;
  }

  async startRetag(id: string, hash: string, total: number, now = Date.now()): Promise<void> {
    this.db
      .prepare(
        `UPDATE topics SET retag_status = 'running', retag_total = ?, retag_started_at = ?
         WHERE id = ? AND hash = ? AND retag_status = 'pending'`,
      )
      .run(total, now, id, hash);
  }

  async recordRetag(steps: RetagStep[]): Promise<void> {
    const stmt = this.db.prepare(
      `UPDATE topics SET retag_after_id = MAX(retag_after_id, ?), retag_done = retag_done + ?
       WHERE id = ? AND hash = ? AND retag_status = 'running'`,
    );
    this.db.transaction(() => {
      for (const s of steps) stmt.run(s.afterId, s.doneDelta, s.id, s.hash);
    })();
  }

  async finishRetag(id: string, hash: string, now = Date.now()): Promise<void> {
    this.db
      .prepare(
        `UPDATE topics SET retag_status = 'done', retag_finished_at = ?
         WHERE id = ? AND hash = ? AND retag_status = 'running'`,
      )
      .run(now, id, hash);
  }

  private upsert(d: TopicDefinitionInput, now: number): 'added' | 'changed' | 'unchanged' {
    const hash = d.hash ?? definitionHash(d.definition);
    const json = JSON.stringify(d.definition);
    const row = this.db.prepare('SELECT hash, definition FROM topics WHERE id = ?').get(d.id) as
      | { hash: string; definition: string }
      | undefined;
    const old = row?.hash;
    if (old === hash) {
      // Same tags (e.g. only the description or alert settings changed): keep it, no re-tag.
      if (row?.definition !== json) this.db.prepare('UPDATE topics SET definition = ?, updated_at = ? WHERE id = ?').run(json, now, d.id);
      return 'unchanged';
    }
    if (old === undefined) {
      this.db.prepare('INSERT INTO topics (id, definition, hash, updated_at) VALUES (?, ?, ?, ?)').run(d.id, json, hash, now);
      return 'added';
    }
    // A changed definition starts its re-tag from the first entry again.
    this.db
      .prepare(
        `UPDATE topics SET definition = ?, hash = ?, updated_at = ?, retag_status = 'pending', retag_after_id = 0,
           retag_total = 0, retag_done = 0, retag_started_at = NULL, retag_finished_at = NULL
         WHERE id = ?`,
      )
      .run(json, hash, now, d.id);
    return 'changed';
  }

  private deleteTopic(id: string): boolean {
    this.db.prepare('DELETE FROM entry_topics WHERE topic_id = ?').run(id);
    return this.db.prepare('DELETE FROM topics WHERE id = ?').run(id).changes > 0;
  }
}

function parseMatches(s: string): TopicMatch[] {
  try {
    const v: unknown = JSON.parse(s);
    return Array.isArray(v) ? (v as TopicMatch[]) : [];
  } catch {
    return [];
  }
}
