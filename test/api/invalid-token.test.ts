// A credential given on a read of the public API and not valid (unknown, revoked, its user disabled,
// no token at all in the header) is refused: 401 with the API's JSON error and
// `WWW-Authenticate: Bearer error="invalid_token"` (RFC 6750 section 3.1), nothing sent echoed back;
// reads with no Authorization header stay public, and valid tokens read as before. Both dialects
// (tokens live in the store). Finding 15 of the analyst journey (docs/desk.md).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { digest, newApiToken } from '../../src/auth/tokens.js';
import { forEachDialect } from '../helpers/dialects.js';
import { makeApp, populatedStore } from '../web/helpers.js';
import { checked } from './contract.js';

const READS = ['/api/v1/entries', '/api/v1/sources', '/api/v1/sources/1', '/api/v1/health', '/api/v1/search?q=court', '/api/v1/stories'];
const bearer = (t: string): RequestInit => ({ headers: { authorization: `Bearer ${t}` } });

async function refusedAsInvalid(res: Response, sent: string, what: string): Promise<void> {
  assert.equal(res.status, 401, what);
  assert.equal(res.headers.get('www-authenticate'), 'Bearer error="invalid_token"', what);
  assert.match(res.headers.get('content-type') ?? '', /application\/json/, what);
  const text = await res.text();
  const body = JSON.parse(text) as { error?: unknown };
  assert.match(String(body.error), /not valid/, what);
  assert.ok(!text.includes(sent), `${what}: the answer echoes what was sent`);
}

forEachDialect((d) => {
  describe('a token given on a public read and not valid', () => {
    it('is refused with 401 invalid_token; no token reads as before; a valid token reads', async () => {
      const { store } = await populatedStore(d.open);
      const app = checked(makeApp(store));
      try {
        const user = await store.accounts.createUser({ name: 'analyst', role: 'reader', passwordHash: 'none' });
        assert.ok(user);
        const good = newApiToken();
        await store.accounts.createToken({ userId: user.id, name: 'reads', hash: digest(good), scope: 'read' });
        const unknown = newApiToken();
        for (const p of READS) {
          assert.equal((await app.request(p)).status, 200, `${p} without a token stays public`);
          assert.equal((await app.request(p, bearer(good))).status, 200, `${p} with a valid read token`);
          await refusedAsInvalid(await app.request(p, bearer(unknown)), unknown, `${p} with an unknown token`);
          await refusedAsInvalid(await app.request(p, bearer('wrong')), 'wrong', `${p} with a malformed one`);
        }
        // HTTP Basic with the token as password (what feed readers send): a wrong one likewise.
        const basic = Buffer.from(`analyst:${unknown}`).toString('base64');
        await refusedAsInvalid(await app.request('/api/v1/entries', { headers: { authorization: `Basic ${basic}` } }), unknown, 'Basic');
        // The OpenAPI document is the API's description, not a read of the store: left open.
        assert.equal((await app.request('/api/openapi.json', bearer(unknown))).status, 200);
      } finally {
        await store.close();
      }
    });

    it('a revoked token and a disabled user’s token are refused the same way, without saying which', async () => {
      const { store } = await populatedStore(d.open);
      const app = checked(makeApp(store));
      try {
        const user = await store.accounts.createUser({ name: 'leaver', role: 'editor', passwordHash: 'none' });
        assert.ok(user);
        const revoked = newApiToken();
        const t = await store.accounts.createToken({ userId: user.id, name: 'old', hash: digest(revoked), scope: 'read' });
        assert.equal((await app.request('/api/v1/entries', bearer(revoked))).status, 200, 'works before it is revoked');
        assert.ok(await store.accounts.revokeToken(t.id, user.id));
        const revokedRes = await app.request('/api/v1/entries', bearer(revoked));
        const revokedText = await revokedRes.clone().text();
        await refusedAsInvalid(revokedRes, revoked, 'revoked');

        const other = await store.accounts.createUser({ name: 'gone', role: 'editor', passwordHash: 'none' });
        assert.ok(other);
        const disabled = newApiToken();
        await store.accounts.createToken({ userId: other.id, name: 'bot', hash: digest(disabled), scope: 'write' });
        await store.accounts.updateUser(other.id, { disabled: true });
        const disabledRes = await app.request('/api/v1/sources', bearer(disabled));
        const disabledText = await disabledRes.clone().text();
        await refusedAsInvalid(disabledRes, disabled, 'disabled user');
        assert.equal(revokedText, disabledText, 'the answer tells no reason apart');
        // A write with a token not valid says the same, with the same challenge.
        const write = await app.request('/api/v1/sources', {
          method: 'POST',
          body: JSON.stringify({ url: 'https://new.example/feed.xml' }),
          headers: { authorization: `Bearer ${disabled}`, 'content-type': 'application/json' },
        });
        await refusedAsInvalid(write, disabled, 'write');
      } finally {
        await store.close();
      }
    });

    it('an Authorization header that holds no token is refused with a plain Bearer challenge', async () => {
      const { store } = await populatedStore(d.open);
      const app = checked(makeApp(store));
      try {
        for (const header of ['Digest username="a"', 'Bearer', 'Basic bm9jb2xvbg==']) {
          const res = await app.request('/api/v1/entries', { headers: { authorization: header } });
          assert.equal(res.status, 401, header);
          assert.equal(res.headers.get('www-authenticate'), 'Bearer', header);
          assert.match(((await res.json()) as { error: string }).error, /holds no API token/, header);
        }
      } finally {
        await store.close();
      }
    });
  });
});
