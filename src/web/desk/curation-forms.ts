// Curation's forms read as plain strings (repeated names as arrays): the body of forms.ts's
// checked form, files dropped, since no curation form uploads one.
import { canonicalId } from '../../domain/canonical-id.js';
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

/**
 * The id `s` names on the desk: written canonically (src/domain/canonical-id.ts, as the API and the
 * public site read ids since p-api3) and above 0. `01` or `+1` name nothing here either (p-edges),
 * so one entity has one address everywhere.
 */
export function positiveInt(s: string | undefined): number | undefined {
  const id = canonicalId(s);
  return id !== undefined && id > 0 ? id : undefined;
}

/**
 * The first of `names` a form gives (not empty) that is not an id written canonically, or undefined.
 * Such a form is refused (400 `badId`) rather than read as another id, or as none (p-edges): `01`
 * named entry 1 before, and an empty field keeps its own wording (the form's "choose one").
 */
export function badIdField(body: FormBody, names: readonly string[]): string | undefined {
  return names.find((name) => fields(body, name).some((v) => v !== '' && canonicalId(v) === undefined));
}

/** An editor's one-line text (a headline, an excerpt): text/edited-text.ts, shared with the store's check. */
export { editedText } from '../../text/edited-text.js';
