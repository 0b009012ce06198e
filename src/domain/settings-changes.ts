// A change to a source's settings object names only the keys it changes (p-leftovers). Before, a
// save wrote the whole object it had read a moment earlier, so two saves close together — the
// desk's settings form and the API, two editors, an editor and a fetch writing its cursor or a
// pending move — each wrote back the other's key as it was before: the first save's change was
// lost. The store applies a change in one statement against the row as it is then, so writers of
// different keys both keep theirs (the last writer of one key wins, as users expect of a form).

/**
 * Settings keys to change: each key given is set to its value (a whole value: selectors given
 * replace the stored selectors, keys not in them are unset), a key given as null is removed, and
 * keys not named are left as they are in the store.
 */
export type SettingsChanges = Record<string, unknown>;

/**
 * The keys that differ from `before` to `after`, as a change: a key whose value differs (compared
 * as JSON) is set, a key `after` lacks is removed (null). Empty when nothing differs.
 */
export function settingsChanges(before: Record<string, unknown>, after: Record<string, unknown>): SettingsChanges {
  const out: SettingsChanges = {};
  for (const [k, v] of Object.entries(after)) if (v !== undefined && JSON.stringify(v) !== JSON.stringify(before[k])) out[k] = v;
  for (const k of Object.keys(before)) if (after[k] === undefined && before[k] !== undefined) out[k] = null;
  return out;
}

/** A change applied to a settings object in memory: what the store's write does to the row. */
export function withSettingsChanges(settings: Record<string, unknown>, changes: SettingsChanges): Record<string, unknown> {
  const out: Record<string, unknown> = { ...settings };
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) delete out[k];
    else if (v !== undefined) out[k] = v;
  }
  return out;
}

/**
 * Keys the store writes into a JSON path (SQLite's json_set): plain names only, as every key the
 * code sets is. Another name is a programming error, refused before any statement is built.
 */
export function checkSettingsKey(key: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) throw new Error(`not a storable settings key: ${JSON.stringify(key)}`);
  return key;
}

/** A lone UTF-16 surrogate: no character, and text PostgreSQL's jsonb refuses. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const storable = (s: string): string => s.replace(/\u0000/g, '').replace(LONE_SURROGATE, '\ufffd');

/**
 * JSON text of settings (a new source's or a change's values) as both dialects store it (r-leftovers):
 * PostgreSQL's jsonb holds no NUL and no lone surrogate, so in keys and strings at any depth a NUL
 * is dropped and a lone surrogate becomes U+FFFD on SQLite too. Before, SQLite kept both, and
 * PostgreSQL dropped the NUL and refused the whole write for a lone surrogate: one patch, two rows.
 */
export function settingsJson(value: unknown): string {
  return (
    JSON.stringify(value, (_k, v: unknown) => {
      if (typeof v === 'string') return storable(v);
      if (v && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype)
        return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [storable(k), x]));
      return v;
    }) ?? 'null'
  );
}
