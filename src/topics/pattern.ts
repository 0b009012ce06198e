// A phrase to look for (an alias, a context term, a query term), prepared for the automaton.
import { TOKEN_POSSESSIVE, tokenize } from '../text/normalize-tokens.js';
import { MAX_PHRASE_WORDS, PATTERN_NO_LETTERS, PATTERN_SINGLE_LETTER, PATTERN_TOO_LONG } from './issues.js';
import { IZAFE, skeleton } from './skeleton.js';

export interface PatternWord {
  norm: string;
  skel: string;
  /** Written with a possessive "'s" ("People's"): only then may the text have one mid-phrase. */
  possessive: boolean;
  /** May match within one edit of its skeleton (long words of multi-word phrases only). */
  fuzzy: boolean;
}

export interface PhrasePattern {
  /** As written in the topic definition. */
  text: string;
  words: PatternWord[];
  /** Written with an izafe particle ("Mojahedin-e Khalq"), dropped from `words`. */
  izafe: boolean;
  /** Short single words match only in their folded form: no skeleton, no fuzzy. */
  exactOnly: boolean;
  /** Case-sensitive form for short all-capitals aliases ("PMOI" listed as an alias). */
  surface: string | null;
  /**
   * Written with capitals: at least one matched word must be capitalised too, unless the
   * field has no capitals at all. Keeps "Liberty Camp" from matching "the pro-liberty camp".
   */
  capitalGuard: boolean;
  /** Generated from an alias by dropping generic words (see `aliasFamily`): never 'exact'. */
  derived: boolean;
  /** Caller's tag: which topic/entity/role this pattern serves. */
  group: number;
}

/** Shortest folded length at which a single word gets skeleton (variant) matching. */
const SINGLE_WORD_VARIANT_MIN = 7;
/** Shortest folded length at which a word of a multi-word phrase may match fuzzily. */
const PHRASE_FUZZY_MIN = 7;
/** Single words must be longer still to be matched fuzzily. */
const SINGLE_WORD_FUZZY_MIN = 9;

/** Builds a pattern, or returns why the phrase cannot be one. */
export function buildPattern(text: string, group: number): PhrasePattern | string {
  const toks = tokenize(text, true);
  let izafe = false;
  const kept = toks.filter((t, i) => {
    if (i > 0 && i < toks.length - 1 && IZAFE.has(t.norm) && /^[a-z]+$/.test(t.norm)) {
      izafe = true;
      return false;
    }
    return true;
  });
  if (kept.length === 0) return PATTERN_NO_LETTERS;
  // The matcher walks a phrase word by word from every place it may start: a name of thousands
  // of words made that walk the article's length times the name's, and deep enough to overflow
  // the stack (r-topics).
  if (kept.length > MAX_PHRASE_WORDS) return PATTERN_TOO_LONG;
  const letters = kept.reduce((n, t) => n + [...t.norm].length, 0);
  if (letters <= 1) {
    return PATTERN_SINGLE_LETTER;
  }
  const single = kept.length === 1;
  const words: PatternWord[] = kept.map((t) => {
    const len = [...t.norm].length;
    return {
      norm: t.norm,
      skel: skeleton(t.norm),
      possessive: (t.flags & TOKEN_POSSESSIVE) !== 0,
      fuzzy: single ? len >= SINGLE_WORD_FUZZY_MIN : len >= PHRASE_FUZZY_MIN,
    };
  });
  const firstLen = [...(words[0] as PatternWord).norm].length;
  const allCaps = single && /^[A-Z0-9]{2,5}$/.test(text.replace(/\./g, '').trim());
  return {
    text,
    words,
    izafe,
    exactOnly: single && firstLen < SINGLE_WORD_VARIANT_MIN,
    surface: allCaps ? text.replace(/\./g, '').trim() : null,
    capitalGuard: /[A-Z]/.test(text),
    derived: false,
    group,
  };
}

/** Shortest folded length of two Arabic-script words written as one (see `spacingVariants`). */
const JOINED_MIN = 5;

function isArabicScriptWord(norm: string): boolean {
  const c = norm.charCodeAt(0);
  return c >= 0x0600 && c <= 0x06ff;
}

/**
 * The ways Arabic-script text spaces the parts of a name: Persian joins them with a ZWNJ
 * ("حزب‌الله"), which keyboards without one turn into a space ("حزب الله") or drop ("حزبالله"),
 * and Arabic writes compounds both apart and together ("عبد الله" / "عبدالله"). The tokenizer
 * drops a ZWNJ inside a word, so an alias written with one is matched joined there; this is the
 * same alias with a space at each ZWNJ instead (derived: never 'exact'), or null when it has none.
 */
export function zwnjSplit(text: string, p: PhrasePattern): PhrasePattern | null {
  if (!text.includes('\u200c')) return null;
  const split = buildPattern(text.replace(/\u200c/g, ' '), p.group);
  if (typeof split === 'string' || split.words.length === p.words.length) return null;
  return { ...split, text, derived: true, exactOnly: false, surface: null };
}

/**
 * The phrase with two adjacent Arabic-script words written as one (see `zwnjSplit`), one such
 * pair at a time, when the joined word has at least JOINED_MIN letters, so two short words do
 * not make an everyday one. Derived: never 'exact'. A name written as one word ("حزبالله") is
 * not split: where is unknown.
 */
export function joinedVariants(p: PhrasePattern): PhrasePattern[] {
  const out: PhrasePattern[] = [];
  for (let k = 0; k + 1 < p.words.length; k++) {
    const a = p.words[k] as PatternWord;
    const b = p.words[k + 1] as PatternWord;
    if (!isArabicScriptWord(a.norm) || !isArabicScriptWord(b.norm) || a.norm.length + b.norm.length < JOINED_MIN) continue;
    const norm = a.norm + b.norm;
    const joined: PatternWord = { norm, skel: skeleton(norm), possessive: false, fuzzy: false };
    out.push({ ...p, words: [...p.words.slice(0, k), joined, ...p.words.slice(k + 2)], derived: true, exactOnly: false, surface: null });
  }
  return out;
}

/** Folded generic words an organisation's name is also written without. */
const GENERIC = new Set(['organization', 'organisation', 'group', 'سازمان', 'منظمه', 'گروهک']);
/** Words that describe a kind of organisation rather than name one (folded). */
const ORG_WORDS = new Set([
  ...GENERIC,
  'national',
  'council',
  'liberation',
  'front',
  'people',
  'peoples',
  'popular',
  'democratic',
  'islamic',
  'party',
  'movement',
  'union',
  'army',
  'brigade',
  'brigades',
  'alliance',
  'foundation',
  'camp',
  'committee',
  'revolutionary',
  'revolution',
  'resistance',
  'republic',
  'united',
  'international',
  'socialist',
  'communist',
  'workers',
  'federation',
  'association',
  'society',
  'league',
  'coalition',
  'forces',
  'حزب',
  'جبهه',
  'حركه',
  'جنبش',
  'مجلس',
  'اتحاد',
  'گروه',
  'الوطني',
  'ملي',
  'شوراي',
  'انقلاب',
  'اسلامي',
]);
/** Words a shortened name may not start or end with. */
const EDGE_STOPWORDS = new Set([
  'of',
  'the',
  'and',
  'for',
  'in',
  'al',
  'el',
  'de',
  'du',
  'des',
  'la',
  'le',
  'e',
  'i',
  'ye',
  'و',
  'في',
  'من',
]);

/**
 * An alias and the shorter names it implies: without a leading or trailing generic word
 * ("People's Mojahedin Organization" → "People's Mojahedin", "سازمان مجاهدین خلق" →
 * "مجاهدین خلق") and without a trailing "of X" ("… Organization of Iran"). Every shorter
 * name keeps at least two words, so it stays a name rather than a common word.
 */
export function aliasFamily(p: PhrasePattern): PhrasePattern[] {
  const out: PhrasePattern[] = [p];
  const seen = new Set([p.words.map((w) => w.norm).join(' ')]);
  const add = (words: PatternWord[]): void => {
    // "Organization of Iran" must not leave "of Iran" behind, nor "National Council of Sistan"
    // a bare "National Council": a shorter name keeps a word that names something.
    if (
      words.length < 2 ||
      EDGE_STOPWORDS.has((words[0] as PatternWord).norm) ||
      EDGE_STOPWORDS.has((words[words.length - 1] as PatternWord).norm)
    )
      return;
    if (!words.some((w) => !ORG_WORDS.has(w.norm) && !EDGE_STOPWORDS.has(w.norm))) return;
    const key = words.map((w) => w.norm).join(' ');
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ ...p, words, derived: true, exactOnly: false, surface: null });
  };
  const withoutGeneric = (words: PatternWord[]): PatternWord[][] => {
    const res: PatternWord[][] = [];
    if (words.length >= 3 && GENERIC.has((words[0] as PatternWord).norm)) res.push(words.slice(1));
    if (words.length >= 3 && GENERIC.has((words[words.length - 1] as PatternWord).norm)) res.push(words.slice(0, -1));
    const inner = words.findIndex((w, i) => i > 0 && i < words.length - 1 && GENERIC.has(w.norm));
    if (words.length >= 4 && inner > 0) res.push([...words.slice(0, inner), ...words.slice(inner + 1)]);
    return res;
  };
  const bases = [p.words];
  const n = p.words.length;
  if (n >= 4 && (p.words[n - 2] as PatternWord).norm === 'of') bases.push(p.words.slice(0, -2));
  for (const base of bases) {
    add(base);
    for (const shorter of withoutGeneric(base)) add(shorter);
  }
  return out;
}
