// The account corner of the site header. Public pages are rendered once and shared by every
// reader (the render cache), so they carry the signed-out corner — a "Sign in" link — and a
// signed-in viewer's copy gets theirs swapped in on the way out: their name, a Desk link for
// editors, and a sign-out form (POST, with the session's CSRF token). The swapped copy is that
// viewer's alone and is sent uncacheable.
import { hasRole, type Viewer } from '../../auth/viewer.js';
import { html } from '../html.js';
import { ACCOUNT_CORNER_START } from '../layout.js';
import type { Ui } from '../ui.js';

export function accountCorner(v: Viewer, ui: Ui): string {
  const t = ui.t;
  return html`<div class="account"><span class="who">${v.name}</span>${hasRole(v, 'editor') ? html` <a href="/desk">${t('shell.desk')}</a>` : html` <a href="/desk/account">${t('shell.account')}</a>`} <form method="post" action="/logout"><input type="hidden" name="_csrf" value="${v.csrf}"><button type="submit">${t('shell.signOut')}</button></form></div>`
    .value;
}

/** The page with the viewer's corner in place of the signed-out one (unchanged without a session). */
export function personalise(page: string, v: Viewer | undefined, ui: Ui): string {
  if (v?.via !== 'session') return page;
  const start = page.indexOf(ACCOUNT_CORNER_START);
  // The signed-out corner holds one link and no nested <div>: it ends at the first </div>.
  const end = start < 0 ? -1 : page.indexOf('</div>', start);
  if (end < 0) return page;
  return page.slice(0, start) + accountCorner(v, ui) + page.slice(end + '</div>'.length);
}
