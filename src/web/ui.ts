// The interface language of one request: the signed-in user's setting, else Accept-Language
// (src/locale negotiateLang), with the locale dates are written in and the site's translator.
// Pages are cached per language (app.ts keys the render cache with `cacheKey`).
import type { Context } from 'hono';
import { viewerOf } from '../auth/viewer.js';
import { dirOf, isLang, negotiateLang, translator, type Lang, type Params, type Translate } from '../locale/index.js';
import { formatCount, pickLocale } from './locale.js';
import { SITE_MESSAGES, type SiteKey } from './messages/site.js';

export interface Ui {
  lang: Lang;
  dir: 'ltr' | 'rtl';
  /** The locale dates and numbers are written in (Intl). */
  locale: string;
  t: Translate<SiteKey>;
}

const translators = new Map<string, Translate<SiteKey>>();

/**
 * The site's messages in `lang`, their numbers written with the digits of `locale`, the locale
 * dates are written in: a Persian page gave "۷ روز گذشته: 42" beside dates in Persian digits.
 * No grouping, so a count reads as before in English ("1234 stories").
 */
function siteTranslator(lang: Lang, locale: string): Translate<SiteKey> {
  const key = `${lang}|${locale}`;
  let t = translators.get(key);
  if (!t) {
    const base = translator(SITE_MESSAGES, lang);
    t = (k, params) => base(k, params && localDigits(params, locale));
    // Locales come from pickLocale (bounded); the bound keeps this map small all the same.
    if (translators.size >= 200) translators.clear();
    translators.set(key, t);
  }
  return t;
}

function localDigits(params: Params, locale: string): Params {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) out[name] = typeof value === 'number' ? formatCount(value, locale) : value;
  return out;
}

/** The interface for a request: `setting` is the signed-in user's language (viewer.lang). */
export function uiFor(acceptLanguage: string | undefined, setting?: string | null): Ui {
  const lang = negotiateLang(acceptLanguage, setting);
  // A chosen language writes dates its own way; otherwise the browser's first language does.
  const locale = isLang(setting) ? setting : pickLocale(acceptLanguage);
  return { lang, dir: dirOf(lang), locale, t: siteTranslator(lang, locale) };
}

/** The interface of a request: the signed-in user's setting, else Accept-Language. */
export function requestUi(c: Context): Ui {
  return uiFor(c.req.header('accept-language'), viewerOf(c)?.lang);
}

/** English, for what is built outside a request (and the default of the page shell). */
export const ENGLISH_UI: Ui = uiFor(undefined);

/** What makes two requests' pages differ by language: part of every render cache key. */
export function cacheKey(ui: Ui): string {
  return `${ui.lang}|${ui.locale}`;
}

const ENGLISH_KEYS = new Map<string, SiteKey>(Object.entries(SITE_MESSAGES.en).map(([k, v]) => [v, k as SiteKey]));

/** A message given in English (by code outside the web layer) in the reader's language, when the catalogue has it. */
export function translateEnglish(ui: Ui, message: string): string {
  const key = ENGLISH_KEYS.get(message);
  return key ? ui.t(key) : message;
}
