import type { Database, Statement } from 'better-sqlite3';
import type { Entry, NewEntry } from '../../domain/entry.js';
import type { EntryPage, EntryQuery, EntryRepo, FullTextUpdate, SaveResult, SourceCount } from '../store.js';
import { ENTRY_COLUMNS, toEntry, type EntryRow } from './rows.js';
import { keysetPage } from './keyset.js';
import { inIdOrder } from '../rows.js';
import { StatementCache } from './statements.js';

interface KeyRow {
  id: number;
  title: string;
  content_html: string | null;
  updated_at: number | null;
  deleted_at: number | null;
}

export class SqliteEntryRepo implements EntryRepo {
  private readonly byKey: Statement;
  private readonly byFingerprint: Statement;
  private readonly insert: Statement;
  private readonly refresh: Statement;

  private readonly sql: StatementCache;

  constructor(private readonly db: Database) {
    this.sql = new StatementCache(db);
    this.byKey = db.prepare('SELECT id, title, content_html, updated_at, deleted_at FROM entries WHERE source_id = ? AND dedupe_key = ?');
    this.byFingerprint = db.prepare('SELECT id FROM entries WHERE source_id = ? AND fingerprint = ? LIMIT 1');
    this.insert = db.prepare(
      `INSERT INTO entries (source_id, dedupe_key, fingerprint, url, title, author, content_html, text, lang, dir,
         published_at, updated_at, created_at, lead_image, categories)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (source_id, dedupe_key) DO NOTHING
       RETURNING ${ENTRY_COLUMNS}`,
    );
    // An update keeps the full text already extracted; the feed's own text only replaces the
    // plain text while no full text exists.
    this.refresh = db.prepare(
      `UPDATE entries SET url = ?, title = ?, author = ?, content_html = ?,
         text = CASE WHEN full_html IS NULL THEN ? ELSE text END, updated_at = ?, categories = ?
       WHERE id = ?`,
    );
  }

  async saveBatch(sourceId: number, items: NewEntry[], now = Date.now()): Promise<SaveResult> {
    const result: SaveResult = { inserted: [], updated: 0, unchanged: 0 };
    this.db.transaction(() => {
      const seen = new Set<string>();
      for (const it of items) {
        if (seen.has(it.dedupeKey)) {
          result.unchanged++;
          continue;
        }
        seen.add(it.dedupeKey);
        const old = this.byKey.get(sourceId, it.dedupeKey) as KeyRow | undefined;
        if (old) {
          if (old.deleted_at !== null) result.unchanged++;
          else if (old.title !== it.title || old.content_html !== it.contentHtml || (it.updatedAt ?? null) !== old.updated_at) {
            this.refresh.run(
              it.url,
              it.title,
              it.author,
              it.contentHtml,
              it.text,
              it.updatedAt,
              JSON.stringify(it.categories ?? []),
              old.id,
            );
            result.updated++;
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
        ) as EntryRow | undefined;
        if (row) result.inserted.push(toEntry(row));
        else result.unchanged++;
      }
    })();
    return result;
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
    // The row stays as a tombstone (key and fingerprint only) so the next poll does not revive it.
    const info = this.sql
      .get(
        `UPDATE entries SET deleted_at = ?, content_html = NULL, full_html = NULL, text = ''
         WHERE id = ? AND deleted_at IS NULL`,
      )
      .run(Date.now(), id);
    return info.changes > 0;
  }

  async setFullText(id: number, u: FullTextUpdate): Promise<void> {
    const sets = ['full_html = ?', 'extract_status = ?'];
    const values: unknown[] = [u.fullHtml, u.extractStatus];
    if (u.text !== undefined) sets.push('text = ?'), values.push(u.text);
    if (u.leadImage !== undefined) sets.push('lead_image = ?'), values.push(u.leadImage);
    if (u.lang !== undefined) sets.push('lang = ?'), values.push(u.lang);
    if (u.dir !== undefined) sets.push('dir = ?'), values.push(u.dir);
    if (u.author !== undefined) sets.push('author = COALESCE(author, ?)'), values.push(u.author);
    this.sql.get(`UPDATE entries SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
  }

  async count(q: { sourceId?: number } = {}): Promise<number> {
    const row = (
      q.sourceId === undefined
        ? this.sql.get('SELECT COUNT(*) AS n FROM entries WHERE deleted_at IS NULL').get()
        : this.sql.get('SELECT COUNT(*) AS n FROM entries WHERE deleted_at IS NULL AND source_id = ?').get(q.sourceId)
    ) as { n: number };
    return row.n;
  }

  async countsBySource(): Promise<SourceCount[]> {
    // The partial index of live entries per source answers this without reading a row.
    const rows = this.sql
      .get('SELECT source_id, COUNT(*) AS n FROM entries WHERE deleted_at IS NULL GROUP BY source_id ORDER BY source_id')
      .all() as { source_id: number; n: number }[];
    return rows.map((r) => ({ sourceId: r.source_id, count: r.n }));
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
    const rows = this.sql
      .get(`SELECT ${ENTRY_COLUMNS} FROM entries WHERE id > ? AND deleted_at IS NULL ORDER BY id LIMIT ?`)
      .all(afterId, limit) as EntryRow[];
    return rows.map(toEntry);
  }
}
