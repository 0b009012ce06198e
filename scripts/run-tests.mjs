#!/usr/bin/env node
// Runs every compiled test file under dist/test with node's test runner.
// Node 20's --test takes no globs, so the files are listed here.
// Usage: node scripts/run-tests.mjs [substring...]  (only files whose path contains one of them)
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

function walk(dir, out) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names.sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = walk('dist/test', []).filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));
if (files.length === 0) {
  console.error('no test files found under dist/test (did the build run?)');
  process.exit(1);
}
// The human-readable report goes to the terminal; a TAP copy goes to a file, from which the plain
// closing line "N passed, N failed, N skipped" is taken (CI reads it whatever the reporter).
const reportDir = mkdtempSync(join(tmpdir(), 'newsdesk-tests-'));
const tapFile = join(reportDir, 'report.tap');
// Each top-level test's time (scripts/test-top-level-times.mjs); the slowest are printed after the count.
const timesFile = join(reportDir, 'top-level-times.tsv');
const reporters = [
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  '--test-reporter=tap',
  `--test-reporter-destination=${tapFile}`,
  `--test-reporter=${new URL('./test-top-level-times.mjs', import.meta.url).href}`,
  `--test-reporter-destination=${timesFile}`,
];
const res = spawnSync(process.execPath, ['--enable-source-maps', '--test', '--test-concurrency=2', ...reporters, ...files], {
  stdio: 'inherit',
});
let tap = '';
try {
  tap = readFileSync(tapFile, 'utf8');
} catch {
  // no report: the runner itself failed; its exit status says so
}
const count = (name) => Number(tap.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
const passed = count('pass');
const failed = count('fail') + count('cancelled');
const skipped = count('skipped');
if (tap) console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
printSlowest(timesFile, Number(process.env.NEWSDESK_TEST_SLOWEST ?? 15));
process.exit(res.status ?? 1);

/** The N top-level tests that took longest (0 prints none), after the closing count. */
function printSlowest(file, n) {
  let rows;
  try {
    rows = readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('\t'))
      .map(([ms, path, name]) => ({ ms: Number(ms), path: path ? relative(process.cwd(), path) : '', name }));
  } catch {
    return;
  }
  if (!(n > 0) || rows.length === 0) return;
  rows.sort((a, b) => b.ms - a.ms);
  const total = rows.reduce((sum, r) => sum + r.ms, 0);
  console.log(`slowest top-level tests (of ${rows.length}, ${(total / 1000).toFixed(0)} s in all, two at a time):`);
  for (const r of rows.slice(0, n)) console.log(`  ${(r.ms / 1000).toFixed(1).padStart(7)} s  ${r.name}  (${r.path})`);
}
