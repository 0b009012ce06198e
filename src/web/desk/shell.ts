// The desk's page shell: the site's header and footer around the desk's own navigation, in the
// editor's interface language (their setting, else Accept-Language). Desk pages are per-user, so
// they are never cached (no-store) and never indexed.
import type { Context } from 'hono';
import { viewerOf } from '../../auth/viewer.js';
import { translator, type Lang, type Translate } from '../../locale/index.js';
import { html, raw, type Html } from '../html.js';
import { layout } from '../layout.js';
import { personalise } from '../account/header.js';
import { requestUi, type Ui } from '../ui.js';
import { CURATION_MESSAGES, type CurationKey } from './curation-messages.js';

export type DeskSection = 'sources' | 'topics' | 'curation' | 'settings' | 'audit' | 'users' | 'account';

const SECTIONS: readonly { id: DeskSection; href: string; label: CurationKey; admin?: boolean }[] = [
  { id: 'sources', href: '/desk/sources', label: 'nav.sources' },
  { id: 'topics', href: '/desk/topics', label: 'nav.topics' },
  { id: 'curation', href: '/desk/curation', label: 'nav.curation' },
  { id: 'settings', href: '/desk/settings', label: 'nav.settings' },
  { id: 'audit', href: '/desk/audit', label: 'nav.audit' },
  { id: 'users', href: '/desk/users', label: 'nav.users', admin: true },
  { id: 'account', href: '/desk/account', label: 'nav.account' },
];

export interface DeskPage {
  title: string;
  section: DeskSection;
  main: Html;
  status?: 200 | 400 | 403 | 404 | 409 | 413 | 422 | 429;
  /** Extra <head> markup (a progress page's meta refresh). */
  head?: Html;
}

/** The interface of a desk request, with the desk's own translator beside the site's. */
export interface DeskUi extends Ui {
  d: Translate<CurationKey>;
}

const deskTranslators = new Map<Lang, Translate<CurationKey>>();

export function deskUi(c: Context): DeskUi {
  const ui = requestUi(c);
  let d = deskTranslators.get(ui.lang);
  if (!d) {
    d = translator(CURATION_MESSAGES, ui.lang);
    deskTranslators.set(ui.lang, d);
  }
  return { ...ui, d };
}

function deskNav(c: Context, current: DeskSection, ui: DeskUi): Html {
  const v = viewerOf(c);
  const items = SECTIONS.filter((s) => !s.admin || v?.role === 'admin');
  return html`<nav class="desk-nav" aria-label="${ui.d('nav.label')}"><ul>${items.map((s) =>
    s.id === current
      ? html`<li><a href="${s.href}" aria-current="page">${ui.d(s.label)}</a></li>`
      : html`<li><a href="${s.href}">${ui.d(s.label)}</a></li>`,
  )}</ul></nav>`;
}

/** A desk page as a response: HTML in the editor's language and direction, not stored by any cache, not indexed. */
export function deskPage(c: Context, p: DeskPage): Response {
  const ui = deskUi(c);
  const page = layout({
    title: p.title,
    current: 'none',
    head: html`${raw('<meta name="robots" content="noindex">')}${p.head ?? ''}`,
    main: html`${deskNav(c, p.section, ui)}<div class="desk">${p.main}</div>`,
    ui,
  });
  return c.html(personalise(page.value, viewerOf(c), ui), p.status ?? 200, { 'cache-control': 'no-store' });
}
