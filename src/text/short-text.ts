// Short texts a feed names things with: an item's title, author and categories, the feed's own
// title (a source's name). They are shown whole, on every page and feed out that lists them (a
// title twice per teaser: the heading and the "Read more" label), so their length is bounded where
// they enter the store: a hostile or broken feed of 15 MB whose 200 items each carry a 60,000
// character title made the home page 10 MB and 1.5 s to render, on every request. A title that
// long is not a headline: it is cut (src/text/excerpt.ts: at a sentence or word, with "…").
//
// A text construct the feed typed as HTML (Atom `type="html"`, an RSS title carrying escaped
// markup) is read as text here: a name is shown escaped, so its markup would be shown as written.
import type { TextType } from '../domain/feed.js';
import { excerpt } from './excerpt.js';
import { htmlToText } from './html-to-text.js';
import { stripControls } from './strip-controls.js';

/** Longest item title kept (the longest real headlines run to a few hundred characters). */
export const MAX_TITLE_CHARS = 1000;
/** Longest feed title (a source's name) or author name kept. */
export const MAX_NAME_CHARS = 300;
/** Longest category kept, and the most categories kept per item (feeds out list them all). */
export const MAX_CATEGORY_CHARS = 100;
export const MAX_CATEGORIES = 30;

/** Text that has to be read as HTML to be text. */
export function isHtmlType(type: TextType | undefined): boolean {
  return type === 'text/html' || type === 'application/xhtml+xml';
}

/**
 * A title or name as one line of plain text, at most `maxChars` characters: HTML read as text,
 * control characters removed, white space collapsed, cut with "…" when longer.
 */
export function shortText(value: string | undefined | null, type: TextType | undefined, maxChars: number): string {
  if (!value) return '';
  // The cut needs only the start: a megabyte of title is not normalised in full first.
  const room = maxChars * 4 + 64;
  let s = isHtmlType(type) ? htmlToText(value) : value;
  if (s.length > room) {
    s = s.slice(0, room);
    const last = s.charCodeAt(room - 1);
    if (last >= 0xd800 && last <= 0xdbff) s = s.slice(0, -1);
  }
  s = stripControls(s).replace(/\s+/g, ' ').trim();
  return excerpt(s, maxChars);
}

/** An item's author as stored: control characters removed, at most MAX_NAME_CHARS. */
export function boundAuthor(name: string): string {
  return excerpt(stripControls(name), MAX_NAME_CHARS);
}

/**
 * An item's categories as stored: each without control characters and at most
 * MAX_CATEGORY_CHARS, empty ones and repeats dropped, at most MAX_CATEGORIES.
 */
export function boundCategories(names: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const name of names) {
    const c = excerpt(stripControls(name), MAX_CATEGORY_CHARS);
    if (c) out.add(c);
  }
  return [...out].slice(0, MAX_CATEGORIES);
}
