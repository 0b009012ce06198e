// The accounts commands as a user runs them: the password comes from standard input (or the
// terminal), never from the command line; a token is printed once and works; passwd signs the
// user out everywhere.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { verifyPassword } from '../../src/auth/password.js';
import { digest } from '../../src/auth/tokens.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { cliCommand } from '../helpers/repo.js';
import { runCli } from '../helpers/run-cli.js';

function cliWithStdin(args: string[], stdin: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const { cmd, args: base } = cliCommand();
  return new Promise((resolve) => {
    const p = spawn(cmd, [...base, ...args], {
      env: { PATH: process.env.PATH ?? '', NEWSDESK_LOG_LEVEL: 'error' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    p.stdin.end(stdin);
  });
}

test('user add, list, passwd and token create', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'newsdesk-cli-')), 'db.sqlite');
  const add = await cliWithStdin(['user', 'add', 'Ana', '--admin', '--db', db], 'first password 1\n');
  assert.equal(add.code, 0, add.stderr);
  assert.match(add.stdout, /added Ana \(admin\)/);
  assert.equal((await cliWithStdin(['user', 'add', 'ana', '--db', db], 'other password 1\n')).code, 1, 'names are unique ignoring case');
  const short = await cliWithStdin(['user', 'add', 'bo', '--db', db], 'short\n');
  // A password the rules refuse is exit status 1 with the rule, as the usage says, not 2 and the usage.
  assert.equal(short.code, 1);
  assert.match(short.stderr, /^newsdesk user: a password needs at least 10 characters; nothing was changed\n$/);
  const same = await cliWithStdin(['user', 'add', 'bo the name', '--db', db], 'bo the name\n');
  assert.equal(same.code, 1);
  assert.doesNotMatch(same.stderr, /Usage:/);
  const argv = await runCli(['user', 'add', 'cy', '--password', 'in the argv 1', '--db', db]);
  assert.equal(argv.code, 2, 'no way to give a password on the command line');
  assert.match(argv.stderr, /unknown option --password/);
  assert.equal((await cliWithStdin(['user', 'add', 'Rudi', '--role', 'reader', '--db', db], 'reader password 1\n')).code, 0);

  const list = await runCli(['user', 'list', '--db', db]);
  assert.match(list.stdout, /^Ana\s+admin\s+active$/m);
  assert.match(list.stdout, /^Rudi\s+reader\s+active$/m);

  const token = await runCli(['token', 'create', '--user', 'ana', '--scope', 'write', '--name', 'ci', '--db', db]);
  assert.equal(token.code, 0, token.stderr);
  const value = token.stdout.trim();
  assert.match(value, /^nd_[A-Za-z0-9_-]{43}$/);
  assert.doesNotMatch(token.stderr, new RegExp(value.slice(3)), 'printed once, on stdout only');
  assert.equal(
    (await runCli(['token', 'create', '--user', 'rudi', '--scope', 'write', '--db', db])).code,
    1,
    'readers get read tokens only',
  );

  const store = await SqliteStore.open({ path: db });
  try {
    const found = await store.accounts.findToken(digest(value));
    assert.equal(found?.user.name, 'Ana');
    assert.equal(found?.token.scope, 'write');
    const ana = (await store.accounts.findUser('ana'))!;
    await store.accounts.createSession({
      id: 'x'.repeat(64),
      userId: ana.id,
      csrf: 'c',
      createdAt: Date.now(),
      expiresAt: Date.now() + 1e9,
    });
    assert.equal(await verifyPassword('first password 1', ana.passwordHash), true);
  } finally {
    await store.close();
  }
  const passwd = await cliWithStdin(['user', 'passwd', 'ANA', '--db', db], 'second password 2\n');
  assert.equal(passwd.code, 0, passwd.stderr);
  assert.match(passwd.stdout, /password of Ana changed; 1 session ended$/m);
  const after = await SqliteStore.open({ path: db });
  try {
    const ana = (await after.accounts.findUser('ana'))!;
    assert.equal(await verifyPassword('second password 2', ana.passwordHash), true);
    assert.notEqual((await after.accounts.getSession('x'.repeat(64)))?.session.revokedAt, null);
  } finally {
    await after.close();
  }
});
