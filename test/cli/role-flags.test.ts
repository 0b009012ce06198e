// The command lines of the two long-running roles: `serve` and `worker`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../src/cli/command.js';
import { parseServeFlags } from '../../src/cli/commands/serve.js';
import { parseWorkerFlags } from '../../src/cli/commands/worker.js';
import { databaseOption } from '../../src/cli/open-store.js';

test('worker takes the --db its usage names (it was refused as an unexpected argument)', () => {
  assert.deepEqual(parseWorkerFlags(['--db', 'postgres://db/newsdesk', '--port', '0', '--name', 'w1']), {
    db: 'postgres://db/newsdesk',
    port: 0,
    name: 'w1',
  });
});

test('serve and worker read --host and --port alike and refuse a missing value or a bad port', () => {
  assert.deepEqual(parseServeFlags(['--db', 'x.db', '--host', '0.0.0.0', '--port', '8080', '--no-poll']), {
    db: 'x.db',
    host: '0.0.0.0',
    port: 8080,
    poll: false,
  });
  for (const parse of [parseServeFlags, parseWorkerFlags]) {
    assert.throws(
      () => parse(['--host', '--port', '80']),
      (e) => e instanceof UsageError && e.message === '--host needs a value',
    );
    assert.throws(
      () => parse(['--port']),
      (e) => e instanceof UsageError && e.message === '--port needs a value',
    );
    assert.throws(
      () => parse(['--port', '65536']),
      (e) => e instanceof UsageError && e.message === '--port takes a number from 0 to 65535, not 65536',
    );
    assert.throws(
      () => parse(['extra']),
      (e) => e instanceof UsageError && e.message === 'unexpected argument extra',
    );
  }
});

test('--db names a SQLite file or a PostgreSQL database, the same way for every command', () => {
  assert.equal(databaseOption('data/newsdesk.db'), 'sqlite:data/newsdesk.db');
  assert.equal(databaseOption('postgres://db/newsdesk'), 'postgres://db/newsdesk');
  assert.equal(databaseOption('postgresql://db/newsdesk'), 'postgresql://db/newsdesk');
});
