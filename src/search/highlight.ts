// Marks the words a search matched, in a title and in a short passage of the text. Pure and
// dialect-free, so every store returns the same highlights; it reads words the way the FTS5
// index does (letters, digits and combining marks; case, Latin accents and Arabic-script spellings
// folded, fold.ts), so what is marked is what matched.
import { searchFold } from './fold.js';
import type { SearchNode } from './query.js';
import { phraseReadings, prefixReading, readingPieces } from './reading.js';

/**
 * Highlighted text: the matched terms are wrapped in MARK_START/MARK_END (two control characters
 * that never occur in stored text), so the caller escapes the text first and only then turns the
 * markers into markup. Nothing here produces HTML but marks.ts, after escaping.
 */
export const MARK_START = '\u0001';
export const MARK_END = '\u0002';

export interface Marks {
  start: string;
  end: string;
}

/** One thing to find: a run of folded words; `prefix` applies to the last one. */
interface Needle {
  words: string[];
  prefix: boolean;
}

// ZWNJ joins the parts of a Persian word, as in the index (src/search/fold.ts drops it).
const WORD = /[\p{L}\p{N}\p{M}\p{Co}\u200c]+/gu;
const LATIN_DIACRITICS = /[\u0300-\u036f]/g;

const NON_ASCII = /[^\x00-\x7f]/;
// The words of a folded word: a compatibility form may fold to several (ﷺ is four words, as in the
// index) or to none (a spacing harakah is a space).
const FOLDED_WORD = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;

function fold(word: string): string {
  // Most words are plain ASCII: decomposing them would only cost time.
  return NON_ASCII.test(word) ? searchFold(word.normalize('NFD').replace(LATIN_DIACRITICS, '')).toLowerCase() : word.toLowerCase();
}

/** The folded words of a reading (reading.ts). */
function words(reading: string): string[] {
  return (reading.match(WORD) ?? []).flatMap((w) => fold(w).match(FOLDED_WORD) ?? []);
}

/** A phrase's needles, one for each of its readings (a hashtag named without its "#", phraseReadings). */
function phraseNeedles(text: string): Needle[] {
  return phraseReadings(text)
    .map((r) => words(r))
    .filter((w) => w.length > 0)
    .map((w) => ({ words: w, prefix: false }));
}

/** The positive leaves of a query as needles (a term with inner punctuation is a phrase, as in FTS5). */
export function needlesOf(node: SearchNode | undefined): Needle[] {
  if (!node) return [];
  switch (node.kind) {
    case 'term': {
      if (!node.prefix) return phraseNeedles(node.text);
      const w = words(prefixReading(node.text));
      return w.length ? [{ words: w, prefix: true }] : [];
    }
    case 'phrase':
      return phraseNeedles(node.text);
    case 'or':
    case 'and':
      return node.items.flatMap(needlesOf);
  }
}

interface Token {
  start: number;
  end: number;
  folded: string;
}

/** A text's tokens, and the spans of its words broken at a line end and read joined (ascending). */
interface Read {
  toks: Token[];
  joins: [number, number][];
}

/**
 * The words of `text` as the index reads them (fold version 3: src/search/reading.ts), each with
 * the span of the original text it came from: a word of the reading that a piece rewrote
 * ("Mojahe-\ndin", "MЕK", a hashtag's words, "𝐌𝐄𝐊", whose letters are two UTF-16 units each)
 * spans what it was read from, so the marks fall on the original text whatever length the reading
 * and the fold gave it.
 */
function tokens(text: string, limitChars: number, whole: string = text): Read {
  const out: Token[] = [];
  const joins: [number, number][] = [];
  const s = text.length > limitChars ? text.slice(0, limitChars) : text;
  const pieces = readingPieces(s, whole);
  let read = s;
  let from: Int32Array | undefined;
  let to: Int32Array | undefined;
  if (pieces !== null) {
    read = pieces.map((p) => p.text).join('');
    from = new Int32Array(read.length);
    to = new Int32Array(read.length);
    let at = 0;
    for (const p of pieces) {
      if (p.joined) joins.push([p.start, p.end]);
      for (let k = 0; k < p.text.length; k++) {
        from[at + k] = p.same ? p.start + k : p.start;
        to[at + k] = p.same ? p.start + k + 1 : p.end;
      }
      at += p.text.length;
    }
  }
  for (const m of read.matchAll(WORD)) {
    const start = from ? (from[m.index] as number) : m.index;
    const end = to ? (to[m.index + m[0].length - 1] as number) : m.index + m[0].length;
    const folded = fold(m[0]);
    const parts = folded.match(FOLDED_WORD);
    // A word that folds to several is several tokens, each spanning the whole original word: the
    // offsets stay those of the original text, whatever length the fold gave it.
    if (parts && parts.length > 1) for (const p of parts) out.push({ start, end, folded: p });
    else out.push({ start, end, folded: parts?.[0] ?? '' });
  }
  return { toks: out, joins };
}

function wordMatches(tok: string, want: string, prefix: boolean): boolean {
  return prefix ? tok.startsWith(want) : tok === want;
}

/** [first, last] token index pairs of every match, in order, not overlapping. */
function findMatches(toks: Token[], needles: Needle[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < toks.length; i++) {
    let best = 0;
    for (const n of needles) {
      if (i + n.words.length > toks.length) continue;
      let ok = true;
      for (let k = 0; k < n.words.length && ok; k++) {
        ok = wordMatches(toks[i + k]!.folded, n.words[k]!, n.prefix && k === n.words.length - 1);
      }
      if (ok && n.words.length > best) best = n.words.length;
    }
    if (best) {
      out.push([i, i + best - 1]);
      i += best - 1;
    }
  }
  return out;
}

/**
 * text[a, b) as shown: the white space of a line end inside a word read joined ("Mojahe-\ndin") is
 * left out, so the word reads as one ("Mojahe-din", its hyphen as printed) and a mark on it holds
 * no space the text never had between two words (p-search4). `joins` ascending; `at.j` is a cursor
 * into it, as render asks for ascending slices.
 */
function shown(text: string, a: number, b: number, joins: [number, number][], at: { j: number }): string {
  while (at.j < joins.length && joins[at.j]![1] <= a) at.j++;
  let out = '';
  let from = a;
  for (let j = at.j; j < joins.length && joins[j]![0] < b; j++) {
    const [js, je] = joins[j]!;
    const s = Math.max(js, from);
    const e = Math.min(je, b);
    out += text.slice(from, s) + text.slice(s, e).replace(/\s+/gu, '');
    from = e;
  }
  return out + text.slice(from, b);
}

function render(text: string, read: Read, matches: [number, number][], from: number, to: number, m: Marks): string {
  // from/to are character offsets of the passage.
  const { toks, joins } = read;
  const cursor = { j: 0 };
  let out = '';
  let at = from;
  for (const [a, b] of matches) {
    const s = toks[a]!.start;
    const e = toks[b]!.end;
    // `s < at`: a second match inside one original word that folded to several.
    if (s < from || e > to || s < at) continue;
    out += shown(text, at, s, joins, cursor) + m.start + shown(text, s, e, joins, cursor) + m.end;
    at = e;
  }
  return out + shown(text, at, to, joins, cursor);
}

/** The whole text with every match marked (titles). */
export function markAll(text: string, needles: Needle[], m: Marks): string {
  if (!needles.length || !text) return text;
  const read = tokens(text, text.length);
  return render(text, read, findMatches(read.toks, needles), 0, text.length, m);
}

/** Characters past a snippet's cut read to see whether the word before it goes on across a line end. */
const JOIN_LOOKAHEAD = 64;

/** Whether the word at `start` is a word broken at a line end that goes on past `cut`. */
function joinedAcross(text: string, start: number, cut: number): boolean {
  const pieces = readingPieces(text.slice(start, cut + JOIN_LOOKAHEAD), text) ?? [];
  return pieces.some((p) => p.joined === true && p.start === 0 && p.end > cut - start);
}

/** Characters of a text the snippet reads (see snippet). */
const SNIPPET_SOURCE_CHARS = 20_000;

/**
 * A passage of about `size` words around the densest cluster of matches, marked, with "…" where
 * it was cut. Without a match in the text (the title matched) it is the text's opening.
 */
export function snippet(text: string, needles: Needle[], m: Marks, size = 28, ellipsis = '…'): string {
  // The passage comes from the opening of long texts: matches past ~20,000 characters would
  // cost more to find than a reader gains from seeing them.
  const cut = text.length > SNIPPET_SOURCE_CHARS;
  // Words are read from the text as stored (a word broken at a line end is read across it, p-search3);
  // white space is made single spaces in the passage shown.
  const clean = cut ? text.slice(0, SNIPPET_SOURCE_CHARS) : text;
  // The reading of the opening as the index has it: a long text's reading adds less (reading.ts).
  const read = tokens(clean, clean.length, text);
  const toks = read.toks;
  // The cut may fall inside a word, a surrogate pair or a combining sequence: the word it touches
  // is left out (every token of it: a word that folds to several is several), and the passage
  // says with "…" that the text goes on.
  while (cut && toks.length && toks[toks.length - 1]!.end === clean.length) toks.pop();
  // So is a word broken at a line end whose second half the cut leaves out ("Mojahe-" | "\ndin"):
  // the index reads it joined ("mojahedin"), so the half shown is no word it holds (r2-search4).
  const lastStart = toks[toks.length - 1]?.start;
  if (cut && lastStart !== undefined && joinedAcross(text, lastStart, clean.length)) {
    while (toks.length && toks[toks.length - 1]!.start >= lastStart) toks.pop();
  }
  if (!toks.length) return '';
  const matches = needles.length ? findMatches(toks, needles) : [];
  let first = 0;
  if (matches.length) {
    // The window start (a match) after which the most matches fall within `size` words.
    let bestCount = 0;
    let j = 0;
    for (let i = 0; i < matches.length; i++) {
      while (j < matches.length && matches[j]![1] < matches[i]![0] + size) j++;
      if (j - i > bestCount) {
        bestCount = j - i;
        first = matches[i]![0];
      }
    }
    // A little lead-in before the first match reads better than starting on it.
    first = Math.max(0, first - 3);
  }
  const last = Math.min(toks.length - 1, first + size - 1);
  const from = first === 0 ? 0 : toks[first]!.start;
  const to = last === toks.length - 1 && !cut ? clean.length : toks[last]!.end;
  let passage = render(clean, read, matches, from, to, m).replace(/\s+/g, ' ');
  if (from === 0) passage = passage.trimStart();
  if (to === clean.length) passage = passage.trimEnd();
  return `${from > 0 ? ellipsis : ''}${passage}${to < clean.length || cut ? ellipsis : ''}`;
}
