// Migration discovery shared by the SQL dialects: every module in a folder is one step, exported as
// default, and steps run in version order. New areas add a file; nothing else needs editing.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface VersionedStep {
  version: number;
  name: string;
}

/** How far a dialect's migrate() goes. */
export interface MigrateOptions {
  /**
   * Apply the pending steps up to and including this version and leave the later ones pending:
   * the schema as a build whose newest migration was `through` left it (tests of one migration
   * start there and insert rows of that shape). Default: every step. A later migrate() without it
   * applies the rest; no step is ever skipped.
   */
  through?: number | undefined;
}

/** The steps of `all` that `options` lets a run apply (all of them, or those up to `through`). */
export function stepsThrough<M extends VersionedStep>(all: M[], options: MigrateOptions): M[] {
  const through = options.through;
  return through === undefined ? all : all.filter((m) => m.version <= through);
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
