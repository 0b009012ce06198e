// Keyset cursors in URLs: "<publishedAt>.<id>" names the last entry seen, so a page stays put
// however many entries arrive meanwhile.
import type { EntryCursor } from './entry-query.js';

// A cursor as encodeCursor writes it: integers without leading zeros, no `+`, no `-0` (p-edges).
// `01.01` or `-0.1` named the same page as `1.1` or `0.1`, so one page had many addresses: each
// its own entry in the render cache, in proxies' and clients' caches and in a crawler's list.
const CANONICAL = /^(0|-?[1-9]\d{0,15})\.(0|[1-9]\d{0,15})$/;
// What was read as a cursor before: told apart only to say which problem a request has.
const LOOSE = /^-?\d{1,16}\.\d{1,16}$/;

export function encodeCursor(c: EntryCursor): string {
  return `${c.publishedAt}.${c.id}`;
}

/**
 * The two numbers of cursor `s` read by `canonical` (two groups), or undefined when it does not
 * match or either number is past 2^53 (r-edges): `1.9007199254740993` read as id
 * 9007199254740992, so two addresses named one page again, and neither was the one the page wrote.
 */
export function readCursor(s: string, canonical: RegExp = CANONICAL): [number, number] | undefined {
  const m = canonical.exec(s);
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = Number(m[2]);
  return Number.isSafeInteger(a) && Number.isSafeInteger(b) ? [a, b] : undefined;
}

/** The cursor `s` writes, or undefined when it is none or not written as encodeCursor writes it. */
export function decodeCursor(s: string | undefined): EntryCursor | undefined {
  const r = s ? readCursor(s) : undefined;
  return r && { publishedAt: r[0], id: r[1] };
}

/**
 * Why `s` (given, not empty) is no cursor: 'notCanonical' when it has a cursor's shape but not the
 * one encodeCursor writes (leading zeros, `-0`, a number past 2^53), else 'malformed'; undefined
 * when it is a cursor. `shape` and `canonical` are the two readings (entry cursors by default; the
 * API's story cursors pass their own).
 */
export function cursorProblem(s: string, shape: RegExp = LOOSE, canonical: RegExp = CANONICAL): 'malformed' | 'notCanonical' | undefined {
  if (readCursor(s, canonical)) return undefined;
  return shape.test(s) ? 'notCanonical' : 'malformed';
}
