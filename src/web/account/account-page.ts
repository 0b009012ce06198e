// /desk/account: every signed-in user's own page — change the password (with the current one),
// choose the interface language, and manage their API tokens (created with a name and a scope,
// shown once, listed with their last use, revoked). Every POST checks the session's CSRF token.
import { canonicalId } from '../../domain/canonical-id.js';
import type { Context, Hono } from 'hono';
import { setPassword } from '../../auth/session.js';
import { newApiToken, digest } from '../../auth/tokens.js';
import { auditRecord, CSRF_FIELD, csrfMatches, hasRole, requireRole, viewerOf, type Viewer } from '../../auth/viewer.js';
import { isLang, LANGS } from '../../locale/index.js';
import type { ApiToken } from '../../store/accounts.js';
import { deskPage } from '../desk/shell.js';
import { html, type Html } from '../html.js';
import type { AccountDeps } from './deps.js';
import { passwordError } from './login.js';
import { formFields, localised, notice, refusePage, sessionCsrf, tr, when, type T } from './page.js';

const DONE = ['password', 'lang', 'revoked'] as const;
type Done = (typeof DONE)[number];

interface Shown {
  error?: string | undefined;
  done?: Done | undefined;
  newToken?: { name: string; value: string } | undefined;
  status?: 200 | 400 | 403 | 404 | 422 | 429;
}

function tokenRow(t: T, v: Viewer, tok: ApiToken): Html {
  return html`<tr><td>${tok.name}</td><td>${t(tok.scope === 'write' ? 'scope.write' : 'scope.read')}</td><td>${when(tok.createdAt, t)}</td><td>${when(tok.lastUsedAt, t)}</td><td>${
    tok.revokedAt === null
      ? html`${t('status.active')} <form method="post" action="/desk/account/tokens/${tok.id}/revoke" class="inline">${sessionCsrf(v)}<button type="submit" aria-label="${t('account.revoke')}: ${tok.name}">${t('account.revoke')}</button></form>`
      : t('status.revoked')
  }</td></tr>`;
}

export function mountAccountPage(app: Hono, deps: AccountDeps): void {
  const { store, auth } = deps;

  const render = async (c: Context, shown: Shown = {}): Promise<Response> => {
    const v = viewerOf(c)!;
    const t = tr(c);
    const user = await store.accounts.getUser(v.userId);
    const tokens = v.userId ? await store.accounts.listTokens(v.userId) : [];
    const done = shown.done ? t(`done.${shown.done}`) : undefined;
    const main = html`<h1>${t('account.title')}</h1>
<p>${t('account.signedInAs', { name: v.name, role: t(`role.${v.role}`) })}</p>
${notice(done, 'ok')}${notice(shown.error, 'error')}
<section aria-labelledby="h-password"><h2 id="h-password">${t('account.password')}</h2><p>${t('account.passwordNote')}</p>
<form method="post" action="/desk/account/password">${sessionCsrf(v)}<input type="text" name="username" value="${v.name}" autocomplete="username" hidden>
<p><label for="pw-current">${t('field.current')}</label><br><input id="pw-current" type="password" name="current" autocomplete="current-password" required></p>
<p><label for="pw-new">${t('field.new')}</label><br><input id="pw-new" type="password" name="password" autocomplete="new-password" required></p>
<p><label for="pw-new2">${t('field.password2')}</label><br><input id="pw-new2" type="password" name="password2" autocomplete="new-password" required></p>
<p><button type="submit">${t('account.passwordSubmit')}</button></p></form></section>
<section aria-labelledby="h-lang"><h2 id="h-lang">${t('account.language')}</h2>
<form method="post" action="/desk/account/lang">${sessionCsrf(v)}
<p><label for="lang">${t('field.lang')}</label><br><select id="lang" name="lang"><option value=""${user?.lang ? '' : html` selected`}>${t('lang.auto')}</option>${LANGS.map(
      (l) => html`<option value="${l}"${user?.lang === l ? html` selected` : ''}>${t(`lang.${l}`)}</option>`,
    )}</select></p>
<p><button type="submit">${t('account.languageSubmit')}</button></p></form></section>
<section aria-labelledby="h-tokens"><h2 id="h-tokens">${t('account.tokens')}</h2><p>${t('account.tokensNote')}</p>
${
  shown.newToken
    ? html`<div class="new-token" role="status"><p>${t('account.tokenShown', { name: shown.newToken.name })}</p><p><label for="new-token">${t('account.tokenValue')}</label><br><input id="new-token" readonly size="50" value="${shown.newToken.value}"></p></div>`
    : ''
}
<form method="post" action="/desk/account/tokens">${sessionCsrf(v)}
<p><label for="token-name">${t('field.tokenName')}</label><br><input id="token-name" name="name" required maxlength="64"></p>
<p><label for="token-scope">${t('field.scope')}</label><br><select id="token-scope" name="scope"><option value="read">${t('scope.read')}</option>${
      hasRole(v, 'editor') ? html`<option value="write">${t('scope.write')}</option>` : ''
    }</select></p>
<p><button type="submit">${t('account.tokenCreate')}</button></p></form>
${
  tokens.length
    ? html`<div class="table-scroll"><table><thead><tr><th scope="col">${t('col.name')}</th><th scope="col">${t('col.scope')}</th><th scope="col">${t('col.created')}</th><th scope="col">${t('col.lastUsed')}</th><th scope="col">${t('col.status')}</th></tr></thead><tbody>${tokens.map((tok) => tokenRow(t, v, tok))}</tbody></table></div>`
    : html`<p>${t('account.noTokens')}</p>`
}</section>`;
    return deskPage(c, { title: t('account.title'), section: 'account', main: localised(c, main), status: shown.status ?? 200 });
  };

  /** Runs a POST handler for a signed-in session whose CSRF token matches; 403 otherwise. */
  const post =
    (handler: (c: Context, v: Viewer, f: Record<string, string | undefined>) => Promise<Response>) =>
    async (c: Context): Promise<Response> => {
      const v = viewerOf(c)!;
      const f = await formFields(c);
      if (!csrfMatches(v, f[CSRF_FIELD])) return render(c, { error: tr(c)('form.expired'), status: 403 });
      return handler(c, v, f);
    };

  // A person's own page: signed in with a session (an API token has no password or CSRF token to use here).
  const sessionOnly = async (c: Context, next: () => Promise<void>): Promise<Response | undefined> => {
    if (viewerOf(c)?.via !== 'session') return c.text(tr(c)('forbidden'), 403);
    await next();
    return undefined;
  };
  app.use('/desk/account', requireRole('reader', refusePage), sessionOnly);
  app.use('/desk/account/*', requireRole('reader', refusePage), sessionOnly);

  app.get('/desk/account', (c) => {
    const done = c.req.query('done');
    return render(c, { done: (DONE as readonly string[]).includes(done ?? '') ? (done as Done) : undefined });
  });

  app.post(
    '/desk/account/password',
    post(async (c, v, f) => {
      const t = tr(c);
      const user = await store.accounts.getUser(v.userId);
      if (!user) return render(c, { error: t('forbidden'), status: 403 });
      const checked = await auth.confirmPassword(user, f.current ?? '', auth.clientAddress(c));
      if (!checked.ok && checked.reason === 'locked') {
        // The lock's end was set by the store's clock; the minutes left are counted by it too.
        const now = await auth.now();
        const minutes = Math.max(1, Math.ceil(((checked.lockedUntil ?? now) - now) / 60_000));
        return render(c, { error: t('login.locked', { minutes }), status: 429 });
      }
      if (!checked.ok) return render(c, { error: t('error.current'), status: 422 });
      const problem = passwordError(t, f.password ?? '', f.password2 ?? '', user.name);
      if (problem) return render(c, { error: problem, status: 422 });
      await setPassword(store, user.id, f.password ?? '');
      // Every session ended with the old password; this browser gets a fresh one.
      const session = await auth.openSession(user.id);
      auth.setSessionCookie(c, session.token);
      await deps.recordAudit?.(auditRecord(c, 'account.password', `user:${v.userId}`, null, null));
      return c.redirect('/desk/account?done=password', 303);
    }),
  );

  app.post(
    '/desk/account/lang',
    post(async (c, v, f) => {
      const lang = isLang(f.lang) ? f.lang : null;
      const before = (await store.accounts.getUser(v.userId))?.lang ?? null;
      await store.accounts.updateUser(v.userId, { lang });
      await deps.recordAudit?.(auditRecord(c, 'account.lang', `user:${v.userId}`, before, lang));
      return c.redirect('/desk/account?done=lang', 303);
    }),
  );

  app.post(
    '/desk/account/tokens',
    post(async (c, v, f) => {
      const t = tr(c);
      const name = (f.name ?? '').trim();
      if (!name || [...name].length > 64) return render(c, { error: t('error.tokenName'), status: 422 });
      const scope = f.scope === 'write' ? 'write' : 'read';
      if (scope === 'write' && !hasRole(v, 'editor')) return render(c, { error: t('error.scope'), status: 403 });
      const value = newApiToken();
      const tok = await store.accounts.createToken({ userId: v.userId, name, hash: digest(value), scope });
      await deps.recordAudit?.(auditRecord(c, 'token.create', `token:${tok.id}`, null, { name, scope }));
      // Shown in this response only; the store keeps its digest.
      return render(c, { newToken: { name, value } });
    }),
  );

  app.post(
    '/desk/account/tokens/:id/revoke',
    post(async (c, v, f) => {
      // Written canonically (p-edges): `Number` read `01`, ` 1`, `0x1` and `1e0` as token 1.
      const id = canonicalId(c.req.param('id'));
      const t = tr(c);
      if (id === undefined) return render(c, { error: t('error.noToken'), status: 404 });
      // A revoked token cannot come back: the first press asks, in a form that works without script.
      if (f.confirm !== '1') {
        const tok = (await store.accounts.listTokens(v.userId)).find((x) => x.id === id && x.revokedAt === null);
        if (!tok) return render(c, { error: t('error.noToken'), status: 400 });
        const main = html`<h1>${t('account.revokeTitle')}</h1>
<p>${t('account.revokeBody', { name: tok.name })}</p>
<form method="post" action="/desk/account/tokens/${tok.id}/revoke">${sessionCsrf(v)}<input type="hidden" name="confirm" value="1">
<p><button type="submit">${t('account.revokeConfirm')}</button> <a href="/desk/account#h-tokens">${t('account.cancel')}</a></p></form>`;
        return deskPage(c, { title: t('account.revokeTitle'), section: 'account', main: localised(c, main) });
      }
      if (!Number.isSafeInteger(id) || !(await store.accounts.revokeToken(id, v.userId)))
        return render(c, { error: t('error.noToken'), status: 400 });
      await deps.recordAudit?.(auditRecord(c, 'token.revoke', `token:${id}`, null, null));
      return c.redirect('/desk/account?done=revoked', 303);
    }),
  );
}
