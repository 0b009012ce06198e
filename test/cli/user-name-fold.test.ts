// The CLI finds a user by a name typed full-width or with two spaces, as sign-in does (p-accounts2):
// `newsdesk token --user` and `newsdesk user disable|enable` look the name up through
// `accounts.findUser`, which tries the name as typed and then folded (NFKC, one space). Before,
// "ｊａｎｅ roe" was "no user named …". Fails on main (596738ee). SQLite, the CLI run as a user would.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { runCli } from '../helpers/run-cli.js';

test('newsdesk token --user and user disable|enable take a full-width or double-spaced name', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'newsdesk-user-fold-')), 'db.sqlite');
  const store = await SqliteStore.open({ path: db });
  try {
    assert.ok(await store.accounts.createUser({ name: 'first admin', role: 'admin', passwordHash: 'x' }));
    assert.ok(await store.accounts.createUser({ name: 'jane roe', role: 'editor', passwordHash: 'x' }));
  } finally {
    await store.close();
  }
  const token = await runCli(['token', 'create', '--db', db, '--user', 'ｊａｎｅ  roe', '--scope', 'read']);
  assert.equal(token.code, 0, token.stderr);
  const off = await runCli(['user', 'disable', 'jane\u00a0roe', '--db', db]);
  assert.equal(off.code, 0, off.stderr);
  const on = await runCli(['user', 'enable', 'ＪＡＮＥ ＲＯＥ', '--db', db]);
  assert.equal(on.code, 0, on.stderr);
  const none = await runCli(['user', 'disable', 'jane roe x', '--db', db]);
  assert.equal(none.code, 1);
  assert.match(none.stderr, /no user named jane roe x/);
});
