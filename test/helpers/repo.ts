// The repository's own paths, whether a test runs from test/ (tsx) or from dist/test/ (compiled):
// fixtures are not copied into dist, so they are read from the source tree.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'test', 'fixtures'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the repository root (package.json with test/fixtures) above this test');
    dir = up;
  }
  return dir;
}

export const ROOT = findRoot();

export function repoRoot(): string {
  return ROOT;
}

export function fixturePath(...parts: string[]): string {
  return join(ROOT, 'test', 'fixtures', ...parts);
}

export function readFixture(...parts: string[]): string {
  return readFileSync(fixturePath(...parts), 'utf8');
}

export function readFixtureBytes(...parts: string[]): Buffer {
  return readFileSync(fixturePath(...parts));
}

/** How to run the CLI from the same tree the test runs from (compiled or TypeScript). */
export function cliCommand(): { cmd: string; args: string[] } {
  const fromTs = import.meta.url.endsWith('.ts');
  return fromTs
    ? { cmd: process.execPath, args: ['--import', 'tsx', join(ROOT, 'src', 'cli', 'index.ts')] }
    : { cmd: process.execPath, args: [join(ROOT, 'dist', 'src', 'cli', 'index.js')] };
}
