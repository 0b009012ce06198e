import type { SharedClock } from '../clock.js';
import { nowIn } from './clock.js';
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
import { CODE_POINT_ORDER, jsonb, noNul, type Db, type Sql } from './db.js';
import { Params } from './rows.js';

async function insertAudit(c: Sql, r: AuditRecord, now: number): Promise<void> {
  await c.query(
    `INSERT INTO audit_log (at, actor_id, actor_name, action, target, before_json, after_json)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)`,
    [now, r.actorId, noNul(r.actorName), noNul(r.action), noNul(r.target), jsonb(r.before ?? null), jsonb(r.after ?? null)],
  );
}

export class PostgresCurationRepo implements CurationRepo {
  constructor(
    private readonly db: Db,
    /** Dates rows written without a time (see the methods' `now`). */
    private readonly clock: SharedClock,
  ) {}

  async update(
    target: CurationTarget,
    patch: OverridePatch,
    actor: Actor,
    action: string,
    at?: number,
    shown?: ShownOverride,
  ): Promise<{ before: Override | null; after: Override; refused: (keyof ShownOverride)[] }> {
    const col = target.kind === 'entry' ? 'entry_id' : 'story_id';
    return this.db.tx(async (c) => {
      // The blank row's time is never kept: the row is written over or deleted below.
      const asked = at ?? (await nowIn(this.clock, c));
      // Locked, so two editors changing one teaser at once each see the other's result as "before".
      // FOR UPDATE locks only a row that exists: for a teaser with no override yet, both read
      // "none" and the later upsert wrote over the earlier change. So a blank row is put in first;
      // the second editor's insert waits for the first's commit and then reads its result.
      const created = await c.query(
        `INSERT INTO curation_overrides (${col}, updated_by_name, updated_at) VALUES ($1, '', $2) ON CONFLICT (${col}) DO NOTHING`,
        [target.id, asked],
      );
      const row = (
        await c.query<OverrideRow>(`SELECT ${OVERRIDE_COLUMNS} FROM curation_overrides WHERE ${col} = $1 FOR UPDATE`, [target.id])
      ).rows[0];
      // Dated once the row is this change's: read before the lock, a change that waited for
      // another editor's was dated before the change it was made over (its before), and so was
      // its audit line and a pin's time, which orders pinned teasers (r-clock2).
      const now = at ?? (await nowIn(this.clock, c));
      const before = row && created.rowCount === 0 ? toOverride(row) : null;
      // Checked against the shown values in this transaction, the row locked (domain/shown-check.ts).
      const checked = checkShownOverride(before, patch, shown);
      const base = { target, updatedById: actor.id, updatedByName: noNul(actor.name), updatedAt: now };
      if (shown !== undefined && Object.keys(checked.patch).length === 0) {
        // Nothing written: the blank row put in above for the lock goes again.
        if (!before) await c.query(`DELETE FROM curation_overrides WHERE ${col} = $1`, [target.id]);
        return { before, after: before ?? applyPatch(null, {}, base), refused: checked.refused };
      }
      const after = applyPatch(before, checked.patch, base);
      await c.query(
        `INSERT INTO curation_overrides (${col}, pinned, pinned_at, hidden, featured, headline, excerpt, updated_by_id, updated_by_name, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (${col}) DO UPDATE SET pinned = excluded.pinned, pinned_at = excluded.pinned_at, hidden = excluded.hidden,
           featured = excluded.featured, headline = excluded.headline, excerpt = excluded.excerpt,
           updated_by_id = excluded.updated_by_id, updated_by_name = excluded.updated_by_name, updated_at = excluded.updated_at`,
        [
          target.id,
          after.pinned,
          after.pinnedAt,
          after.hidden,
          after.featured,
          noNul(after.headline),
          noNul(after.excerpt),
          actor.id,
          noNul(actor.name),
          now,
        ],
      );
      await insertAudit(c, overrideAudit(actor, action, target, before, after), now);
      return { before, after, refused: checked.refused };
    });
  }

  async overrides(entryIds: readonly number[], storyIds: readonly number[] = []): Promise<OverrideSet> {
    if (entryIds.length === 0 && storyIds.length === 0) return { entries: new Map(), stories: new Map() };
    const rows = await this.db.rows<OverrideRow>(
      `SELECT ${OVERRIDE_COLUMNS} FROM curation_overrides WHERE entry_id = ANY($1::bigint[]) OR story_id = ANY($2::bigint[])`,
      [[...new Set(entryIds)], [...new Set(storyIds)]],
    );
    return groupOverrides(rows);
  }

  async pinned(limit: number): Promise<Override[]> {
    const rows = await this.db.rows<OverrideRow>(
      `SELECT ${OVERRIDE_COLUMNS} FROM curation_overrides WHERE pinned ORDER BY pinned_at DESC, id DESC LIMIT $1`,
      [Math.max(1, Math.min(limit, 500))],
    );
    return rows.map(toOverride);
  }

  async hidden(limit: number): Promise<Override[]> {
    const rows = await this.db.rows<OverrideRow>(
      `SELECT ${OVERRIDE_COLUMNS} FROM curation_overrides WHERE hidden ORDER BY updated_at DESC, id DESC LIMIT $1`,
      [Math.max(1, Math.min(limit, 500))],
    );
    return rows.map(toOverride);
  }

  async record(r: AuditRecord, at?: number): Promise<void> {
    const now = at ?? (await this.clock.now());
    await this.db.tx((c) => insertAudit(c, r, now));
  }

  async audit(q: AuditQuery): Promise<AuditPage> {
    const limit = auditLimit(q.limit);
    const p = new Params();
    const where: string[] = [];
    if (q.actor) where.push(`actor_name = ${p.add(noNul(q.actor))}`);
    if (q.action) where.push(`action = ${p.add(noNul(q.action))}`);
    if (q.target) where.push(`target = ${p.add(noNul(q.target))}`);
    if (q.since !== undefined) where.push(`at >= ${p.add(q.since)}`);
    if (q.until !== undefined) where.push(`at < ${p.add(q.until)}`);
    if (q.after) where.push(`(at, id) < (${p.add(q.after.at)}, ${p.add(q.after.id)})`);
    const rows = await this.db.rows<AuditRow>(
      `SELECT ${AUDIT_COLUMNS} FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, id DESC LIMIT ${p.add(limit + 1)}`,
      p.values,
    );
    const more = rows.length > limit;
    if (more) rows.pop();
    const items = rows.map((r) => toAudit(r, (v) => v ?? null));
    const last = items[items.length - 1];
    return more && last ? { items, older: { at: last.at, id: last.id } } : { items };
  }

  async auditFacets(): Promise<{ actors: string[]; actions: string[] }> {
    const [actors, actions] = await Promise.all([
      this.db.rows<{ v: string }>(`SELECT DISTINCT actor_name ${CODE_POINT_ORDER} AS v FROM audit_log ORDER BY v LIMIT 200`),
      this.db.rows<{ v: string }>(`SELECT DISTINCT action ${CODE_POINT_ORDER} AS v FROM audit_log ORDER BY v LIMIT 200`),
    ]);
    return { actors: actors.map((r) => r.v), actions: actions.map((r) => r.v) };
  }
}
