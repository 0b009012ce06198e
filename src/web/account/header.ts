// The account corner of the site header. Public pages are rendered once and shared by every
// reader (the render cache), so they carry the signed-out corner — a "Sign in" link — and a
// signed-in viewer's copy gets theirs swapped in on the way out: their name, a Desk link for
// editors, and a sign-out form (POST, with the session's CSRF token). The swapped copy is that
// viewer's alone and is sent uncacheable.
import { hasRole, type Viewer } from '../../auth/viewer.js';
import { html } from '../html.js';
import { ACCOUNT_CORNER_SIGNED_OUT } from '../layout.js';

export function accountCorner(v: Viewer): string {
  return html`<div class="account"><span class="who">${v.name}</span>${hasRole(v, 'editor') ? html` <a href="/desk">Desk</a>` : html` <a href="/desk/account">Account</a>`} <form method="post" action="/logout"><input type="hidden" name="_csrf" value="${v.csrf}"><button type="submit">Sign out</button></form></div>`
    .value;
}

/** The page with the viewer's corner in place of the signed-out one (unchanged without a session). */
export function personalise(page: string, v: Viewer | undefined): string {
  if (v?.via !== 'session') return page;
  return page.replace(ACCOUNT_CORNER_SIGNED_OUT, accountCorner(v));
}
