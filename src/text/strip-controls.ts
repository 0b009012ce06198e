// Control characters in ingested text. Feeds carry them by accident (a NUL from a C string, a
// form feed pasted from a word processor) or on purpose (ESC sequences that rewrite a terminal,
// BEL). None is text: PostgreSQL refuses U+0000 outright ("invalid byte sequence"), SQLite keeps
// it and cuts C strings at it, and the others reach terminals and pages. So every C0 control
// except tab, line feed and carriage return is removed where ingested text enters the store
// (src/pipeline/adapt-entry.ts, feed metadata, discovery, OPML); terminals get their own,
// stricter, view (src/cli/terminal-text.ts).

const C0 = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;
const HAS_C0 = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

/** `s` without C0 control characters other than tab, line feed and carriage return. */
export function stripControls(s: string): string {
  return HAS_C0.test(s) ? s.replace(C0, '') : s;
}

/** The same for `s` when it is a string; null and undefined pass through. */
export function stripControlsOpt<T extends string | null | undefined>(s: T): T {
  return (typeof s === 'string' ? stripControls(s) : s) as T;
}

/**
 * A copy of a JSON-like value with every string (keys included) stripped. For metadata stored as
 * a whole (a feed's title, authors, links, image…), so no field is forgotten.
 */
export function stripControlsDeep<T>(v: T): T {
  if (typeof v === 'string') return stripControls(v) as T;
  if (Array.isArray(v)) return v.map((x) => stripControlsDeep(x)) as T;
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[stripControls(k)] = stripControlsDeep(x);
    return out as T;
  }
  return v;
}
