import type { Database } from 'better-sqlite3';
import type { AuditRecord } from '../../domain/audit.js';
import type {
  Actor,
  AuditPage,
  AuditQuery,
  CurationRepo,
  CurationTarget,
  Override,
  OverridePatch,
  OverrideSet,
  ShownOverride,
} from '../curation.js';
import {
  applyPatch,
  checkShownOverride,
  AUDIT_COLUMNS,
  auditLimit,
  groupOverrides,
  overrideAudit,
  OVERRIDE_COLUMNS,
  toAudit,
  toOverride,
  type AuditRow,
  type OverrideRow,
} from '../curation-rows.js';
import { StatementCache } from './statements.js';

function parseJson(v: unknown): unknown {
  if (typeof v !== 'string') return null;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return null;
  }
}

function json(v: unknown): string | null {
  return v === undefined ? null : JSON.stringify(v);
}

export class SqliteCurationRepo implements CurationRepo {
  private readonly sql: StatementCache;

  constructor(private readonly db: Database) {
    this.sql = new StatementCache(db);
  }

  private column(t: CurationTarget): string {
    return t.kind === 'entry' ? 'entry_id' : 'story_id';
  }

  private insertAudit(r: AuditRecord, now: number): void {
    this.sql
      .get('INSERT INTO audit_log (at, actor_id, actor_name, action, target, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(now, r.actorId, r.actorName, r.action, r.target, json(r.before), json(r.after));
  }

  async update(
    target: CurationTarget,
    patch: OverridePatch,
    actor: Actor,
    action: string,
    now = Date.now(),
    shown?: ShownOverride,
  ): Promise<{ before: Override | null; after: Override; refused: (keyof ShownOverride)[] }> {
    const col = this.column(target);
    return this.db.transaction(() => {
      const row = this.sql.get(`SELECT ${OVERRIDE_COLUMNS} FROM curation_overrides WHERE ${col} = ?`).get(target.id) as
        | OverrideRow
        | undefined;
      const before = row ? toOverride(row) : null;
      // Checked against the shown values in this transaction (domain/shown-check.ts).
      const checked = checkShownOverride(before, patch, shown);
      const base = { target, updatedById: actor.id, updatedByName: actor.name, updatedAt: now };
      if (shown !== undefined && Object.keys(checked.patch).length === 0)
        return { before, after: before ?? applyPatch(null, {}, base), refused: checked.refused };
      const after = applyPatch(before, checked.patch, base);
      this.sql
        .get(
          `INSERT INTO curation_overrides (${col}, pinned, pinned_at, hidden, featured, headline, excerpt, updated_by_id, updated_by_name, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (${col}) DO UPDATE SET pinned = excluded.pinned, pinned_at = excluded.pinned_at, hidden = excluded.hidden,
             featured = excluded.featured, headline = excluded.headline, excerpt = excluded.excerpt,
             updated_by_id = excluded.updated_by_id, updated_by_name = excluded.updated_by_name, updated_at = excluded.updated_at`,
        )
        .run(
          target.id,
          after.pinned ? 1 : 0,
          after.pinnedAt,
          after.hidden ? 1 : 0,
          after.featured ? 1 : 0,
          after.headline,
          after.excerpt,
          actor.id,
          actor.name,
          now,
        );
      this.insertAudit(overrideAudit(actor, action, target, before, after), now);
      return { before, after, refused: checked.refused };
    })();
  }

  async overrides(entryIds: readonly number[], storyIds: readonly number[] = []): Promise<OverrideSet> {
    if (entryIds.length === 0 && storyIds.length === 0) return { entries: new Map(), stories: new Map() };
    const rows = this.sql
      .get(
        `SELECT ${OVERRIDE_COLUMNS} FROM curation_overrides
         WHERE entry_id IN (SELECT value FROM json_each(?)) OR story_id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify([...new Set(entryIds)]), JSON.stringify([...new Set(storyIds)])) as OverrideRow[];
    return groupOverrides(rows);
  }

  async pinned(limit: number): Promise<Override[]> {
    const rows = this.sql
      .get(`SELECT ${OVERRIDE_COLUMNS} FROM curation_overrides WHERE pinned = 1 ORDER BY pinned_at DESC, id DESC LIMIT ?`)
      .all(Math.max(1, Math.min(limit, 500))) as OverrideRow[];
    return rows.map(toOverride);
  }

  async hidden(limit: number): Promise<Override[]> {
    const rows = this.sql
      .get(`SELECT ${OVERRIDE_COLUMNS} FROM curation_overrides WHERE hidden = 1 ORDER BY updated_at DESC, id DESC LIMIT ?`)
      .all(Math.max(1, Math.min(limit, 500))) as OverrideRow[];
    return rows.map(toOverride);
  }

  async record(r: AuditRecord, now = Date.now()): Promise<void> {
    this.insertAudit(r, now);
  }

  async audit(q: AuditQuery): Promise<AuditPage> {
    const limit = auditLimit(q.limit);
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.actor) where.push('actor_name = ?'), params.push(q.actor);
    if (q.action) where.push('action = ?'), params.push(q.action);
    if (q.target) where.push('target = ?'), params.push(q.target);
    if (q.since !== undefined) where.push('at >= ?'), params.push(q.since);
    if (q.until !== undefined) where.push('at < ?'), params.push(q.until);
    if (q.after) where.push('(at, id) < (?, ?)'), params.push(q.after.at, q.after.id);
    const rows = this.sql
      .get(`SELECT ${AUDIT_COLUMNS} FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, id DESC LIMIT ?`)
      .all(...params, limit + 1) as AuditRow[];
    const more = rows.length > limit;
    if (more) rows.pop();
    const items = rows.map((r) => toAudit(r, parseJson));
    const last = items[items.length - 1];
    return more && last ? { items, older: { at: last.at, id: last.id } } : { items };
  }

  async auditFacets(): Promise<{ actors: string[]; actions: string[] }> {
    const actors = this.sql.get('SELECT DISTINCT actor_name FROM audit_log ORDER BY actor_name LIMIT 200').pluck().all() as string[];
    const actions = this.sql.get('SELECT DISTINCT action FROM audit_log ORDER BY action LIMIT 200').pluck().all() as string[];
    return { actors, actions };
  }
}
