// PostgreSQL side of the shared row mapping: BIGINT is read as numbers by the pool's type parser
// and JSONB arrives parsed, so JSON columns only need their shape checked.
import type { Entry } from '../../domain/entry.js';
import type { Source } from '../../domain/source.js';
import * as shared from '../rows.js';

export { ENTRY_COLUMNS, SOURCE_COLUMNS } from '../rows.js';
export type SourceRow = shared.SourceRow<unknown>;
export type EntryRow = shared.EntryRow<unknown>;

const json: shared.JsonColumns<unknown> = {
  object: shared.asObject,
  stringArray: shared.asStringArray,
  array: (v) => (Array.isArray(v) ? v : []),
};

export function toSource(r: SourceRow): Source {
  return shared.toSource(r, json);
}

export function toEntry(r: EntryRow): Entry {
  return shared.toEntry(r, json);
}

/** Builds $1, $2 … placeholders while collecting their values. */
export class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}
