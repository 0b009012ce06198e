// Hostile review of editors' accounts (r-accounts, 2026-12-07): the account lifecycle attacked over
// a real HTTP server on 127.0.0.1, on both store dialects. The first three tests fail on the build
// before the review (a burst of sign-ins or current-password checks passed the throttle; two admins
// disabling or demoting each other left no admin; a full-width or double-spaced name made a second
// account that looks like the first). The last one records what held.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { setUserDisabled } from '../../src/auth/account-state.js';
import { hashPassword, verifyPassword } from '../../src/auth/password.js';
import { setPassword } from '../../src/auth/session.js';
import { digest, newApiToken } from '../../src/auth/tokens.js';
import { validUserName } from '../../src/auth/user-name.js';
import { forEachDialect } from '../helpers/dialects.js';
import { addUser, Client, PASSWORD, startSite, type Site } from '../auth/helpers.js';

forEachDialect((d) => {
  let site: Site;
  before(async () => {
    site = await startSite({}, await d.open());
  });
  after(() => site.close());
  // Every request here comes from 127.0.0.1: no test's failures may lock the next one's sign-ins.
  beforeEach(() => site.store.accounts.clearThrottle(['address:127.0.0.1']));

  const signedIn = async (name: string): Promise<Client> => {
    const client = new Client(site.url);
    assert.equal((await client.signIn(name)).status, 303, `${name} signs in`);
    return client;
  };

  test('twelve wrong sign-ins sent at once, the name’s case and spaces varied: five are checked, the rest are refused as locked, and so is the right password', async () => {
    await addUser(site.store, 'burst', 'editor');
    const client = new Client(site.url);
    const form = Client.csrf(await (await client.get('/login')).text());
    const statuses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        client
          .post('/login', { _csrf: form, name: ['burst', 'BURST', ' Burst '][i % 3]!, password: `wrong guess ${i}` })
          .then((r) => r.status),
      ),
    );
    assert.equal(statuses.filter((s) => s === 401).length, 5, `checked: ${statuses.join(' ')}`);
    assert.equal(statuses.filter((s) => s === 429).length, 7);
    assert.equal((await client.post('/login', { _csrf: form, name: 'burst', password: PASSWORD })).status, 429);
  });

  test('one address trying 25 names at once, each with another X-Forwarded-For (no proxy trusted), is stopped at the address limit of 20', async () => {
    const client = new Client(site.url);
    const form = Client.csrf(await (await client.get('/login')).text());
    const statuses = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        client
          .post('/login', { _csrf: form, name: `spray${i}`, password: 'a wrong password' }, { 'x-forwarded-for': `198.51.100.${i}` })
          .then((r) => r.status),
      ),
    );
    assert.equal(statuses.filter((s) => s === 401).length, 20, `checked: ${statuses.join(' ')}`);
    assert.equal(statuses.filter((s) => s === 429).length, 5);
  });

  test('eight wrong current passwords checked at once: five are checked, then the account is locked', async () => {
    const u = await addUser(site.store, 'confirmer', 'editor');
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => site.auth.confirmPassword(u, `wrong ${i}`, '192.0.2.7')));
    assert.equal(results.filter((r) => !r.ok && r.reason === 'invalid').length, 5);
    assert.equal(results.filter((r) => !r.ok && r.reason === 'locked').length, 3);
  });

  test('two admins disabling each other at once: one is refused, an enabled admin is left', async () => {
    const a = await addUser(site.store, 'admin one', 'admin');
    const b = await addUser(site.store, 'admin two', 'admin');
    // Any earlier admins of this suite are out of the way first (one at a time, so each is allowed).
    for (const u of await site.store.accounts.listUsers())
      if (u.role === 'admin' && u.id !== a.id && u.id !== b.id) await site.store.accounts.updateUser(u.id, { disabled: true });
    const [ra, rb] = await Promise.all([setUserDisabled(site.store, a, true), setUserDisabled(site.store, b, true)]);
    assert.deepEqual([ra.ok, rb.ok].sort(), [false, true]);
    const admins = (await site.store.accounts.listUsers()).filter((u) => u.role === 'admin' && !u.disabled);
    assert.equal(admins.length, 1);
    await site.store.accounts.updateUser(a.id, { disabled: false });
    await site.store.accounts.updateUser(b.id, { disabled: false });
    // Demoting through the store's guarded change: the last admin is kept, another role is written.
    await site.store.accounts.updateUser(b.id, { role: 'editor' });
    assert.equal(await site.store.accounts.updateUserKeepingAdmin(a.id, { role: 'reader' }), 'last-admin');
    assert.equal(await site.store.accounts.updateUserKeepingAdmin(a.id, { disabled: true }), 'last-admin');
    const promoted = await site.store.accounts.updateUserKeepingAdmin(b.id, { role: 'admin' });
    assert.equal(typeof promoted === 'object' && promoted.role, 'admin');
    assert.equal(await site.store.accounts.updateUserKeepingAdmin(999_999, { role: 'reader' }), undefined);
  });

  test('over HTTP, two admins demoting each other at once: one is refused, an admin is left', async () => {
    for (let round = 0; round < 3; round++) {
      const a = await addUser(site.store, `demoter a${round}`, 'admin');
      const b = await addUser(site.store, `demoter b${round}`, 'admin');
      for (const u of await site.store.accounts.listUsers())
        if (u.role === 'admin' && u.id !== a.id && u.id !== b.id) await site.store.accounts.updateUser(u.id, { role: 'editor' });
      const [ca, cb] = [await signedIn(a.name), await signedIn(b.name)];
      const [fa, fb] = [Client.csrf(await (await ca.get('/desk/users')).text()), Client.csrf(await (await cb.get('/desk/users')).text())];
      const statuses = await Promise.all([
        ca.post(`/desk/users/${b.id}/role`, { _csrf: fa, role: 'editor' }).then((r) => r.status),
        cb.post(`/desk/users/${a.id}/role`, { _csrf: fb, role: 'editor' }).then((r) => r.status),
      ]);
      // The loser is refused with 409 (the last admin) or, when the winner's change landed before
      // its own request was let in, 403 (no longer an admin).
      assert.equal(statuses.filter((s) => s === 303).length, 1, `round ${round}: ${statuses.join(' ')}`);
      assert.ok(
        statuses.every((s) => s === 303 || s === 409 || s === 403),
        `round ${round}: ${statuses.join(' ')}`,
      );
      assert.equal((await site.store.accounts.listUsers()).filter((u) => u.role === 'admin' && !u.disabled).length, 1);
    }
  });

  test('a full-width, ligature, no-break-spaced or double-spaced name is the name it looks like: refused as taken', async () => {
    assert.equal(validUserName('ａdmin'), 'admin');
    assert.equal(validUserName('jane  doe'), 'jane doe');
    assert.equal(validUserName('jane\u00a0doe'), 'jane doe');
    assert.equal(validUserName('\u3000ｊｏｈｎ\u3000'), 'john');
    assert.equal(validUserName('ﬁona'), 'fiona');
    assert.equal(validUserName('a\u200bdmin'), undefined, 'zero-width characters stay refused');
    assert.equal(validUserName('ad\u202emin'), undefined, 'bidi controls stay refused');
    const admin = await addUser(site.store, 'look chief', 'admin');
    await addUser(site.store, 'jane doe', 'editor');
    await addUser(site.store, 'fiona', 'editor');
    const client = await signedIn(admin.name);
    const csrf = Client.csrf(await (await client.get('/desk/users')).text());
    for (const name of ['ｌｏｏｋ chief', 'jane  doe', 'jane\u00a0doe', ' JANE DOE ', 'ﬁona', 'Look　Chief']) {
      const res = await client.post('/desk/users', { _csrf: csrf, name, role: 'editor', password: 'another long password' });
      assert.equal(res.status, 409, JSON.stringify(name));
    }
    assert.equal(
      (await client.post('/desk/users', { _csrf: csrf, name: 'ｊｏｈｎ', role: 'reader', password: 'another long password' })).status,
      303,
    );
    assert.equal((await site.store.accounts.findUser('john'))?.name, 'john', 'stored in its compatibility form');
  });

  test('a password set at the terminal with a tab in it signs in on the web, where the form turns the tab into a space', async () => {
    // `newsdesk user add` hashes the line as read from standard input, control characters and all.
    const typed = 'tab\tin my long password';
    await site.store.accounts.createUser({ name: 'terminal user', role: 'editor', passwordHash: await hashPassword(typed) });
    const client = new Client(site.url);
    assert.equal((await client.signIn('terminal user', typed)).status, 303);
  });

  test('a reset that lands while a sign-in with the old password is being checked leaves that sign-in no session', async () => {
    // A hash at an older cost, so that the sign-in also rehashes (it must not write the old password back).
    const old = await hashPassword(PASSWORD, { N: 2 ** 14, r: 8, p: 1 });
    const u = await site.store.accounts.createUser({ name: 'reset race', role: 'editor', passwordHash: old });
    assert.ok(u);
    const accounts = site.store.accounts;
    const create = accounts.createSession.bind(accounts);
    let resets = 0;
    // The admin's reset lands after the old password was checked and before the session is stored.
    accounts.createSession = async (session) => {
      if (resets++ === 0) await setPassword(site.store, u.id, 'the new long password');
      return create(session);
    };
    try {
      const r = await site.auth.signIn('reset race', PASSWORD, undefined);
      if (r.ok) assert.equal(await site.auth.sessionViewer(r.token), undefined, 'the old password’s session outlived the reset');
      assert.equal(r.ok, false);
    } finally {
      accounts.createSession = create;
    }
    const stored = (await accounts.getUser(u.id))!.passwordHash;
    assert.ok(await verifyPassword('the new long password', stored), 'the reset’s password stands');
    assert.equal(await verifyPassword(PASSWORD, stored), false);
    assert.equal(await accounts.replacePasswordHash(u.id, old, 'x'), false, 'a rehash writes only over the hash it checked');
    assert.equal(await accounts.replacePasswordHash(u.id, stored, stored), true);
    assert.equal((await site.auth.signIn('reset race', 'the new long password', undefined)).ok, true);
  });

  test('held: two browsers racing one set-up link make one admin; the other is told the link is no longer valid', async () => {
    const empty = await startSite({}, await d.open());
    try {
      const token = empty.auth.setup.issue();
      const browsers = [new Client(empty.url), new Client(empty.url)];
      const forms = await Promise.all(browsers.map(async (b) => Client.csrf(await (await b.get(`/setup/${token}`)).text())));
      const statuses = await Promise.all(
        browsers.map((b, i) =>
          b.post(`/setup/${token}`, { _csrf: forms[i]!, name: `first${i}`, password: PASSWORD, password2: PASSWORD }).then((r) => r.status),
        ),
      );
      assert.deepEqual(statuses.sort(), [303, 404]);
      assert.equal(await empty.store.accounts.countUsers(), 1);
      assert.equal((await new Client(empty.url).get(`/setup/${token}`)).status, 404, 'used up');
    } finally {
      await empty.close();
    }
  });

  test('held: a disabled, demoted or signed-out account loses its power at the next request', async () => {
    const boss = await addUser(site.store, 'held boss', 'admin');
    const ed = await addUser(site.store, 'held editor', 'editor');
    const write = newApiToken();
    await site.store.accounts.createToken({ userId: ed.id, name: 'w', hash: digest(write), scope: 'write' });
    const client = await signedIn(ed.name);
    assert.equal((await client.get('/desk/sources')).status, 200);
    const post = (token: string) =>
      fetch(`${site.url}/api/v1/sources`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ url: 'not a url' }),
      });
    assert.equal((await post(write)).status, 400, 'an editor’s write token reaches the write (and its check of the body)');
    // Lowered to reader: the session's next request and the token's are a reader's.
    await site.store.accounts.updateUser(ed.id, { role: 'reader' });
    assert.equal((await client.get('/desk/sources')).status, 403);
    const refused = await post(write);
    assert.equal(refused.status, 403);
    assert.match(await refused.text(), /reader/i);
    // Disabled: the session and the token stop at once.
    await site.store.accounts.updateUser(ed.id, { role: 'editor' });
    assert.equal((await client.get('/desk/sources')).status, 200);
    assert.ok((await setUserDisabled(site.store, ed, true)).ok);
    assert.equal((await client.get('/desk/sources')).status, 303, 'sent to sign in');
    assert.equal((await post(write)).status, 401);
    // Sign-out ends the session on the server: the old cookie replayed opens nothing.
    const admin = await signedIn(boss.name);
    const cookie = admin.cookies.get('nd_session')!;
    const csrf = Client.csrf(await (await admin.get('/desk/account')).text());
    assert.equal((await admin.post('/logout', { _csrf: csrf })).status, 303);
    const replay = await fetch(`${site.url}/desk/sources`, { redirect: 'manual', headers: { cookie: `nd_session=${cookie}` } });
    assert.equal(replay.status, 303);
    // A cookie chosen before sign-in is not kept (no fixation).
    const fixed = new Client(site.url);
    fixed.cookies.set('nd_session', 'A'.repeat(43));
    assert.equal((await fixed.signIn(boss.name)).status, 303);
    assert.notEqual(fixed.cookies.get('nd_session'), 'A'.repeat(43));
    assert.match(fixed.lastSetCookie.find((l) => l.startsWith('nd_session='))!, /HttpOnly/i);
  });
});
