// Whether an entry's article page is worth fetching, by the source's extract mode. Pure.
// "short" is the common case: feeds that carry a headline and two lines, or cut the text off
// with an ellipsis or a "Read more", promise more than they give.
import type { ExtractMode } from '../../domain/source.js';

/** Below this many characters of plain text, a feed's text is taken for a teaser. */
export const SHORT_TEXT_CHARS = 500;

// A teaser's tail: "…", "..", "[…]", "[...]", "(more)", "Read more", "Continue reading" (a few
// languages, as sites write them), optionally followed by an arrow or a closing bracket.
const TRUNCATED_TAIL =
  /(?:…|\.\.+|\[(?:…|\.\.\.)\]|\((?:…|\.\.\.|more)\)|\b(?:read more|continue reading|read the full (?:story|article)|more»?|lire la suite|weiterlesen|leer más|continua a leggere|ler mais|lees meer)|اقرأ المزيد|المزيد|ادامه مطلب)\s*[\]»›→>)]*\s*$/iu;

export function looksTruncated(text: string): boolean {
  return TRUNCATED_TAIL.test(text.trimEnd());
}

export function isShortText(text: string): boolean {
  const t = text.trim();
  return t.length < SHORT_TEXT_CHARS || looksTruncated(t);
}

/** Should the article page of an entry with this URL and feed text be fetched? */
export function needsFullText(mode: ExtractMode, entry: { url: string | null; text: string }): boolean {
  if (mode === 'off' || !entry.url || !/^https?:\/\//i.test(entry.url)) return false;
  return mode === 'always' || isShortText(entry.text);
}
