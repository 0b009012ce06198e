// The curation contract: what editors decided about teasers and stories (pinned, hidden,
// featured, a headline or excerpt of their own) and the audit log of every change made at the desk.
// An override sits beside the entry or story it changes: the source's own title and text are never
// written, so editors always see the original and can go back to it.
import type { AuditRecord } from '../domain/audit.js';

/** What an override applies to: one entry (a teaser) or one story. */
export type CurationTarget = { kind: 'entry'; id: number } | { kind: 'story'; id: number };

export interface Override {
  target: CurationTarget;
  pinned: boolean;
  /** When it was pinned: the most recently pinned leads. */
  pinnedAt: number | null;
  /** Left off public pages (still listed at the desk, never deleted). */
  hidden: boolean;
  featured: boolean;
  /** Shown instead of the source's headline / excerpt; null: the original. */
  headline: string | null;
  excerpt: string | null;
  updatedById: number | null;
  updatedByName: string;
  updatedAt: number;
}

/** Fields to change; absent fields keep their value, null clears a headline or excerpt. */
export interface OverridePatch {
  pinned?: boolean | undefined;
  hidden?: boolean | undefined;
  featured?: boolean | undefined;
  headline?: string | null | undefined;
  excerpt?: string | null | undefined;
}

/** The text fields a desk form shows of an override, '' for none. */
export type ShownOverride = Partial<Record<'headline' | 'excerpt', string>>;

export interface Actor {
  id: number | null;
  name: string;
}

/** One row of the audit log as read back. */
export interface AuditEntry extends AuditRecord {
  id: number;
  at: number;
}

/** Keyset position in the log (newest first). */
export interface AuditCursor {
  at: number;
  id: number;
}

export interface AuditQuery {
  actor?: string | undefined;
  action?: string | undefined;
  target?: string | undefined;
  /** Epoch ms, inclusive. */
  since?: number | undefined;
  /** Epoch ms, exclusive. */
  until?: number | undefined;
  after?: AuditCursor | undefined;
  limit: number;
}

export interface AuditPage {
  items: AuditEntry[];
  older?: AuditCursor;
}

/** The overrides of a page of teasers and their stories, read together. */
export interface OverrideSet {
  entries: Map<number, Override>;
  stories: Map<number, Override>;
}

/** What isHidden reads of an entry: its id, story and, for a copy, its original. */
export interface HiddenKeys {
  id: number;
  storyId?: number | null | undefined;
  duplicateOf?: number | null | undefined;
}

/**
 * Whether an editor hid this entry: itself, its whole story, or the article it copies (p-copies:
 * a copy goes with its original everywhere on the public side, as the story side always took it;
 * the overrides must then be read for `overrideIds`, which adds the originals). Public pages,
 * feeds, the API and alerts leave it out.
 */
export function isHidden(o: OverrideSet, e: HiddenKeys): boolean {
  return Boolean(o.entries.get(e.id)?.hidden || (e.storyId != null && o.stories.get(e.storyId)?.hidden) || hiddenOriginal(o, e));
}

/** Whether this entry is a copy of an article an editor hid (the desk says so beside the copy). */
export function hiddenOriginal(o: OverrideSet, e: HiddenKeys): boolean {
  return e.duplicateOf != null && o.entries.get(e.duplicateOf)?.hidden === true;
}

/** The entry and story ids whose overrides isHidden reads for these entries (copies' originals too). */
export function overrideIds(items: readonly HiddenKeys[]): { entries: number[]; stories: number[] } {
  const entries = new Set<number>();
  const stories = new Set<number>();
  for (const e of items) {
    entries.add(e.id);
    if (e.duplicateOf != null) entries.add(e.duplicateOf);
    if (e.storyId != null) stories.add(e.storyId);
  }
  return { entries: [...entries], stories: [...stories] };
}

/**
 * The headline and excerpt an editor gave the entry, or else its story (when `storyWide`: an item
 * that stands for its story, as a teaser, a listing feed's item or an alert does; a story's own
 * feed lists each outlet's article under its own headline). Here, beside isHidden, so that the
 * pages, the feeds out and the alerts all give the text readers are shown.
 */
export function editedText(
  e: { id: number; storyId?: number | null | undefined },
  o: OverrideSet,
  storyWide = true,
): { headline?: string; excerpt?: string } {
  const own = o.entries.get(e.id);
  const story = !storyWide || e.storyId == null ? undefined : o.stories.get(e.storyId);
  const headline = own?.headline ?? story?.headline;
  const excerpt = own?.excerpt ?? story?.excerpt;
  return { ...(headline ? { headline } : {}), ...(excerpt ? { excerpt } : {}) };
}

export function targetName(t: CurationTarget): string {
  return `${t.kind}:${t.id}`;
}

export interface CurationRepo {
  /**
   * Changes the override of one entry or story and writes the audit row (`action`, before and
   * after) in the same transaction: a change is never stored without its audit line, nor the other
   * way round. Returns the override before (null: none) and after. With `shown` (a desk form's
   * save, domain/shown-check.ts) a text field whose stored value is no longer the shown one ('' for
   * none) is not written and is named in `refused`, checked in the same transaction; when no field
   * is left, nothing is written and no audit row is added (`after` is then the override as stored).
   */
  update(
    target: CurationTarget,
    patch: OverridePatch,
    actor: Actor,
    action: string,
    now?: number,
    shown?: ShownOverride,
  ): Promise<{ before: Override | null; after: Override; refused: (keyof ShownOverride)[] }>;
  /** The overrides of these entries and stories in one query (a page of teasers). */
  overrides(entryIds: readonly number[], storyIds?: readonly number[]): Promise<OverrideSet>;
  /** Pinned entries and stories, most recently pinned first. */
  pinned(limit: number): Promise<Override[]>;
  /** Entries hidden from public pages, most recently changed first (the desk lists them). */
  hidden(limit: number): Promise<Override[]>;
  /** Appends one change to the audit log. */
  record(r: AuditRecord, now?: number): Promise<void>;
  /** The audit log, newest first, filtered, a keyset page at a time. */
  audit(q: AuditQuery): Promise<AuditPage>;
  /** Distinct actors and actions in the log (the filter form's choices). */
  auditFacets(): Promise<{ actors: string[]; actions: string[] }>;
}
