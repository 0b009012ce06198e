// An editor's one-line text (a teaser's or a story's headline, an excerpt), as the desk's forms
// write it. Kept here, pure, because two layers need the very same cleaning: the desk's forms
// (what they write, and whether a field differs from what the page showed) and the store's
// "changed meanwhile" check (domain/shown-check.ts), which compares the value a form showed, after
// that form's cleaning, with the stored one: a value stored before the cleaning existed (7a0cafe2:
// line breaks, runs of spaces, direction overrides kept) must compare equal to the same text
// shown and posted back, or every save of that field would read as "changed meanwhile".
import { cleanInput } from './control-chars.js';

/**
 * `s` on one line: controls and line breaks become spaces, runs of white space one, the ends
 * trimmed, bidirectional overrides (U+202A–U+202E) dropped (in a headline they can reorder what
 * readers see of the text around them; the page's `dir` and `<bdi>` already isolate each headline).
 */
export function flatText(s: string | undefined): string {
  return cleanInput(s ?? '')
    .replace(/[\u202a-\u202e]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** flatText cut to at most `max` characters (whole code points, so a cut never leaves half a surrogate pair). */
export function editedText(s: string | undefined, max: number): string {
  return Array.from(flatText(s)).slice(0, max).join('').trimEnd();
}

/** Whether two editor's texts read the same once cleaned as a form cleans them. */
export function sameEditedText(a: string, b: string): boolean {
  return a === b || flatText(a) === flatText(b);
}
