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
