// What adding an address that is already a source does to that source, one rule for every way in:
// `newsdesk add` (src/cli), the JSON API's POST /v1/sources (src/api) and the desk's add
// confirmation (src/web/desk). The fields given with the add — a name, a full-text mode, a listing
// page's selectors — are applied to the known source, and each is named, changed or already so; its
// kind never changes (its entries were read as that kind). Before p-keys only the command line
// applied them: the API and the desk answered the stored source and dropped every field without a
// change. Pure: the callers check the values first (source-checks.ts), write the patch, the audit
// row and their own words.
import type { ExtractMode, Source, SourceKind, SourcePatch } from '../../domain/source.js';
import { SELECTOR_KEYS } from './source-checks.js';
import type { ListingSelectors } from './types.js';

/** The fields an add may apply to a known source, in the order they are named. */
export const APPLIED_FIELDS = ['title', 'extractMode', 'selectors'] as const;
export type AppliedField = (typeof APPLIED_FIELDS)[number];

export const isAppliedField = (v: string): v is AppliedField => (APPLIED_FIELDS as readonly string[]).includes(v);

/** What was given with the add, already checked (a title as sourceTitle left it, selectors as checkSelectors left them). */
export interface GivenFields {
  title?: string | undefined;
  extractMode?: ExtractMode | undefined;
  selectors?: ListingSelectors | undefined;
}

/** One field given: its value before and after, and whether it changed. */
export interface FieldOutcome {
  field: AppliedField;
  before: unknown;
  after: unknown;
  changed: boolean;
}

export interface KnownSourceChange {
  /** One per field given, in APPLIED_FIELDS order. */
  fields: FieldOutcome[];
  /** What to write (empty when nothing changed). */
  patch: SourcePatch;
  /** The changed fields only, before and after, for the audit log (null when nothing changed). */
  audit: { before: Record<string, unknown>; after: Record<string, unknown> } | null;
}

/** The listing selectors stored in a source's settings, as far as they are strings of known keys. */
export function storedSelectors(settings: Record<string, unknown>): ListingSelectors | undefined {
  const sel = settings.selectors;
  if (!sel || typeof sel !== 'object' || Array.isArray(sel)) return undefined;
  const out: ListingSelectors = {};
  for (const k of SELECTOR_KEYS) {
    const v = (sel as Record<string, unknown>)[k];
    if (typeof v === 'string') out[k] = v;
  }
  return out;
}

/** Whether two sets of selectors say the same, key by key (an empty set and none are the same). */
export function sameSelectors(a: ListingSelectors | undefined, b: ListingSelectors | undefined): boolean {
  return SELECTOR_KEYS.every((k) => a?.[k] === b?.[k]);
}

/**
 * The kind an add asks of a known source that it is not (a refusal: the kind is never changed),
 * or undefined. Selectors ask for a listing page.
 */
export function kindAsked(
  source: Pick<Source, 'kind'>,
  kind: SourceKind | undefined,
  selectors?: ListingSelectors,
): SourceKind | undefined {
  const asked = kind ?? (selectors ? 'page' : undefined);
  return asked !== undefined && asked !== source.kind ? asked : undefined;
}

/**
 * The fields given, applied to a known source: a title renames it, a mode sets its full-text mode,
 * selectors replace its listing selectors (keys not given are unset, as the desk's settings form
 * does; its other settings are kept). Fields not given are left as they are.
 */
export function applyToKnown(source: Source, given: GivenFields): KnownSourceChange {
  const fields: FieldOutcome[] = [];
  const patch: SourcePatch = {};
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const note = (field: AppliedField, was: unknown, now: unknown, changed: boolean): void => {
    fields.push({ field, before: was, after: now, changed });
    if (changed) {
      before[field] = was;
      after[field] = now;
    }
  };
  if (given.title !== undefined) {
    const changed = source.title !== given.title;
    if (changed) patch.title = given.title;
    note('title', source.title, given.title, changed);
  }
  if (given.extractMode !== undefined) {
    const changed = source.extractMode !== given.extractMode;
    if (changed) patch.extractMode = given.extractMode;
    note('extractMode', source.extractMode, given.extractMode, changed);
  }
  if (given.selectors !== undefined) {
    const was = storedSelectors(source.settings);
    const changed = !sameSelectors(was, given.selectors);
    // The selectors key only: the source's other settings are whatever they are when it is written.
    if (changed) patch.settingsChanges = { selectors: given.selectors };
    note('selectors', was ?? null, given.selectors, changed);
  }
  return { fields, patch, audit: Object.keys(after).length ? { before, after } : null };
}
