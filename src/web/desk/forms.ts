// What every desk form shares: the CSRF hidden field, the check every POST makes first (a forged
// cross-site form gets the 403 page and changes nothing), form fields read as cleaned strings, and
// the audit call with the acting editor filled in.
import type { Context } from 'hono';
import { actorOf, auditRecord, CSRF_FIELD, csrfMatches, viewerOf } from '../../auth/viewer.js';
import { cleanInput } from '../../text/control-chars.js';
import { html, type Html } from '../html.js';
import type { DeskDeps } from './deps.js';
import { deskPage, deskUi, type DeskSection } from './shell.js';

export type Form = Record<string, string | File | (string | File)[]>;

export function csrfField(c: Context): Html {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${viewerOf(c)?.csrf ?? ''}">`;
}

/** The POST body, or the 403 page (in the desk `section`) when its CSRF token is not the session's. */
export async function checkedForm(c: Context, section: DeskSection): Promise<Form | Response> {
  let body: Form;
  try {
    body = (await c.req.parseBody({ all: true })) as Form;
  } catch {
    body = {};
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

/** A text field (the first, when repeated), cleaned of control characters; '' when absent. */
export function field(f: Form, name: string): string {
  const v = f[name];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? (cleanInput(s) ?? '') : '';
}

/** A textarea field: newlines kept, other control characters dropped. */
export function textField(f: Form, name: string): string {
  const v = f[name];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '') : '';
}

export async function audit(deps: DeskDeps, c: Context, action: string, target: string, before: unknown, after: unknown): Promise<void> {
  await deps.recordAudit?.(auditRecord(c, action, target, before, after));
}

export function editorName(c: Context): string {
  return actorOf(c).name;
}
