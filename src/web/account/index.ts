// The accounts pages: sign-in, sign-out and first-run set-up (outside the desk), your account
// (every signed-in user) and users (admins), mounted by createWebSite before the desk so that
// /desk/account is open to readers too.
import { Hono } from 'hono';
import { mountAccountPage } from './account-page.js';
import type { AccountDeps } from './deps.js';
import { mountLogin } from './login.js';
import { mountUsersPage } from './users-page.js';

export type { AccountDeps } from './deps.js';

export function createAccountPages(deps: AccountDeps): Hono {
  const app = new Hono();
  mountLogin(app, deps);
  mountAccountPage(app, deps);
  mountUsersPage(app, deps);
  return app;
}
