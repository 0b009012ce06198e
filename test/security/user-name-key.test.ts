// The stored user-name key is the fold sign-in uses (p-userkey): userNameKey, the name in its
// compatibility form case-folded letter by letter, on both dialects. Before, name_key was the name
// lower-cased whole, so "οδοσ" did not sign in typed "ΟΔΟΣ" ("οδος" lower-cased, a final ς) and
// "admın" not as "ADMIN" (docs/security.md, r2-accounts, "Left alone"). Migration 47 writes the
// key again for the users of a store at 46; two users whose names now fold alike keep apart, the
// log and `newsdesk user list` say so. Every test here but the lookup of a full-width legacy pair
// fails on main (ffd30bef).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { hashPassword } from '../../src/auth/password.js';
import { validUserName } from '../../src/auth/user-name.js';
import { userNameKey } from '../../src/store/accounts.js';
import type { Store } from '../../src/store/store.js';
import { planUserKeys } from '../../src/store/user-key-migration.js';
import { forEachDialect, type StoreAt } from '../helpers/dialects.js';
import { runCli } from '../helpers/run-cli.js';
import { Client, PASSWORD, startSite } from '../auth/helpers.js';

/** The key as migrations 11..46 wrote it: the name in NFC, lower-cased whole. */
const keyAt46 = (name: string): string => name.normalize('NFC').toLowerCase();

/** Users written at 46 as a store of that version holds them, oldest first (created_at 1, 2, …). */
async function usersAt46(at: StoreAt, names: readonly string[], hash: string): Promise<void> {
  const sql = 'INSERT INTO users (name, name_key, password_hash, role, lang, created_at) VALUES ';
  for (const [i, name] of names.entries()) {
    if (at.dialect === 'sqlite') at.db.prepare(`${sql}(?, ?, ?, 'editor', NULL, ?)`).run(name, keyAt46(name), hash, i + 1);
    else await at.pool.query(`${sql}($1, $2, $3, 'editor', NULL, $4)`, [name, keyAt46(name), hash, i + 1]);
  }
}

const found = async (store: Store, typed: string): Promise<string | undefined> => (await store.accounts.findUser(typed))?.name;

test('the key folds case letter by letter: final sigma, dotless i and sharp s are the letters of their capitals', () => {
  assert.equal(userNameKey('ΟΔΟΣ'), userNameKey('οδοσ'));
  assert.equal(userNameKey('Οδος'), userNameKey('οδοσ'));
  assert.equal(userNameKey('admın'), userNameKey('ADMIN'));
  assert.equal(userNameKey('straße'), userNameKey('STRASSE'));
  assert.equal(userNameKey('ｊａｎｅ  Roe'), 'jane roe');
  // Turkish dotted İ keeps its dot (as the fold defines it: the capital of "i" is "I").
  assert.notEqual(userNameKey('KADMİN2'), userNameKey('kadmin2'));
});

forEachDialect((d) => {
  let hash: string;
  const stores: Store[] = [];
  after(async () => {
    for (const s of stores) await s.close().catch(() => {});
  });
  const fresh = async (): Promise<Store> => {
    hash ??= await hashPassword(PASSWORD);
    const s = await d.open();
    stores.push(s);
    return s;
  };
  const add = async (store: Store, name: string): Promise<void> => {
    assert.ok(await store.accounts.createUser({ name: validUserName(name)!, role: 'editor', passwordHash: hash }), name);
  };

  test('a Greek name signs in typed in any case, final sigma or not, both ways', async () => {
    const store = await fresh();
    await add(store, 'ΟΔΟΣ');
    await add(store, 'νικος');
    assert.equal(await found(store, 'οδοσ'), 'ΟΔΟΣ');
    assert.equal(await found(store, 'Οδος'), 'ΟΔΟΣ');
    assert.equal(await found(store, 'οδος'), 'ΟΔΟΣ');
    assert.equal(await found(store, 'ΝΙΚΟΣ'), 'νικος');
    assert.equal(await found(store, 'νικοσ'), 'νικος');
    // And through the sign-in form, the path an editor takes.
    const site = await startSite({}, store);
    try {
      await store.accounts.createUser({ name: 'οδοσ2', role: 'admin', passwordHash: hash });
      assert.equal((await new Client(site.url).signIn('ΟΔΟΣ2', PASSWORD)).status, 303);
      assert.equal((await new Client(site.url).signIn('Οδος', PASSWORD)).status, 303);
    } finally {
      await site.server.close();
    }
  });

  test('Turkish dotless ı and German ß sign in as their capitals, and a second such name is refused', async () => {
    const store = await fresh();
    await add(store, 'admın');
    await add(store, 'straße');
    assert.equal(await found(store, 'ADMIN'), 'admın');
    assert.equal(await found(store, 'admin'), 'admın');
    assert.equal(await found(store, 'STRASSE'), 'straße');
    assert.equal(await found(store, 'Strasse'), 'straße');
    assert.equal(await store.accounts.createUser({ name: 'STRASSE', role: 'editor', passwordHash: hash }), undefined);
  });

  test('migration 47 writes the key again for the users of a store at 46', async () => {
    const at = await d.at(46);
    hash ??= await hashPassword(PASSWORD);
    await usersAt46(at, ['οδοσ', 'ΝΙΚΟΣ', 'admın', 'straße', 'plain'], hash);
    const store = await at.open();
    stores.push(store);
    assert.equal(await found(store, 'ΟΔΟΣ'), 'οδοσ');
    assert.equal(await found(store, 'νικοσ'), 'ΝΙΚΟΣ');
    assert.equal(await found(store, 'ADMIN'), 'admın');
    assert.equal(await found(store, 'STRASSE'), 'straße');
    assert.equal(await found(store, 'PLAIN'), 'plain');
    assert.ok((await store.accounts.listUsers()).every((u) => !u.keptApart));
    // New names are compared under the new key: "ΟΔΟΣ" is the user there.
    assert.equal(await store.accounts.createUser({ name: 'οδος', role: 'editor', passwordHash: hash }), undefined);
  });

  test('users whose names fold alike at 46 are kept apart: none lost, each signs in by its own spelling, marked', async () => {
    const at = await d.at(46);
    hash ??= await hashPassword(PASSWORD);
    // Oldest first: "ΟΔΟΣ" before "οδοσ" (keys "οδος" and "οδοσ" at 46); full-width "ｍａｒｔａ"
    // (named before names were folded) before "marta".
    await usersAt46(at, ['ΟΔΟΣ', 'οδοσ', 'ｍａｒｔａ', 'marta'], hash);
    const store = await at.open();
    stores.push(store);
    const users = await store.accounts.listUsers();
    assert.equal(users.length, 4);
    // Listed by name, each pair together (the holder of the key first), not the kept-apart first
    // because their marked keys sort before every letter.
    assert.deepEqual(
      users.map((u) => u.name),
      ['marta', 'ｍａｒｔａ', 'ΟΔΟΣ', 'οδοσ'],
    );
    const apart = users.filter((u) => u.keptApart).map((u) => u.name);
    assert.deepEqual(apart.sort(), ['οδοσ', 'ｍａｒｔａ'], 'the younger of the Greek pair, the full-width spelling of the other');
    // Each by its own spelling; the folded name reaches the holder of the key.
    assert.equal(await found(store, 'οδοσ'), 'οδοσ');
    assert.equal(await found(store, 'ΟΔΟΣ'), 'ΟΔΟΣ');
    assert.equal(await found(store, 'Οδος'), 'ΟΔΟΣ');
    assert.equal(await found(store, 'ｍａｒｔａ'), 'ｍａｒｔａ');
    assert.equal(await found(store, 'ＭＡＲＴＡ'), 'ｍａｒｔａ');
    assert.equal(await found(store, 'marta'), 'marta');
    assert.equal(await found(store, 'MARTA'), 'marta');
    assert.equal(await found(store, 'ｍａrta'), 'marta');
    // A new "Marta" is still one of them.
    assert.equal(await store.accounts.createUser({ name: 'Marta', role: 'editor', passwordHash: hash }), undefined);
    // `newsdesk user list` marks the ones kept apart (SQLite: the CLI opens the file).
    if (d.name === 'sqlite') {
      const db = d.placeOf(store);
      await store.close();
      const list = await runCli(['user', 'list', '--db', db]);
      assert.equal(list.code, 0, list.stderr);
      assert.match(list.stdout, /^οδοσ\s+editor\s+active {2}\(same name as another user ignoring case: signs in only as typed exactly\)$/m);
      assert.match(list.stdout, /^ΟΔΟΣ\s+editor\s+active$/m);
      assert.match(list.stdout, /^marta\s+editor\s+active$/m);
    }
  });
});

test('the plan names each user kept apart and the holder of the key, and keeps every key unique', () => {
  const said: string[] = [];
  const rows = [
    { id: 1, name: 'ｓｔｒａｓｓｅ', name_key: 'ｓｔｒａｓｓｅ', created_at: 1 },
    { id: 2, name: 'ｓｔｒａßｅ', name_key: 'ｓｔｒａßｅ', created_at: 2 },
    { id: 3, name: 'strasse', name_key: 'strasse', created_at: 3 },
    { id: 4, name: 'solo', name_key: 'solo', created_at: 4 },
  ];
  const changes = planUserKeys(rows, (kept, holder) => said.push(`${kept.name}>${holder?.name}`));
  assert.deepEqual(said, ['ｓｔｒａｓｓｅ>strasse', 'ｓｔｒａßｅ>strasse']);
  const keys = new Map(rows.map((r) => [r.id, r.name_key]));
  for (const c of changes) keys.set(c.id, c.key);
  assert.equal(new Set(keys.values()).size, 4);
  assert.equal(keys.get(3), 'strasse');
  assert.ok(!changes.some((c) => c.id === 3 || c.id === 4), 'unchanged keys are not written');
});
