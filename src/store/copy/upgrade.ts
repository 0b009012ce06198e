// Brings a store's schema to this version's migration level, and nothing else: what `newsdesk
// migrate` and the container entrypoint run once before the processes that use the store start.
// (Opening a store migrates it too; this does it without starting anything, and says what it did.)
import { openSide } from './sides.js';
import { parseStoreUrl } from './store-url.js';
import { CopyError } from './types.js';

export interface UpgradeReport {
  store: string;
  applied: number[];
  /** The highest migration now applied. */
  level: number;
}

export async function upgradeStore(url: string): Promise<UpgradeReport> {
  const side = await openSide(parseStoreUrl('database', url), 'target');
  try {
    const before = await side.migrationLevel();
    const known = new Set(before.known.map((k) => k.version));
    const unknown = (before.applied ?? []).filter((v) => !known.has(v));
    if (unknown.length > 0) {
      throw new CopyError(
        `${side.label} was migrated by a newer Newsdesk (migration(s) ${unknown.join(', ')} unknown to this version); upgrade Newsdesk instead`,
      );
    }
    const applied = await side.migrate();
    return { store: side.label, applied, level: Math.max(0, ...before.known.map((k) => k.version)) };
  } finally {
    await side.close();
  }
}
