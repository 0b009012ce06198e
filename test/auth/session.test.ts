// Sessions: opened by signing in, found by the cookie's token (only its digest is stored), ended
// by idleness, by age, by signing out and by revocation; the cookie's flags, with and without a
// trusted proxy. And the sign-in throttle: per account and per address, locks that end by
// themselves, and `newsdesk user unlock`.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { after, before, describe, test } from 'node:test';
import { Auth, authOptions, SESSION_COOKIE } from '../../src/auth/session.js';
import { digest } from '../../src/auth/tokens.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { runCli } from '../helpers/run-cli.js';
import { testConfig } from '../web/helpers.js';
import { addUser, Client, PASSWORD, startSite, type Site } from './helpers.js';

const HOUR = 3600_000;
const MINUTE = 60_000;

describe('sessions', () => {
  let store: SqliteStore;
  let auth: Auth;
  before(async () => {
    store = await SqliteStore.open({ path: ':memory:' });
    auth = new Auth(store, authOptions(testConfig({ sessionIdleHours: 2, sessionMaxDays: 1 })));
    await addUser(store, 'Sam', 'editor');
  });
  after(() => store.close());

  test('signing in opens a session stored by digest; the viewer carries the role and a CSRF token', async () => {
    const t0 = 1_800_000_000_000;
    const r = await auth.signIn('sam', PASSWORD, '192.0.2.1', t0);
    assert.ok(r.ok);
    assert.equal(r.user.name, 'Sam', 'the name matched ignoring case');
    const rows = store.db.prepare('SELECT id, csrf FROM user_sessions').all() as { id: string; csrf: string }[];
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.id, digest(r.token));
    assert.notEqual(rows[0]!.id, r.token);
    const v = await auth.sessionViewer(r.token, t0 + MINUTE);
    assert.equal(v?.name, 'Sam');
    assert.equal(v?.role, 'editor');
    assert.equal(v?.via, 'session');
    assert.equal(v?.csrf, r.csrf);
    assert.ok(r.csrf.length >= 43);
  });

  test('idle for longer than sessionIdleHours ends a session; activity keeps it', async () => {
    const t0 = 1_800_000_000_000;
    const r = await auth.signIn('sam', PASSWORD, undefined, t0);
    assert.ok(r.ok);
    assert.ok(await auth.sessionViewer(r.token, t0 + 1.5 * HOUR), 'used after 1.5 h');
    assert.ok(await auth.sessionViewer(r.token, t0 + 3 * HOUR), '1.5 h after its last use');
    assert.equal(await auth.sessionViewer(r.token, t0 + 5.1 * HOUR), undefined, 'idle for 2.1 h');
  });

  test('sessionMaxDays ends a session however active it is', async () => {
    const t0 = 1_800_000_000_000;
    const r = await auth.signIn('sam', PASSWORD, undefined, t0);
    assert.ok(r.ok);
    for (let t = t0 + HOUR; t < t0 + 24 * HOUR; t += HOUR)
      assert.ok(await auth.sessionViewer(r.token, t), `active at ${(t - t0) / HOUR} h`);
    assert.equal(await auth.sessionViewer(r.token, t0 + 24 * HOUR), undefined);
  });

  test('signing out, revocation and disabling end sessions', async () => {
    const a = await auth.signIn('sam', PASSWORD, undefined);
    const b = await auth.signIn('sam', PASSWORD, undefined);
    assert.ok(a.ok && b.ok);
    await auth.signOut(a.token);
    assert.equal(await auth.sessionViewer(a.token), undefined);
    assert.ok(await auth.sessionViewer(b.token), 'other sessions stay');
    const user = (await store.accounts.findUser('sam'))!;
    await store.accounts.updateUser(user.id, { disabled: true });
    assert.equal(await auth.sessionViewer(b.token), undefined, 'disabled');
    await store.accounts.updateUser(user.id, { disabled: false });
    assert.ok(await auth.sessionViewer(b.token));
    await store.accounts.revokeUserSessions(user.id);
    assert.equal(await auth.sessionViewer(b.token), undefined, 'revoked');
    assert.equal(await auth.sessionViewer('x'.repeat(43)), undefined, 'unknown');
  });
});

describe('sign-in throttle', () => {
  let store: SqliteStore;
  let auth: Auth;
  let path: string;
  before(async () => {
    path = join(mkdtempSync(join(tmpdir(), 'newsdesk-throttle-')), 'db.sqlite');
    store = await SqliteStore.open({ path });
    auth = new Auth(store, authOptions(testConfig()));
    await addUser(store, 'root', 'admin');
  });
  after(() => store.close());

  test('5 failures lock the account for 15 minutes (the right password included), then the lock ends by itself', async () => {
    const t0 = 1_800_000_000_000;
    for (let i = 0; i < 5; i++) {
      const r = await auth.signIn('root', `wrong password ${i}`, `198.51.100.${i}`, t0 + i * 1000);
      assert.deepEqual(r, { ok: false, reason: 'invalid' });
    }
    const locked = await auth.signIn('root', PASSWORD, '198.51.100.9', t0 + 10_000);
    assert.equal(locked.ok, false);
    assert.equal(!locked.ok && locked.reason, 'locked');
    // Attempts during the lock do not extend it.
    for (let i = 0; i < 10; i++) await auth.signIn('root', 'wrong again', '198.51.100.9', t0 + 5 * MINUTE);
    const lockEnd = t0 + 4000 + 15 * MINUTE;
    assert.equal((await auth.signIn('root', PASSWORD, '198.51.100.9', lockEnd - 1)).ok, false);
    const back = await auth.signIn('root', PASSWORD, '198.51.100.9', lockEnd);
    assert.equal(back.ok, true, 'the admin is back in when the lock ends');
  });

  test('an account name that does not exist locks the same way (nothing tells the two apart)', async () => {
    const t0 = 1_800_000_000_000;
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await auth.signIn('nobody', 'whatever pw', `203.0.113.${i}`, t0 + i));
    const existing = [];
    for (let i = 0; i < 6; i++) existing.push(await auth.signIn('ROOT ', 'whatever pw', `203.0.114.${i}`, t0 + 20 * MINUTE + i));
    assert.deepEqual(
      answers.map((a) => !a.ok && a.reason),
      existing.map((a) => !a.ok && a.reason),
    );
    const last = answers.at(-1)!;
    assert.equal(!last.ok && last.reason, 'locked');
  });

  test('20 failures from one address lock it, whatever names it tries', async () => {
    const t0 = 1_900_000_000_000;
    for (let i = 0; i < 20; i++) await auth.signIn(`name${i}`, 'wrong password', '192.0.2.200', t0 + i);
    const r = await auth.signIn('root', PASSWORD, '192.0.2.200', t0 + 100);
    assert.equal(!r.ok && r.reason, 'locked');
    assert.equal((await auth.signIn('root', PASSWORD, '192.0.2.201', t0 + 100)).ok, true, 'another address is not locked');
  });

  test('`newsdesk user unlock` ends a lock at once', async () => {
    const now = Date.now();
    for (let i = 0; i < 5; i++) await auth.signIn('root', 'wrong password', undefined, now);
    assert.equal((await auth.signIn('root', PASSWORD, undefined)).ok, false);
    const run = await runCli(['user', 'unlock', 'root', '--db', path]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /root unlocked/);
    assert.equal((await auth.signIn('root', PASSWORD, undefined)).ok, true);
  });
});

describe('the session cookie', () => {
  let site: Site;
  let proxied: Site;
  before(async () => {
    site = await startSite();
    await addUser(site.store, 'cookie', 'editor');
    proxied = await startSite({ trustProxy: true });
    await addUser(proxied.store, 'cookie', 'editor');
  });
  after(async () => {
    await site.close();
    await proxied.close();
  });

  const sessionCookie = (c: Client): string => {
    const line = c.lastSetCookie.find((l) => l.startsWith(`${SESSION_COOKIE}=`));
    assert.ok(line, 'a session cookie was set');
    return line;
  };

  test('over plain HTTP: HttpOnly, SameSite=Lax, Path=/, no Secure', async () => {
    const c = new Client(site.url);
    const res = await c.signIn('cookie');
    assert.equal(res.status, 303);
    const line = sessionCookie(c);
    assert.match(line, /; HttpOnly/i);
    assert.match(line, /; SameSite=Lax/i);
    assert.match(line, /; Path=\//i);
    assert.doesNotMatch(line, /; Secure/i);
  });

  test('X-Forwarded-Proto: https is believed only with trustProxy', async () => {
    const c1 = new Client(site.url);
    const form = await (await c1.get('/login', { 'x-forwarded-proto': 'https' })).text();
    await c1.post('/login', { _csrf: Client.csrf(form), name: 'cookie', password: PASSWORD }, { 'x-forwarded-proto': 'https' });
    assert.doesNotMatch(sessionCookie(c1), /; Secure/i, "without trustProxy the header is anyone's to send");

    const c2 = new Client(proxied.url);
    const form2 = await (await c2.get('/login', { 'x-forwarded-proto': 'https' })).text();
    await c2.post('/login', { _csrf: Client.csrf(form2), name: 'cookie', password: PASSWORD }, { 'x-forwarded-proto': 'https' });
    const line = sessionCookie(c2);
    assert.match(line, /; Secure/i);
    assert.match(line, /; HttpOnly/i);
    assert.match(line, /; SameSite=Lax/i);
  });
});
