// The interface languages and their message catalogues. UI strings live in catalogues (one per
// area: site, desk, accounts, errors), never inline, so a page reads in the visitor's language and
// an Arabic or Persian interface lays out right-to-left. A message missing from a catalogue falls
// back to English rather than showing a key.

export const LANGS = ['en', 'ar', 'fa'] as const;
export type Lang = (typeof LANGS)[number];

const RTL: ReadonlySet<Lang> = new Set<Lang>(['ar', 'fa']);

export function dirOf(lang: Lang): 'ltr' | 'rtl' {
  return RTL.has(lang) ? 'rtl' : 'ltr';
}

export function isLang(s: string | undefined | null): s is Lang {
  return s !== undefined && s !== null && (LANGS as readonly string[]).includes(s);
}

/** A catalogue: English is complete (it defines the keys); the other languages may lag behind. */
export interface Catalogue<K extends string> {
  en: Record<K, string>;
  ar: Partial<Record<K, string>>;
  fa: Partial<Record<K, string>>;
}

export type Params = Readonly<Record<string, string | number>>;
export type Translate<K extends string> = (key: K, params?: Params) => string;

/** Fills {name} placeholders; an unknown placeholder stays visible, so a missing value shows in review. */
export function fill(template: string, params: Params | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function translator<K extends string>(catalogue: Catalogue<K>, lang: Lang): Translate<K> {
  const own = catalogue[lang] as Partial<Record<K, string>>;
  return (key, params) => fill(own[key] ?? catalogue.en[key], params);
}

/**
 * The interface language: the user's own setting first, then the first supported language of an
 * Accept-Language header (by q), then English.
 */
export function negotiateLang(acceptLanguage: string | undefined, setting?: string | null): Lang {
  if (isLang(setting)) return setting;
  if (!acceptLanguage) return 'en';
  const tags = acceptLanguage
    .slice(0, 500)
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { base: tag.trim().toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { base } of tags) if (isLang(base)) return base;
  return 'en';
}

/**
 * A message as a key and parameters rather than a sentence, for messages built from other
 * messages (the add chain's "page: found only 2 teasers in repeated <article> blocks, …"): a
 * parameter may itself be a note, written in the same language. Each area keeps the English of
 * its notes next to the code that makes them; a page renders them through its catalogues.
 */
export interface Note<K extends string = string> {
  key: K;
  params?: NoteParams<K>;
}

export type NoteParams<K extends string = string> = Readonly<Record<string, string | number | Note<K>>>;

/** A note in the language of `text` (the template of a key); nested notes first, then numbers by `number`. */
export function fillNote<K extends string>(
  note: Note<K>,
  text: (key: K) => string,
  number: (n: number) => string = String,
  prepare: (params: Record<string, string | number>) => Params = (p) => p,
): string {
  if (!note.params) return text(note.key);
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(note.params))
    out[name] = typeof value === 'object' ? fillNote(value, text, number, prepare) : typeof value === 'number' ? number(value) : value;
  return fill(text(note.key), prepare(out));
}

/**
 * The headers of an answer whose words Accept-Language chose (the API's and a worker's problems):
 * its language (Content-Language), and that it follows Accept-Language (Vary), so a cache never
 * hands one language's answer to another.
 */
export function negotiatedHeaders(lang: Lang): Record<string, string> {
  return { 'content-language': lang, vary: 'Accept-Language' };
}
