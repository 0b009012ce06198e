// What the clusterer compares: the features of one article, before weighting.
//
// - Terms: folded words of the headline (counted twice: it names the event) and of the lead (the
//   first LEAD_WORDS words of the text: the who/what/where of a news story; the tail is where
//   background paragraphs, credits and site boilerplate live). Function words dropped (English,
//   Arabic and Persian ones in every article; those of German, French, Spanish, Italian,
//   Portuguese, Dutch, Russian and Turkish in an article of that language: its `lang`, else
//   detected from its headline and lead), a light plural/article strip so "sanctions"/"sanction"
//   and "المحكمة"/"محكمة" meet, and in French and Italian an elided article or preposition
//   (l', d', qu', dell' …) taken off the word it is glued to.
// - Numbers ("n:"): figures of the headline and lead in any digit script, thousands separators
//   removed and scale words applied (300,000 = ۳۰۰ هزار = 300 ألف).
// - Name keys ("x:"): a consonant-class transliteration key (transliterate.ts) of capitalised
//   Latin words and of Arabic-script words, so a name meets its spelling in another script.
// - Concepts ("c:"): the cross-language news lexicon (lexicon.ts): court / محكمة / دادگاه.
// - Places ("p:"), when asked for (`places`): country names in any of the scripts and languages
//   of text/places.ts (the i18n-iso-countries package's names) and their demonyms read by ending
//   ("Nigerien", «نیجری», «الإيرانية»): "Niger", «النيجر», «نیجر» give p:NE. The words of the name
//   give their terms but no name key (the place stands for them).
// - Entities ("e:"): topic-matcher entity ids given by the caller (aliases in every script map to
//   one id).
// Numbers, name keys, concepts and entities are language-neutral: they are what articles in different
// languages can share, and the clusterer compares cross-language pairs on them alone.
import { letterCase, normalizeTerm } from '../text/normalize.js';
import { scanWords, TOKEN_BREAK_BEFORE, TOKEN_CAPITALIZED, TOKEN_DOTTED, TOKEN_POSSESSIVE } from '../text/normalize-tokens.js';
import { demonymPlace, type PlaceName, placesStartingWith } from '../text/places.js';
import { conceptOf } from './lexicon.js';
import { FUNCTION_WORDS, STOPWORDS } from './stopwords.js';
import { translitKey } from './transliterate.js';

/** Words of the text taken as its lead. */
export const LEAD_WORDS = 60;
/** Headline words count this many times. */
export const TITLE_WEIGHT = 2;

export interface ArticleFeatures {
  /** Language-specific words with their counts (headline words weighted). */
  terms: Map<string, number>;
  /** Language-neutral features (numbers, name keys, entities) with their counts. */
  neutral: Map<string, number>;
  /**
   * The language whose own function words were dropped (given, or detected from the headline and
   * lead): one of FUNCTION_WORDS' keys, or "en"; "" when none was known or detected.
   */
  lang: string;
}

const FOLDED_STOPWORDS = new Set([...STOPWORDS].map((w) => normalizeTerm(w)));

// Languages with function words of their own, one bit each. English's bit only serves detection
// (its function words are in STOPWORDS, dropped in every article as before).
const LANGS = ['en', ...Object.keys(FUNCTION_WORDS)];
const LANG_BIT = new Map<string, number>(LANGS.map((l, i) => [l, 1 << i]));
/** Folded word → the languages (bits) whose function words it is. */
const LANG_MASK = new Map<string, number>();
// STOPWORDS' Latin-script words are English's.
for (const w of FOLDED_STOPWORDS) if (/^[a-z]+$/.test(w)) LANG_MASK.set(w, 1);
for (const [lang, words] of Object.entries(FUNCTION_WORDS)) {
  const bit = LANG_BIT.get(lang) as number;
  for (const w of words.split(' ')) {
    const f = normalizeTerm(w);
    LANG_MASK.set(f, (LANG_MASK.get(f) ?? 0) | bit);
  }
}
/** French and Italian glue an elided article or preposition to the next word (l'accord → laccord). */
const ELIDING = (LANG_BIT.get('fr') as number) | (LANG_BIT.get('it') as number);
const ELIDED = new Set('l d j m n s t c qu un dell nell all dall sull quell quest tutt'.split(' '));

/**
 * Detection from the function words of the headline and lead: the language whose words occur
 * most, at least DETECT_MIN times and at least twice as often as any other language's; else none
 * (today's behaviour: English, Arabic and Persian function words only).
 */
const DETECT_MIN = 3;

/** The function-word bit of a given language tag ("de", "de-AT", "pt_BR"), 0 when it has none. */
function langBit(lang: string): number {
  const cut = lang.search(/[-_]/);
  return LANG_BIT.get((cut < 0 ? lang : lang.slice(0, cut)).toLowerCase()) ?? 0;
}

const SCALE: Record<string, number> = {};
for (const w of ['thousand', 'ألف', 'الف', 'آلاف', 'الاف', 'هزار']) SCALE[normalizeTerm(w)] = 1e3;
for (const w of ['million', 'millions', 'مليون', 'ملايين', 'میلیون']) SCALE[normalizeTerm(w)] = 1e6;
for (const w of ['billion', 'billions', 'مليار', 'مليارات', 'میلیارد']) SCALE[normalizeTerm(w)] = 1e9;

function isArabicScript(w: string): boolean {
  const c = w.charCodeAt(0);
  return c >= 0x0600 && c <= 0x06ff;
}

function isDigits(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return w.length > 0;
}

/** Light, language-blind stem: enough to join singular/plural and the Arabic article. */
export function stem(w: string): string {
  if (isArabicScript(w)) {
    if (w.length >= 6 && w.startsWith('وال')) return w.slice(3);
    if (w.length >= 5 && w.startsWith('ال')) return w.slice(2);
    if (w.length >= 6 && w.startsWith('و')) return w.slice(1);
    if (w.length >= 6 && w.endsWith('ها')) return w.slice(0, -2); // Persian plural
    return w;
  }
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 4 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

function add(m: Map<string, number>, k: string, n: number): void {
  m.set(k, (m.get(k) ?? 0) + n);
}

/**
 * Receives an article's features one occurrence at a time, in the order `articleFeatures` first
 * meets them (its maps' insertion order): a term, or a language-neutral feature, with its count.
 * The clusterer takes them straight onto its own feature objects (no map per article).
 */
export interface FeatureSink {
  term(key: string, n: number): void;
  neutral(key: string, n: number): void;
  /** Called once the headline's features are handed over, before the lead's (if there is a lead). */
  lead?(): void;
  /**
   * Called (after the features) when the headline or the lead says the event is running on: "for
   * a second day", "still", "continued", «لليوم الثاني», «تواصلت», «برای سومین روز», «همچنان»
   * (`CONTINUATION`).
   */
  continues?(): void;
  /**
   * Called (after `continues`) with the names of what the cue speaks of: the words of its clause
   * (the headline when the cue is there; else the lead's clause, between punctuation, that holds
   * it, or the headline when that clause names nothing) that may be names, as addPart reads name
   * keys: a word in Arabic script (no letter case there), a capitalised Latin word that does not
   * merely start a sentence of the lead, any capitalised word of the headline; and neither a
   * function word, a lexicon concept (a kind of event, a weekday) nor a cue word. Each as its term
   * (`neutral` false) and its name key when it has one. The day guard's exception reads them: the
   * running event must be the story's (clusterer.ts, `dayGuardCueNames`).
   */
  cueName?(key: string, neutral: boolean): void;
  /**
   * Called before each word's features with whether the word is a word of one of the names the
   * article's entities were found under (`featuresTo`'s `entityNames`): the clusterer reads the
   * features those words give as the topic's names, not the event's (`topicNamesCorroborate`).
   */
  naming?(on: boolean): void;
  /**
   * Called right after the name key of a word that also gave a lexicon concept («صادرات»:
   * `c:exports` and `x:SDRT`; every Arabic-script word has a key): the clusterer counts the word
   * once among the features two texts across languages share (`crossTextsOneWord`).
   */
  conceptKey?(): void;
}

/** The sink behind `articleFeatures`: counts in its maps. */
class MapSink implements FeatureSink {
  constructor(readonly out: ArticleFeatures) {}
  term(key: string, n: number): void {
    add(this.out.terms, key, n);
  }
  neutral(key: string, n: number): void {
    add(this.out.neutral, key, n);
  }
}

/** What separates the words `leadOf` counts: spaces, tabs and line breaks. */
function isWordBreak(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/** Words of a text as `leadOf` counts them. */
export function wordsIn(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isWordBreak(text.charCodeAt(i));
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

/** First `n` words of a text (cheap: stops scanning once enough spaces are seen). */
export function leadOf(text: string, n: number = LEAD_WORDS): string {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isWordBreak(text.charCodeAt(i));
    if (!space && !inWord) {
      words++;
      if (words > n) return text.slice(0, i);
    }
    inWord = !space;
  }
  return text;
}

interface WordInfo {
  /** A function word in every language (STOPWORDS) or too short: no feature. */
  drop: boolean;
  /** The languages (bits) whose function words it is. */
  langs: number;
  stem: string;
  /** "c:" feature of its lexicon concept. */
  concept: string | undefined;
  /** "x:" feature of its name key (three classes or more). */
  key: string | undefined;
  arabic: boolean;
  /** Its part in saying an event runs on (CONT_*), 0 for none; read whether or not the word is dropped. */
  cont: number;
  /** Country names that may start with it (text/places.ts); read whether or not the word is dropped. */
  places: readonly PlaceName[] | undefined;
}

// Words that say an event is running on, from general news language in the three languages (not
// from any evaluation file): a word that says it alone (CONT_WORD: "still", "continued",
// «تواصلت», «همچنان»), an ordinal (CONT_ORDINAL) within two words of a word for day (CONT_DAY):
// "a second day", "third straight day", «لليوم الثاني», «دومین روز», «روز سوم», or Persian
// «ادامه» (CONT_GO) within two words of a verb that makes it "went on" / "goes on" (CONT_ON):
// «ادامه یافت», «ادامه دارد». Left out as site furniture: "continuing" ("By continuing to browse
// …", cookie notices) and «ادامه» alone («ادامه مطلب», «با ادامه مرور»).
// The day guard lets such an article join a story a day before it (clusterer.ts, `dayGuardCue`).
const CONT_WORD = 1;
const CONT_ORDINAL = 2;
const CONT_DAY = 4;
const CONT_GO = 8;
const CONT_ON = 16;
const CONTINUATION = new Map<string, number>();
for (const [bit, words] of [
  [
    CONT_WORD,
    'still continues continued ongoing persists persisted lingers lingered ' +
      'تواصل تتواصل تواصلت يتواصل متواصل متواصلة استمرار استمرت يستمر تستمر مستمر مستمرة يزال تزال زالت ' +
      'همچنان هنوز',
  ],
  [
    CONT_ORDINAL,
    'second third fourth fifth الثاني الثانية الثالث الثالثة الرابع الرابعة الخامس الخامسة دوم دومین سوم سومین چهارم چهارمین پنجم پنجمین',
  ],
  [CONT_DAY, 'day يوم اليوم لليوم روز'],
  [CONT_GO, 'ادامه'],
  [CONT_ON, 'یافت یافته یابد می‌یابد دارد داشت'],
] as const) {
  for (const w of words.split(' ')) {
    const k = normalizeTerm(w);
    CONTINUATION.set(k, (CONTINUATION.get(k) ?? 0) | bit);
  }
}

/** A demonym's country (text/places.ts `demonymPlace`) as the one name starting at the word. */
function demonymList(w: string): readonly PlaceName[] | undefined {
  const p = demonymPlace(w);
  return p === undefined ? undefined : [{ ...p, alsoName: false, acronym: false }];
}

// What a folded word contributes does not depend on the article: computed once per word. The
// cache is dropped when it grows large, so memory stays bounded on any stream.
const WORD_CACHE = new Map<string, WordInfo | null>();
const WORD_CACHE_MAX = 200_000;

function computeInfo(w: string): WordInfo | null {
  const arabic = isArabicScript(w);
  const langs = LANG_MASK.get(w) ?? 0;
  const cont = CONTINUATION.get(w) ?? 0;
  const places = placesStartingWith(w) ?? demonymList(w);
  if (w.length < 2 || FOLDED_STOPWORDS.has(w) || (!arabic && w.length < 3)) {
    return langs === 0 && cont === 0 && places === undefined
      ? null
      : { drop: true, langs, stem: '', concept: undefined, key: undefined, arabic, cont, places };
  }
  const concept = conceptOf(w);
  const key = translitKey(w);
  return {
    drop: false,
    langs,
    stem: stem(w),
    concept: concept === undefined ? undefined : `c:${concept}`,
    key: key.length >= 3 ? `x:${key}` : undefined,
    arabic,
    cont,
    places,
  };
}

function wordInfo(w: string): WordInfo | null {
  let info = WORD_CACHE.get(w);
  if (info !== undefined) return info;
  info = computeInfo(w);
  if (WORD_CACHE.size >= WORD_CACHE_MAX) WORD_CACHE.clear();
  WORD_CACHE.set(w, info);
  return info;
}

// Plain ASCII words (most of them in Latin-script news) are looked up by the tokenizer's hash of
// their lower-cased form, verified character by character against the text: no string is built
// or hashed again for a word seen before. Same answers as wordInfo (computeInfo is pure).
// The table is open-addressed (linear probing, at most half full) over the full 32-bit hash in a
// typed array: one probe usually settles a lookup, with no map entry to chase.
interface AsciiWord {
  word: string;
  info: WordInfo | null;
}
const ASCII_FIRST_BITS = 12;
let asciiBits = ASCII_FIRST_BITS;
let asciiHash = new Int32Array(0);
let asciiWords: (AsciiWord | undefined)[] = [];
let asciiCached = 0;

/** The table slot a hash starts probing at (Fibonacci hashing: the top bits of hash × φ·2³²). */
function asciiHome(hash: number): number {
  return Math.imul(hash, 0x9e3779b1) >>> (32 - asciiBits);
}

/** The first free slot on `hash`'s probe path. */
function asciiFree(hash: number): number {
  const mask = (1 << asciiBits) - 1;
  let k = asciiHome(hash);
  while (asciiWords[k] !== undefined) k = (k + 1) & mask;
  return k;
}

/** An empty table of 2^bits slots, refilled with what `keep` held. */
function asciiTable(bits: number, keep: { hash: Int32Array; words: (AsciiWord | undefined)[] } | null): void {
  asciiBits = bits;
  asciiHash = new Int32Array(1 << bits);
  asciiWords = new Array<AsciiWord | undefined>(1 << bits).fill(undefined);
  asciiCached = 0;
  if (!keep) return;
  for (let i = 0; i < keep.words.length; i++) {
    const e = keep.words[i];
    if (e === undefined) continue;
    const k = asciiFree(keep.hash[i] as number);
    asciiHash[k] = keep.hash[i] as number;
    asciiWords[k] = e;
    asciiCached++;
  }
}
asciiTable(ASCII_FIRST_BITS, null);

function sameLowerAscii(s: string, start: number, end: number, word: string): boolean {
  if (word.length !== end - start) return false;
  for (let p = start, k = 0; p < end; p++, k++) {
    const c = s.charCodeAt(p);
    if ((c >= 0x41 && c <= 0x5a ? c + 32 : c) !== word.charCodeAt(k)) return false;
  }
  return true;
}

function asciiInfo(s: string, start: number, end: number, hash: number): WordInfo | null {
  const mask = (1 << asciiBits) - 1;
  let k = asciiHome(hash);
  for (let e = asciiWords[k]; e !== undefined; k = (k + 1) & mask, e = asciiWords[k]) {
    if (asciiHash[k] === hash && sameLowerAscii(s, start, end, e.word)) return e.info;
  }
  const word = s.slice(start, end).toLowerCase();
  const info = computeInfo(word);
  // The probe above ended on a free slot, unless the table changes: bounded memory on any stream
  // (start over, as the string-keyed cache does), and at most half full.
  if (asciiCached >= WORD_CACHE_MAX) {
    asciiTable(ASCII_FIRST_BITS, null);
    k = asciiFree(hash);
  } else if (2 * (asciiCached + 1) > asciiWords.length) {
    asciiTable(asciiBits + 1, { hash: asciiHash, words: asciiWords });
    k = asciiFree(hash);
  }
  asciiHash[k] = hash;
  asciiWords[k] = { word, info };
  asciiCached++;
  return info;
}

// The words of one part, from the tokenizer (scanWords) into reused buffers: no token objects.
// `folded` is null for a plain ASCII word, whose folded form is its lower-cased spelling.
const T_START: number[] = [];
const T_END: number[] = [];
const T_FLAGS: number[] = [];
const T_HASH: number[] = [];
const T_FOLDED: (string | null)[] = [];
let tCount = 0;

function collect(start: number, end: number, _coreEnd: number, flags: number, folded: string | null, hash: number): void {
  T_START[tCount] = start;
  T_END[tCount] = end;
  T_FLAGS[tCount] = flags;
  T_HASH[tCount] = hash;
  T_FOLDED[tCount] = folded;
  tCount++;
}

function normAt(s: string, i: number): string {
  return T_FOLDED[i] ?? s.slice(T_START[i] as number, T_END[i] as number).toLowerCase();
}

/** The word at i is digits only (checked on the text for a plain ASCII word: no string built). */
function digitsAt(s: string, i: number): boolean {
  const f = T_FOLDED[i];
  if (f !== null && f !== undefined) return isDigits(f);
  const end = T_END[i] as number;
  for (let p = T_START[i] as number; p < end; p++) {
    const c = s.charCodeAt(p);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

// A capitalised month next to a day number is a date ("March 10", "10 March", "Nov. 27"): it says when, which
// time already weighs, not what happened; and "March" the month is not a march (the lexicon's
// protest concept). The month word gives nothing then; the day stays a number.
const MONTHS = new Set(
  'january february march april june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec'.split(
    ' ',
  ),
);

/** A day of the month (1–31) at token i of a part spanning tokens [from, to). */
function dayAt(s: string, i: number, from: number, to: number): boolean {
  if (i < from || i >= to || !digitsAt(s, i)) return false;
  const v = Number(normAt(s, i));
  return v >= 1 && v <= 31 && (T_END[i] as number) - (T_START[i] as number) <= 2;
}

/** What each word token of the headline and lead contributes; undefined for a figure. */
const T_INFO: (WordInfo | null | undefined)[] = [];
/** Whether each token is a word of one of the article's entity names (NAME_WORDS). */
const T_NAME: boolean[] = [];
/** The place key ("p:NE") of a country name starting at each token, else undefined (findPlaces). */
const T_PLACE: (string | undefined)[] = [];
/** Whether each token is a word of a country name found by findPlaces (it gives no name key). */
const T_IN_PLACE: boolean[] = [];
/** Whether the article being read looks for country names (`featuresTo`'s `places`). */
let PLACES = false;

/**
 * The folded words of the desk's own names as written in the article ("Médecins du Désert",
 * «پزشکان صحرا», "MdD"; `featuresTo`'s `topicNames`): they give no feature of their own, the
 * entity id stands for them. Empty for most articles.
 */
const NAME_WORDS = new Set<string>();
/** The folded words of every name the article's entities were found under (`featuresTo`'s `entityNames`). */
const NAMED_WORDS = new Set<string>();
/** Whether each token is a word of NAMED_WORDS. */
const T_NAMED: boolean[] = [];

function collectNameWord(s: string, into: Set<string> = NAME_WORDS) {
  return (start: number, end: number, _coreEnd: number, _flags: number, folded: string | null): void => {
    into.add(folded ?? s.slice(start, end).toLowerCase());
  };
}

/** Tokenises a part after those already in the buffers and looks its words up. */
function scanPart(s: string): void {
  const from = tCount;
  scanWords(s, collect);
  for (let i = from; i < tCount; i++) {
    if (digitsAt(s, i)) {
      T_INFO[i] = undefined;
      T_NAME[i] = false;
      T_NAMED[i] = false;
      continue;
    }
    const folded = T_FOLDED[i] as string | null;
    T_INFO[i] = folded === null ? asciiInfo(s, T_START[i] as number, T_END[i] as number, T_HASH[i] as number) : wordInfo(folded);
    T_NAME[i] = NAME_WORDS.size > 0 && NAME_WORDS.has(normAt(s, i));
    T_NAMED[i] = NAMED_WORDS.size > 0 && NAMED_WORDS.has(normAt(s, i));
  }
  findPlaces(s, from, tCount);
}

/** A word that may stand beside a name without being part of another: a function word, a figure, none. */
function plainAt(i: number): boolean {
  const info = T_INFO[i];
  return info === null || info === undefined || info.drop || info.langs !== 0;
}

/** The token at i has no lower-case ASCII letter ("US", "U.S.", "UAE"). */
function capitalsAt(s: string, i: number): boolean {
  if (((T_FLAGS[i] as number) & TOKEN_DOTTED) !== 0) return true;
  const end = T_END[i] as number;
  for (let p = T_START[i] as number; p < end; p++) {
    const c = s.charCodeAt(p);
    if (c >= 0x61 && c <= 0x7a) return false;
  }
  return true;
}

/** Whether the name `p`, starting at token i of a part ending at `to`, is written there (see findPlaces). */
function placeAt(s: string, i: number, to: number, p: PlaceName, capital: boolean): boolean {
  const n = p.rest.length;
  if (i + n >= to) return false;
  for (let k = 0; k < n; k++) {
    const j = i + 1 + k;
    const flags = T_FLAGS[j] as number;
    if ((flags & TOKEN_BREAK_BEFORE) !== 0) return false;
    const w = normAt(s, j);
    const want = p.rest[k] as string;
    // The last word may carry a possessive "'s" ("United States's").
    if (w !== want && !(k === n - 1 && (flags & TOKEN_POSSESSIVE) !== 0 && w === `${want}s`)) return false;
  }
  if (!p.latin) return true;
  if (!capital) return false;
  if (p.acronym && !capitalsAt(s, i)) return false;
  if (p.alsoName) {
    // "Chad Smith", "Michael Jordan", "Air India", "New Jersey": another capitalised word beside it
    // in the clause makes it part of a name, not the country.
    const flags = T_FLAGS[i] as number;
    const prev = i - 1;
    if ((flags & TOKEN_BREAK_BEFORE) === 0 && prev >= 0 && ((T_FLAGS[prev] as number) & TOKEN_CAPITALIZED) !== 0 && !plainAt(prev))
      return false;
    const next = i + 1;
    if (next < to && ((T_FLAGS[next] as number) & (TOKEN_BREAK_BEFORE | TOKEN_CAPITALIZED)) === TOKEN_CAPITALIZED && !plainAt(next))
      return false;
  }
  return true;
}

/**
 * Marks the country names (text/places.ts) among the tokens [from, to) of a part: the longest name
 * starting at a word, within one clause; a Latin-script name written with a capital (an acronym in
 * capitals); a name that is also a given name or a common noun ("Chad", "Jordan", "Turkey") only
 * with no other capitalised word beside it (PLACE_ALSO_NAMES). A word with a possessive "'s" or a
 * French or Italian elided article ("l'Iran") is read without it.
 */
function findPlaces(s: string, from: number, to: number): void {
  if (!PLACES) return; // T_PLACE and T_IN_PLACE are read only when PLACES is set
  for (let i = from; i < to; i++) {
    T_PLACE[i] = undefined;
    T_IN_PLACE[i] = false;
  }
  for (let i = from; i < to; i++) {
    const info = T_INFO[i];
    if (info === undefined) continue;
    const flags = T_FLAGS[i] as number;
    let capital = (flags & TOKEN_CAPITALIZED) !== 0;
    let places = info?.places;
    if (places === undefined && T_FOLDED[i] !== null) {
      if ((flags & TOKEN_POSSESSIVE) !== 0) places = placesStartingWith(normAt(s, i).slice(0, -1));
      else {
        const u = unelided(s, i);
        if (u !== null) {
          places = u.info?.places;
          capital = u.capital;
        }
      }
    }
    if (places === undefined) continue;
    for (const p of places) {
      if (!placeAt(s, i, to, p, capital)) continue;
      T_PLACE[i] = p.key;
      for (let k = 0; k <= p.rest.length; k++) T_IN_PLACE[i + k] = true;
      i += p.rest.length;
      break;
    }
  }
}

const HITS = new Int32Array(LANGS.length);

/** The language (bit) whose function words the scanned tokens hit most, with a margin; 0 if none. */
function detect(): number {
  HITS.fill(0);
  for (let i = 0; i < tCount; i++) {
    const langs = T_INFO[i]?.langs ?? 0;
    if (langs === 0) continue;
    for (let b = 0; b < LANGS.length; b++) if ((langs >> b) & 1) HITS[b] = (HITS[b] as number) + 1;
  }
  let best = -1;
  let first = 0;
  let second = 0;
  for (let b = 0; b < LANGS.length; b++) {
    const h = HITS[b] as number;
    if (h > first) {
      second = first;
      first = h;
      best = b;
    } else if (h > second) second = h;
  }
  return first >= DETECT_MIN && first >= 2 * second ? 1 << best : 0;
}

/**
 * A French or Italian word with an elided article or preposition glued on ("l'accord",
 * "dell'Italia"): the info of the word without it, and whether that word is capitalised; null when
 * the token is not one.
 */
function unelided(s: string, i: number): { info: WordInfo | null; capital: boolean } | null {
  const start = T_START[i] as number;
  const end = T_END[i] as number;
  for (let p = start + 1; p < end - 2 && p <= start + 5; p++) {
    const c = s.charCodeAt(p);
    if (c !== 0x27 && c !== 0x2019) continue;
    const prefix = s.slice(start, p).toLowerCase();
    if (!ELIDED.has(prefix)) return null;
    const rest = normAt(s, i).slice(prefix.length);
    if (rest.length < 2) return null;
    return { info: wordInfo(rest), capital: letterCase(s.codePointAt(p + 1) as number) === 1 };
  }
  return null;
}

// Persian writes the weekdays from Sunday to Thursday as a number word and شنبه (Saturday), joined
// or with a zero-width non-joiner (one word: سه‌شنبه is Tuesday) or, less carefully, with a space:
// then the two words are read as one, or "سه شنبه" (Tuesday) would name Saturday.
const PERSIAN_DAYS = new Map(
  [
    ['یک', 'c:sunday'],
    ['دو', 'c:monday'],
    ['سه', 'c:tuesday'],
    ['چهار', 'c:wednesday'],
    ['پنج', 'c:thursday'],
  ].map(([w, day]) => [normalizeTerm(w as string), day as string]),
);

/** The weekday of شنبه after the word at i (a number word), else Saturday. */
function persianDay(s: string, i: number): string {
  if (digitsAt(s, i)) return 'c:saturday';
  return PERSIAN_DAYS.get(normAt(s, i)) ?? 'c:saturday';
}

/** Where the tokens [from, to) of a part say the event is running on (see CONTINUATION): the token, or -1. */
function continuesIn(from: number, to: number): number {
  let ordinal = -3;
  let day = -3;
  let go = -3;
  let on = -3;
  for (let i = from; i < to; i++) {
    const c = T_INFO[i]?.cont ?? 0;
    if (c === 0) continue;
    if ((c & CONT_WORD) !== 0) return i;
    if ((c & CONT_ORDINAL) !== 0) {
      if (i - day <= 2) return i;
      ordinal = i;
    }
    if ((c & CONT_DAY) !== 0) {
      if (i - ordinal <= 2) return i;
      day = i;
    }
    if ((c & CONT_GO) !== 0) {
      if (i - on <= 2) return i;
      go = i;
    }
    if ((c & CONT_ON) !== 0) {
      if (i - go <= 2) return i;
      on = i;
    }
  }
  return -1;
}

/**
 * Hands `sink.cueName` the names of the tokens [from, to) of a part starting at token `part`
 * (`headline`: every capitalised word may be a name there, as in addPart), leaving out figures,
 * function words, cue words and lexicon concepts; returns how many.
 */
function cueNames(from: number, to: number, part: number, headline: boolean, own: number, sink: FeatureSink): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const info = T_INFO[i];
    if (info === null || info === undefined || info.drop || (info.langs & own) !== 0) continue;
    if (info.cont !== 0 || info.concept !== undefined || T_NAME[i] === true) continue;
    const flags = T_FLAGS[i] as number;
    const capital = (flags & TOKEN_CAPITALIZED) !== 0;
    if (!info.arabic && !(capital && ((i > part && (flags & TOKEN_BREAK_BEFORE) === 0) || headline))) continue;
    sink.cueName?.(info.stem, false);
    const place = PLACES ? T_PLACE[i] : undefined;
    if (place !== undefined) sink.cueName?.(place, true);
    else if (info.key !== undefined && !(PLACES && T_IN_PLACE[i] === true)) sink.cueName?.(info.key, true);
    n++;
  }
  return n;
}

/**
 * When the headline or the lead says the event runs on, tells the sink so, and hands it the names
 * of what the cue speaks of (`FeatureSink.cueName`).
 */
function continuation(titleEnd: number, own: number, sink: FeatureSink): void {
  if (continuesIn(0, titleEnd) >= 0) {
    sink.continues?.();
    if (sink.cueName !== undefined) cueNames(0, titleEnd, 0, true, own, sink);
    return;
  }
  const at = continuesIn(titleEnd, tCount);
  if (at < 0) return;
  sink.continues?.();
  if (sink.cueName === undefined) return;
  // The clause holding the cue: from the punctuation before it to the next.
  let lo = at;
  while (lo > titleEnd && ((T_FLAGS[lo] as number) & TOKEN_BREAK_BEFORE) === 0) lo--;
  let hi = at + 1;
  while (hi < tCount && ((T_FLAGS[hi] as number) & TOKEN_BREAK_BEFORE) === 0) hi++;
  if (cueNames(lo, hi, titleEnd, false, own, sink) === 0) cueNames(0, titleEnd, 0, true, own, sink);
}

/** Features of the tokens [from, to) of part `s`, dropping the function words of `own`. */
function addPart(s: string, from: number, to: number, weight: number, own: number, out: FeatureSink): void {
  const naming = NAMED_WORDS.size > 0 ? out.naming : undefined;
  for (let i = from; i < to; i++) {
    if (T_NAME[i] === true) continue;
    naming?.call(out, T_NAMED[i] === true);
    const place = PLACES ? T_PLACE[i] : undefined;
    if (place !== undefined) out.neutral(place, weight);
    if (
      ((T_FLAGS[i] as number) & TOKEN_CAPITALIZED) !== 0 &&
      MONTHS.has(normAt(s, i)) &&
      (dayAt(s, i + 1, from, to) || dayAt(s, i - 1, from, to))
    )
      continue;
    if (digitsAt(s, i)) {
      // Thousands separators split a figure into tokens: "2,500" → 2 | 500. Rejoin a group of
      // exactly three digits that follows directly.
      let digits = normAt(s, i);
      let j = i + 1;
      while (j < to) {
        const sep = s.slice(T_END[j - 1] as number, T_START[j] as number);
        if (digitsAt(s, j) && (sep === ',' || sep === '٬' || sep === '.')) {
          const nx = normAt(s, j);
          if (nx.length !== 3) break;
          digits += nx;
          j++;
        } else break;
      }
      let value = Number(digits);
      const scale = j < to ? SCALE[normAt(s, j)] : undefined;
      if (scale !== undefined) value *= scale;
      if (Number.isFinite(value)) out.neutral(`n:${value}`, weight);
      i = j - 1;
      continue;
    }
    let info = T_INFO[i] as WordInfo | null;
    const flags = T_FLAGS[i] as number;
    let capital = (flags & TOKEN_CAPITALIZED) !== 0;
    if ((own & ELIDING) !== 0) {
      const u = unelided(s, i);
      if (u !== null) {
        info = u.info;
        capital = u.capital;
      }
    }
    if (info === null || info.drop || (info.langs & own) !== 0) continue;
    out.term(info.stem, weight);
    if (info.concept !== undefined) out.neutral(info.concept === 'c:saturday' && i > from ? persianDay(s, i - 1) : info.concept, weight);
    // Name keys: Arabic-script words (no letter case there) and capitalised Latin words that
    // do not merely start a sentence (or the headline, where every word may be capitalised).
    if (info.key === undefined || (PLACES && T_IN_PLACE[i] === true)) continue;
    if (info.arabic || (capital && ((i > from && (flags & TOKEN_BREAK_BEFORE) === 0) || weight > 1))) {
      out.neutral(info.key, weight);
      // The word gave its concept too: one word, two features (FeatureSink.conceptKey).
      if (info.concept !== undefined) out.conceptKey?.();
    }
  }
}

/**
 * Features of one article: headline, lead and the caller's entity ids. `lang` (a language tag,
 * as StoryArticle.lang) says whose function words to drop besides English, Arabic and Persian
 * ones; when absent they are detected from the headline and lead.
 */
export function articleFeatures(
  title: string,
  text: string,
  entities?: readonly string[],
  leadWords: number = LEAD_WORDS,
  titleWeight: number = TITLE_WEIGHT,
  lang?: string | null,
  topicNames?: readonly string[],
  places = false,
): ArticleFeatures {
  const out: ArticleFeatures = { terms: new Map(), neutral: new Map(), lang: '' };
  out.lang = featuresTo(new MapSink(out), title, text, entities, leadWords, titleWeight, lang, topicNames, places);
  return out;
}

/**
 * `articleFeatures`, each occurrence handed to `sink` in the order the maps would first hold it;
 * returns `ArticleFeatures.lang`.
 */
export function featuresTo(
  sink: FeatureSink,
  title: string,
  text: string,
  entities?: readonly string[],
  leadWords: number = LEAD_WORDS,
  titleWeight: number = TITLE_WEIGHT,
  lang?: string | null,
  topicNames?: readonly string[],
  places = false,
  entityNames?: readonly string[],
): string {
  const lead = text ? leadOf(text, leadWords) : '';
  PLACES = places;
  NAMED_WORDS.clear();
  if (entityNames !== undefined && sink.naming !== undefined)
    for (const n of entityNames) if (typeof n === 'string') scanWords(n, collectNameWord(n, NAMED_WORDS));
  // The desk's own names (the clusterer passes those of entities most of its window carries, in
  // several stories): the entity id is their one feature. Every article of the topic carries them,
  // so they say which topic, not which event; as words and name keys they also met unrelated words
  // («صحرا», desert, met "Sahara") and joined another event of the topic across languages.
  NAME_WORDS.clear();
  if (topicNames !== undefined) for (const n of topicNames) if (typeof n === 'string') scanWords(n, collectNameWord(n));
  tCount = 0;
  scanPart(title);
  const titleEnd = tCount;
  if (lead) scanPart(lead);
  const own = lang ? langBit(lang) : detect();
  const drop = own & ~1;
  addPart(title, 0, titleEnd, titleWeight, drop, sink);
  if (lead) {
    sink.lead?.();
    addPart(lead, titleEnd, tCount, 1, drop, sink);
  }
  sink.naming?.(false);
  if (entities) for (const e of entities) sink.neutral(`e:${e}`, 1);
  if (sink.continues !== undefined) continuation(titleEnd, drop, sink);
  // English's function words are dropped in every article already.
  return own !== 0 ? (LANGS[31 - Math.clz32(own)] as string) : '';
}
