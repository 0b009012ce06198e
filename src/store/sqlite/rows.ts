// SQLite side of the shared row mapping: JSON columns are TEXT, parsed here (bad JSON reads as empty).
import type { Entry } from '../../domain/entry.js';
import type { Source } from '../../domain/source.js';
import * as shared from '../rows.js';

export { ENTRY_COLUMNS } from '../rows.js';
export type SourceRow = shared.SourceRow<string>;
export type EntryRow = shared.EntryRow<string>;

const json: shared.JsonColumns<string | null> = {
  object: (s) => shared.asObject(parseJson(s)),
  stringArray: (s) => shared.asStringArray(parseJson(s)),
  array: (s) => {
    const v = parseJson(s);
    return Array.isArray(v) ? v : [];
  },
};

export function toSource(r: SourceRow): Source {
  return shared.toSource(r, json);
}

export function toEntry(r: EntryRow): Entry {
  return shared.toEntry(r, json);
}

function parseJson(s: string | null): unknown {
  if (!s) return undefined;
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return undefined;
  }
}
