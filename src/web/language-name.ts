// A language's name in the reader's interface language, for story pages and the search form's
// language filter (which listed bare codes, "en ar fa fr", in every language until the
// 2026-12-06 analyst journey).
import type { SiteKey } from './messages/site.js';
import type { Ui } from './ui.js';

const LANGUAGE_KEYS: Record<string, SiteKey> = { en: 'lang.en', ar: 'lang.ar', fa: 'lang.fa', fr: 'lang.fr', de: 'lang.de', es: 'lang.es' };

const displayNames = new Map<string, Intl.DisplayNames | null>();

/** A language's name in the interface's language: our catalogue, else ICU's names, else the code. */
export function languageName(lang: string | null, ui: Ui): string {
  if (!lang) return ui.t('lang.none');
  const key = LANGUAGE_KEYS[lang.split('-')[0]!];
  if (key) return ui.t(key);
  let names = displayNames.get(ui.locale);
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames([ui.locale], { type: 'language', fallback: 'none' });
    } catch {
      names = null;
    }
    displayNames.set(ui.locale, names);
  }
  try {
    return names?.of(lang) ?? lang;
  } catch {
    return lang; // not a well-formed language tag: shown as stored
  }
}
