// A form with one field to type in (stage 1, with prune.ts's e-mail box): a newsletter or alert
// sign-up written with `<input type="text">` (older templates, and many that check the address in
// a script), or a search box. Neither is the story's, whatever its words; a comment, contact or
// log-in form has several fields and is left to the other rules. No class name or word is read.
import type { DomElement } from './dom.js';

/** Input types a reader types into. */
const TYPED = new Set(['', 'text', 'email', 'search', 'tel']);

/** The one field of a form that has exactly one field to type in (no text area or list), or null. */
export function singleField(form: DomElement): DomElement | null {
  if (form.getElementsByTagName('textarea').length > 0 || form.getElementsByTagName('select').length > 0) return null;
  let field: DomElement | null = null;
  for (const input of Array.from(form.getElementsByTagName('input'))) {
    const type = (input.getAttribute('type') ?? '').trim().toLowerCase();
    if (type === 'password') return null;
    if (!TYPED.has(type)) continue;
    if (field) return null;
    field = input;
  }
  return field;
}
