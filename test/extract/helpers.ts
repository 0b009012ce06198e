// Paths shared by the extraction tests, which run both from test/ (tsx) and from dist/test/.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above the test file');
    dir = up;
  }
  return dir;
}

export const ROOT = repoRoot();
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'extract');

export function fixture(name: string): Buffer {
  return readFileSync(join(FIXTURES, name));
}

/** How to run the CLI from the same tree the test runs from (compiled or TypeScript). */
export function cliCommand(): { cmd: string; args: string[] } {
  const fromTs = import.meta.url.endsWith('.ts');
  return fromTs
    ? { cmd: process.execPath, args: ['--import', 'tsx', join(ROOT, 'src', 'cli', 'index.ts')] }
    : { cmd: process.execPath, args: [join(ROOT, 'dist', 'src', 'cli', 'index.js')] };
}
