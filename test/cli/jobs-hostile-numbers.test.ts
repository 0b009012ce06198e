// `newsdesk jobs` refuses numbers no operator means, with exit status 2 and a reason, as the other
// commands do: "1e30" as a job id (it passed Number.isInteger and reached the store as a bigint it
// cannot hold), "1e308" hours (a cut-off of -Infinity), hex and exponent limits. A fraction of an
// hour is still taken, and its cut-off is whole milliseconds (PostgreSQL's bigint refuses others).
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { runCli } from '../helpers/run-cli.js';

test('jobs: hostile numbers are usage errors (exit 2); plain ones still work', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'newsdesk-jobs-numbers-')), 'n.db');
  await (await SqliteStore.open({ path: db })).close();
  for (const args of [
    ['retry', '1e30'],
    ['retry', '0x10'],
    ['retry', '0'],
    ['retry', '-3'],
    ['retry', '9999999999999999999'],
    ['retry', '1', '2'],
    ['retry', '1', '--all-dead'],
    ['purge', '--older-than', '1e308'],
    ['purge', '--older-than', 'Infinity'],
    ['purge', '--older-than', '99999999'],
    ['purge', '--older-than', '-1'],
    ['list', '--limit', '1e30'],
    ['list', '--limit', '0x10'],
  ]) {
    const r = await runCli(['jobs', ...args, '--db', db]);
    assert.equal(r.code, 2, `jobs ${args.join(' ')}: exit ${r.code}\n${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /^newsdesk jobs: /, `jobs ${args.join(' ')}`);
  }
  const frac = await runCli(['jobs', 'purge', '--older-than', '0.000001', '--db', db]);
  assert.equal(frac.code, 0, frac.stderr);
  assert.match(frac.stdout, /^0 jobs purged/);
  const missing = await runCli(['jobs', 'retry', '42', '--db', db]);
  assert.equal(missing.code, 1, 'a well-formed id of no dead job is not a usage error');
});
