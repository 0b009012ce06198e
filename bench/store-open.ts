// What a fresh, empty SQLite store costs to open: migrated from zero (every migration, as the first
// open of an install does and as each test's d.open() did), against a copy of a store already
// migrated (what test/helpers/dialects.ts gives a test since m-suite). Medians of `--stores` opens
// each way, each opened and closed, in one temporary folder.
//
//   nice -n 10 node dist/bench/store-open.js [--stores 10]
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../src/store/sqlite/index.js';
import { numberOption } from './lib/args.js';

const stores = numberOption('--stores', 10);
const dir = mkdtempSync(join(tmpdir(), 'newsdesk-bench-open-'));

async function openClose(path: string): Promise<number> {
  const t = performance.now();
  await (await SqliteStore.open({ path })).close();
  return performance.now() - t;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? Number.NaN;

try {
  const template = join(dir, 'template.db');
  await openClose(template); // also loads the modules, outside the figures
  const fromZero: number[] = [];
  const copied: number[] = [];
  for (let i = 0; i < stores; i++) {
    fromZero.push(await openClose(join(dir, `zero-${i}.db`)));
    const copy = join(dir, `copy-${i}.db`);
    const t = performance.now();
    copyFileSync(template, copy);
    copied.push(performance.now() - t + (await openClose(copy)));
  }
  console.log(
    `${stores} stores each way: migrated from zero ${median(fromZero).toFixed(0)} ms, copy of a migrated store ${median(copied).toFixed(0)} ms (medians, open and close)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
