// Who may read and write, over real HTTP on 127.0.0.1: a private site (pages, feeds and the API
// need a session or a token; sign-in, health and the stylesheet stay open), API writes by
// write-scope tokens only, the old apiToken as an admin token, and /metrics by network or by an
// administrator's token.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { digest, newApiToken } from '../../src/auth/tokens.js';
import type { AccountRole, TokenScope } from '../../src/store/accounts.js';
import { SITE_CSS_PATH } from '../../src/web/styles.js';
import { populatedStore } from '../web/helpers.js';
import { addUser, Client, startSite, type Site } from './helpers.js';

async function tokenFor(site: Site, name: string, role: AccountRole, scope: TokenScope): Promise<string> {
  const u = (await site.store.accounts.findUser(name)) ?? (await addUser(site.store, name, role));
  const token = newApiToken();
  await site.store.accounts.createToken({ userId: u.id, name: `${scope} token`, hash: digest(token), scope });
  return token;
}

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

describe('a private site', () => {
  let site: Site;
  let read: string;
  let write: string;
  let readerWrite: string;
  before(async () => {
    site = await startSite({ siteAccess: 'private', apiToken: 'shared-admin-token-1' }, (await populatedStore()).store);
    read = await tokenFor(site, 'ed', 'editor', 'read');
    write = await tokenFor(site, 'ed', 'editor', 'write');
    // A write-scope token of a reader (made directly in the store: the pages and the CLI refuse it).
    readerWrite = await tokenFor(site, 'rita', 'reader', 'write');
  });
  after(() => site.close());

  test('pages, feeds and the API need a viewer; a browser is sent to sign in and brought back', async () => {
    const anon = new Client(site.url);
    for (const p of ['/', '/sources', '/feed.rss', '/search?q=court', '/api/v1/entries', '/desk']) {
      const res = await anon.get(p, { accept: '*/*' });
      assert.equal(res.status, 401, p);
      assert.doesNotMatch(await res.text(), /Camp Ashraf|Harbour Wire/, p);
    }
    const page = await anon.get('/sources?x=1');
    assert.equal(page.status, 303);
    assert.equal(page.headers.get('location'), `/login?next=${encodeURIComponent('/sources?x=1')}`);
    for (const p of ['/login', '/healthz', '/readyz', SITE_CSS_PATH]) assert.equal((await anon.get(p)).status, 200, p);
    assert.equal((await anon.get('/setup/whatever')).status, 404, 'open, but no valid link');
  });

  test('a reader signed in, a read token, Basic with a token as password, and the shared apiToken may read', async () => {
    const c = new Client(site.url);
    const signedIn = await c.signIn('rita', undefined, '/sources');
    assert.equal(signedIn.status, 303);
    assert.equal(signedIn.headers.get('location'), '/sources', 'next is honoured');
    const page = await c.get('/');
    assert.equal(page.status, 200);
    const body = await page.text();
    assert.match(body, /<span class="who">rita<\/span>/, 'the header names the reader');
    assert.doesNotMatch(body, /href="\/login">Sign in/);
    assert.equal(page.headers.get('cache-control'), 'private, no-store', "a personalised copy is the viewer's alone");
    assert.equal((await c.get('/api/v1/entries')).status, 200);
    for (const headers of [
      bearer(read),
      bearer('shared-admin-token-1'),
      { authorization: `Basic ${Buffer.from(`feeds:${read}`).toString('base64')}` },
    ]) {
      for (const p of ['/feed.rss', '/api/v1/entries']) assert.equal((await fetch(`${site.url}${p}`, { headers })).status, 200, p);
    }
    assert.equal((await fetch(`${site.url}/feed.rss`, { headers: bearer(`${read}x`) })).status, 401);
  });

  test('API writes need a write-scope token of an editor or admin; read tokens and sessions cannot write', async () => {
    const body = JSON.stringify({ url: 'https://new.example/feed.xml' });
    const post = (headers: Record<string, string>) =>
      fetch(`${site.url}/api/v1/sources`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
    assert.equal((await post(bearer(read))).status, 403, 'read scope');
    assert.equal((await post(bearer(readerWrite))).status, 403, "a reader's token");
    const c = new Client(site.url);
    await c.signIn('ed');
    const viaSession = await c.request('/api/v1/sources', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    assert.equal(viaSession.status, 403, 'a browser session');
    assert.equal(
      (await site.store.sources.list()).some((s) => s.url === 'https://new.example/feed.xml'),
      false,
      'nothing written so far',
    );
    assert.equal((await post(bearer(write))).status, 201);
    assert.equal((await post(bearer('shared-admin-token-1'))).status, 200, 'apiToken still writes (the source exists now)');
  });

  test('a revoked token and a disabled user lose access at once', async () => {
    const token = await tokenFor(site, 'gone', 'editor', 'read');
    assert.equal((await fetch(`${site.url}/api/v1/entries`, { headers: bearer(token) })).status, 200);
    const u = (await site.store.accounts.findUser('gone'))!;
    await site.store.accounts.updateUser(u.id, { disabled: true });
    assert.equal((await fetch(`${site.url}/api/v1/entries`, { headers: bearer(token) })).status, 401);
  });
});

describe('a public site', () => {
  let site: Site;
  before(async () => {
    site = await startSite({}, (await populatedStore()).store);
  });
  after(() => site.close());

  test('reads are open, the header offers to sign in, and writes still need a write token', async () => {
    const page = await fetch(`${site.url}/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<a href="\/login">Sign in<\/a>/);
    assert.equal((await fetch(`${site.url}/api/v1/entries`)).status, 200);
    const res = await fetch(`${site.url}/api/v1/sources`, {
      method: 'POST',
      body: '{"url":"https://x.example/f"}',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(res.status, 401);
  });

  test('an editor sees a Desk link and a sign-out form with the session CSRF token', async () => {
    await addUser(site.store, 'Edna', 'editor');
    const c = new Client(site.url);
    await c.signIn('edna');
    const body = await (await c.get('/sources')).text();
    assert.match(body, /<span class="who">Edna<\/span> <a href="\/desk">Desk<\/a>/);
    const form = /<form method="post" action="\/logout"><input type="hidden" name="_csrf" value="([^"]+)">/.exec(body);
    assert.ok(form, 'a sign-out form');
    // The shared cached copy is unchanged for the next anonymous reader.
    assert.match(await (await fetch(`${site.url}/sources`)).text(), /href="\/login">Sign in/);
  });
});

describe('/metrics', () => {
  test('the default (loopback) lets a local scraper in', async () => {
    const site = await startSite();
    try {
      const res = await fetch(`${site.url}/metrics`);
      assert.equal(res.status, 200);
      assert.match(await res.text(), /newsdesk_http_requests_total/);
    } finally {
      await site.close();
    }
  });

  test("from outside metricsAllow: 403, unless an administrator's token comes with it", async () => {
    const site = await startSite({ metricsAllow: ['10.0.0.0/8'], apiToken: 'shared-admin-token-1' });
    try {
      const admin = await tokenFor(site, 'ada', 'admin', 'read');
      const editor = await tokenFor(site, 'eve', 'editor', 'write');
      assert.equal((await fetch(`${site.url}/metrics`)).status, 403);
      assert.doesNotMatch(await (await fetch(`${site.url}/metrics`)).text(), /newsdesk_/);
      assert.equal((await fetch(`${site.url}/metrics`, { headers: bearer(editor) })).status, 403, "an editor's token");
      assert.equal((await fetch(`${site.url}/metrics`, { headers: bearer(admin) })).status, 200, "an admin's token");
      assert.equal((await fetch(`${site.url}/metrics`, { headers: bearer('shared-admin-token-1') })).status, 200, 'apiToken');
      assert.equal(
        (await fetch(`${site.url}/metrics`, { headers: { 'x-forwarded-for': '10.1.2.3' } })).status,
        403,
        'X-Forwarded-For is not believed without trustProxy',
      );
    } finally {
      await site.close();
    }
  });

  test('behind a trusted proxy, the address the proxy appended decides', async () => {
    const site = await startSite({ metricsAllow: ['10.0.0.0/8'], trustProxy: true });
    try {
      assert.equal((await fetch(`${site.url}/metrics`, { headers: { 'x-forwarded-for': '10.1.2.3' } })).status, 200);
      assert.equal(
        (await fetch(`${site.url}/metrics`, { headers: { 'x-forwarded-for': '10.1.2.3, 203.0.113.7' } })).status,
        403,
        'a client-sent entry on the left does not count',
      );
    } finally {
      await site.close();
    }
  });

  test('a metricsAllow entry that is no network stops the server from starting', async () => {
    await assert.rejects(() => startSite({ metricsAllow: ['ten-dot-something'] }), /metricsAllow: "ten-dot-something" is not a network/);
  });
});
