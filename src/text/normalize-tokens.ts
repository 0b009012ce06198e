// Splits text into folded words that remember where they came from (UTF-16 offsets into the
// original string). One pass, no regexes: this runs on every stored entry for every topic
// save, so an ASCII word costs one slice and one toLowerCase.
import { hashtagParts, isHashtagStart } from './hashtags.js';
import { hyphenEndsLine, lineBreakContinuation } from './line-hyphens.js';
import { LATIN_LOOKALIKES } from './lookalikes.js';
import { CharKind, charKind, foldCodePoint, letterCase } from './normalize.js';

/** A phrase must not continue across this token's left edge (sentence/clause punctuation). */
export const TOKEN_BREAK_BEFORE = 1;
/** The original word starts with an upper-case letter. */
export const TOKEN_CAPITALIZED = 2;
/** The word ends in apostrophe + s ("MEK's"); `coreEnd` excludes that suffix. */
export const TOKEN_POSSESSIVE = 4;
/** Written as a dotted acronym ("M.E.K."); the dots are not in `norm`. */
export const TOKEN_DOTTED = 8;
/** Joined to the previous word by a hyphen and nothing else ("pro-liberty"). */
export const TOKEN_HYPHEN_BEFORE = 16;
// The flags below are set only in the reading of article text (`scanWords(…, article = true)`):
// each marks a word read otherwise than as written, so a match through it is never 'exact'.
/** One of the words of a hashtag split at capitals, digits or underscores ("#FreeIran2026"). */
export const TOKEN_HASHTAG_PART = 32;
/** A word broken at a line end and read joined ("Mojahe-\ndin", "Moja\u00ad\nhedin"). */
export const TOKEN_LINE_JOINED = 64;
/** After a hyphen that ends a line ("Jean-\nPaul"): the line break does not end the phrase here. */
export const TOKEN_LINE_HYPHEN_BEFORE = 128;
/** A word mixing Latin with Cyrillic or Greek look-alike letters ("MЕK"), read as Latin. */
export const TOKEN_LOOKALIKE = 256;
/** A hashtag's word split from a neighbour only at a case or digit change ("MEK" in "#StopMEK"). */
export const TOKEN_HASHTAG_GLUED = 512;

export interface Token {
  /** Folded form: NFKC, case-folded, diacritics and Arabic variants unified. */
  norm: string;
  /** UTF-16 offset of the first original code unit. */
  start: number;
  /** UTF-16 offset just past the last original code unit. */
  end: number;
  /** End of the word without a possessive "'s" (equals `end` otherwise). */
  coreEnd: number;
  flags: number;
}

const K_WORD = 1;
const K_IGNORE = 2;
const K_APOS = 3;
const K_HYPHEN = 4;
const K_BREAK = 5;
const SOFT_HYPHEN = 0xad;

const ASCII_KIND = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_KIND[c] = charKind(c);

function kindAt(s: string, i: number): number {
  if (i >= s.length) return CharKind.Space;
  const c = s.charCodeAt(i);
  return c < 128 ? (ASCII_KIND[c] as number) : charKind(s.codePointAt(i) as number);
}

function isUpperAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 128) return c >= 0x41 && c <= 0x5a;
  return letterCase(s.codePointAt(i) as number) === 1;
}

/**
 * A dotted acronym starting at `i` ("M.E.K.", "U.S"): single letters each followed by a dot,
 * at least two of them. Returns its end offset, or -1.
 */
function dottedAcronymEnd(s: string, i: number): number {
  let p = i;
  let letters = 0;
  for (;;) {
    const c = s.charCodeAt(p);
    const single = c < 0xd800 && kindAt(s, p) === K_WORD && kindAt(s, p + 1) !== K_WORD;
    if (!single) break;
    if (s.charCodeAt(p + 1) === 0x2e) {
      letters++;
      p += 2;
      continue;
    }
    if (letters >= 1) {
      letters++;
      p += 1;
    }
    break;
  }
  return letters >= 2 ? p : -1;
}

// Scripts written without spaces between words (Chinese, Japanese kana): a run of them is no
// one word, so a tokenizer that waits for a space sees a whole clause as one "word" and a name
// inside it never matches. With `splitIdeographs` each such character is a word of its own, and a
// name is the phrase of its characters ("習近平" inside "習近平は…").
const IDEOGRAPH_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc\uff70]/u;
const MARK_RE = /^\p{M}$/u;
const ideographCache = new Uint8Array(0x10000);
const astralIdeograph = new Map<number, boolean>();

/** Whether `cp` is a character of a script written without spaces (Han, Hiragana, Katakana). */
export function isIdeograph(cp: number): boolean {
  if (cp < 0x2e80) return false;
  if (cp < 0x10000) {
    let v = ideographCache[cp] as number;
    if (v === 0) {
      v = IDEOGRAPH_RE.test(String.fromCodePoint(cp)) ? 1 : 2;
      ideographCache[cp] = v;
    }
    return v === 1;
  }
  let v = astralIdeograph.get(cp);
  if (v === undefined) {
    v = IDEOGRAPH_RE.test(String.fromCodePoint(cp));
    astralIdeograph.set(cp, v);
  }
  return v;
}

/**
 * Receives each word of a text. `folded` is null for a plain ASCII word (letters and digits
 * only), whose folded form is simply `text.slice(start, end).toLowerCase()`: callers that
 * cache by the original spelling can then skip building it.
 */
export type WordVisitor = (start: number, end: number, coreEnd: number, flags: number, folded: string | null, hash: number) => void;

/**
 * For plain ASCII words the visitor also gets a 32-bit FNV-1a hash of the lower-cased word:
 * h = imul(h ^ (c | 0x20), 0x01000193) over its characters, from this seed.
 */
export const WORD_HASH_SEED = 0x811c9dc5 | 0;

/**
 * Walks the words of `s` in order (the single tokenizer behind `tokenize` and the matcher).
 * `splitIdeographs`: every Han or kana character is a word by itself (the topic matcher's
 * reading; see isIdeograph). Without it a run of them is one word, as story features want.
 * `article`: the topic matcher's reading of article text (p-hashtags, docs/topics.md): a hashtag
 * is read as its words ("#FreeIran2026" → Free Iran 2026, TOKEN_HASHTAG_PART), a word broken at a
 * line end is read joined ("Mojahe-\ndin", TOKEN_LINE_JOINED), a line end right after a hyphen does
 * not end a phrase (TOKEN_LINE_HYPHEN_BEFORE), and a word mixing Latin with Cyrillic or Greek
 * look-alike letters is read as Latin ("MЕK", TOKEN_LOOKALIKE). Aliases are not read that way.
 */
export function scanWords(s: string, visit: WordVisitor, splitIdeographs = false, article = false): void {
  const n = s.length;
  let i = 0;
  let brk = false;
  let hyphen = false;
  let spaced = false;
  let seen = false;
  // A hyphen ended the line just crossed: that line end is a wrapped line, not a paragraph's end.
  let lineHyphen = false;
  let lineCrossed = false;
  while (i < n) {
    const c0 = s.charCodeAt(i);
    let kind: number;
    let width = 1;
    if (c0 < 128) kind = ASCII_KIND[c0] as number;
    else {
      const cp = s.codePointAt(i) as number;
      width = cp > 0xffff ? 2 : 1;
      kind = charKind(cp);
    }
    if (kind !== K_WORD) {
      if (article && (c0 === 0x23 || c0 === 0xff03) && isHashtagStart(s, i, isIdeograph)) {
        const tag = hashtagParts(s, i, isIdeograph);
        if (tag !== null && tag.parts.length > 1) {
          const base = brk ? TOKEN_BREAK_BEFORE : 0;
          brk = false;
          hyphen = false;
          spaced = false;
          lineHyphen = false;
          lineCrossed = false;
          tag.parts.forEach((part, k) => {
            let flags = (k === 0 ? base : 0) | TOKEN_HASHTAG_PART | (part.glued ? TOKEN_HASHTAG_GLUED : 0);
            if (isUpperAt(s, part.start)) flags |= TOKEN_CAPITALIZED;
            const norm = foldSpan(s, part.start, part.end, false);
            if (norm.length > 0) {
              seen = true;
              visit(part.start, part.end, part.end, flags, norm, 0);
            }
          });
          i = tag.end;
          continue;
        }
      }
      if (kind === K_BREAK) {
        // "Mojahedin-\nKhalq": the one line end after a hyphen is a wrapped line.
        if (article && lineHyphen && !lineCrossed && (c0 === 0x0a || c0 === 0x0d)) {
          lineCrossed = true;
          if (c0 === 0x0d && s.charCodeAt(i + 1) === 0x0a) i++;
        } else brk = true;
      } else if (kind === K_HYPHEN) {
        hyphen = true;
        lineHyphen = article && !lineCrossed && i > 0 && kindAt(s, i - 1) === K_WORD && hyphenEndsLine(s, i, isWordAt);
      } else if (kind !== K_IGNORE) spaced = true;
      i += width;
      continue;
    }

    const start = i;
    let flags =
      (brk ? TOKEN_BREAK_BEFORE : 0) |
      (hyphen && !spaced && seen ? TOKEN_HYPHEN_BEFORE : 0) |
      (lineHyphen && lineCrossed && !brk ? TOKEN_LINE_HYPHEN_BEFORE : 0);
    brk = false;
    hyphen = false;
    spaced = false;
    lineHyphen = false;
    lineCrossed = false;
    if (c0 < 128 ? c0 >= 0x41 && c0 <= 0x5a : isUpperAt(s, i)) flags |= TOKEN_CAPITALIZED;
    if (splitIdeographs && c0 >= 0x2e80 && isIdeograph(s.codePointAt(i) as number)) {
      // The character and its combining marks (a decomposed "が" is "か" + U+3099).
      let norm = foldCodePoint(s.codePointAt(i) as number);
      i += width;
      while (i < n && s.charCodeAt(i) >= 0x300 && MARK_RE.test(String.fromCodePoint(s.codePointAt(i) as number))) {
        const cp = s.codePointAt(i) as number;
        norm += foldCodePoint(cp);
        i += cp > 0xffff ? 2 : 1;
      }
      seen = true;
      visit(start, i, i, flags, norm.normalize('NFC'), 0);
      continue;
    }

    // Only a single letter followed by a dot can start "M.E.K.".
    if (s.charCodeAt(i + 1) === 0x2e && c0 < 0xd800) {
      const dottedEnd = dottedAcronymEnd(s, i);
      if (dottedEnd > 0) {
        let norm = '';
        for (let p = start; p < dottedEnd; p++) {
          const c = s.charCodeAt(p);
          if (c !== 0x2e) norm += foldCodePoint(c);
        }
        seen = true;
        visit(start, dottedEnd, dottedEnd, flags | TOKEN_DOTTED, norm, 0);
        i = dottedEnd;
        continue;
      }
    }

    // ASCII letters and digits only: the common case, no string built here.
    let j = i;
    let simple = true;
    let norm = '';
    let lastApos = -1;
    let hash = WORD_HASH_SEED;
    // Latin letters and Cyrillic/Greek look-alikes of them, both in one word (article reading).
    let latin = false;
    let lookalike = false;
    while (j < n) {
      const c = s.charCodeAt(j);
      if (c < 128) {
        const k = ASCII_KIND[c] as number;
        if (k === K_WORD) {
          hash = Math.imul(hash ^ (c | 0x20), 0x01000193);
          if (c >= 0x41) latin = true;
          if (!simple) norm += c >= 0x41 && c <= 0x5a ? String.fromCharCode(c + 32) : (s[j] as string);
          j++;
          continue;
        }
        if (k === K_APOS && kindAt(s, j + 1) === K_WORD) {
          if (simple) {
            norm = s.slice(i, j).toLowerCase();
            simple = false;
          }
          lastApos = j;
          j++;
          continue;
        }
        // A hyphen ending the line, or a line end after a soft hyphen: the word may go on.
        if (article && (k === K_HYPHEN || (k !== K_APOS && s.charCodeAt(j - 1) === SOFT_HYPHEN))) {
          const next = lineBreakContinuation(s, j, isWordAt);
          if (next > 0) {
            simple = false;
            flags |= TOKEN_LINE_JOINED;
            j = next;
            continue;
          }
        }
        break;
      }
      const cp = s.codePointAt(j) as number;
      const w = cp > 0xffff ? 2 : 1;
      const k = charKind(cp);
      if (splitIdeographs && isIdeograph(cp)) break;
      if (k === K_WORD || k === K_IGNORE || (k === K_APOS && kindAt(s, j + w) === K_WORD)) {
        if (simple) {
          norm = s.slice(i, j).toLowerCase();
          simple = false;
        }
        if (k === K_WORD) {
          norm += foldCodePoint(cp);
          if (article) {
            if (isLatinLetter(cp)) latin = true;
            else if (LATIN_LOOKALIKES.has(cp)) lookalike = true;
          }
        } else if (k === K_APOS) lastApos = j;
        j += w;
        continue;
      }
      if (article && (k === K_HYPHEN || s.charCodeAt(j - 1) === SOFT_HYPHEN)) {
        const next = lineBreakContinuation(s, j, isWordAt);
        if (next > 0) {
          flags |= TOKEN_LINE_JOINED;
          j = next;
          continue;
        }
      }
      break;
    }
    i = j;
    // The word ends at its last visible character: a bidi control or zero-width space after it
    // ("…International\u202c") is no part of the match a reader sees or the API returns.
    let end = j;
    while (end > start && kindAt(s, end - 1) === K_IGNORE) end--;
    let coreEnd = end;
    if (lastApos >= 0 && lastApos === end - 2 && (s.charCodeAt(end - 1) | 0x20) === 0x73) {
      flags |= TOKEN_POSSESSIVE;
      coreEnd = lastApos;
    }
    // Only a word that mixes scripts: a word wholly in Cyrillic or Greek is read as written.
    if (latin && lookalike) {
      flags |= TOKEN_LOOKALIKE;
      norm = foldSpan(s, start, end, true);
    } else if ((flags & TOKEN_LINE_JOINED) !== 0) norm = foldSpan(s, start, end, false);
    // Marks or tatweel alone fold to nothing: not a word.
    if (simple) {
      seen = true;
      visit(start, end, coreEnd, flags, null, hash);
    } else if (norm.length > 0) {
      seen = true;
      visit(start, end, coreEnd, flags, norm, 0);
    }
  }
}

/** Latin letters beyond ASCII (Latin-1, Latin Extended A/B, Additional). */
function isLatinLetter(cp: number): boolean {
  return (cp >= 0xc0 && cp <= 0x24f && cp !== 0xd7 && cp !== 0xf7) || (cp >= 0x1e00 && cp <= 0x1eff);
}

function isWordAt(s: string, p: number): boolean {
  return kindAt(s, p) === K_WORD;
}

/**
 * The folded form of the word characters in s[start, end): joiners, apostrophes, hyphens and the
 * line ends of a joined word dropped; with `lookalikes`, Cyrillic and Greek look-alike letters
 * read as the Latin letters they look like.
 */
function foldSpan(s: string, start: number, end: number, lookalikes: boolean): string {
  let out = '';
  for (let p = start; p < end; ) {
    const cp = s.codePointAt(p) as number;
    p += cp > 0xffff ? 2 : 1;
    if ((cp < 128 ? ASCII_KIND[cp] : charKind(cp)) !== K_WORD) continue;
    const latin = lookalikes ? LATIN_LOOKALIKES.get(cp) : undefined;
    out += foldCodePoint(latin === undefined ? cp : latin.charCodeAt(0));
  }
  return out;
}

export function tokenize(s: string, splitIdeographs = false): Token[] {
  const out: Token[] = [];
  scanWords(
    s,
    (start, end, coreEnd, flags, folded) => {
      out.push({ norm: folded ?? s.slice(start, end).toLowerCase(), start, end, coreEnd, flags });
    },
    splitIdeographs,
  );
  return out;
}

/**
 * The original spelling of a token for case-sensitive comparison (acronyms): dots, invisible
 * joiners and a possessive "'s" removed, case kept. "M.E.K." → "MEK", "MEK’s" → "MEK". With
 * `lookalikes` (a TOKEN_LOOKALIKE word), Cyrillic and Greek look-alikes as the Latin letters they
 * look like, in their case: "MЕK" with a Cyrillic Е → "MEK".
 */
export function tokenSurface(s: string, t: Pick<Token, 'start' | 'coreEnd'>, lookalikes = false): string {
  let out = '';
  for (let p = t.start; p < t.coreEnd; ) {
    const cp = s.codePointAt(p) as number;
    const w = cp > 0xffff ? 2 : 1;
    const k = cp < 128 ? (ASCII_KIND[cp] as number) : charKind(cp);
    if (k === K_WORD) out += (lookalikes ? LATIN_LOOKALIKES.get(cp) : undefined) ?? String.fromCodePoint(cp).normalize('NFKC');
    p += w;
  }
  return out;
}
