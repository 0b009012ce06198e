// Text normalisation shared by topic aliases and the articles they are matched against.
// Both sides go through the same folding, so "Mojahedin", "MOJAHEDIN" and "Mojāhedin", or
// "إيران" and "ايران", compare equal. Folding works per code point (cached) so it can keep an
// exact map back to UTF-16 offsets in the original string: matches must highlight the
// original text, never the normalised copy.

/** How the tokenizer treats a code point. */
export const CharKind = {
  /** Part of a word: letters, marks, digits. */
  Word: 1,
  /** Invisible inside words (ZWNJ, ZWJ, soft hyphen, bidi controls): dropped, word continues. */
  Ignore: 2,
  /** Apostrophe: dropped between two word characters ("People's" → "peoples"), else a space. */
  Apostrophe: 3,
  /** Hyphen or dash: separates words but not phrases ("Mojahedin-e Khalq"). */
  Hyphen: 4,
  /** Sentence or clause punctuation: a phrase never matches across it. */
  Break: 5,
  /** Whitespace and other symbols. */
  Space: 6,
} as const;
export type CharKind = (typeof CharKind)[keyof typeof CharKind];

const kindCache = new Uint8Array(0x10000);
const astralKind = new Map<number, CharKind>();

const IGNORABLE = new Set([
  0x00ad, 0x061c, 0x180e, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2060, 0x2061, 0x2062, 0x2063,
  0x2064, 0x2066, 0x2067, 0x2068, 0x2069, 0xfeff,
]);
const APOSTROPHES = new Set([0x27, 0x60, 0xb4, 0x2bc, 0x2bb, 0x2be, 0x2bf, 0x2018, 0x2019, 0x201b, 0x2032, 0xff07]);
const HYPHENS = new Set([
  0x2d, 0x5f, 0x58a, 0x5be, 0x1806, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0x2e3a, 0x2e3b, 0xfe58, 0xfe63, 0xff0d,
]);
// Newline is a break: feed text keeps one paragraph per line, and a name split across
// paragraphs is not a mention of it.
const BREAKS = new Set(
  [
    ...'.,;:!?()[]{}"/\\|<>\n\r\u2026\u00ab\u00bb\u201c\u201d\u201e\u201f\u2039\u203a\u060c\u061b\u061f\u06d4\u3001\u3002\uff0c\uff0e\uff1a\uff1b\uff01\uff1f\u2022\u00b7',
  ].map((c) => c.codePointAt(0) as number),
);
const WORD_RE = /[\p{L}\p{M}\p{N}]/u;

function classify(cp: number): CharKind {
  if (IGNORABLE.has(cp)) return CharKind.Ignore;
  if (APOSTROPHES.has(cp)) return CharKind.Apostrophe;
  if (HYPHENS.has(cp)) return CharKind.Hyphen;
  if (BREAKS.has(cp)) return CharKind.Break;
  // Lone surrogates fall through to Space: String.fromCodePoint of one is itself, not a letter.
  if (cp >= 0xd800 && cp <= 0xdfff) return CharKind.Space;
  return WORD_RE.test(String.fromCodePoint(cp)) ? CharKind.Word : CharKind.Space;
}

export function charKind(cp: number): CharKind {
  if (cp < 0x10000) {
    let k = kindCache[cp] as number;
    if (k === 0) {
      k = classify(cp);
      kindCache[cp] = k;
    }
    return k as CharKind;
  }
  let k = astralKind.get(cp);
  if (k === undefined) {
    k = classify(cp);
    astralKind.set(cp, k);
  }
  return k;
}

// Arabic-script letters written several ways for the same sound or role. Mapped after NFKD,
// so presentation forms (U+FB50–U+FEFF) are already base letters here.
const ARABIC_FOLD: Record<number, string> = {
  0x0671: '\u0627', // alef wasla
  0x0672: '\u0627',
  0x0673: '\u0627',
  0x0675: '\u0627',
  0x0649: '\u064a', // alef maksura → yeh
  0x06cc: '\u064a', // Farsi yeh → Arabic yeh
  0x06d0: '\u064a',
  0x06d2: '\u064a',
  0x0678: '\u064a',
  0x06a9: '\u0643', // keheh (Persian kaf) → kaf
  0x06aa: '\u0643',
  0x06ab: '\u0643',
  0x0629: '\u0647', // teh marbuta → heh
  0x06c0: '\u0647', // heh with yeh above (Persian izafe on heh)
  0x06c1: '\u0647',
  0x06c2: '\u0647',
  0x06c3: '\u0647',
  0x06be: '\u0647', // heh doachashmee
  0x06d5: '\u0647',
  0x0640: '', // tatweel: stretches a word, carries no letter
};

/** Marks dropped by folding: Latin/Greek/Cyrillic combining diacritics and Arabic harakat. */
function isDroppedMark(cp: number): boolean {
  return (
    (cp >= 0x0300 && cp <= 0x036f) ||
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x1dc0 && cp <= 0x1dff) ||
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    (cp >= 0xfe20 && cp <= 0xfe2f) ||
    (cp >= 0x0610 && cp <= 0x061a) ||
    (cp >= 0x064b && cp <= 0x065f) ||
    cp === 0x0670 ||
    (cp >= 0x06d6 && cp <= 0x06ed && cp !== 0x06e5 && cp !== 0x06e6)
  );
}

function foldUncached(cp: number): string {
  if (cp >= 0x0660 && cp <= 0x0669) return String.fromCharCode(0x30 + cp - 0x0660);
  if (cp >= 0x06f0 && cp <= 0x06f9) return String.fromCharCode(0x30 + cp - 0x06f0);
  const direct = ARABIC_FOLD[cp];
  if (direct !== undefined) return direct;
  if (cp >= 0xd800 && cp <= 0xdfff) return '';
  const decomposed = String.fromCodePoint(cp).normalize('NFKD');
  let out = '';
  for (const ch of decomposed) {
    const c = ch.codePointAt(0) as number;
    if (isDroppedMark(c)) continue;
    if (c >= 0x0660 && c <= 0x0669) out += String.fromCharCode(0x30 + c - 0x0660);
    else if (c >= 0x06f0 && c <= 0x06f9) out += String.fromCharCode(0x30 + c - 0x06f0);
    else out += ARABIC_FOLD[c] ?? ch;
  }
  // Recompose what NFKD split but we keep (Hangul, Indic), then fold case the full way
  // JavaScript offers: toLowerCase plus the two foldings it lacks.
  out = out.normalize('NFKC').toLowerCase().replace(/ß/g, 'ss').replace(/ς/g, 'σ');
  return out;
}

const foldCache: (string | undefined)[] = new Array<string | undefined>(0x10000);
const astralFold = new Map<number, string>();

/** Folded form of one code point: may be empty (marks, tatweel) or longer (ﬁ → fi, ß → ss). */
export function foldCodePoint(cp: number): string {
  if (cp < 0x80) {
    return cp >= 0x41 && cp <= 0x5a ? String.fromCharCode(cp + 32) : String.fromCharCode(cp);
  }
  if (cp < 0x10000) {
    let f = foldCache[cp];
    if (f === undefined) {
      f = foldUncached(cp);
      foldCache[cp] = f;
    }
    return f;
  }
  let f = astralFold.get(cp);
  if (f === undefined) {
    f = foldUncached(cp);
    astralFold.set(cp, f);
  }
  return f;
}

/** Normalised text with, for every UTF-16 unit of it, the original range it came from. */
export interface NormalizedText {
  text: string;
  /** starts[i]..ends[i] is the original range that produced text[i]. */
  starts: Uint32Array;
  ends: Uint32Array;
}

/**
 * Folds a whole string, collapsing every run of non-word characters to one space, with an
 * offset map back to the original. Used for display (snippets, explain views) and by tests;
 * the matcher uses the tokenizer, which applies the same folding.
 */
export function normalizeText(input: string): NormalizedText {
  const parts: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let pendingSpace = -1;
  let i = 0;
  const n = input.length;
  while (i < n) {
    const cp = input.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    const kind = charKind(cp);
    const prevWord = parts.length > 0 && pendingSpace < 0;
    if (kind === CharKind.Word) {
      if (pendingSpace >= 0 && parts.length > 0) {
        parts.push(' ');
        starts.push(pendingSpace);
        ends.push(i);
      }
      pendingSpace = -1;
      const f = foldCodePoint(cp);
      for (let k = 0; k < f.length; k++) {
        parts.push(f[k] as string);
        starts.push(i);
        ends.push(i + width);
      }
    } else if (kind === CharKind.Ignore) {
      // Dropped without splitting the word.
    } else if (kind === CharKind.Apostrophe && prevWord && i + 1 < n && charKind(input.codePointAt(i + 1) as number) === CharKind.Word) {
      // Inside a word: dropped.
    } else if (pendingSpace < 0) {
      pendingSpace = i;
    }
    i += width;
  }
  return { text: parts.join(''), starts: Uint32Array.from(starts), ends: Uint32Array.from(ends) };
}

/** Folded words of a string joined by single spaces: the comparable form of a term. */
export function normalizeTerm(input: string): string {
  return normalizeText(input).text;
}

const caseCache = new Uint8Array(0x10000);

/** 1 upper case, 2 lower case, 3 neither (most scripts, digits). Cached per code point. */
export function letterCase(cp: number): 1 | 2 | 3 {
  if (cp < 0x10000) {
    let c = caseCache[cp] as number;
    if (c === 0) {
      c = caseUncached(cp);
      caseCache[cp] = c;
    }
    return c as 1 | 2 | 3;
  }
  return caseUncached(cp);
}

function caseUncached(cp: number): 1 | 2 | 3 {
  if (cp >= 0xd800 && cp <= 0xdfff) return 3;
  const ch = String.fromCodePoint(cp);
  if (ch !== ch.toLowerCase()) return 1;
  if (ch !== ch.toUpperCase()) return 2;
  return 3;
}
