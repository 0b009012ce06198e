// What the accounts pages share: the language of the request, the form fields as strings, the
// hidden CSRF field, and the page shell for pages outside the desk (sign-in, set-up).
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { CSRF_FIELD, type Refuse, type Viewer, viewerOf } from '../../auth/viewer.js';
import { dirOf, isLang, type Lang, negotiateLang, translator, type Translate } from '../../locale/index.js';
import { validUserName } from '../../auth/user-name.js';
import { cleanInput } from '../../text/control-chars.js';
import { html, raw, type Html } from '../html.js';
import { layout } from '../layout.js';
import { uiFor } from '../ui.js';
import { personalise } from './header.js';
import { ACCOUNT_MESSAGES, type AccountKey } from './messages.js';

export type T = Translate<AccountKey>;

/**
 * The language an address asks for (?lang=): signing out sends a person to the sign-in page in
 * the language they had chosen, which no session carries any more. A signed-in person's own
 * setting comes first; without either, Accept-Language decides.
 */
function askedLang(c: Context): Lang | null {
  const q = c.req.query('lang');
  return isLang(q) ? q : null;
}

export function langOf(c: Context): Lang {
  return negotiateLang(c.req.header('accept-language'), viewerOf(c)?.lang ?? askedLang(c));
}

/** Where signing out lands: the sign-in page saying so, in the language the person had chosen. */
export function signedOutPath(lang: Lang | null): string {
  return `/login?signedOut=1${lang ? `&lang=${lang}` : ''}`;
}

export function tr(c: Context): T {
  return translator(ACCOUNT_MESSAGES, langOf(c));
}

/** Content in the request's language and direction (an Arabic or Persian form lays out right-to-left). */
export function localised(c: Context, main: Html): Html {
  const lang = langOf(c);
  return html`<div class="account-page" lang="${lang}" dir="${dirOf(lang)}">${main}</div>`;
}

/** The submitted form's text fields (files and repeated fields ignored), control characters cleaned. */
export async function formFields(c: Context): Promise<Record<string, string | undefined>> {
  const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = cleanInput(v).slice(0, 4096);
  return out;
}

export function csrfInput(value: string): Html {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${value}">`;
}

export function sessionCsrf(v: Viewer): Html {
  return csrfInput(v.csrf);
}

export function notice(text: string | undefined, kind: 'ok' | 'error'): Html | string {
  if (!text) return '';
  return kind === 'ok' ? html`<p class="notice" role="status">${text}</p>` : html`<p class="notice error" role="alert">${text}</p>`;
}

/** A time as UTC text in a <time> the page script re-renders in the reader's zone. */
export function when(ms: number | null, t: T): Html | string {
  if (ms === null) return t('never');
  const iso = new Date(ms).toISOString();
  return html`<time datetime="${iso}" data-local>${iso.slice(0, 16).replace('T', ' ')} UTC</time>`;
}

/** A page outside the desk (sign-in, set-up): per-visitor, never cached or indexed. */
export function plainPage(c: Context, title: string, main: Html, status: ContentfulStatusCode = 200): Response {
  const ui = uiFor(c.req.header('accept-language'), viewerOf(c)?.lang ?? askedLang(c));
  const page = layout({ title, current: 'none', head: raw('<meta name="robots" content="noindex">'), main: localised(c, main), ui });
  return c.html(personalise(page.value, viewerOf(c), ui), status, { 'cache-control': 'no-store' });
}

/** requireRole's 403 in the viewer's language: a page of the site, not a line of English text. */
export const refusePage: Refuse = (c, why) => {
  const t = tr(c);
  const main = html`<h1>${t('forbidden.title')}</h1><p role="alert">${t(why === 'token' ? 'forbidden.token' : 'forbidden.role')}</p>`;
  return plainPage(c, t('forbidden.title'), main, 403);
};

/** A user name as given, trimmed, when it is acceptable (auth/user-name.ts). */
export const validName = validUserName;
