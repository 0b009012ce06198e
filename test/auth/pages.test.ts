// The accounts pages over real HTTP: sign-in (generic failure, form token, next), sign-out (CSRF),
// the one-time set-up link, your account (password, language, tokens shown once) and users
// (admins only; every change audited; the last admin kept). Every form control has a label.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { verifyPassword } from '../../src/auth/password.js';
import { addUser, Client, PASSWORD, startSite, type Site } from './helpers.js';

/** Ids of visible form controls without a <label for=…>, on a page. */
function unlabelled(page: string): string[] {
  const labels = new Set([...page.matchAll(/<label[^>]* for="([^"]+)"/g)].map((m) => m[1]));
  const missing: string[] = [];
  for (const m of page.matchAll(/<(input|select|textarea)\b([^>]*)>/g)) {
    const attrs = m[2]!;
    if (/type="hidden"|\shidden(\s|>|$)/.test(attrs)) continue;
    const id = /\sid="([^"]+)"/.exec(attrs)?.[1];
    if (!id || !labels.has(id)) missing.push(id ?? m[0]);
  }
  return missing;
}

describe('sign-in and sign-out', () => {
  let site: Site;
  before(async () => {
    site = await startSite();
    await addUser(site.store, 'Ana', 'admin');
    await addUser(site.store, 'rex', 'reader');
  });
  after(() => site.close());

  test('a wrong password and an unknown name get the same answer', async () => {
    const c = new Client(site.url);
    const wrong = await c.signIn('Ana', 'not the password');
    const unknown = await c.signIn('Nobody', 'not the password');
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    const msg = (s: string) => /<p class="notice error" role="alert">([^<]*)<\/p>/.exec(s)?.[1];
    const [a, b] = [msg(await wrong.text()), msg(await unknown.text())];
    assert.ok(a);
    assert.equal(a, b);
    assert.equal(c.cookies.has('nd_session'), false);
  });

  test("a sign-in POST without the form token (another site's form) is refused with 403", async () => {
    const res = await fetch(`${site.url}/login`, {
      method: 'POST',
      body: new URLSearchParams({ name: 'Ana', password: PASSWORD }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      redirect: 'manual',
    });
    assert.equal(res.status, 403);
    assert.equal(
      res.headers.getSetCookie().some((l) => l.startsWith('nd_session=')),
      false,
    );
  });

  test('next leads back to a same-site path only; an admin lands on the desk by default', async () => {
    const c = new Client(site.url);
    assert.equal((await c.signIn('ana', PASSWORD, '//evil.example/x')).headers.get('location'), '/desk');
    const d = new Client(site.url);
    assert.equal((await d.signIn('ana', PASSWORD, '/desk/users?x=1')).headers.get('location'), '/desk/users?x=1');
    const r = new Client(site.url);
    assert.equal((await r.signIn('rex')).headers.get('location'), '/', 'a reader lands on the site');
  });

  test('signing out needs the session CSRF token and ends the session', async () => {
    const c = new Client(site.url);
    await c.signIn('ana');
    const page = await (await c.get('/desk/account')).text();
    assert.equal((await c.post('/logout', { _csrf: 'forged' })).status, 403);
    assert.equal((await c.get('/desk/account')).status, 200, 'still signed in');
    const out = await c.post('/logout', { _csrf: Client.csrf(page) });
    assert.equal(out.status, 303);
    assert.equal((await c.get('/desk/account')).status, 303, 'signed out: sent to sign in');
  });

  test('the sign-in page labels its controls', async () => {
    assert.deepEqual(unlabelled(await (await fetch(`${site.url}/login`)).text()), []);
  });
});

describe('the set-up link', () => {
  test('creates the first admin once; a used, wrong or late link does nothing', async () => {
    const site = await startSite();
    try {
      const token = site.auth.setup.issue();
      const c = new Client(site.url);
      assert.equal((await c.get('/setup/wrong-token')).status, 404);
      const form = await (await c.get(`/setup/${token}`)).text();
      assert.deepEqual(unlabelled(form), []);
      const csrf = Client.csrf(form);
      const short = await c.post(`/setup/${token}`, { _csrf: csrf, name: 'root', password: 'short', password2: 'short' });
      assert.equal(short.status, 422);
      const forged = await new Client(site.url).post(`/setup/${token}`, {
        _csrf: csrf,
        name: 'evil',
        password: PASSWORD,
        password2: PASSWORD,
      });
      assert.equal(forged.status, 403, 'the form token belongs to the browser that opened the form');
      const made = await c.post(`/setup/${token}`, { _csrf: csrf, name: 'root', password: PASSWORD, password2: PASSWORD });
      assert.equal(made.status, 303);
      assert.equal((await c.get('/desk/users')).status, 200, 'signed in as the new admin');
      const users = await site.store.accounts.listUsers();
      assert.deepEqual(
        users.map((u) => [u.name, u.role]),
        [['root', 'admin']],
      );
      assert.equal(await verifyPassword(PASSWORD, users[0]!.passwordHash), true);
      assert.deepEqual(
        site.audit.map((a) => a.action),
        ['user.add'],
      );
      const again = await new Client(site.url).get(`/setup/${token}`);
      assert.equal(again.status, 404, 'used up');
      // Even a fresh link does nothing once a user exists.
      assert.equal((await new Client(site.url).get(`/setup/${site.auth.setup.issue()}`)).status, 404);
      const late = site.auth.setup.issue(Date.now() - 2 * 3600_000);
      assert.equal(site.auth.setup.valid(late), false, 'expired after an hour');
    } finally {
      await site.close();
    }
  });
});

describe('your account', () => {
  let site: Site;
  before(async () => {
    site = await startSite();
    await addUser(site.store, 'Ed', 'editor');
    await addUser(site.store, 'Rae', 'reader');
  });
  after(() => site.close());

  test('tokens: created with a name and scope, shown once, listed with their last use, revoked', async () => {
    const c = new Client(site.url);
    await c.signIn('ed');
    const page = await (await c.get('/desk/account')).text();
    assert.deepEqual(unlabelled(page), []);
    const created = await c.post('/desk/account/tokens', { _csrf: Client.csrf(page), name: 'ci bot', scope: 'write' });
    assert.equal(created.status, 200);
    assert.equal(created.headers.get('cache-control'), 'no-store');
    const shown = await created.text();
    const token = /id="new-token" readonly size="50" value="(nd_[A-Za-z0-9_-]{43})"/.exec(shown)?.[1];
    assert.ok(token, 'the token is shown');
    const list = await (await c.get('/desk/account')).text();
    assert.match(list, /ci bot/);
    assert.doesNotMatch(list, new RegExp(token.slice(3)), 'and never again');
    assert.match(list, /<td>ci bot<\/td><td>Read and write<\/td><td><time[^>]+>[^<]+<\/time><\/td><td>never<\/td>/);
    assert.equal((await fetch(`${site.url}/api/v1/entries`, { headers: { authorization: `Bearer ${token}` } })).status, 200);
    assert.match(
      await (await c.get('/desk/account')).text(),
      /<td>ci bot<\/td><td>Read and write<\/td><td><time[^>]+>[^<]+<\/time><\/td><td><time/,
      'last use shown',
    );
    const id = /action="\/desk\/account\/tokens\/(\d+)\/revoke"/.exec(list)?.[1];
    assert.equal((await c.post(`/desk/account/tokens/${id}/revoke`, { _csrf: 'forged' })).status, 403);
    // A revoked token cannot come back: the first press asks, and the token still works meanwhile.
    const ask = await c.post(`/desk/account/tokens/${id}/revoke`, { _csrf: Client.csrf(list) });
    assert.equal(ask.status, 200);
    const askPage = await ask.text();
    assert.match(askPage, /Programs that use the token &quot;ci bot&quot; will stop working at once/);
    assert.match(askPage, /name="confirm" value="1"/);
    assert.match(askPage, /<a href="\/desk\/account#h-tokens">Cancel<\/a>/);
    assert.equal((await fetch(`${site.url}/api/v1/entries`, { headers: { authorization: `Bearer ${token}` } })).status, 200);
    assert.equal((await c.post(`/desk/account/tokens/${id}/revoke`, { _csrf: Client.csrf(askPage), confirm: '1' })).status, 303);
    assert.equal(
      (await fetch(`${site.url}/api/v1/sources`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status,
      401,
    );
  });

  test('an API token cannot use the account pages (no session, no CSRF token)', async () => {
    const u = (await site.store.accounts.findUser('ed'))!;
    const { digest, newApiToken } = await import('../../src/auth/tokens.js');
    const token = newApiToken();
    await site.store.accounts.createToken({ userId: u.id, name: 'w', hash: digest(token), scope: 'write' });
    const res = await fetch(`${site.url}/desk/account`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 403);
  });

  test('a reader may only make read tokens', async () => {
    const c = new Client(site.url);
    await c.signIn('rae');
    const page = await (await c.get('/desk/account')).text();
    assert.doesNotMatch(page, /value="write"/);
    assert.equal((await c.post('/desk/account/tokens', { _csrf: Client.csrf(page), name: 'x', scope: 'write' })).status, 403);
    assert.equal((await c.get('/desk/users')).status, 403, 'users are for admins');
  });

  test('the password changes only with the current one, and other sessions end', async () => {
    const c = new Client(site.url);
    const other = new Client(site.url);
    await c.signIn('ed');
    await other.signIn('ed');
    const page = await (await c.get('/desk/account')).text();
    const csrf = Client.csrf(page);
    const wrong = await c.post('/desk/account/password', {
      _csrf: csrf,
      current: 'nope nope nope',
      password: 'brand new password',
      password2: 'brand new password',
    });
    assert.equal(wrong.status, 422);
    const ok = await c.post('/desk/account/password', {
      _csrf: csrf,
      current: PASSWORD,
      password: 'brand new password',
      password2: 'brand new password',
    });
    assert.equal(ok.status, 303);
    assert.equal((await c.get('/desk/account')).status, 200, 'this browser stays signed in');
    assert.equal((await other.get('/desk/account')).status, 303, 'the other session ended');
    assert.equal((await new Client(site.url).signIn('ed', 'brand new password')).status, 303);
    assert.ok(site.audit.some((a) => a.action === 'account.password'));
    assert.doesNotMatch(JSON.stringify(site.audit), /brand new password|scrypt/, 'no secrets in the audit log');
  });

  test('the language setting is saved and the account pages follow it (right to left for Persian)', async () => {
    const c = new Client(site.url);
    await c.signIn('rae');
    const page = await (await c.get('/desk/account')).text();
    assert.equal((await c.post('/desk/account/lang', { _csrf: Client.csrf(page), lang: 'fa' })).status, 303);
    const fa = await (await c.get('/desk/account')).text();
    assert.match(fa, /<div class="account-page" lang="fa" dir="rtl"><h1>حساب شما<\/h1>/);
    assert.equal((await site.store.accounts.findUser('rae'))?.lang, 'fa');
  });
});

describe('users (admins)', () => {
  let site: Site;
  let admin: Client;
  before(async () => {
    site = await startSite();
    await addUser(site.store, 'Boss', 'admin');
    admin = new Client(site.url);
    await admin.signIn('boss');
  });
  after(() => site.close());

  const csrf = async () => Client.csrf(await (await admin.get('/desk/users')).text());

  test('adds a user with a role; names are unique ignoring case; every control is labelled', async () => {
    const page = await (await admin.get('/desk/users')).text();
    assert.deepEqual(unlabelled(page), []);
    assert.equal(
      (await admin.post('/desk/users', { _csrf: Client.csrf(page), name: 'Wren', role: 'editor', password: PASSWORD })).status,
      303,
    );
    assert.equal(
      (await admin.post('/desk/users', { _csrf: Client.csrf(page), name: 'wren', role: 'reader', password: PASSWORD })).status,
      409,
    );
    assert.equal(
      (await admin.post('/desk/users', { _csrf: Client.csrf(page), name: '<b>x</b>', role: 'reader', password: PASSWORD })).status,
      422,
    );
    assert.equal((await site.store.accounts.findUser('wren'))?.role, 'editor');
    assert.deepEqual(site.audit.at(-1), {
      actorId: 1,
      actorName: 'Boss',
      action: 'user.add',
      target: 'user:2',
      before: null,
      after: { name: 'Wren', role: 'editor' },
    });
  });

  test('a forged POST (no or wrong CSRF token) changes nothing', async () => {
    const before = await site.store.accounts.listUsers();
    const n = site.audit.length;
    assert.equal((await admin.post('/desk/users', { name: 'Mallory', role: 'admin', password: PASSWORD })).status, 403);
    assert.equal((await admin.post('/desk/users/2/role', { _csrf: 'x'.repeat(43), role: 'admin' })).status, 403);
    assert.deepEqual(await site.store.accounts.listUsers(), before);
    assert.equal(site.audit.length, n);
  });

  test('role, reset, disable, unlock and sign-out-everywhere, each audited', async () => {
    const wren = (await site.store.accounts.findUser('wren'))!;
    const w = new Client(site.url);
    await w.signIn('wren');
    assert.equal((await admin.post(`/desk/users/${wren.id}/role`, { _csrf: await csrf(), role: 'reader' })).status, 303);
    assert.equal((await site.store.accounts.getUser(wren.id))?.role, 'reader');
    assert.equal((await admin.post(`/desk/users/${wren.id}/sessions`, { _csrf: await csrf(), confirm: '1' })).status, 303);
    assert.equal((await w.get('/desk/account')).status, 303, 'signed out everywhere');
    for (let i = 0; i < 5; i++) await new Client(site.url).signIn('wren', 'wrong password!');
    assert.match(await (await admin.get('/desk/users')).text(), /locked until/);
    assert.equal((await new Client(site.url).signIn('wren')).status, 429);
    assert.equal((await admin.post(`/desk/users/${wren.id}/unlock`, { _csrf: await csrf() })).status, 303);
    assert.equal((await new Client(site.url).signIn('wren')).status, 303);
    assert.equal((await admin.post(`/desk/users/${wren.id}/password`, { _csrf: await csrf(), password: 'reset by boss 1' })).status, 303);
    assert.equal((await new Client(site.url).signIn('wren')).status, 401);
    assert.equal((await new Client(site.url).signIn('wren', 'reset by boss 1')).status, 303);
    assert.equal((await admin.post(`/desk/users/${wren.id}/disabled`, { _csrf: await csrf(), disabled: '1', confirm: '1' })).status, 303);
    assert.equal((await new Client(site.url).signIn('wren', 'reset by boss 1')).status, 401, 'a disabled account cannot sign in');
    assert.deepEqual(
      site.audit.filter((a) => a.target === `user:${wren.id}`).map((a) => a.action),
      ['user.add', 'user.role', 'user.sessions.revoke', 'user.unlock', 'user.password.reset', 'user.disable'],
    );
  });

  test('the last active admin cannot be demoted or disabled', async () => {
    const boss = (await site.store.accounts.findUser('boss'))!;
    assert.equal((await admin.post(`/desk/users/${boss.id}/role`, { _csrf: await csrf(), role: 'editor' })).status, 409);
    assert.equal((await site.store.accounts.getUser(boss.id))?.role, 'admin');
  });

  test('editors cannot open or post to users', async () => {
    await addUser(site.store, 'Ned', 'editor');
    const c = new Client(site.url);
    await c.signIn('ned');
    assert.equal((await c.get('/desk/users')).status, 403);
    const page = await (await c.get('/desk/account')).text();
    assert.equal((await c.post('/desk/users', { _csrf: Client.csrf(page), name: 'x1', role: 'admin', password: PASSWORD })).status, 403);
    assert.equal(await site.store.accounts.findUser('x1'), undefined);
  });
});
