// The letters search folds alike in the index and in every query word, on both store dialects:
// Arabic-script spellings of one letter (alef with hamza or madda, Persian yeh and kaf, teh
// marbuta…), the marks that are written or left out at will (harakat, tanween, superscript alef),
// tatweel, the zero-width non-joiner inside Persian words, and Eastern Arabic digits. It is the
// part of the topic matcher's folding (src/text/normalize.ts) that a plain character-for-text
// replacement can apply, so each dialect applies it in SQL where the index is written (SQLite's
// triggers, PostgreSQL's newsdesk_fold), the SQLite query words and the highlighter apply it here,
// and a search finds what the topic matcher would match. Pure: no I/O.

const TO_ALEF = [0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673, 0x0675];
const TO_YEH = [0x0626, 0x0649, 0x06cc, 0x06d0, 0x06d2, 0x0678];
const TO_KAF = [0x06a9, 0x06aa, 0x06ab];
const TO_HEH = [0x0629, 0x06be, 0x06c0, 0x06c1, 0x06c2, 0x06c3, 0x06d5];
const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);
/** Dropped: honorific signs, harakat and tanween, superscript alef, tatweel, ZWNJ. */
const DROPPED = [...range(0x0610, 0x061a), ...range(0x064b, 0x065f), 0x0670, 0x0640, 0x200c];

/** [character, what it becomes]: each a single code point, none produced by another. */
export const SEARCH_FOLD: readonly (readonly [string, string])[] = [
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
];

/** The characters SEARCH_FOLD changes all lie in this class (the Arabic block and ZWNJ). */
const FOLDED_CLASS = '\u0600-\u06ff\u200c';

/** A fold as SQL writes it: its [character, what it becomes] pairs, and a regular-expression class holding every character it changes. */
export interface FoldTable {
  pairs: readonly (readonly [string, string])[];
  guard: string;
}

/** The fold search applies now. A migration writes a frozen copy instead (src/store/search-fold-frozen.ts). */
export const SEARCH_FOLD_TABLE: FoldTable = { pairs: SEARCH_FOLD, guard: FOLDED_CLASS };

const MAP = new Map(SEARCH_FOLD);
const ANY = new RegExp(`[${SEARCH_FOLD.map(([c]) => `\\u{${c.codePointAt(0)!.toString(16)}}`).join('')}]`, 'gu');
const NOT_ARABIC = new RegExp(`^[^${FOLDED_CLASS}]*$`, 'u');

/** `text` with SEARCH_FOLD applied (the same as searchFoldSql in the database). */
export function searchFold(text: string): string {
  return NOT_ARABIC.test(text) ? text : text.replace(ANY, (c) => MAP.get(c) ?? c);
}

/**
 * SQL applying a fold `table` to `expr`: one replace() per character (PostgreSQL measured a chain
 * of replace() calls faster than translate() or a regular expression, docs/security.md), and only
 * when `test` (default `expr`; the raw text where `expr` is costly to evaluate twice) holds a
 * character of the table's guard class, so other text costs one scan. `dialect` names the
 * code-point function and the test: SQLite char() and GLOB, PostgreSQL chr() and a regular expression.
 * Migrations pass their frozen table (src/store/search-fold-frozen.ts), never SEARCH_FOLD_TABLE.
 */
export function searchFoldSql(table: FoldTable, expr: string, dialect: 'sqlite' | 'postgres', test = expr): string {
  const chr = dialect === 'sqlite' ? 'char' : 'chr';
  let out = expr;
  for (const [from, to] of table.pairs) {
    out = `replace(${out}, ${chr}(${from.codePointAt(0)}), ${to ? `${chr}(${to.codePointAt(0)})` : "''"})`;
  }
  const has = dialect === 'sqlite' ? `${test} GLOB '*[${table.guard}]*'` : `${test} ~ '[${table.guard}]'`;
  return `CASE WHEN ${has} THEN ${out} ELSE ${expr} END`;
}
