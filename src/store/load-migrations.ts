// Migration discovery shared by the SQL dialects: every module in a folder is one step, exported as
// default, and steps run in version order. New areas add a file; nothing else needs editing.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface VersionedStep {
  version: number;
  name: string;
}

/**
 * Imports every migration module in `dir` (a file URL ending in '/'), sorted by version. `selfUrl`
 * is the caller's import.meta.url: it tells whether we run from sources (.ts) or compiled (.js).
 */
export async function loadMigrationsFrom<M extends VersionedStep>(dir: URL, selfUrl: string): Promise<M[]> {
  const ext = selfUrl.endsWith('.ts') ? '.ts' : '.js';
  const files = readdirSync(fileURLToPath(dir))
    .filter((f) => f.endsWith(ext) && !f.endsWith('.d.ts'))
    .sort();
  const all: M[] = [];
  for (const f of files) {
    const mod = (await import(new URL(f, dir).href)) as { default: M };
    all.push(mod.default);
  }
  all.sort((a, b) => a.version - b.version);
  for (let i = 1; i < all.length; i++) {
    if (all[i]!.version === all[i - 1]!.version) {
      throw new Error(`two migrations share version ${all[i]!.version}: ${all[i - 1]!.name} and ${all[i]!.name}`);
    }
  }
  return all;
}
