// XML text for feeds: escaped, and limited to the characters XML 1.0 allows (text/xml-escape.ts),
// so one stray control character cannot make a whole feed unreadable.
export { xmlAttr, xmlText, xmlChars as cleanText } from '../text/xml-escape.js';

/**
 * The times a feed can state: RFC 3339's year is four digits (0000–9999), and RSS's RFC 822 dates
 * are written with the same four. A time outside them (year 12000, or past what a JS Date holds,
 * where toISOString throws) comes only from data an older version or another path stored: the
 * pipeline stores none (pipeline/adapt-entry.ts: before year 0 no date, past the future slack the
 * check's time).
 */
const EARLIEST_MS = Date.parse('0000-01-01T00:00:00Z');
const LATEST_MS = Date.parse('9999-12-31T23:59:59.999Z');

/** `ms` when a feed can write it, else undefined. */
export function writableTime(ms: number | null | undefined): number | undefined {
  return ms !== null && ms !== undefined && ms >= EARLIEST_MS && ms <= LATEST_MS ? ms : undefined;
}

/** `ms` brought into the range a feed can write (a feed's own updated, which must be given). */
export function clampTime(ms: number): number {
  return Number.isNaN(ms) ? EARLIEST_MS : Math.min(Math.max(ms, EARLIEST_MS), LATEST_MS);
}

/** RFC 822 date as RSS 2.0 wants it (always GMT, four-digit year). */
export function rfc822(ms: number): string {
  return new Date(ms).toUTCString().replace(/GMT$/, '+0000');
}

/** RFC 3339 date (Atom, JSON Feed). */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
