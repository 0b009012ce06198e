// The characters search folds alike in the index and in every query word, on both store dialects:
// Arabic-script spellings of one letter (alef with hamza or madda, Persian yeh and kaf, teh
// marbuta…), the marks that are written or left out at will (harakat, tanween, superscript alef),
// tatweel, the zero-width non-joiner inside Persian words, and Eastern Arabic digits (version 1,
// r-search); and, from version 2 (p-fold2), the compatibility forms of letters and digits: full-width
// Latin, ligatures, Arabic presentation forms. It is the part of the topic matcher's folding
// (src/text/normalize.ts) that a plain character-for-text replacement can apply, so each dialect
// applies it in SQL where the index is written (SQLite's triggers and content view, PostgreSQL's
// newsdesk_fold), the SQLite query words and the highlighter apply it here, and a search finds what
// the topic matcher would match. Pure: no I/O.
import { prefixReading, searchReading } from './reading.js';

const TO_ALEF = [0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673, 0x0675];
const TO_YEH = [0x0626, 0x0649, 0x06cc, 0x06d0, 0x06d2, 0x0678];
const TO_KAF = [0x06a9, 0x06aa, 0x06ab];
const TO_HEH = [0x0629, 0x06be, 0x06c0, 0x06c1, 0x06c2, 0x06c3, 0x06d5];
const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);
/** Dropped: honorific signs, harakat and tanween, superscript alef, tatweel, ZWNJ. */
const DROPPED = [...range(0x0610, 0x061a), ...range(0x064b, 0x065f), 0x0670, 0x0640, 0x200c];

/** The Arabic-script letters, marks and digits (version 1, r-search): each a single code point, none produced by another. */
const LETTERS: readonly (readonly [string, string])[] = [
  ...TO_ALEF.map((c) => [String.fromCharCode(c), '\u0627'] as const),
  [String.fromCharCode(0x0624), '\u0648'],
  ...TO_YEH.map((c) => [String.fromCharCode(c), '\u064a'] as const),
  ...TO_KAF.map((c) => [String.fromCharCode(c), '\u0643'] as const),
  ...TO_HEH.map((c) => [String.fromCharCode(c), '\u0647'] as const),
  ...DROPPED.map((c) => [String.fromCharCode(c), ''] as const),
  ...range(0, 9).flatMap((d) => [
    [String.fromCharCode(0x0660 + d), String(d)] as const,
    [String.fromCharCode(0x06f0 + d), String(d)] as const,
  ]),
  // Version 2 (p-fold2): yeh barree with hamza is yeh barree and a hamza mark (its canonical
  // decomposition), both folded above. PostgreSQL's fold decomposed it already (NFD); SQLite did not.
  ['\u06d3', '\u064a'],
];

/** A fold as SQL writes it: its [character, what it becomes] pairs, and a regular-expression class holding every character it changes. */
export interface FoldTable {
  pairs: readonly (readonly [string, string])[];
  guard: string;
}

/**
 * A fold in stages, each a table of its own applied only to text holding a character of its
 * guard. No stage's result holds a character any stage changes, so the stages may run in any
 * order and each guard may be tested on the unfolded text.
 */
export type FoldStages = readonly FoldTable[];

const LETTERS_STAGE: FoldTable = { pairs: LETTERS, guard: '\u0600-\u06ff\u200c' };

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const LETTERS_MAP = new Map(LETTERS);
const foldLetters = (s: string): string => Array.from(s, (c) => LETTERS_MAP.get(c) ?? c).join('');

/** Consecutive code points as a regular-expression class body of ranges. */
function classOf(cps: number[]): string {
  let out = '';
  for (let i = 0; i < cps.length; ) {
    let j = i;
    while (j + 1 < cps.length && cps[j + 1] === cps[j]! + 1) j++;
    out += j > i ? `${String.fromCodePoint(cps[i]!)}-${String.fromCodePoint(cps[j]!)}` : String.fromCodePoint(cps[i]!);
    i = j + 1;
  }
  return out;
}

/**
 * Compatibility forms (version 2, p-fold2): every letter, digit or mark of the blocks `ranges` whose
 * compatibility decomposition (NFKD), with the letters folded as above and composed again (NFC),
 * is other text: full-width ｍｅｋ is mek, ﬁ is fi, the presentation forms of old PDFs are the
 * letters they draw, ﷺ is its four words. This is what NFKC does to them, as the topic matcher
 * folds (src/text/normalize.ts). Symbols and punctuation are left alone: they cut words on both
 * dialects whatever their form, and one whose form is letters (℡, ﷼) would join the words beside it.
 */
function compatStage(ranges: readonly (readonly [number, number])[]): FoldTable {
  const pairs: [string, string][] = [];
  for (const [a, b] of ranges) {
    for (let cp = a; cp <= b; cp++) {
      const c = String.fromCodePoint(cp);
      if (!WORD_CHAR.test(c)) continue;
      const to = foldLetters(c.normalize('NFKD')).normalize('NFC');
      if (to !== c) pairs.push([c, to]);
    }
  }
  return { pairs, guard: classOf(pairs.map(([c]) => c.codePointAt(0)!)) };
}

/**
 * The fold search applies now: full-width Latin letters and digits, half-width katakana and hangul,
 * Latin, Armenian and Hebrew presentation forms (ligatures), Arabic presentation forms A and B,
 * then the Arabic-script letters. The compatibility forms are cut by sub-block because a stage's
 * cost grows with its size and is paid by every text holding one of its characters: CJK text
 * often holds full-width digits, and a text in Arabic presentation forms mostly B's letter forms.
 * A migration writes a frozen copy instead (src/store/search-fold-frozen.ts).
 */
export const SEARCH_FOLD_TABLE: FoldStages = [
  compatStage([[0xff00, 0xff5f]]),
  compatStage([[0xff60, 0xffef]]),
  compatStage([[0xfb00, 0xfb4f]]),
  compatStage([[0xfb50, 0xfdff]]),
  compatStage([[0xfe70, 0xfeff]]),
  LETTERS_STAGE,
];

/** Every [character, what it becomes] pair of SEARCH_FOLD_TABLE. */
export const SEARCH_FOLD: readonly (readonly [string, string])[] = SEARCH_FOLD_TABLE.flatMap((s) => s.pairs);

const MAP = new Map(SEARCH_FOLD);
const ANY = new RegExp(`[${SEARCH_FOLD.map(([c]) => `\\u{${c.codePointAt(0)!.toString(16)}}`).join('')}]`, 'gu');
const UNFOLDED = new RegExp(`^[^${SEARCH_FOLD_TABLE.map((s) => s.guard).join('')}]*$`, 'u');

/**
 * `text` as fold version 3 reads and folds it (p-search3): its reading (reading.ts: hashtags'
 * words, words joined at line ends, look-alike letters, letter-like forms), then SEARCH_FOLD. The
 * store keeps a row's reading when it differs from the text and the database folds that
 * (migrations 44); query words and the highlighter go through this. A `prefix` word (`word*`)
 * gets no hashtag's words after it (reading.ts, prefixReading).
 */
export function searchFoldRead(text: string, prefix = false): string {
  return searchFold(prefix ? prefixReading(text) : searchReading(text));
}

/** `text` with SEARCH_FOLD applied (the same as searchFoldSql in the database). */
export function searchFold(text: string): string {
  return UNFOLDED.test(text) ? text : text.replace(ANY, (c) => MAP.get(c) ?? c);
}

/** A replacement as SQL: one code point through char()/chr(), more (SQLite) as char()'s list or (PostgreSQL) chr()s joined. */
function textSql(to: string, dialect: 'sqlite' | 'postgres'): string {
  const cps = Array.from(to, (c) => c.codePointAt(0)!);
  if (!cps.length) return "''";
  if (dialect === 'sqlite') return `char(${cps.join(', ')})`;
  return cps.length === 1 ? `chr(${cps[0]})` : `(${cps.map((cp) => `chr(${cp})`).join(' || ')})`;
}

/**
 * SQL applying a fold `table` to `expr`: one replace() per character (PostgreSQL measured a chain
 * of replace() calls faster than translate() or a regular expression, docs/security.md), and only
 * when `test` (default `expr`; the raw text where `expr` is costly to evaluate twice) holds a
 * character of the table's guard class, so other text costs one scan. `dialect` names the
 * code-point function and the test: SQLite char() and GLOB, PostgreSQL chr() and a regular expression.
 * Migrations pass their frozen table (src/store/search-fold-frozen.ts), never SEARCH_FOLD_TABLE.
 * SQLite refuses an expression more than 1,000 calls deep: its tables of more pairs are looked up
 * instead (its migration 42).
 */
export function searchFoldSql(table: FoldTable, expr: string, dialect: 'sqlite' | 'postgres', test = expr): string {
  const out = foldChainSql(table, expr, dialect);
  const has = dialect === 'sqlite' ? `${test} GLOB '*[${table.guard}]*'` : `${test} ~ '[${table.guard}]'`;
  return `CASE WHEN ${has} THEN ${out} ELSE ${expr} END`;
}

/** The replace() chain of searchFoldSql alone, with no guard. */
export function foldChainSql(table: FoldTable, expr: string, dialect: 'sqlite' | 'postgres'): string {
  let out = expr;
  for (const [from, to] of table.pairs) out = `replace(${out}, ${textSql(from, dialect)}, ${textSql(to, dialect)})`;
  return out;
}
