// API tokens: nd_ and 32 random bytes, only a digest stored, scope read or write, last use written
// at most once a minute, revoked tokens and disabled users refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Auth, authOptions } from '../../src/auth/session.js';
import { digest, looksLikeApiToken, newApiToken, tokenFromHeader } from '../../src/auth/tokens.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { testConfig } from '../web/helpers.js';
import { addUser } from './helpers.js';

test('a token is nd_ and 43 base64url characters, different every time', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const t = newApiToken();
    assert.ok(looksLikeApiToken(t), t);
    assert.equal(Buffer.from(t.slice(3), 'base64url').length, 32);
    seen.add(t);
  }
  assert.equal(seen.size, 200);
  assert.match(digest('nd_x'), /^[0-9a-f]{64}$/);
});

test('the token of a request: Bearer, or the password of Basic', () => {
  assert.equal(tokenFromHeader('Bearer nd_abc'), 'nd_abc');
  assert.equal(tokenFromHeader('bearer   nd_abc  '), 'nd_abc');
  assert.equal(tokenFromHeader(`Basic ${Buffer.from('feedreader:nd_abc').toString('base64')}`), 'nd_abc');
  assert.equal(tokenFromHeader(`Basic ${Buffer.from('no-colon').toString('base64')}`), undefined);
  assert.equal(tokenFromHeader('Digest x'), undefined);
  assert.equal(tokenFromHeader(undefined), undefined);
});

test('a token is found by its digest only, touched at most once a minute, and refused once revoked or its user disabled', async () => {
  const store = await SqliteStore.open({ path: ':memory:' });
  try {
    const auth = new Auth(store, authOptions(testConfig()));
    const u = await addUser(store, 'tess', 'editor');
    const secret = newApiToken();
    const tok = await store.accounts.createToken({ userId: u.id, name: 'bot', hash: digest(secret), scope: 'read' });
    const stored = store.db.prepare('SELECT * FROM api_tokens').all();
    assert.doesNotMatch(JSON.stringify(stored), new RegExp(secret.slice(3)), 'the secret is not in the table');

    const t0 = 1_800_000_000_000;
    const v = await auth.tokenViewer(secret, t0);
    assert.deepEqual(v, { userId: u.id, name: 'tess', role: 'editor', lang: null, via: 'token', scope: 'read', csrf: '' });
    assert.equal((await store.accounts.findToken(digest(secret)))?.token.lastUsedAt, t0);
    await auth.tokenViewer(secret, t0 + 59_000);
    assert.equal((await store.accounts.findToken(digest(secret)))?.token.lastUsedAt, t0, 'not written again within the minute');
    await auth.tokenViewer(secret, t0 + 61_000);
    assert.equal((await store.accounts.findToken(digest(secret)))?.token.lastUsedAt, t0 + 61_000);

    assert.equal(await auth.tokenViewer(`${secret}x`), undefined);
    assert.equal(await auth.tokenViewer(digest(secret)), undefined, 'the digest itself is no token');
    await store.accounts.updateUser(u.id, { disabled: true });
    assert.equal(await auth.tokenViewer(secret), undefined, 'a disabled user');
    await store.accounts.updateUser(u.id, { disabled: false });
    assert.ok(await auth.tokenViewer(secret));
    await store.accounts.revokeToken(tok.id, u.id);
    assert.equal(await auth.tokenViewer(secret), undefined, 'revoked');
  } finally {
    await store.close();
  }
});

test('the configured apiToken is an admin token with write scope', async () => {
  const store = await SqliteStore.open({ path: ':memory:' });
  try {
    const auth = new Auth(store, authOptions(testConfig({ apiToken: 'the-shared-token-123' })));
    assert.deepEqual(await auth.tokenViewer('the-shared-token-123'), {
      userId: 0,
      name: 'apiToken',
      role: 'admin',
      lang: null,
      via: 'token',
      scope: 'write',
      csrf: '',
    });
    assert.equal(await auth.tokenViewer('the-shared-token-12'), undefined);
  } finally {
    await store.close();
  }
});
