// Lines written in the Arabic script (Arabic, Persian), as the word-reading rules of stages 4 and
// 4b read them. One word is written several ways there: ي/ی/ى, ك/ک, ة/ه, the hamza forms of alef
// (أ إ آ ا), tatweel (ـ) stretching a word, the short-vowel marks, a zero-width non-joiner (ZWNJ)
// or a space or nothing between the parts of a Persian word (اشتراک‌گذاری, اشتراک گذاری), and the
// digits as Arabic-Indic (٠–٩), Persian (۰–۹) or ASCII. A line and the rules' wordings are both
// folded through the topics' normaliser (src/text/normalize.ts, foldCodePoint), code point by
// code point, so that every spelling of a wording matches; punctuation is kept, since the rules
// read separators (":", "|", "،").
import { CharKind, charKind, foldCodePoint } from '../../text/normalize.js';

/** Letters of the Arabic script: the Arabic block and its presentation forms. */
const ARABIC_LETTER = /[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufefc]/;

function isArabicCodePoint(cp: number): boolean {
  return (cp >= 0x0600 && cp <= 0x06ff) || (cp >= 0xfb50 && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfefc);
}

/**
 * `s` folded: its Arabic-script characters through foldCodePoint (letter variants to one, marks
 * and tatweel dropped, Arabic-Indic and Persian digits to ASCII), invisible characters (ZWNJ,
 * bidi marks) dropped, every other character as it is, runs of spaces as one.
 */
export function foldArabicScript(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const cp = s.codePointAt(i) as number;
    if (cp > 0xffff) {
      out += String.fromCodePoint(cp);
      i++;
      continue;
    }
    if (isArabicCodePoint(cp)) out += foldCodePoint(cp);
    else if (charKind(cp) !== CharKind.Ignore) out += s[i];
  }
  return out.replace(/\s+/g, ' ').trim();
}

/**
 * `str` folded when it holds Arabic-script letters and is at most `max` characters long (the
 * longest line any word rule reads), else null: a Latin line costs one scan and no copy.
 */
export function arabicLine(str: string, max = 400): string | null {
  return str.length <= max && ARABIC_LETTER.test(str) ? foldArabicScript(str) : null;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A regular-expression alternation of `wordings`, folded as lines are: a space between words
 * matches one space; a ZWNJ inside a word matches a space or nothing (the word's parts written
 * apart or joined, since the ZWNJ itself is folded away).
 */
export function arabicWordings(wordings: readonly string[]): string {
  const alts = wordings.map((w) =>
    w
      .split(' ')
      .map((word) =>
        word
          .split('\u200c')
          .map((part) => escapeRegExp(foldArabicScript(part)))
          .join(' ?'),
      )
      .join(' '),
  );
  // Longest first, so that an alternation does not stop at a shorter wording's end.
  alts.sort((a, b) => b.length - a.length);
  return `(?:${alts.join('|')})`;
}

/** The end of a word: the line's end or a character that is no letter, mark or digit. */
export const WORD_END = '(?=$|[^\\p{L}\\p{M}\\p{N}])';

/** Arabic-script punctuation: comma, semicolon, question mark and the Arabic full stop (U+06D4). */
export const ARABIC_PUNCTUATION = '\u060c\u061b\u061f\u06d4';
