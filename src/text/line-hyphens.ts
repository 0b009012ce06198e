// Words broken across a line end, as text taken from PDFs and wire copy has them (p-hashtags):
// "Mojahe-\ndin", or a soft hyphen where the line was broken ("Moja\u00ad\nhedin"). The topic
// matcher reads such a word joined; a line break anywhere else still ends a phrase.
import { letterCase } from './normalize.js';

const SOFT_HYPHEN = 0xad;

function isHorizontalSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f;
}

/** Past one line end (\r\n, \n, \r, U+2028) at `p`, or -1 when there is none. */
function pastLineEnd(s: string, p: number): number {
  const c = s.charCodeAt(p);
  if (c === 0x0d) return s.charCodeAt(p + 1) === 0x0a ? p + 2 : p + 1;
  if (c === 0x0a || c === 0x2028) return p + 1;
  return -1;
}

/**
 * Past the spaces, one line end and the spaces after it from `p`, or -1 when there is no line end.
 * What follows must then be a letter (a blank line is a second line end, no letter).
 */
function pastOneLineEnd(s: string, p: number): number {
  let q = p;
  while (q < s.length && isHorizontalSpace(s.charCodeAt(q))) q++;
  q = pastLineEnd(s, q);
  if (q < 0) return -1;
  while (q < s.length && isHorizontalSpace(s.charCodeAt(q))) q++;
  return q;
}

/** A hyphen a word is broken at: the hyphen-minus and U+2010 (not the dashes, which separate). */
export function isBreakHyphen(c: number): boolean {
  return c === 0x2d || c === 0x2010;
}

/**
 * Where the word broken at `j` goes on, or -1. `j` is the first character after the word's letters
 * so far (`j - 1` is a letter, or a soft hyphen inside the word):
 * - a soft hyphen, then spaces with at most one line end, then a letter: the soft hyphen only ever
 *   marks a place a word may be broken, so whatever follows is the word's rest, in any case;
 * - a hyphen at `j`, at the end of its line (one line end, not a blank line), then a lower-case
 *   letter: "Mojahe-\ndin". A capital after it ("Jean-\nPaul") is a second word.
 */
export function lineBreakContinuation(s: string, j: number, isLetterAt: (s: string, p: number) => boolean): number {
  if (j > 0 && s.charCodeAt(j - 1) === SOFT_HYPHEN) {
    let q = j;
    while (q < s.length && isHorizontalSpace(s.charCodeAt(q))) q++;
    const past = pastLineEnd(s, q);
    if (past >= 0) q = pastOneLineEnd(s, q);
    if (q <= j || q >= s.length) return -1;
    return isLetterAt(s, q) ? q : -1;
  }
  if (!isBreakHyphen(s.charCodeAt(j))) return -1;
  const q = pastOneLineEnd(s, j + 1);
  if (q < 0 || q >= s.length) return -1;
  return isLetterAt(s, q) && letterCase(s.codePointAt(q) as number) === 2 ? q : -1;
}

/**
 * Whether the hyphen at `j` ends its line (spaces, then a line end) and the next line goes on with
 * a letter: a line wrapped mid-sentence. The scanner lets only one line end after it pass, so a
 * blank line still ends the phrase, and so does a next line that opens with a list's dash or any
 * other mark ("well-\n- item", "Mojahedin-\n-e"): that line end was written, not wrapped.
 */
export function hyphenEndsLine(s: string, j: number, isLetterAt: (s: string, p: number) => boolean): boolean {
  if (!isBreakHyphen(s.charCodeAt(j))) return false;
  const q = pastOneLineEnd(s, j + 1);
  return q >= 0 && q < s.length && isLetterAt(s, q);
}
