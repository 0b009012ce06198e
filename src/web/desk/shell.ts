// The desk's page shell: the site's header and footer around the desk's own navigation. Desk pages
// are per-user, so they are never cached (no-store) and never indexed.
import type { Context } from 'hono';
import { viewerOf } from '../../auth/viewer.js';
import { html, raw, type Html } from '../html.js';
import { layout } from '../layout.js';
import { personalise } from '../account/header.js';

export type DeskSection = 'sources' | 'topics' | 'curation' | 'audit' | 'users' | 'account';

const SECTIONS: readonly { id: DeskSection; href: string; label: string; admin?: boolean }[] = [
  { id: 'sources', href: '/desk/sources', label: 'Sources' },
  { id: 'topics', href: '/desk/topics', label: 'Topics' },
  { id: 'curation', href: '/desk/curation', label: 'Curation' },
  { id: 'audit', href: '/desk/audit', label: 'Audit log' },
  { id: 'users', href: '/desk/users', label: 'Users', admin: true },
  { id: 'account', href: '/desk/account', label: 'Your account' },
];

export interface DeskPage {
  title: string;
  section: DeskSection;
  main: Html;
  status?: 200 | 400 | 403 | 404 | 409 | 413 | 422;
  /** Extra <head> markup (a progress page's meta refresh). */
  head?: Html;
}

function deskNav(c: Context, current: DeskSection): Html {
  const v = viewerOf(c);
  const items = SECTIONS.filter((s) => !s.admin || v?.role === 'admin');
  return html`<nav class="desk-nav" aria-label="Desk"><ul>${items.map((s) =>
    s.id === current
      ? html`<li><a href="${s.href}" aria-current="page">${s.label}</a></li>`
      : html`<li><a href="${s.href}">${s.label}</a></li>`,
  )}</ul></nav>`;
}

/** A desk page as a response: HTML, not stored by any cache, not indexed. */
export function deskPage(c: Context, p: DeskPage): Response {
  const page = layout({
    title: p.title,
    current: 'none',
    head: html`${raw('<meta name="robots" content="noindex">')}${p.head ?? ''}`,
    main: html`${deskNav(c, p.section)}<div class="desk">${p.main}</div>`,
  });
  return c.html(personalise(page.value, viewerOf(c)), p.status ?? 200, { 'cache-control': 'no-store' });
}
