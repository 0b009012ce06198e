// Measures of text written in Chinese, Japanese and Korean. The stages' length and word measures
// were written for alphabetic scripts: a word ends at a space, and a sentence runs to 80 or more
// characters. Chinese and Japanese put no space between words, and one of their characters (or a
// Korean syllable block) carries about what a short word of three or four letters does, so a full
// sentence is 25–40 characters. These helpers let a measure count such text in the same units.

/**
 * Characters of the scripts written without spaces between words (Han, Hiragana, Katakana): each
 * is counted as one word,
 * as a word-segmenting tokenizer would roughly give (a Chinese word is one to two characters).
 */
export function isNoSpaceChar(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) || // CJK unified ideographs
    (c >= 0x3400 && c <= 0x4dbf) || // extension A
    (c >= 0x3040 && c <= 0x30ff) || // Hiragana, Katakana
    (c >= 0xf900 && c <= 0xfaff) // compatibility ideographs
  );
}

/** CJK punctuation: the ideographic comma and full stop, brackets, and the full-width punctuation forms. */
export function isCjkPunctuation(c: number): boolean {
  return (
    (c >= 0x3000 && c <= 0x303f) ||
    (c >= 0xff01 && c <= 0xff0f) ||
    (c >= 0xff1a && c <= 0xff20) ||
    (c >= 0xff3b && c <= 0xff40) ||
    (c >= 0xff5b && c <= 0xff65)
  );
}

/** Characters of CJK text in `s`: Han, kana and Hangul syllables. */
export function cjkCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x3040 && (isNoSpaceChar(c) || (c >= 0xac00 && c <= 0xd7af))) n++;
  }
  return n;
}

/** How many alphabetic characters one CJK character is taken to weigh (the trim's prose test, readerable.ts). */
export const CJK_WEIGHT = 3;

/**
 * The length of `s` with each CJK character weighing CJK_WEIGHT: what a length threshold written
 * for alphabetic text ("a sentence is 80 characters") compares against. `length` is the length
 * already measured (squeezed) and is returned as it is when `s` holds no CJK text.
 */
export function weightedLength(s: string, length = s.length): number {
  return length + (CJK_WEIGHT - 1) * cjkCount(s);
}
