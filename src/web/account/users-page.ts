// /desk/users (admins only): add a user with a role, change a role, reset a password, disable or
// enable an account, unlock it after failed sign-ins, sign it out everywhere. Each change is
// written to the audit log; the last active administrator cannot be demoted or disabled.
import { canonicalId } from '../../domain/canonical-id.js';
import type { Context, Hono } from 'hono';
import { isLastActiveAdmin, setUserDisabled } from '../../auth/account-state.js';
import { hashPassword } from '../../auth/password.js';
import { setPassword } from '../../auth/session.js';
import { accountKey } from '../../auth/throttle.js';
import { auditRecord, CSRF_FIELD, csrfMatches, requireRole, viewerOf, type Role, type Viewer } from '../../auth/viewer.js';
import type { ThrottleState, User } from '../../store/accounts.js';
import { deskPage } from '../desk/shell.js';
import { html, type Html } from '../html.js';
import type { AccountDeps } from './deps.js';
import { passwordError } from './login.js';
import { formFields, localised, notice, refusePage, sessionCsrf, signedOutPath, tr, validName, when, type T } from './page.js';

const ROLES: readonly Role[] = ['admin', 'editor', 'reader'];
const DONE = ['userAdded', 'role', 'reset', 'disabled', 'enabled', 'unlocked', 'sessions'] as const;
type Done = (typeof DONE)[number];

function isRole(s: string | undefined): s is Role {
  return s !== undefined && (ROLES as readonly string[]).includes(s);
}

function roleSelect(t: T, id: string, current: Role): Html {
  return html`<select id="${id}" name="role">${ROLES.map(
    (r) => html`<option value="${r}"${r === current ? html` selected` : ''}>${t(`role.${r}`)}</option>`,
  )}</select>`;
}

export function mountUsersPage(app: Hono, deps: AccountDeps): void {
  const { store } = deps;

  const userRow = (t: T, v: Viewer, u: User, lock: ThrottleState | undefined, now: number): Html => {
    const locked = lock?.lockedUntil && lock.lockedUntil > now ? lock.lockedUntil : undefined;
    const status = u.disabled
      ? t('status.disabled')
      : locked
        ? t('status.locked', { time: new Date(locked).toISOString().slice(11, 16) + ' UTC' })
        : t('status.active');
    // Kept apart by migration 47 (another user's name is this one ignoring case): told where the
    // admin who can settle it looks, not only in `newsdesk user list` and the start's log (r2-userkey).
    const keptApart = u.keptApart ? html`<br><small class="kept-apart">${t('users.keptApart')}</small>` : '';
    const form = (action: string, body: Html): Html =>
      html`<form method="post" action="/desk/users/${u.id}/${action}" class="inline">${sessionCsrf(v)}${body}</form>`;
    return html`<tr id="user-${u.id}"><th scope="row">${u.name}${keptApart}</th><td>${t(`role.${u.role}`)}</td><td>${status}</td><td>${when(u.createdAt, t)}</td><td class="actions">
${form('role', html`<label for="role-${u.id}">${t('users.roleFor', { name: u.name })}</label> ${roleSelect(t, `role-${u.id}`, u.role)} <button type="submit">${t('users.roleSubmit')}</button>`)}
${form('password', html`<label for="pw-${u.id}">${t('users.passwordFor', { name: u.name })}</label> <input id="pw-${u.id}" type="password" name="password" autocomplete="new-password" required> <button type="submit">${t('users.resetSubmit')}</button>`)}
${form('disabled', html`<input type="hidden" name="disabled" value="${u.disabled ? '0' : '1'}"><button type="submit">${t(u.disabled ? 'users.enable' : 'users.disable')}<span class="visually-hidden"> ${u.name}</span></button>`)}
${locked ? form('unlock', html`<button type="submit">${t('users.unlock')}<span class="visually-hidden"> ${u.name}</span></button>`) : ''}
${form('sessions', html`<button type="submit">${t('users.revokeSessions')}<span class="visually-hidden"> (${u.name})</span></button>`)}
</td></tr>`;
  };

  const render = async (
    c: Context,
    shown: { error?: string; done?: Done; status?: 200 | 400 | 403 | 404 | 409 | 422; name?: string } = {},
  ) => {
    const v = viewerOf(c)!;
    const t = tr(c);
    // Locks end by the store's clock (they were set by it), not this machine's.
    const now = await store.clock.now();
    const users = await store.accounts.listUsers();
    // Every user's sign-in lock in one read, not one query per row.
    const locks = await store.accounts.getThrottles(users.map((u) => accountKey(u.name)));
    const rows = users.map((u) => userRow(t, v, u, locks.get(accountKey(u.name)), now));
    const main = html`<h1>${t('users.title')}</h1>
${notice(shown.done ? t(`done.${shown.done}`) : undefined, 'ok')}${notice(shown.error, 'error')}
<section aria-labelledby="h-add"><h2 id="h-add">${t('users.add')}</h2>
<form method="post" action="/desk/users">${sessionCsrf(v)}
<p><label for="new-name">${t('field.name')}</label><br><input id="new-name" name="name" value="${shown.name ?? ''}" required maxlength="64" autocomplete="off"></p>
<p><label for="new-role">${t('field.role')}</label><br>${roleSelect(t, 'new-role', 'editor')}</p>
<p><label for="new-password">${t('field.password')}</label><br><input id="new-password" type="password" name="password" autocomplete="new-password" required></p>
<p><button type="submit">${t('users.addSubmit')}</button></p></form></section>
<section aria-labelledby="h-users"><h2 id="h-users">${t('users.list')}</h2>
<table class="users"><thead><tr><th scope="col">${t('col.name')}</th><th scope="col">${t('col.role')}</th><th scope="col">${t('col.status')}</th><th scope="col">${t('col.created')}</th><th scope="col">${t('col.actions')}</th></tr></thead>
<tbody>${rows}</tbody></table></section>`;
    return deskPage(c, { title: t('users.title'), section: 'users', main: localised(c, main), status: shown.status ?? 200 });
  };

  /**
   * Disabling an account and signing it out everywhere end sessions at once, so the first press
   * asks first, on a page of its own with a form that repeats the action with confirm=1: the same
   * confirmation as revoking a token (account-page.ts) and merging stories, and no script needed.
   */
  const confirmPage = (c: Context, v: Viewer, u: User, what: 'disable' | 'sessions'): Response => {
    const t = tr(c);
    const title = t(what === 'disable' ? 'users.disableTitle' : 'users.sessionsTitle');
    const body =
      what === 'disable'
        ? html`<p>${t('users.disableBody', { name: u.name })}</p>`
        : html`<p>${t('users.sessionsBody', { name: u.name })}</p>${u.id === v.userId ? html`<p>${t('users.sessionsSelf')}</p>` : ''}`;
    const action = what === 'disable' ? 'disabled' : 'sessions';
    const main = html`<h1>${title}</h1>${body}
<form method="post" action="/desk/users/${u.id}/${action}">${sessionCsrf(v)}${what === 'disable' ? html`<input type="hidden" name="disabled" value="1">` : ''}<input type="hidden" name="confirm" value="1">
<p><button type="submit">${t(what === 'disable' ? 'users.disableConfirm' : 'users.sessionsConfirm')}</button> <a href="/desk/users#user-${u.id}">${t('account.cancel')}</a></p></form>`;
    return deskPage(c, { title, section: 'users', main: localised(c, main) });
  };

  const audit = (c: Context, action: string, u: User, before: unknown, after: unknown) =>
    deps.recordAudit?.(auditRecord(c, action, `user:${u.id}`, before, after));

  type Handler = (c: Context, v: Viewer, u: User, f: Record<string, string | undefined>) => Promise<Response>;
  /** A POST on one user: the admin's CSRF token checked, the user found. */
  const onUser =
    (handler: Handler) =>
    async (c: Context): Promise<Response> => {
      const v = viewerOf(c)!;
      const f = await formFields(c);
      if (!csrfMatches(v, f[CSRF_FIELD])) return render(c, { error: tr(c)('form.expired'), status: 403 });
      // Written canonically (p-edges): `Number` read `01`, ` 1`, `0x1` and `1e0` as user 1.
      const id = canonicalId(c.req.param('id'));
      const u = id === undefined ? undefined : await store.accounts.getUser(id);
      if (!u) return render(c, { error: tr(c)('error.noUser'), status: 404 });
      return handler(c, v, u, f);
    };

  app.use('/desk/users', requireRole('admin', refusePage));
  app.use('/desk/users/*', requireRole('admin', refusePage));

  app.get('/desk/users', (c) => {
    const done = c.req.query('done');
    return render(c, { ...((DONE as readonly string[]).includes(done ?? '') ? { done: done as Done } : {}) });
  });

  app.post('/desk/users', async (c) => {
    const v = viewerOf(c)!;
    const t = tr(c);
    const f = await formFields(c);
    if (!csrfMatches(v, f[CSRF_FIELD])) return render(c, { error: t('form.expired'), status: 403 });
    const name = validName(f.name);
    if (!name) return render(c, { error: t('error.name'), status: 422, name: f.name ?? '' });
    const role = isRole(f.role) ? f.role : 'editor';
    const problem = passwordError(t, f.password ?? '', undefined, name);
    if (problem) return render(c, { error: problem, status: 422, name });
    const user = await store.accounts.createUser({ name, role, passwordHash: await hashPassword(f.password ?? '') });
    if (!user) return render(c, { error: t('error.nameTaken'), status: 409, name });
    await audit(c, 'user.add', user, null, { name: user.name, role: user.role });
    return c.redirect('/desk/users?done=userAdded', 303);
  });

  app.post(
    '/desk/users/:id/role',
    onUser(async (c, _v, u, f) => {
      if (!isRole(f.role)) return render(c, { error: tr(c)('error.noUser'), status: 400 });
      // Checked and written in one step: two admins demoting each other at once both passed a
      // check read before the write, and no administrator was left (r-accounts).
      const r = await store.accounts.updateUserKeepingAdmin(u.id, { role: f.role });
      if (r === 'last-admin') return render(c, { error: tr(c)('error.lastAdmin'), status: 409 });
      if (!r) return render(c, { error: tr(c)('error.noUser'), status: 404 });
      await audit(c, 'user.role', u, { role: u.role }, { role: f.role });
      return c.redirect('/desk/users?done=role', 303);
    }),
  );

  app.post(
    '/desk/users/:id/password',
    onUser(async (c, v, u, f) => {
      const problem = passwordError(tr(c), f.password ?? '', undefined, u.name);
      if (problem) return render(c, { error: problem, status: 422 });
      await setPassword(store, u.id, f.password ?? '');
      await store.accounts.clearThrottle([accountKey(u.name)]);
      await audit(c, 'user.password.reset', u, null, null);
      if (u.id === v.userId) {
        const session = await deps.auth.openSession(u.id);
        deps.auth.setSessionCookie(c, session.token);
      }
      return c.redirect('/desk/users?done=reset', 303);
    }),
  );

  app.post(
    '/desk/users/:id/disabled',
    onUser(async (c, v, u, f) => {
      const disabled = f.disabled === '1';
      if (disabled && u.id === v.userId) return render(c, { error: tr(c)('error.self'), status: 409 });
      const lastAdmin = () => render(c, { error: tr(c)('error.lastAdmin'), status: 409 });
      // Asked before the question, and again by setUserDisabled (shared with `newsdesk user disable`).
      if (disabled && (await isLastActiveAdmin(store, u))) return lastAdmin();
      if (disabled && !u.disabled && f.confirm !== '1') return confirmPage(c, v, u, 'disable');
      if (!(await setUserDisabled(store, u, disabled)).ok) return lastAdmin();
      await audit(c, disabled ? 'user.disable' : 'user.enable', u, { disabled: u.disabled }, { disabled });
      return c.redirect(`/desk/users?done=${disabled ? 'disabled' : 'enabled'}`, 303);
    }),
  );

  app.post(
    '/desk/users/:id/unlock',
    onUser(async (c, _v, u) => {
      await store.accounts.clearThrottle([accountKey(u.name)]);
      await audit(c, 'user.unlock', u, null, null);
      return c.redirect('/desk/users?done=unlocked', 303);
    }),
  );

  app.post(
    '/desk/users/:id/sessions',
    onUser(async (c, v, u, f) => {
      if (f.confirm !== '1') return confirmPage(c, v, u, 'sessions');
      const n = await store.accounts.revokeUserSessions(u.id);
      await audit(c, 'user.sessions.revoke', u, null, { revoked: n });
      return c.redirect(u.id === v.userId ? signedOutPath(v.lang) : '/desk/users?done=sessions', 303);
    }),
  );
}
