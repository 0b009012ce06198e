// The accounts pages at the desk in the editor's language: the 403 of a page above one's role is a
// page in their language (requireRole's refusal from the web layer), signing out says so in the
// language the editor had chosen, and disabling an account or signing it out everywhere asks
// first, on a page with a form (no script), as revoking a token does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ACCOUNT_MESSAGES } from '../../src/web/account/messages.js';
import { ADMIN, EDITOR, setLanguage, withDesk } from './helpers.js';

test('a page above the editor’s role answers 403 in their language, as a page', async () => {
  await withDesk(async (desk, store) => {
    await setLanguage(store, EDITOR.name, 'fa');
    const res = await desk.request('/desk/users');
    assert.equal(res.status, 403);
    const page = await res.text();
    assert.ok(page.includes(ACCOUNT_MESSAGES.fa['forbidden.role']!), page);
    assert.match(page, /<html[^>]*dir="rtl"/);
    assert.ok(!page.includes(ACCOUNT_MESSAGES.en['forbidden.role']));
  });
});

test('disabling a user and signing them out everywhere ask first, without script, in Arabic', async () => {
  await withDesk(async (desk, store) => {
    await setLanguage(store, ADMIN.name, 'ar');
    const wren = await store.accounts.createUser({ name: 'Wren', role: 'editor', passwordHash: 'none' });
    assert.ok(wren);
    const now = Date.now();
    await store.accounts.createSession({ id: 'wren-session', userId: wren.id, csrf: 'c', createdAt: now, expiresAt: now + 86_400_000 });

    const ask = await desk.post(`/desk/users/${wren.id}/disabled`, { disabled: '1' });
    assert.equal(ask.status, 200);
    const askPage = await ask.text();
    assert.ok(askPage.includes(ACCOUNT_MESSAGES.ar['users.disableTitle']!), askPage);
    assert.match(askPage, new RegExp(`<form method="post" action="/desk/users/${wren.id}/disabled">`));
    assert.match(askPage, /<input type="hidden" name="confirm" value="1">/);
    assert.doesNotMatch(askPage, /<script(?![^>]*src)[^>]*>[^<]*confirm/);
    assert.equal((await store.accounts.getUser(wren.id))?.disabled, false, 'disabled before the answer');

    const out = await desk.post(`/desk/users/${wren.id}/sessions`, {});
    assert.equal(out.status, 200);
    assert.ok((await out.text()).includes(ACCOUNT_MESSAGES.ar['users.sessionsTitle']!));
    assert.equal(desk.audits.filter((a) => a.action === 'user.sessions.revoke').length, 0, 'signed out before the answer');

    assert.equal((await desk.post(`/desk/users/${wren.id}/sessions`, { confirm: '1' })).status, 303);
    assert.equal(desk.audits.filter((a) => a.action === 'user.sessions.revoke').length, 1);
    assert.equal((await desk.post(`/desk/users/${wren.id}/disabled`, { disabled: '1', confirm: '1' })).status, 303);
    assert.equal((await store.accounts.getUser(wren.id))?.disabled, true);
    // Enabling again needs no question.
    assert.equal((await desk.post(`/desk/users/${wren.id}/disabled`, { disabled: '0' })).status, 303);
    assert.equal((await store.accounts.getUser(wren.id))?.disabled, false);
  }, ADMIN);
});

test('signing out lands on the sign-in page saying so, in the language the editor had chosen', async () => {
  await withDesk(async (desk, store) => {
    await setLanguage(store, EDITOR.name, 'fa');
    const english = { 'accept-language': 'en-GB' };
    const out = await desk.request('/logout', {
      method: 'POST',
      headers: { ...english, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: EDITOR.csrf }),
    });
    assert.equal(out.status, 303);
    const to = out.headers.get('location') ?? '';
    assert.equal(to, '/login?signedOut=1&lang=fa');
    const page = await (await desk.request(to, { headers: english })).text();
    assert.match(page, /<html[^>]*lang="fa"[^>]*dir="rtl"/);
    assert.ok(page.includes(`<p class="notice" role="status">${ACCOUNT_MESSAGES.fa['login.signedOut']}</p>`), page);
    assert.ok(page.includes('action="/login?lang=fa"'), 'a failed sign-in answers in Persian too');
    assert.equal((await desk.request('/desk/sources', { headers: english })).status, 303, 'signed out');
  });
});

test('signing oneself out everywhere lands on the same page', async () => {
  await withDesk(async (desk, store) => {
    await setLanguage(store, ADMIN.name, 'ar');
    const me = await store.accounts.findUser(ADMIN.name);
    assert.ok(me);
    const ask = await (await desk.post(`/desk/users/${me.id}/sessions`, {})).text();
    assert.ok(ask.includes(ACCOUNT_MESSAGES.ar['users.sessionsSelf']!), 'it says the admin is signed out too');
    const out = await desk.post(`/desk/users/${me.id}/sessions`, { confirm: '1' });
    assert.equal(out.headers.get('location'), '/login?signedOut=1&lang=ar');
  }, ADMIN);
});
