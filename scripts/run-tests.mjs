#!/usr/bin/env node
// Runs every compiled test file under dist/test with node's test runner.
// Node 20's --test takes no globs, so the files are listed here.
// Usage: node scripts/run-tests.mjs [substring...]  (only files whose path contains one of them)
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function walk(dir, out) {
  let names;
  try { names = readdirSync(dir); } catch { return out; }
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
const reporter = process.env.CI ? ['--test-reporter=spec'] : [];
const res = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...reporter, ...files], { stdio: 'inherit' });
process.exit(res.status ?? 1);
