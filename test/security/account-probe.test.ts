// What the night probe of 2026-12-04 found in accounts (docs/security.md, "Probe of 2026-12-04
// (night)"), over real HTTP on 127.0.0.1: the account page's current-password check was not
// throttled, the sign-in throttle counted IPv6 clients one address at a time, and cookies were not
// Secure on an https site behind a proxy unless trustProxy was also set.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SESSION_COOKIE } from '../../src/auth/session.js';
import { FORM_COOKIE } from '../../src/auth/form-token.js';
import { addUser, Client, PASSWORD, startSite, type Site } from '../auth/helpers.js';

describe('the current password on /desk/account is checked under the sign-in throttle', () => {
  let site: Site;
  before(async () => {
    site = await startSite();
    await addUser(site.store, 'holder', 'editor');
  });
  after(() => site.close());

  test('guesses through a session lock the account: the right password is then refused too, and signing in is locked', async () => {
    const c = new Client(site.url);
    assert.equal((await c.signIn('holder')).status, 303);
    const csrf = Client.csrf(await (await c.get('/desk/account')).text());
    const change = (current: string) =>
      c.post('/desk/account/password', { _csrf: csrf, current, password: 'a brand new password', password2: 'a brand new password' });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await change(`guess number ${i}`)).status);
    assert.deepEqual(statuses, [422, 422, 422, 422, 422]);
    // Before the fix the sixth try, with the right password, changed it (303).
    const sixth = await change(PASSWORD);
    assert.equal(sixth.status, 429, 'the account is locked after five wrong current passwords');
    assert.match(await sixth.text(), /Too many failed sign-ins/);
    assert.equal((await site.auth.signIn('holder', PASSWORD, undefined)).ok, false, 'and so is signing in');
    assert.equal((await site.auth.signIn('holder', 'a brand new password', undefined)).ok, false, 'the password was not changed');
    await site.store.accounts.clearThrottle(['account:holder']);
    assert.equal((await site.auth.signIn('holder', PASSWORD, undefined)).ok, true);
  });

  test('the right current password still changes it and clears the count', async () => {
    const c = new Client(site.url);
    assert.equal((await c.signIn('holder')).status, 303);
    const csrf = Client.csrf(await (await c.get('/desk/account')).text());
    const wrong = await c.post('/desk/account/password', {
      _csrf: csrf,
      current: 'not it',
      password: 'x'.repeat(20),
      password2: 'x'.repeat(20),
    });
    assert.equal(wrong.status, 422);
    const right = await c.post('/desk/account/password', {
      _csrf: csrf,
      current: PASSWORD,
      password: 'another long password',
      password2: 'another long password',
    });
    assert.equal(right.status, 303);
    assert.equal(await site.store.accounts.getThrottle('account:holder'), undefined);
  });
});

describe('the sign-in throttle counts an IPv6 client by its /64', () => {
  let site: Site;
  before(async () => {
    site = await startSite({ trustProxy: true });
    await addUser(site.store, 'victim', 'editor');
  });
  after(() => site.close());

  test('twenty failures from twenty addresses of one /64 lock that network, not the next one', async () => {
    const from = (address: string) => ({ 'x-forwarded-for': address });
    const attempt = async (address: string, name: string, password: string): Promise<number> => {
      const c = new Client(site.url);
      const page = await (await c.get('/login', from(address))).text();
      return (await c.post('/login', { _csrf: Client.csrf(page), name, password }, from(address))).status;
    };
    for (let i = 1; i <= 20; i++) assert.equal(await attempt(`2001:db8:7:7::${i.toString(16)}`, `nobody${i}`, 'wrong password'), 401);
    // Before the fix every one of 2^64 addresses had its own twenty tries.
    assert.equal(await attempt('2001:db8:7:7:ffff::1', 'victim', PASSWORD), 429, 'another address of the same /64 is locked');
    assert.equal(await attempt('2001:db8:7:8::1', 'victim', PASSWORD), 303, 'the next /64 is not');
  });

  test('an IPv4 address reported in its IPv6-mapped form is the same address', async () => {
    const from = (address: string) => ({ 'x-forwarded-for': address });
    for (let i = 0; i < 20; i++) {
      const c = new Client(site.url);
      const page = await (await c.get('/login', from('198.51.100.9'))).text();
      await c.post('/login', { _csrf: Client.csrf(page), name: `someone${i}`, password: 'wrong password' }, from('198.51.100.9'));
    }
    const c = new Client(site.url);
    const page = await (await c.get('/login', from('::ffff:198.51.100.9'))).text();
    const res = await c.post('/login', { _csrf: Client.csrf(page), name: 'victim', password: PASSWORD }, from('::ffff:198.51.100.9'));
    assert.equal(res.status, 429);
  });
});

describe('a public site keeps its caching headers', () => {
  let site: Site;
  before(async () => {
    site = await startSite();
  });
  after(() => site.close());

  test('pages and feeds stay no-cache for shared caches, without private', async () => {
    for (const path of ['/', '/feed.atom']) {
      const cc = (await fetch(`${site.url}${path}`)).headers.get('cache-control') ?? '';
      assert.equal(cc, 'no-cache', path);
    }
  });
});

describe('cookies on an https site (baseUrl) are Secure without trustProxy', () => {
  let site: Site;
  before(async () => {
    // A TLS proxy in front and baseUrl naming the public https address, trustProxy not set: the
    // shipped deploy/systemd example until this probe.
    site = await startSite({ baseUrl: 'https://news.example.org' });
    await addUser(site.store, 'secure', 'editor');
  });
  after(() => site.close());

  test('the form cookie and the session cookie carry Secure', async () => {
    const c = new Client(site.url);
    await c.get('/login');
    const form = c.lastSetCookie.find((l) => l.startsWith(`${FORM_COOKIE}=`));
    assert.ok(form);
    assert.match(form, /; Secure/i);
    assert.equal((await c.signIn('secure')).status, 303);
    const session = c.lastSetCookie.find((l) => l.startsWith(`${SESSION_COOKIE}=`));
    assert.ok(session);
    assert.match(session, /; Secure/i);
    assert.match(session, /; HttpOnly/i);
  });
});

describe('API tokens do not open the desk', () => {
  let site: Site;
  before(async () => {
    site = await startSite({ siteAccess: 'private', apiToken: 'the-configured-admin-token-0123' });
    await addUser(site.store, 'boss', 'admin');
  });
  after(() => site.close());

  test("an admin's read token (a feed reader's) and write token read the site and the API, and get 403 at every desk page", async () => {
    const { digest, newApiToken } = await import('../../src/auth/tokens.js');
    const u = (await site.store.accounts.findUser('boss'))!;
    const tokens = ['the-configured-admin-token-0123'];
    for (const scope of ['read', 'write'] as const) {
      const token = newApiToken();
      await site.store.accounts.createToken({ userId: u.id, name: scope, hash: digest(token), scope });
      tokens.push(token);
    }
    for (const token of tokens) {
      const get = (path: string, auth = `Bearer ${token}`) => fetch(`${site.url}${path}`, { headers: { authorization: auth } });
      assert.equal((await get('/api/v1/entries')).status, 200);
      assert.equal((await get('/feed.atom')).status, 200);
      assert.equal((await get('/feed.atom', `Basic ${Buffer.from(`reader:${token}`).toString('base64')}`)).status, 200);
      for (const path of [
        '/desk',
        '/desk/sources',
        '/desk/sources/export.opml',
        '/desk/topics',
        '/desk/curation',
        '/desk/curation/stories',
        '/desk/audit',
        '/desk/users',
        '/desk/account',
      ]) {
        // Before the fix every one but /desk/account answered 200 (or 303 into the desk).
        assert.equal((await get(path)).status, 403, `${path} with a token`);
        assert.equal((await get(path, `Basic ${Buffer.from(`x:${token}`).toString('base64')}`)).status, 403, `${path} with Basic`);
      }
    }
  });

  test("a private site's answers are private to shared caches: pages, feeds and the API, by token or session", async () => {
    const auth = { authorization: 'Bearer the-configured-admin-token-0123' };
    for (const path of ['/', '/feed.atom', '/feed.json', '/sources', '/search?q=harbour', '/api/v1/entries', '/api/v1/sources']) {
      const res = await fetch(`${site.url}${path}`, { headers: auth });
      assert.equal(res.status, 200, path);
      // Before the fix: "no-cache" for pages and feeds, nothing at all for the API.
      assert.match(res.headers.get('cache-control') ?? '', /\bprivate\b/, `${path} by token`);
    }
    const c = new Client(site.url);
    assert.equal((await c.signIn('boss')).status, 303);
    for (const path of ['/feed.atom', '/api/v1/entries'])
      assert.match((await c.get(path)).headers.get('cache-control') ?? '', /\bprivate\b/, `${path} by session`);
    const page = await (await fetch(`${site.url}/`, { headers: auth })).text();
    const css = /href="(\/assets\/site-[^"]+\.css)"/.exec(page)?.[1];
    assert.ok(css);
    assert.match(
      (await fetch(`${site.url}${css}`)).headers.get('cache-control') ?? '',
      /^public\b/,
      'the stylesheet is the same for everyone',
    );
  });

  test('a signed-in admin still opens the desk', async () => {
    const c = new Client(site.url);
    assert.equal((await c.signIn('boss')).status, 303);
    for (const path of ['/desk/sources', '/desk/users', '/desk/audit']) assert.equal((await c.get(path)).status, 200, path);
  });
});

describe('API writes are in the audit log', () => {
  let site: Site;
  before(async () => {
    site = await startSite();
    await addUser(site.store, 'writer', 'editor');
  });
  after(() => site.close());

  test("an editor's write token adding and removing a source leaves two records, the address redacted", async () => {
    const { digest, newApiToken } = await import('../../src/auth/tokens.js');
    const u = (await site.store.accounts.findUser('writer'))!;
    const token = newApiToken();
    await site.store.accounts.createToken({ userId: u.id, name: 'w', hash: digest(token), scope: 'write' });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const added = await fetch(`${site.url}/api/v1/sources`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ url: 'https://feeds.example/paid.xml?access_token=tok-very-secret-1', title: 'Paid' }),
    });
    assert.equal(added.status, 201);
    const { id } = (await added.json()) as { id: number };
    assert.equal((await fetch(`${site.url}/api/v1/sources/${id}`, { method: 'DELETE', headers })).status, 204);
    // Before the fix the API wrote nothing to the audit log.
    const records = site.audit.filter((r) => r.target === `source:${id}`);
    assert.deepEqual(
      records.map((r) => [r.action, r.actorId, r.actorName]),
      [
        ['source.add', u.id, 'writer'],
        ['source.remove', u.id, 'writer'],
      ],
    );
    assert.ok(!JSON.stringify(records).includes('tok-very-secret-1'), 'the audit log holds the token of the address');
    assert.match(JSON.stringify(records), /access_token=redacted/);
  });
});
