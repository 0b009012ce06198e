// What every desk form shares: the hidden CSRF field, and reading a POST body only after its token
// matched the session's (a forged cross-site form gets 403 and changes nothing).
import type { Context } from 'hono';
import { CSRF_FIELD, csrfMatches, viewerOf } from '../../auth/viewer.js';
import { html, type Html } from '../html.js';
import { deskPage, deskUi, type DeskSection } from './shell.js';

export function csrfField(c: Context): Html {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${viewerOf(c)?.csrf ?? ''}">`;
}

export type FormBody = Record<string, string | string[]>;

/** The form's fields (repeated names as arrays), or the 403 page when its CSRF token does not match. */
export async function checkedForm(c: Context, section: DeskSection): Promise<FormBody | Response> {
  const raw = await c.req.parseBody({ all: true });
  const body: FormBody = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v === 'string') body[k] = v;
    else if (Array.isArray(v)) body[k] = v.filter((x): x is string => typeof x === 'string');
  }
  const token = body[CSRF_FIELD];
  if (!csrfMatches(viewerOf(c), typeof token === 'string' ? token : undefined)) {
    const ui = deskUi(c);
    return deskPage(c, {
      title: ui.d('csrf.title'),
      section,
      status: 403,
      main: html`<h1>${ui.d('csrf.title')}</h1><p role="alert">${ui.d('csrf.body')}</p>`,
    });
  }
  return body;
}

export function field(body: FormBody, name: string): string | undefined {
  const v = body[name];
  return typeof v === 'string' ? v : Array.isArray(v) ? v[0] : undefined;
}

export function fields(body: FormBody, name: string): string[] {
  const v = body[name];
  return v === undefined ? [] : typeof v === 'string' ? [v] : v;
}

export function positiveInt(s: string | undefined): number | undefined {
  return s !== undefined && /^\d{1,15}$/.test(s) && Number(s) > 0 ? Number(s) : undefined;
}
