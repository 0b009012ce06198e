// A password reset (by an admin or by the user: both go through setPassword) ends the user's
// sessions but leaves their API tokens, which are separate credentials (docs/security.md,
// "Tokens and password resets"); disabling the user is what stops the tokens — at once, on both
// store dialects, through the real API — and enabling them again gives the tokens back.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setPassword } from '../../src/auth/session.js';
import { digest, newApiToken } from '../../src/auth/tokens.js';
import { forEachDialect } from '../helpers/dialects.js';
import { addUser, startSite, type Site } from './helpers.js';

forEachDialect((d) => {
  let site: Site;
  before(async () => {
    site = await startSite({ siteAccess: 'private' }, await d.open());
  });
  after(() => site.close());

  test('a reset keeps the tokens and ends the sessions; disabling stops the tokens; enabling gives them back', async () => {
    const u = await addUser(site.store, 'taken', 'editor');
    const token = newApiToken();
    await site.store.accounts.createToken({ userId: u.id, name: 'reader app', hash: digest(token), scope: 'read' });
    const read = async (): Promise<number> =>
      (await fetch(`${site.url}/api/v1/entries`, { headers: { authorization: `Bearer ${token}` } })).status;
    const session = await site.auth.openSession(u.id);
    assert.equal(await read(), 200);
    assert.ok(await site.auth.sessionViewer(session.token));

    await setPassword(site.store, u.id, 'another long password');
    assert.equal(await site.auth.sessionViewer(session.token), undefined, 'the reset ended the session');
    assert.equal(await read(), 200, 'the token is a separate credential: a reset leaves it');

    await site.store.accounts.updateUser(u.id, { disabled: true });
    assert.equal(await read(), 401, 'a disabled user’s token opens nothing');
    assert.equal(await site.auth.tokenViewer(token), undefined);

    await site.store.accounts.updateUser(u.id, { disabled: false });
    assert.equal(await read(), 200, 'enabled again, the token works again (revoke it to end it for good)');
  });
});
