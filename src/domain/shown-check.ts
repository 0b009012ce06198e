// "Changed meanwhile" (p-meanwhile). A desk form writes a field only when the editor changed it from
// what the page showed (web/desk/shown-values.ts). When the stored value of that field ALSO moved
// since the page was shown, another editor changed it meanwhile: writing the form's value would put
// it over theirs without either editor knowing. So the store's write takes, beside each value, the
// value the form showed, and writes a field only when the stored value is still that one — compared
// against the row as it is in the write's own transaction (locked on PostgreSQL), so no other
// writer lands between the check and the write. A field whose stored value moved is not written
// and is named back ("refused"); the page shows it again with the stored value beside it, and a
// second save (whose shown value is then the stored one) writes it. A field given without a shown
// value (a hand-made post, a page from before) is written as given, as before. A field whose stored
// value moved to the very value this save gives is no conflict (nothing of the other writer's is
// lost) and is written as usual; so a checkbox, two-valued, never conflicts.
// "Stored value", "shown value" and "value" are compared as the form shows them: the interval in
// whole minutes, an empty text field as no value.
// The pure part lives here so both dialects decide alike; each store runs it inside its transaction.
import type { ExtractMode, Source, SourcePatch } from './source.js';

/** A value to write and the value the form showed for it (undefined: none shown, write as given). */
export interface Shown<T> {
  to: T;
  shown?: T | undefined;
}

/** What a source's settings form shows as its interval: whole minutes, at least one. */
export function intervalMinutesShown(seconds: number): number {
  return Math.max(1, Math.round(seconds / 60));
}

/**
 * A desk save of a source's fields, each with what the form showed. The interval is written in
 * seconds and compared in the minutes the form shows; a selector field's `to` undefined removes it,
 * its shown value '' means "was empty".
 */
export interface ShownSourceChange {
  intervalSeconds?: { to: number; shownMinutes?: number | undefined } | undefined;
  extractMode?: Shown<ExtractMode> | undefined;
  selectors?: Readonly<Record<string, Shown<string | undefined>>> | undefined;
  /** A new name (the API's add of a known address, p-http); null removes it. */
  title?: Shown<string | null> | undefined;
  /**
   * The whole source as the client last read it (p-http): an API write's If-Match / If-None-Match,
   * evaluated against the row as the write's transaction reads it. When given and false of that
   * row, nothing at all is written (`unmet`). Synchronous: SQLite runs it inside its transaction.
   */
  whole?: SourceCondition | undefined;
}

/**
 * A condition on the whole stored source (p-http): true when a write may go ahead. The API builds it
 * from its validators (the ETag of the source's answer); the store runs it on the row it locked.
 */
export type SourceCondition = (current: Source) => boolean;

/** A field of a source change not written: `intervalSeconds`, `extractMode` or `selectors.<key>`. */
export type RefusedSourceField = string;

/** The stored selectors as plain strings by key (anything else in the row reads as absent). */
function selectorsOf(settings: Record<string, unknown>): Record<string, string> {
  const s = settings.selectors;
  if (!s || typeof s !== 'object' || Array.isArray(s)) return {};
  return Object.fromEntries(Object.entries(s as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function sameStrings(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/**
 * The patch a checked source change makes against the row as it is now, and the fields it does not
 * write because their stored value is no longer the one shown. Selectors are merged key by key into
 * the stored ones (another writer's `item` stands when this save changed only `link`) and written
 * as the one `selectors` settings key only when that differs from what is stored.
 */
export function resolveSourceChange(
  current: Source,
  change: ShownSourceChange,
): { patch: SourcePatch; refused: RefusedSourceField[]; unmet: boolean } {
  const refused: RefusedSourceField[] = [];
  const patch: SourcePatch = {};
  // The whole source moved since the client read it: nothing of this change is written.
  if (change.whole && !change.whole(current)) return { patch, refused, unmet: true };
  const title = change.title;
  if (title) {
    if (title.shown !== undefined && title.shown !== current.title && title.to !== current.title) refused.push('title');
    else if (title.to !== current.title) patch.title = title.to;
  }
  const iv = change.intervalSeconds;
  if (iv) {
    const now = intervalMinutesShown(current.intervalSeconds);
    if (iv.shownMinutes !== undefined && iv.shownMinutes !== now && intervalMinutesShown(iv.to) !== now) refused.push('intervalSeconds');
    else patch.intervalSeconds = iv.to;
  }
  const mode = change.extractMode;
  if (mode) {
    if (mode.shown !== undefined && mode.shown !== current.extractMode && mode.to !== current.extractMode) refused.push('extractMode');
    else patch.extractMode = mode.to;
  }
  if (change.selectors && Object.keys(change.selectors).length) {
    const stored = selectorsOf(current.settings);
    const next = { ...stored };
    for (const [k, v] of Object.entries(change.selectors)) {
      if (v.shown !== undefined && v.shown !== (stored[k] ?? '') && (v.to ?? '') !== (stored[k] ?? '')) {
        refused.push(`selectors.${k}`);
        continue;
      }
      if (v.to === undefined) delete next[k];
      else next[k] = v.to;
    }
    const had = current.settings.selectors !== undefined;
    const empty = Object.keys(next).length === 0;
    if (empty ? had : !sameStrings(stored, next) || !had) patch.settingsChanges = { selectors: empty ? null : next };
  }
  return { patch, refused, unmet: false };
}

/**
 * Of a patch of plain fields with their shown values: the fields to write and those refused (the
 * stored value is neither the shown one nor the one given), compared by `same`. A field without a
 * shown value is written.
 */
export function checkShown<K extends string, V>(
  stored: Readonly<Record<K, V>>,
  patch: { readonly [P in K]?: V | undefined },
  shown: { readonly [P in K]?: V | undefined } | undefined,
  same: (stored: V, shown: V) => boolean = (a, b) => a === b,
): { patch: Partial<Record<K, V>>; refused: K[] } {
  const out: Partial<Record<K, V>> = {};
  const refused: K[] = [];
  for (const k of Object.keys(patch) as K[]) {
    const v = patch[k];
    if (v === undefined) continue;
    const s = shown?.[k];
    if (s !== undefined && !same(stored[k], s) && !same(stored[k], v)) refused.push(k);
    else out[k] = v;
  }
  return { patch: out, refused };
}
