// Opens one side of a copy from its parsed address.
import { PostgresSide } from './postgres-side.js';
import { SqliteSide } from './sqlite-side.js';
import type { StoreUrl } from './store-url.js';
import type { Side } from './types.js';

/** A source is only read (SQLite: opened read-only, must exist); a target is created when missing. */
export async function openSide(url: StoreUrl, role: 'source' | 'target'): Promise<Side> {
  if (url.dialect === 'sqlite')
    return role === 'source' ? SqliteSide.openSource(url.path, url.label) : SqliteSide.openTarget(url.path, url.label);
  return PostgresSide.open(url.url, url.schema, url.label, role);
}
