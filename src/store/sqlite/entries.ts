import { storedReading } from '../../search/reading.js';
import type { Database, Statement } from 'better-sqlite3';
import type { Entry, NewEntry } from '../../domain/entry.js';
import type {
  EntryPage,
  EntryQuery,
  EntryRepo,
  FullTextUpdate,
  SaveResult,
  SourceCount,
  UnreadAllQuery,
  UnreadEntry,
  UnreadPageQuery,
  UnreadQuery,
} from '../store.js';
import { ENTRY_COLUMNS, toEntry, type EntryRow } from './rows.js';
import { keysetPage } from './keyset.js';
import { extractReasonColumn, inIdOrder, reasonKeys, toUnreadEntry, type UnreadRow } from '../rows.js';
import { StatementCache } from './statements.js';
import { keysToRead, newItemsOf, type ItemKeys } from '../new-items.js';
import { refreshStories } from './stories.js';
import { countSightingsSql, earliestCopySql, REMOVAL_BUMP } from '../story-rows.js';
import { hiddenBySourceSql, shownSourceCounts } from '../hidden-live.js';
import { carryHideSql } from '../carry-hide.js';

interface KeyRow {
  id: number;
  source_id: number;
  url: string | null;
  title: string;
  content_html: string | null;
  updated_at: number | null;
  deleted_at: number | null;
}

const KEY_COLUMNS = 'id, source_id, url, title, content_html, updated_at, deleted_at';

/** Whether the entry `id` (an SQL expression) holds a queued or running job of the pending key `?` + id (through jobs_pending_key). */
const PENDING_JOB = (id: string): string =>
  `EXISTS (SELECT 1 FROM jobs j WHERE j.pending_key = ? || ${id} AND j.state IN ('queued', 'running'))`;

/**
 * A source's (?) live entries never read in full with an http(s) link, feed text under ? characters
 * (the second ? the same; null: any), and no read of theirs queued or running (?: the key prefix).
 */
const UNREAD = `e.source_id = ? AND e.deleted_at IS NULL AND e.extract_status = 'none'
  AND (e.url LIKE 'http://%' OR e.url LIKE 'https://%') AND (? IS NULL OR length(e.text) < ?)
  AND NOT ${PENDING_JOB('e.id')}`;

/**
 * The same entries over every source that reads full text, each by its own mode (joined from
 * sources): "always" any text, "short" feed text under ? characters; "off" none.
 */
const UNREAD_ALL = `e.deleted_at IS NULL AND e.extract_status = 'none'
  AND (e.url LIKE 'http://%' OR e.url LIKE 'https://%')
  AND (s.extract_mode = 'always' OR (s.extract_mode = 'short' AND length(e.text) < ?))
  AND NOT ${PENDING_JOB('e.id')}`;

/** What a row of the never-read list reads (entries joined with their source). */
const UNREAD_ROW =
  'e.id, e.source_id, e.url, e.title, e.lang, e.dir, e.published_at, s.title AS source_title, s.url AS source_url, s.extract_mode';

const CARRY = carryHideSql(false, 'SELECT CAST(@copy AS INTEGER) AS copy_id, CAST(@original AS INTEGER) AS original_id', '@now');

export class SqliteEntryRepo implements EntryRepo {
  private readonly byKey: Statement;
  private readonly byCanonical: Statement;
  private readonly byFingerprint: Statement;
  private readonly insert: Statement;
  private readonly refresh: Statement;
  private readonly sight: Statement;
  private readonly edit: Statement;
  private readonly countSightings: Statement;

  private readonly sql: StatementCache;

  constructor(private readonly db: Database) {
    this.sql = new StatementCache(db);
    this.byKey = db.prepare(`SELECT ${KEY_COLUMNS} FROM entries WHERE source_id = ? AND dedupe_key = ?`);
    this.byCanonical = db.prepare(`SELECT ${KEY_COLUMNS} FROM entries WHERE canonical_url = ?`);
    this.byFingerprint = db.prepare('SELECT id FROM entries WHERE source_id = ? AND fingerprint = ? LIMIT 1');
    // Any unique index may refuse the row (the source's key, or the canonical URL another writer
    // stored first): the caller then finds what won.
    this.insert = db.prepare(
      `INSERT INTO entries (source_id, dedupe_key, fingerprint, url, title, author, content_html, text, lang, dir,
         published_at, updated_at, created_at, lead_image, categories, canonical_url, outlet_name, outlet_url, lang_guessed,
         search_title, search_text)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING
       RETURNING ${ENTRY_COLUMNS}`,
    );
    // An update keeps the full text already extracted; the feed's own text only replaces the
    // plain text while no full text exists.
    this.refresh = db.prepare(
      `UPDATE entries SET url = ?, title = ?, author = ?, content_html = ?,
         text = CASE WHEN full_html IS NULL THEN ? ELSE text END, updated_at = ?, categories = ?,
         search_title = ?, search_text = CASE WHEN full_html IS NULL THEN ? ELSE search_text END
       WHERE id = ?`,
    );
    this.sight = db.prepare(
      'INSERT INTO sightings (entry_id, source_id, first_seen, url, title) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    this.countSightings = db.prepare(
      countSightingsSql((n) => (n === 1 ? '@now' : '@source'), 'SELECT value FROM json_each(@entries)', {
        byId: ' NOT INDEXED',
        byStory: ' INDEXED BY entries_story_summary',
        join: 'CROSS JOIN',
      }),
    );
    this.edit = db.prepare(
      `INSERT INTO entry_history (entry_id, source_id, changed_at, title_before, title_after, url_before, url_after)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  async saveBatch(sourceId: number, items: NewEntry[], now = Date.now()): Promise<SaveResult> {
    const result: SaveResult = { inserted: [], updated: 0, unchanged: 0, sighted: 0 };
    /** The stored entry takes the item's content; a changed headline or address is kept as an edit. */
    const update = (old: KeyRow, it: NewEntry): void => {
      if (old.title === it.title && old.content_html === it.contentHtml && (it.updatedAt ?? null) === old.updated_at) {
        result.unchanged++;
        return;
      }
      this.refresh.run(
        it.url,
        it.title,
        it.author,
        it.contentHtml,
        it.text,
        it.updatedAt,
        JSON.stringify(it.categories ?? []),
        storedReading(it.title),
        storedReading(it.text),
        old.id,
      );
      if (old.title !== it.title || old.url !== it.url) this.edit.run(old.id, sourceId, now, old.title, it.title, old.url, it.url);
      result.updated++;
    };
    this.db.transaction(() => {
      const sighted: number[] = [];
      const seen = new Set<string>();
      const seenCanonical = new Set<string>();
      for (const it of items) {
        if (seen.has(it.dedupeKey)) {
          result.unchanged++;
          continue;
        }
        seen.add(it.dedupeKey);
        const old = this.byKey.get(sourceId, it.dedupeKey) as KeyRow | undefined;
        if (old) {
          if (old.deleted_at !== null) result.unchanged++;
          else update(old, it);
          continue;
        }
        const canonical = it.canonicalUrl ?? null;
        if (canonical !== null) {
          // One article per canonical URL, also within this batch: a second item is not an edit
          // of the first one stored a moment ago (as in the PostgreSQL dialect).
          if (seenCanonical.has(canonical)) {
            result.unchanged++;
            continue;
          }
          seenCanonical.add(canonical);
        }
        const same = canonical === null ? undefined : (this.byCanonical.get(canonical) as KeyRow | undefined);
        if (same) {
          // The article is stored already: under another GUID of this source (an edit), or from another source (a sighting).
          if (same.deleted_at !== null) result.unchanged++;
          else if (same.source_id === sourceId) update(same, it);
          else if (this.sight.run(same.id, sourceId, now, it.url, it.title).changes > 0) {
            result.sighted++;
            sighted.push(same.id);
          } else result.unchanged++;
          continue;
        }
        if (this.byFingerprint.get(sourceId, it.fingerprint)) {
          result.unchanged++;
          continue;
        }
        const row = this.insert.get(
          sourceId,
          it.dedupeKey,
          it.fingerprint,
          it.url,
          it.title,
          it.author,
          it.contentHtml,
          it.text,
          it.lang,
          it.dir,
          it.publishedAt ?? now,
          it.updatedAt,
          now,
          it.leadImage ?? null,
          JSON.stringify(it.categories ?? []),
          canonical,
          it.outletName ?? null,
          it.outletUrl ?? null,
          it.langGuessed ? 1 : 0,
          storedReading(it.title),
          storedReading(it.text),
        ) as EntryRow | undefined;
        if (row) {
          this.sight.run(row.id, sourceId, now, it.url, it.title);
          result.inserted.push(toEntry(row));
        } else result.unchanged++;
      }
      // Their stories count this source now, not at their next recount (see countSightingsSql).
      if (sighted.length) this.countSightings.run({ now, source: sourceId, entries: JSON.stringify(sighted) });
    })();
    return result;
  }

  async newItems(sourceId: number, items: readonly ItemKeys[]): Promise<boolean[]> {
    if (items.length === 0) return [];
    const read = keysToRead(items);
    // One statement, each arm on the index saveBatch's own lookup uses.
    const rows = this.sql
      .get(
        `SELECT 1 AS kind, dedupe_key AS value FROM entries
           WHERE source_id = @source AND dedupe_key IN (SELECT value FROM json_each(@keys))
         UNION ALL SELECT 2, canonical_url FROM entries WHERE canonical_url IN (SELECT value FROM json_each(@canonicals))
         UNION ALL SELECT 3, fingerprint FROM entries
           WHERE source_id = @source AND fingerprint IN (SELECT value FROM json_each(@fingerprints))`,
      )
      .all({
        source: sourceId,
        keys: JSON.stringify(read.keys),
        canonicals: JSON.stringify(read.canonicals),
        fingerprints: JSON.stringify(read.fingerprints),
      }) as { kind: number; value: string }[];
    const sets = [new Set<string>(), new Set<string>(), new Set<string>()] as const;
    for (const r of rows) sets[r.kind - 1]?.add(r.value);
    return newItemsOf(items, { keys: sets[0], canonicals: sets[1], fingerprints: sets[2] });
  }

  async get(id: number): Promise<Entry | undefined> {
    const row = this.sql.get(`SELECT ${ENTRY_COLUMNS} FROM entries WHERE id = ? AND deleted_at IS NULL`).get(id) as EntryRow | undefined;
    return row && toEntry(row);
  }

  async list(q: EntryQuery): Promise<EntryPage> {
    const columns = ENTRY_COLUMNS.split(', ')
      .map((c) => `e.${c}`)
      .join(', ');
    const page = keysetPage<EntryRow>(this.sql, q, columns);
    const out: EntryPage = { items: page.rows.map(toEntry) };
    if (page.older) out.older = page.older;
    if (page.newer) out.newer = page.newer;
    return out;
  }

  async remove(id: number): Promise<boolean> {
    // One IMMEDIATE transaction (p-removehide): the promotion and the hide it carries are written
    // with the removal or not at all.
    return this.db.transaction(() => this.removeNow(id)).immediate();
  }

  private removeNow(id: number): boolean {
    // The row stays as a tombstone (key and fingerprint only) so the next poll does not revive it.
    const info = this.sql
      .get(
        `UPDATE entries SET deleted_at = ?, content_html = NULL, full_html = NULL, text = '', search_text = NULL
         WHERE id = ? AND deleted_at IS NULL`,
      )
      .run(Date.now(), id);
    if (info.changes === 0) return false;
    // The removals counter, once the entry is gone (c-live): a story step that sees it moved reads the
    // window's live entries after this and forgets the entry its clusterer still holds.
    this.sql.get(REMOVAL_BUMP).run();
    // Its copies stay visible: the earliest becomes an article of its own and the others copy it.
    const first = this.sql
      .get(`SELECT ${earliestCopySql('@id')} AS id`)
      .pluck()
      .get({ id }) as number | null;
    let copyStory: number | null = null;
    if (first !== null) {
      this.sql.get('UPDATE entries SET duplicate_of = NULL WHERE id = ?').run(first);
      copyStory = this.sql.get('SELECT story_id FROM entries WHERE id = ?').pluck().get(first) as number | null;
      this.sql.get('UPDATE entries SET duplicate_of = ? WHERE duplicate_of = ?').run(first, id);
      // A hidden original's hide goes to the copy standing in for it (carry-hide.ts).
      this.sql.get(CARRY.audit).run({ copy: first, original: id, now: Date.now() });
      this.sql.get(CARRY.override).run({ copy: first, original: id });
    }
    // Its story's counts, lead and headline no longer include it.
    const story = this.sql.get('SELECT story_id FROM entries WHERE id = ?').pluck().get(id) as number | null;
    // The promoted copy's story too, when it is another: it gained an article (p-removepromote).
    const touched = [story, copyStory].filter((x): x is number => x !== null);
    if (touched.length) refreshStories(this.sql, touched, Date.now());
    return true;
  }

  async setFullText(id: number, u: FullTextUpdate): Promise<void> {
    // A reason belongs to a failed read or a page without an article only: a later success clears it.
    const sets = ['full_html = ?', 'extract_status = ?', 'extract_error = ?'];
    const values: unknown[] = [u.fullHtml, u.extractStatus, extractReasonColumn(u)];
    if (u.text !== undefined) sets.push('text = ?', 'search_text = ?'), values.push(u.text, storedReading(u.text));
    if (u.leadImage !== undefined) sets.push('lead_image = ?'), values.push(u.leadImage);
    if (u.lang !== undefined) sets.push('lang = ?', 'lang_guessed = ?'), values.push(u.lang, u.langGuessed ? 1 : 0);
    if (u.dir !== undefined) sets.push('dir = ?'), values.push(u.dir);
    if (u.author !== undefined) sets.push('author = COALESCE(author, ?)'), values.push(u.author);
    this.sql.get(`UPDATE entries SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
  }

  async count(q: { sourceId?: number } = {}): Promise<number> {
    const row = (
      q.sourceId === undefined
        ? // The live entries' narrowest index (two integers a row), not the table: left to itself
          // the planner counts by reading every row, bodies and all (it passes over partial indexes).
          this.sql.get('SELECT COUNT(*) AS n FROM entries INDEXED BY entries_newest WHERE deleted_at IS NULL').get()
        : this.sql.get('SELECT COUNT(*) AS n FROM entries WHERE deleted_at IS NULL AND source_id = ?').get(q.sourceId)
    ) as { n: number };
    return row.n;
  }

  async extractFailures(): Promise<Map<string, number>> {
    // Read from the partial index of failures (migration 21), never the whole table.
    return this.reasonCounts('entries_extract_failed', 'failed', 'other');
  }

  async notArticles(): Promise<Map<string, number>> {
    // Read from the partial index of pages without an article (migration 22).
    return this.reasonCounts('entries_not_article', 'not-article', 'no-article');
  }

  /** Live entries of one extract status counted by their stored reason (`none` for rows without one), through `index`. */
  private reasonCounts(index: string, status: 'failed' | 'not-article', none: string): Map<string, number> {
    const rows = this.sql
      .get(
        `SELECT COALESCE(extract_error, '${none}') AS k, COUNT(*) AS n FROM entries INDEXED BY ${index} WHERE deleted_at IS NULL AND extract_status = '${status}' GROUP BY 1`,
      )
      .all() as { k: string; n: number }[];
    return new Map(rows.map((r) => [r.k, r.n]));
  }

  async extractFailedIds(reason: string, limit: number, beforeId?: number): Promise<number[]> {
    const { which, params } = this.failedOf(reason, beforeId);
    const rows = this.sql
      .get(`SELECT id FROM entries INDEXED BY entries_extract_failed WHERE ${which} ORDER BY id DESC LIMIT ?`)
      .all(...params, Math.max(0, limit)) as { id: number }[];
    return rows.map((r) => r.id);
  }

  async extractFailedCount(reason: string, beforeId?: number, notPending?: string): Promise<number> {
    const { which, params } = this.failedOf(reason, beforeId);
    const pending = notPending === undefined ? '' : ` AND NOT ${PENDING_JOB('entries.id')}`;
    const row = this.sql
      .get(`SELECT COUNT(*) AS n FROM entries INDEXED BY entries_extract_failed WHERE ${which}${pending}`)
      .get(...params, ...(notPending === undefined ? [] : [notPending])) as { n: number };
    return row.n;
  }

  async unreadIds(sourceId: number, q: UnreadQuery, limit: number): Promise<number[]> {
    const rows = this.sql
      .get(`SELECT e.id FROM entries e WHERE ${UNREAD} ORDER BY e.id DESC LIMIT ?`)
      .all(sourceId, q.shortChars, q.shortChars, q.pendingPrefix, Math.max(0, limit)) as { id: number }[];
    return rows.map((r) => r.id);
  }

  async unreadCount(sourceId: number, q: UnreadQuery): Promise<number> {
    const row = this.sql
      .get(`SELECT COUNT(*) AS n FROM entries e WHERE ${UNREAD}`)
      .get(sourceId, q.shortChars, q.shortChars, q.pendingPrefix) as {
      n: number;
    };
    return row.n;
  }

  async unreadIdsAll(q: UnreadAllQuery, limit: number): Promise<number[]> {
    // Named, as the page and the counts per source below: the planner may weigh the partial index
    // (its link term and text length included since migration 28) against entries_newest wrongly.
    const rows = this.sql
      .get(
        `SELECT e.id FROM entries e INDEXED BY entries_never_read JOIN sources s ON s.id = e.source_id WHERE ${UNREAD_ALL} ORDER BY e.id DESC LIMIT ?`,
      )
      .all(q.shortChars, q.pendingPrefix, Math.max(0, limit)) as { id: number }[];
    return rows.map((r) => r.id);
  }

  async unreadCountAll(q: UnreadAllQuery): Promise<number> {
    const row = this.sql
      .get(`SELECT COUNT(*) AS n FROM entries e INDEXED BY entries_never_read JOIN sources s ON s.id = e.source_id WHERE ${UNREAD_ALL}`)
      .get(q.shortChars, q.pendingPrefix) as { n: number };
    return row.n;
  }

  async unreadPage(q: UnreadPageQuery): Promise<UnreadEntry[]> {
    // One statement a page; the variants (cursor, source) are separate statements so that each
    // keeps its plan (a "? IS NULL OR" would hide the bound from the planner). All walk the partial
    // index of never-read entries (migration 25), which holds the source id: left to itself the
    // planner takes a source's rows from entries_source_newest, every live entry of it whatever
    // its status, and sorts them.
    const params: (string | number)[] = [q.shortChars, q.pendingPrefix];
    let more = '';
    if (q.beforeId !== undefined) {
      more += ' AND e.id < ?';
      params.push(q.beforeId);
    }
    if (q.sourceId !== undefined) {
      more += ' AND e.source_id = ?';
      params.push(q.sourceId);
    }
    const rows = this.sql
      .get(
        `SELECT ${UNREAD_ROW} FROM entries e INDEXED BY entries_never_read JOIN sources s ON s.id = e.source_id WHERE ${UNREAD_ALL}${more} ORDER BY e.id DESC LIMIT ?`,
      )
      .all(...params, Math.max(0, q.limit)) as UnreadRow[];
    return rows.map(toUnreadEntry);
  }

  async unreadCountsBySource(q: UnreadAllQuery): Promise<SourceCount[]> {
    // Through the never-read index: left to itself the planner walks entries_source_newest (every
    // live entry) to save sorting the groups.
    const rows = this.sql
      .get(
        `SELECT e.source_id AS source_id, COUNT(*) AS n FROM entries e INDEXED BY entries_never_read JOIN sources s ON s.id = e.source_id WHERE ${UNREAD_ALL} GROUP BY e.source_id ORDER BY e.source_id`,
      )
      .all(q.shortChars, q.pendingPrefix) as { source_id: number; n: number }[];
    return rows.map((r) => ({ sourceId: r.source_id, count: r.n }));
  }

  /** The live failures of `reason` below `beforeId`, as a WHERE clause over the failures' partial index. */
  private failedOf(reason: string, beforeId: number | undefined): { which: string; params: (string | number)[] } {
    // "other" is every key this version does not name, and none; the others are their own key.
    const r = reasonKeys('failed', reason);
    const key = 'key' in r ? 'extract_error = ?' : `(extract_error IS NULL OR extract_error NOT IN (${r.notIn.map(() => '?').join(', ')}))`;
    return {
      which: `deleted_at IS NULL AND extract_status = 'failed' AND ${key}${beforeId === undefined ? '' : ' AND id < ?'}`,
      params: [...('key' in r ? [r.key] : r.notIn), ...(beforeId === undefined ? [] : [beforeId])],
    };
  }

  async countsBySource(shown = false): Promise<SourceCount[]> {
    // The partial index of live entries per source answers this without reading a row.
    const rows = this.sql
      .get('SELECT source_id, COUNT(*) AS n FROM entries WHERE deleted_at IS NULL GROUP BY source_id ORDER BY source_id')
      .all() as { source_id: number; n: number }[];
    const all = rows.map((r) => ({ sourceId: r.source_id, count: r.n }));
    // What editors hid, a statement of its own read from their rows (the one above reads an index only).
    return shown ? shownSourceCounts(all, this.sql.get(hiddenBySourceSql(false)).all() as { source_id: number; n: number }[]) : all;
  }

  async getMany(ids: number[]): Promise<Entry[]> {
    if (ids.length === 0) return [];
    const rows = this.sql
      .get(`SELECT ${ENTRY_COLUMNS} FROM entries WHERE id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL`)
      .all(JSON.stringify(ids)) as EntryRow[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return inIdOrder(ids, byId).map(toEntry);
  }

  async texts(ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = this.sql
      .get('SELECT id, text FROM entries WHERE id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL')
      .all(JSON.stringify(ids)) as { id: number; text: string }[];
    return new Map(rows.map((r) => [r.id, r.text]));
  }

  async scan(afterId: number, limit: number): Promise<Entry[]> {
    // A limit below 0 is none, as in PostgreSQL (SQLite reads LIMIT -1 as no limit at all).
    const rows = this.sql
      .get(`SELECT ${ENTRY_COLUMNS} FROM entries WHERE id > ? AND deleted_at IS NULL ORDER BY id LIMIT ?`)
      .all(afterId, Math.max(0, limit)) as EntryRow[];
    return rows.map(toEntry);
  }
}
