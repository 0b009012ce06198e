// Names and titles stored before their bounds (src/text/short-text.ts, applied at ingest since
// the probe of 2026-12-05) are bounded where they lie, by the same functions: a source's name,
// an entry's title, author and categories, and the titles kept beside an entry (sightings and
// title history, shown on story pages). One dialect-free rule per value; each dialect's migration
// walks its tables in batches and writes back only the values that change.
//
// SQL's length() counts code points, the bounds UTF-16 units (at most two per code point), so a
// walk reads only values longer than half their bound: every value over it is among them.
import { looksLikeHtml } from '../ingest/parse/adapter/text-construct.js';
import { MAX_CATEGORY_CHARS, MAX_NAME_CHARS, MAX_TITLE_CHARS, boundAuthor, boundCategories, shortText } from '../text/short-text.js';

/** Values longer than this many code points may be over their bound and are read. */
export const SCAN = {
  title: Math.floor(MAX_TITLE_CHARS / 2),
  name: Math.floor(MAX_NAME_CHARS / 2),
  categoriesJson: Math.floor(MAX_CATEGORY_CHARS / 2),
};

/** Ids (or rows) per batch of a walk. */
export const BOUND_BATCH = 2_000;

/**
 * A stored source name as ingest now names a source. Before, a feed title the feed typed as HTML
 * was stored as the sanitiser's markup: a stored name that reads as HTML (close tags or entities
 * of HTML only, the test the feed reader applies to plain-text titles) is read as HTML. Null when
 * nothing is left (the next check names the source again).
 */
export function boundedSourceName(stored: string): string | null {
  return shortText(stored, looksLikeHtml(stored) ? 'text/html' : undefined, MAX_NAME_CHARS) || null;
}

/** A stored entry title (already one line of text when stored), cut to MAX_TITLE_CHARS. */
export function boundedTitle(stored: string): string {
  return shortText(stored, undefined, MAX_TITLE_CHARS) || '(untitled)';
}

/** A stored author, cut to MAX_NAME_CHARS; null when nothing is left. */
export function boundedAuthor(stored: string): string | null {
  return boundAuthor(stored) || null;
}

/** Stored categories (a JSON array of strings) as ingest keeps them; anything else is no categories. */
export function boundedCategories(stored: unknown): string[] {
  return Array.isArray(stored) ? boundCategories(stored.filter((c): c is string => typeof c === 'string')) : [];
}

/** Whether a bounded list differs from the stored one. */
export function sameList(a: unknown, b: string[]): boolean {
  return Array.isArray(a) && a.length === b.length && a.every((x, i) => x === b[i]);
}
