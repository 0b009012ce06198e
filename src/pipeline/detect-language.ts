// The language of an entry whose item and feed name none, identified from its own text with the
// `eld` library (Nito-ELD, Apache-2.0; n-gram scores for 60 languages, Arabic, Persian and Urdu
// apart). Only undeclared entries are guessed: a declared language is never overridden. A wrong
// language hides an entry from the right language filter and puts it on the wrong story line,
// which is worse than none, so the guess abstains (null) when the text is short or two languages
// score alike. Measured on the repository's corpora in docs/desk.md (p-langid).
import type { NewEntry } from '../domain/entry.js';
import { languageTag } from './language-tag.js';
import { textDirection } from './text-direction.js';

/**
 * Text read: the headline and the lead of the body say the language as well as the whole, and a
 * megabyte article must cost no more than a short one.
 */
export const DETECT_CHARS = 1000;
/**
 * Fewer letters than this (about two short words) and n-grams of neighbouring languages fit alike;
 * scripts whose characters are words (Han, kana, Hangul) say more per character.
 */
const MIN_LETTERS = 12;
const MIN_IDEOGRAPHS = 4;
/**
 * The winner must lead the runner-up by this much of eld's 0–1 score. eld's own `isReliable()`
 * passes "Hotel Restaurant Taxi" as Tagalog 0.727 over English 0.723; a single shared word in
 * Arabic script ("بغداد") scores Arabic, Urdu and Persian within 0.01.
 */
const MIN_MARGIN = 0.03;

/** What eld's detector answers (its `detect`), so the policy is testable without the model. */
export interface LanguageScorer {
  detect(text: string): { language: string; getScores(): Record<string, number>; isReliable(): boolean };
}

const LETTER = /\p{L}/gu;
const IDEOGRAPH = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

/** The BCP 47 primary tag `scorer` finds in the lead of `text`, or null when unsure. */
export function guessLanguage(scorer: LanguageScorer, text: string): string | null {
  const lead = text.slice(0, DETECT_CHARS);
  const letters = lead.match(LETTER)?.length ?? 0;
  const ideographs = lead.match(IDEOGRAPH)?.length ?? 0;
  if (letters < MIN_LETTERS && ideographs < MIN_IDEOGRAPHS) return null;
  const r = scorer.detect(lead);
  if (!r.language || !r.isReliable()) return null;
  const [first = 0, second = 0] = Object.values(r.getScores()).sort((a, b) => b - a);
  if (first - second < MIN_MARGIN) return null;
  return languageTag(r.language);
}

let loading: Promise<LanguageScorer> | undefined;

/**
 * The model, loaded on first use: most feeds declare their language, and the n-gram tables cost
 * about 150 MB and a second or two to load. "small" is eld's smallest database but one; "large"
 * is a little more accurate on headlines for about 400 MB (docs/desk.md, p-langid).
 */
export function languageScorer(): Promise<LanguageScorer> {
  loading ??= import('eld/small').then((m) => m.eld);
  return loading;
}

/** The text an entry's language is guessed from: its headline, then its body. */
export function entryLanguageText(title: string, text: string): string {
  return `${title}\n${text.slice(0, DETECT_CHARS)}`;
}

/**
 * `items` with a guessed language where they declare none (same array, entries changed in place;
 * the direction follows the language). The model is loaded only when some entry needs it.
 */
export async function withGuessedLanguages(items: NewEntry[]): Promise<NewEntry[]> {
  if (items.every((e) => e.lang !== null)) return items;
  const scorer = await languageScorer();
  for (const e of items) {
    if (e.lang !== null) continue;
    const lang = guessLanguage(scorer, entryLanguageText(e.title, e.text));
    if (lang === null) continue;
    e.lang = lang;
    e.langGuessed = true;
    e.dir = textDirection(lang, e.title, e.text.slice(0, DETECT_CHARS));
  }
  return items;
}
