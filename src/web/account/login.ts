// Signing in and out, and the first-run set-up link. These pages come before any session, so their
// forms carry the double-submit form token (auth/form-token.ts); signing out carries the session's.
import type { Context, Hono } from 'hono';
import { formToken, formTokenMatches } from '../../auth/form-token.js';
import { safeNextPath } from '../../auth/next-path.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, hashPassword, passwordProblem } from '../../auth/password.js';
import { CSRF_FIELD, csrfMatches, hasRole, viewerOf } from '../../auth/viewer.js';
import { html, type Html } from '../html.js';
import type { AccountDeps } from './deps.js';
import { isLang } from '../../locale/index.js';
import { csrfInput, formFields, notice, plainPage, signedOutPath, tr, validName, type T } from './page.js';

/** The message for a refused new password, or undefined. */
export function passwordError(t: T, password: string, again: string | undefined, name?: string): string | undefined {
  const problem = passwordProblem(password, name);
  if (problem === 'too-short') return t('error.tooShort', { min: MIN_PASSWORD_LENGTH });
  if (problem === 'too-long') return t('error.tooLong', { max: MAX_PASSWORD_LENGTH });
  if (problem === 'same-as-name') return t('error.sameAsName');
  if (again !== undefined && again !== password) return t('error.mismatch');
  return undefined;
}

export function mountLogin(app: Hono, deps: AccountDeps): void {
  const { auth, store } = deps;
  const secure = (c: Context): boolean => auth.secureCookies(c);

  const loginForm = (c: Context, next: string, error?: string, status: 200 | 401 | 403 | 429 = 200, name = ''): Response => {
    const t = tr(c);
    // The language the page was asked in stays with the form (a failed sign-in answers in it too).
    const asked = c.req.query('lang');
    const action = isLang(asked) ? `/login?lang=${asked}` : '/login';
    const signedOut = c.req.query('signedOut') === '1' && !error ? t('login.signedOut') : undefined;
    const main: Html = html`<section class="account-form"><h1>${t('login.title')}</h1>${notice(signedOut, 'ok')}${notice(error, 'error')}
<form method="post" action="${action}">${csrfInput(formToken(c, secure(c)))}<input type="hidden" name="next" value="${next}">
<p><label for="login-name">${t('login.name')}</label><br><input id="login-name" name="name" value="${name}" autocomplete="username" required maxlength="64"></p>
<p><label for="login-password">${t('login.password')}</label><br><input id="login-password" type="password" name="password" autocomplete="current-password" required></p>
<p><button type="submit">${t('login.submit')}</button></p>
</form></section>`;
    return plainPage(c, t('login.title'), main, status);
  };

  app.get('/login', (c) => {
    const next = safeNextPath(c.req.query('next'), '');
    const v = viewerOf(c);
    if (v?.via === 'session') return c.redirect(next || (hasRole(v, 'editor') ? '/desk' : '/'), 303);
    return loginForm(c, next);
  });

  app.post('/login', async (c) => {
    const f = await formFields(c);
    const next = safeNextPath(f.next, '');
    const t = tr(c);
    if (!formTokenMatches(c, f[CSRF_FIELD])) return loginForm(c, next, t('form.expired'), 403);
    const name = (f.name ?? '').trim().slice(0, 200);
    const password = (f.password ?? '').slice(0, MAX_PASSWORD_LENGTH + 1);
    const r = await auth.signIn(name, password, auth.clientAddress(c));
    if (!r.ok) {
      if (r.reason === 'locked') {
        // The lock's end was set by the store's clock; the minutes left are counted by it too.
        const now = await auth.now();
        const minutes = Math.max(1, Math.ceil(((r.lockedUntil ?? now) - now) / 60_000));
        return loginForm(c, next, t('login.locked', { minutes }), 429, name);
      }
      deps.log.info({ address: auth.clientAddress(c) }, 'a sign-in failed');
      return loginForm(c, next, t('login.failed'), 401, name);
    }
    auth.setSessionCookie(c, r.token);
    deps.log.info({ user: r.user.name }, 'signed in');
    return c.redirect(next || (r.user.role === 'reader' ? '/' : '/desk'), 303);
  });

  app.post('/logout', async (c) => {
    const v = viewerOf(c);
    const f = await formFields(c);
    if (v?.via !== 'session') return c.redirect('/', 303);
    if (!csrfMatches(v, f[CSRF_FIELD])) return plainPage(c, tr(c)('login.title'), html`<p role="alert">${tr(c)('form.expired')}</p>`, 403);
    const token = auth.sessionToken(c);
    if (token) await auth.signOut(token);
    auth.clearSessionCookie(c);
    return c.redirect(signedOutPath(v.lang), 303);
  });

  const setupInvalid = (c: Context): Response => {
    const t = tr(c);
    return plainPage(c, t('setup.title'), html`<h1>${t('setup.title')}</h1><p role="alert">${t('setup.invalid')}</p>`, 404);
  };

  const setupForm = (c: Context, token: string, error?: string, name = '', status: 200 | 403 | 422 = 200): Response => {
    const t = tr(c);
    const main = html`<section class="account-form"><h1>${t('setup.title')}</h1><p>${t('setup.intro')}</p>${notice(error, 'error')}
<form method="post" action="/setup/${token}">${csrfInput(formToken(c, secure(c)))}
<p><label for="setup-name">${t('field.name')}</label><br><input id="setup-name" name="name" value="${name}" autocomplete="username" required maxlength="64"></p>
<p><label for="setup-password">${t('field.password')}</label><br><input id="setup-password" type="password" name="password" autocomplete="new-password" required minlength="${MIN_PASSWORD_LENGTH}"></p>
<p><label for="setup-password2">${t('field.password2')}</label><br><input id="setup-password2" type="password" name="password2" autocomplete="new-password" required minlength="${MIN_PASSWORD_LENGTH}"></p>
<p><button type="submit">${t('setup.submit')}</button></p>
</form></section>`;
    return plainPage(c, t('setup.title'), main, status);
  };

  app.get('/setup/:token', async (c) => {
    const token = c.req.param('token');
    if (!auth.setup.valid(token) || (await store.accounts.countUsers()) > 0) return setupInvalid(c);
    return setupForm(c, token);
  });

  app.post('/setup/:token', async (c) => {
    const token = c.req.param('token');
    const t = tr(c);
    const f = await formFields(c);
    if (!auth.setup.valid(token) || (await store.accounts.countUsers()) > 0) return setupInvalid(c);
    if (!formTokenMatches(c, f[CSRF_FIELD])) return setupForm(c, token, t('form.expired'), '', 403);
    const name = validName(f.name);
    if (!name) return setupForm(c, token, t('error.name'), f.name ?? '', 422);
    const problem = passwordError(t, f.password ?? '', f.password2 ?? '', name);
    if (problem) return setupForm(c, token, problem, name, 422);
    const passwordHash = await hashPassword(f.password ?? '');
    if (!auth.setup.consume(token)) return setupInvalid(c);
    const user = await store.accounts.createUser({ name, passwordHash, role: 'admin' }, { onlyIfNone: true });
    if (!user) return setupInvalid(c);
    await deps.recordAudit?.({
      actorId: null,
      actorName: 'set-up link',
      action: 'user.add',
      target: `user:${user.id}`,
      before: null,
      after: { name: user.name, role: user.role },
    });
    deps.log.info({ user: user.name }, 'the first administrator was created through the set-up link');
    const session = await auth.openSession(user.id);
    auth.setSessionCookie(c, session.token);
    return c.redirect('/desk/users', 303);
  });
}
