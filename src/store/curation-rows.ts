// Row mapping shared by both dialects' curation repos (SQLite stores booleans as 0/1 and JSON as
// text; PostgreSQL as booleans and JSONB).
import type { AuditRecord } from '../domain/audit.js';
import {
  type Actor,
  type AuditEntry,
  type CurationTarget,
  type Override,
  type OverridePatch,
  type OverrideSet,
  type ShownOverride,
  targetName,
} from './curation.js';
import { checkShown } from '../domain/shown-check.js';
import { sameEditedText } from '../text/edited-text.js';

export const OVERRIDE_COLUMNS =
  'entry_id, story_id, pinned, pinned_at, hidden, featured, headline, excerpt, updated_by_id, updated_by_name, updated_at';

export interface OverrideRow {
  entry_id: number | null;
  story_id: number | null;
  pinned: number | boolean;
  pinned_at: number | null;
  hidden: number | boolean;
  featured: number | boolean;
  headline: string | null;
  excerpt: string | null;
  updated_by_id: number | null;
  updated_by_name: string;
  updated_at: number;
}

export function toOverride(r: OverrideRow): Override {
  return {
    target: r.entry_id !== null ? { kind: 'entry', id: r.entry_id } : { kind: 'story', id: r.story_id ?? 0 },
    pinned: Boolean(r.pinned),
    pinnedAt: r.pinned_at,
    hidden: Boolean(r.hidden),
    featured: Boolean(r.featured),
    headline: r.headline,
    excerpt: r.excerpt,
    updatedById: r.updated_by_id,
    updatedByName: r.updated_by_name,
    updatedAt: r.updated_at,
  };
}

/** The override after a patch: a blank headline or excerpt means "the original". */
export function applyPatch(
  before: Override | null,
  patch: OverridePatch,
  base: Omit<Override, 'pinned' | 'pinnedAt' | 'hidden' | 'featured' | 'headline' | 'excerpt'>,
): Override {
  const blank = (s: string | null | undefined): string | null | undefined =>
    s === undefined ? undefined : s === null || s.trim() === '' ? null : s.trim();
  const pinned = patch.pinned ?? before?.pinned ?? false;
  const headline = blank(patch.headline);
  const excerpt = blank(patch.excerpt);
  return {
    ...base,
    pinned,
    pinnedAt: pinned ? (before?.pinned ? before.pinnedAt : base.updatedAt) : null,
    hidden: patch.hidden ?? before?.hidden ?? false,
    featured: patch.featured ?? before?.featured ?? false,
    headline: headline === undefined ? (before?.headline ?? null) : headline,
    excerpt: excerpt === undefined ? (before?.excerpt ?? null) : excerpt,
  };
}

/** What the audit log keeps of an override: the fields an editor sets. */
export function auditView(o: Override | null): unknown {
  if (!o) return null;
  return { pinned: o.pinned, hidden: o.hidden, featured: o.featured, headline: o.headline, excerpt: o.excerpt };
}

/** The audit record an override change writes beside itself (same transaction). */
export function overrideAudit(actor: Actor, action: string, target: CurationTarget, before: Override | null, after: Override): AuditRecord {
  return {
    actorId: actor.id,
    actorName: actor.name,
    action,
    target: targetName(target),
    before: auditView(before),
    after: auditView(after),
  };
}

/** A page's override rows, by entry and by story. */
export function groupOverrides(rows: readonly OverrideRow[]): OverrideSet {
  const out: OverrideSet = { entries: new Map(), stories: new Map() };
  for (const r of rows) {
    const o = toOverride(r);
    (o.target.kind === 'entry' ? out.entries : out.stories).set(o.target.id, o);
  }
  return out;
}

export interface AuditRow {
  id: number;
  at: number;
  actor_id: number | null;
  actor_name: string;
  action: string;
  target: string;
  before_json: unknown;
  after_json: unknown;
}

export function toAudit(r: AuditRow, json: (v: unknown) => unknown): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    target: r.target,
    before: json(r.before_json),
    after: json(r.after_json),
  };
}

export const AUDIT_COLUMNS = 'id, at, actor_id, actor_name, action, target, before_json, after_json';

/** Bounds a page size. */
export function auditLimit(n: number): number {
  return Math.max(1, Math.min(Math.floor(n) || 1, 500));
}

/**
 * The decision part of a story override: what is parked under the story's lead entry while
 * re-clustering re-makes stories, and moved onto the entry's new story (migration 15).
 */
const DECISION_COLUMNS = [
  'pinned',
  'pinned_at',
  'hidden',
  'featured',
  'headline',
  'excerpt',
  'updated_by_id',
  'updated_by_name',
  'updated_at',
] as const;
export const DECISION_LIST = DECISION_COLUMNS.join(', ');
export const decisionOf = (alias: string): string => DECISION_COLUMNS.map((c) => `${alias}.${c}`).join(', ');
export const DECISION_UPSERT = DECISION_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ');

/**
 * A patch checked against the values a desk form showed (domain/shown-check.ts): the headline or
 * excerpt whose stored value ('' for none) is no longer the shown one is taken out and named.
 * Compared as the form cleans what it posts (text/edited-text.ts): a value stored before that
 * cleaning (a line break, a run of spaces) is the same text when shown and posted back cleaned,
 * not a change made meanwhile (r-meanwhile).
 */
export function checkShownOverride(
  before: Override | null,
  patch: OverridePatch,
  shown: ShownOverride | undefined,
): { patch: OverridePatch; refused: (keyof ShownOverride)[] } {
  const stored = { headline: before?.headline ?? '', excerpt: before?.excerpt ?? '' };
  const texts = checkShown<keyof ShownOverride, string>(
    stored,
    {
      ...(patch.headline !== undefined ? { headline: patch.headline ?? '' } : {}),
      ...(patch.excerpt !== undefined ? { excerpt: patch.excerpt ?? '' } : {}),
    },
    shown,
    sameEditedText,
  );
  const out: OverridePatch = { ...patch };
  for (const k of texts.refused) delete out[k];
  return { patch: out, refused: texts.refused };
}
