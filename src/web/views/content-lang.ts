// The language marks of a story's text inside a page in the interface's language. A source that
// names no language leaves its stories untagged; without a mark of their own they took the page's,
// so an English headline on an Arabic page was read out by a screen reader as Arabic (u-eyes).
import { html, type Html } from '../html.js';
import type { Ui } from '../ui.js';

/** lang="xx" for a story in a known language, lang="" (HTML's "unknown") when its source gave none. */
export function storyLang(lang: string | null | undefined): Html {
  return html` lang="${lang ?? ''}"`;
}

/** The interface's language on what the interface writes inside a story (a date), when the story's differs. */
export function uiLangInside(lang: string | null | undefined, ui: Ui): Html | string {
  return lang === ui.lang ? '' : html` lang="${ui.lang}"`;
}
