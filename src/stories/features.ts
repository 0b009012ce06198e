// What the clusterer compares: the features of one article, before weighting.
//
// - Terms: folded words of the headline (counted twice: it names the event) and of the lead (the
//   first LEAD_WORDS words of the text: the who/what/where of a news story; the tail is where
//   background paragraphs, credits and site boilerplate live). Function words dropped, a light
//   plural/article strip so "sanctions"/"sanction" and "المحكمة"/"محكمة" meet.
// - Numbers ("n:"): figures of the headline and lead in any digit script, thousands separators
//   removed and scale words applied (300,000 = ۳۰۰ هزار = 300 ألف).
// - Name keys ("x:"): a consonant-class transliteration key (transliterate.ts) of capitalised
//   Latin words and of Arabic-script words, so a name meets its spelling in another script.
// - Concepts ("c:"): the cross-language news lexicon (lexicon.ts): court / محكمة / دادگاه.
// - Entities ("e:"): topic-matcher entity ids given by the caller (aliases in every script map to
//   one id).
// Numbers, name keys, concepts and entities are language-neutral: they are what articles in different
// languages can share, and the clusterer compares cross-language pairs on them alone.
import { normalizeTerm } from '../text/normalize.js';
import { TOKEN_BREAK_BEFORE, TOKEN_CAPITALIZED, tokenize } from '../text/normalize-tokens.js';
import { conceptOf } from './lexicon.js';
import { STOPWORDS } from './stopwords.js';
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
}

const FOLDED_STOPWORDS = new Set([...STOPWORDS].map((w) => normalizeTerm(w)));

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

/** First `n` words of a text (cheap: stops scanning once enough spaces are seen). */
export function leadOf(text: string, n: number = LEAD_WORDS): string {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
    if (!space && !inWord) {
      words++;
      if (words > n) return text.slice(0, i);
    }
    inWord = !space;
  }
  return text;
}

interface WordInfo {
  stem: string;
  /** "c:" feature of its lexicon concept. */
  concept: string | undefined;
  /** "x:" feature of its name key (three classes or more). */
  key: string | undefined;
  arabic: boolean;
}

// What a folded word contributes does not depend on the article: computed once per word. The
// cache is dropped when it grows large, so memory stays bounded on any stream.
const WORD_CACHE = new Map<string, WordInfo | null>();
const WORD_CACHE_MAX = 200_000;

function wordInfo(w: string): WordInfo | null {
  let info = WORD_CACHE.get(w);
  if (info !== undefined) return info;
  const arabic = isArabicScript(w);
  if (w.length < 2 || FOLDED_STOPWORDS.has(w) || (!arabic && w.length < 3)) info = null;
  else {
    const concept = conceptOf(w);
    const key = translitKey(w);
    info = {
      stem: stem(w),
      concept: concept === undefined ? undefined : `c:${concept}`,
      key: key.length >= 3 ? `x:${key}` : undefined,
      arabic,
    };
  }
  if (WORD_CACHE.size >= WORD_CACHE_MAX) WORD_CACHE.clear();
  WORD_CACHE.set(w, info);
  return info;
}

function addPart(s: string, weight: number, out: ArticleFeatures): void {
  const toks = tokenize(s);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as (typeof toks)[number];
    const w = t.norm;
    if (isDigits(w)) {
      // Thousands separators split a figure into tokens: "2,500" → 2 | 500. Rejoin a group of
      // exactly three digits that follows directly.
      let digits = w;
      let j = i + 1;
      while (j < toks.length) {
        const nx = toks[j] as (typeof toks)[number];
        const sep = s.slice(toks[j - 1]?.end ?? 0, nx.start);
        if (isDigits(nx.norm) && nx.norm.length === 3 && (sep === ',' || sep === '٬' || sep === '.')) {
          digits += nx.norm;
          j++;
        } else break;
      }
      const next = toks[j];
      let value = Number(digits);
      const scale = next ? SCALE[next.norm] : undefined;
      if (scale !== undefined) value *= scale;
      if (Number.isFinite(value)) add(out.neutral, `n:${value}`, weight);
      i = j - 1;
      continue;
    }
    const info = wordInfo(w);
    if (info === null) continue;
    add(out.terms, info.stem, weight);
    if (info.concept !== undefined) add(out.neutral, info.concept, weight);
    // Name keys: Arabic-script words (no letter case there) and capitalised Latin words that
    // do not merely start a sentence (or the headline, where every word may be capitalised).
    if (info.key === undefined) continue;
    const capital = (t.flags & TOKEN_CAPITALIZED) !== 0;
    if (info.arabic || (capital && ((i > 0 && (t.flags & TOKEN_BREAK_BEFORE) === 0) || weight > 1))) add(out.neutral, info.key, weight);
  }
}

/** Features of one article: headline, lead and the caller's entity ids. */
export function articleFeatures(
  title: string,
  text: string,
  entities?: readonly string[],
  leadWords: number = LEAD_WORDS,
  titleWeight: number = TITLE_WEIGHT,
): ArticleFeatures {
  const out: ArticleFeatures = { terms: new Map(), neutral: new Map() };
  addPart(title, titleWeight, out);
  if (text) addPart(leadOf(text, leadWords), 1, out);
  if (entities) for (const e of entities) add(out.neutral, `e:${e}`, 1);
  return out;
}
