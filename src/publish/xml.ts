// XML text for feeds: escaped, and limited to the characters XML 1.0 allows (text/xml-escape.ts),
// so one stray control character cannot make a whole feed unreadable.
export { xmlAttr, xmlText, xmlChars as cleanText } from '../text/xml-escape.js';

/** RFC 822 date as RSS 2.0 wants it (always GMT, four-digit year). */
export function rfc822(ms: number): string {
  return new Date(ms).toUTCString().replace(/GMT$/, '+0000');
}

/** RFC 3339 date (Atom, JSON Feed). */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
