// Curation's forms read as plain strings (repeated names as arrays): the body of forms.ts's
// checked form, files dropped, since no curation form uploads one.
import type { Context } from 'hono';
import { checkedForm as checkedRaw } from './forms.js';
import type { DeskSection } from './shell.js';

export { csrfField } from './forms.js';

export type FormBody = Record<string, string | string[]>;

/** The form's fields (repeated names as arrays), or the 403 page when its CSRF token does not match. */
export async function checkedForm(c: Context, section: DeskSection): Promise<FormBody | Response> {
  const raw = await checkedRaw(c, section);
  if (raw instanceof Response) return raw;
  const body: FormBody = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v === 'string') body[k] = v;
    else if (Array.isArray(v)) body[k] = v.filter((x): x is string => typeof x === 'string');
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

/** An editor's one-line text (a headline, an excerpt): text/edited-text.ts, shared with the store's check. */
export { editedText } from '../../text/edited-text.js';
