// Country names across scripts: "Niger", «النيجر» and «نیجر» are one place, whatever script or
// language names it. The names are not written here: they are the i18n-iso-countries package's
// (ISO 3166-1 codes with each country's official and short names per locale, MIT), read for the
// languages whose text the desk compares in Latin and Arabic script: English, French, German,
// Spanish, Italian, Portuguese, Dutch, Turkish, Arabic and Persian. Each name is folded as text is
// (normalize-tokens.ts) into its words, so a name is looked up word by word in a text already
// tokenised, and every form of one country gives the same key, its ISO alpha-2 code. Read by the
// clusterer (stories/features.ts, `ClusterOptions.places`) and by topics (`country:` on an entity:
// `countryForms`, schema.ts).
//
// Forms: every name the package lists for a country (official and alias: "Islamic Republic of
// Iran" and "Iran", "Türkiye" and "Turkey", "USA" and "U.S."), and the package's own qualified
// names cut at their qualifier ("Moldova, Republic of" → "Moldova", "Holy See (Vatican City
// State)" → "Holy See"). A form that two countries share ("Congo", "Virgin Islands") names neither.
// A form starting with a function word ("The Gambia") is left out when the package also has it
// without ("Gambia"). Left out on purpose (PLACE_NOT_NAMES): a form that is also a common word or
// another place in its script, which no letter case can tell apart there.
//
// Demonyms and adjectives are not in the package; `demonymPlace` reads the common ones by their
// ending off its one-word names ("Iranian", "Nigerien", "Iraqi", «الإيرانية», «العراقي»,
// «ایرانی», «نیجری»); irregular ones ("French", "British", "Turkish", "Emirati", «فرنسوی») it does
// not know. What the package does not give, and so this does not know: cities (Niamey, Tehran,
// Baghdad); short forms it lacks ("Syria", and so "Syrian": English has only "Syrian Arab
// Republic"; "Britain" without "Great"; «آمریکا», «أمريكا», «انگلیس»; «فلسطین» in Persian, only
// «سرزمین‌های فلسطینی»); a demonym with a plural ending glued on («نیجری‌ها»).
import enNames from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import frNames from 'i18n-iso-countries/langs/fr.json' with { type: 'json' };
import deNames from 'i18n-iso-countries/langs/de.json' with { type: 'json' };
import esNames from 'i18n-iso-countries/langs/es.json' with { type: 'json' };
import itNames from 'i18n-iso-countries/langs/it.json' with { type: 'json' };
import ptNames from 'i18n-iso-countries/langs/pt.json' with { type: 'json' };
import nlNames from 'i18n-iso-countries/langs/nl.json' with { type: 'json' };
import trNames from 'i18n-iso-countries/langs/tr.json' with { type: 'json' };
import arNames from 'i18n-iso-countries/langs/ar.json' with { type: 'json' };
import faNames from 'i18n-iso-countries/langs/fa.json' with { type: 'json' };
import { scanWords } from './normalize-tokens.js';

interface LocaleNames {
  locale: string;
  countries: Record<string, string | string[]>;
}

/** The package's locales read, in this order. */
export const PLACE_LOCALES: readonly string[] = ['en', 'fr', 'de', 'es', 'it', 'pt', 'nl', 'tr', 'ar', 'fa'];
const LOCALES: readonly LocaleNames[] = [enNames, frNames, deNames, esNames, itNames, ptNames, nlNames, trNames, arNames, faNames];

/**
 * Forms (folded) that are a country's name in the package but also a common word or another place
 * in their script, where no letter case tells them apart: Mali «مالی»/«مالي» is also "financial",
 * Oman «عمان» is also Amman (Jordan's capital), Benin «بنين» is also "sons", Georgia (English,
 * Spanish, Italian "Georgia", Arabic «جورجيا») and "Jersey" (New Jersey) are also US states. And
 * another language's name that is an English word or given name with its capital: German "Island"
 * (Iceland; "Rhode Island"), French "Réunion" ("Mean Girls Reunion"), "Maurice" (Mauritius),
 * "Dominique" (Dominica), "Suède" (Sweden; "Blue Suede Shoes"). From general knowledge of the
 * languages; "Island" and "Reunion" were seen in a listing of the gazetteer's hits over the dev
 * English headlines (uci dev and the synthetic set's English dev articles), none from a test.
 */
export const PLACE_NOT_NAMES: ReadonlySet<string> = new Set([
  'مالي',
  'عمان',
  'بنين',
  'georgia',
  'جورجيا',
  'jersey',
  'island',
  'reunion',
  'maurice',
  'dominique',
  'suede',
]);

/**
 * One-word English country names that are also a given name or a common noun (Chad, Jordan,
 * India, Israel, Kenya, Cuba; Turkey, China, Chile, Jersey, Guernsey): written with a capital they
 * name the place only when no other capitalised word stands next to them in the clause ("Chad
 * Smith", "Michael Jordan", "Air India", "South China Sea", "New Jersey" are not the country).
 * From general knowledge of English, not from any evaluation file.
 */
export const PLACE_ALSO_NAMES: ReadonlySet<string> = new Set([
  'chad',
  'jordan',
  'india',
  'israel',
  'kenya',
  'cuba',
  'turkey',
  'china',
  'chile',
  'jersey',
  'guernsey',
]);

/** A country name starting with a given word: the words after it, and what its reading asks. */
export interface PlaceName {
  /** "p:" and the ISO 3166-1 alpha-2 code: the feature every form of the country gives. */
  key: string;
  /** The folded words after the first. */
  rest: readonly string[];
  /** Written in capitals in the package ("US", "U.S.", "UAE"): the text must write it so too. */
  acronym: boolean;
  /** A Latin-script form: the text must write its first word with a capital. */
  latin: boolean;
  /** One of PLACE_ALSO_NAMES. */
  alsoName: boolean;
}

function foldWords(name: string): string[] {
  const words: string[] = [];
  scanWords(name, (start, end, _coreEnd, _flags, folded) => {
    words.push(folded ?? name.slice(start, end).toLowerCase());
  });
  return words;
}

function isArabicScript(w: string): boolean {
  const c = w.charCodeAt(0);
  return c >= 0x0600 && c <= 0x06ff;
}

/** The forms of one package name: itself and its part before a qualifier (", …", " (…)"). */
function formsOf(name: string): string[] {
  const out = [name];
  for (const cut of [name.indexOf(', '), name.indexOf(' (')]) if (cut > 0) out.push(name.slice(0, cut));
  return out;
}

/** First folded word → the names starting with it, longest first. */
const BY_FIRST = new Map<string, PlaceName[]>();

/** A country's forms as the package writes them, for topic entities (`countryForms`). */
export interface CountryForms {
  /** Names to match as aliases: every form the gazetteer reads but those it reads only with a guard. */
  names: string[];
  /** The package's acronyms ("US", "U.S.", "UAE"): case-sensitive, as an entity's acronyms. */
  acronyms: string[];
}
/** Code → its forms as written, kept by `build` (the folded form, the text). */
const WRITTEN = new Map<string, Map<string, string>>();
const FORMS = new Map<string, CountryForms>();

function build(): void {
  // Folded form (words joined by spaces) → the codes naming it, and whether written in capitals.
  const codes = new Map<string, Set<string>>();
  const acronyms = new Set<string>();
  for (const loc of LOCALES) {
    for (const [code, names] of Object.entries(loc.countries)) {
      for (const name of typeof names === 'string' ? [names] : names) {
        for (const form of formsOf(name)) {
          const words = foldWords(form);
          if (words.length === 0) continue;
          const folded = words.join(' ');
          if (PLACE_NOT_NAMES.has(folded)) continue;
          let written = WRITTEN.get(code);
          if (written === undefined) {
            written = new Map();
            WRITTEN.set(code, written);
          }
          if (!written.has(folded)) written.set(folded, form);
          let set = codes.get(folded);
          if (set === undefined) {
            set = new Set();
            codes.set(folded, set);
          }
          set.add(code);
          const letters = form.replace(/[^\p{L}]/gu, '');
          if (letters.length <= 4 && letters === letters.toUpperCase() && /^[A-Z]+$/.test(letters)) acronyms.add(folded);
        }
      }
    }
  }
  for (const [folded, set] of codes) {
    if (set.size !== 1) continue; // two countries' name: neither's
    const words = folded.split(' ');
    // "The Gambia", "The Netherlands": the package has them without the article too.
    if (words.length > 1 && words[0] === 'the' && codes.has(words.slice(1).join(' '))) continue;
    const first = words[0] as string;
    const entry: PlaceName = {
      key: `p:${[...set][0] as string}`,
      rest: words.slice(1),
      acronym: acronyms.has(folded),
      latin: !isArabicScript(first),
      alsoName: words.length === 1 && PLACE_ALSO_NAMES.has(first),
    };
    let list = BY_FIRST.get(first);
    if (list === undefined) {
      list = [];
      BY_FIRST.set(first, list);
    }
    list.push(entry);
  }
  for (const list of BY_FIRST.values()) list.sort((a, b) => b.rest.length - a.rest.length);
  for (const [code, written] of WRITTEN) {
    const forms: CountryForms = { names: [], acronyms: [] };
    for (const [folded, form] of written) {
      if (codes.get(folded)?.size !== 1) continue; // two countries' name
      if (acronyms.has(folded)) forms.acronyms.push(form);
      // A name that is also a given name or a common noun needs the clusterer's neighbour rule,
      // which an alias does not have: an editor adds it by hand if the desk wants it.
      else if (!PLACE_ALSO_NAMES.has(folded)) forms.names.push(form);
    }
    FORMS.set(code, forms);
  }
  WRITTEN.clear();
}
build();

/**
 * A country's names in the package's ten locales as written there ("Niger", «النيجر», «نیجر»,
 * "Nigeria"'s are NG's), for a topic entity that names a country (`country: NE`): the forms the
 * gazetteer reads, less those two countries share, those it leaves out (PLACE_NOT_NAMES) and those
 * it reads only with no capitalised word beside them (PLACE_ALSO_NAMES: "Chad", "Jordan"); the
 * package's acronyms apart. Undefined for a code the package does not have (`code` is ISO 3166-1
 * alpha-2, any case).
 */
export function countryForms(code: string): CountryForms | undefined {
  return FORMS.get(code.toUpperCase());
}

/**
 * The country names that may start at a folded word (longest first), or undefined. An
 * Arabic-script word is also read without the clitics written onto it: و and ف (and), ب (in,
 * with), ل (for, to), ك (as), with the article after them (والعراق, بالعراق, للعراق, لإيران).
 */
export function placesStartingWith(folded: string): readonly PlaceName[] | undefined {
  const own = BY_FIRST.get(folded);
  if (own !== undefined || !isArabicScript(folded) || folded.length < 4) return own;
  let w = folded;
  if (w.startsWith('و') || w.startsWith('ف')) {
    const found = BY_FIRST.get(w.slice(1));
    if (found !== undefined) return found;
    w = w.slice(1);
  }
  if (w.length < 4) return undefined;
  if (w.startsWith('لل')) return BY_FIRST.get(`ال${w.slice(2)}`);
  if (w.startsWith('ب') || w.startsWith('ل') || w.startsWith('ك')) return BY_FIRST.get(w.slice(1));
  return undefined;
}

/** A one-word name's entry (no words after it), or undefined. */
function single(w: string): PlaceName | undefined {
  const list = BY_FIRST.get(w);
  if (list === undefined) return undefined;
  for (const p of list) if (p.rest.length === 0) return p;
  return undefined;
}

// Arabic-script adjective endings (folded: ة is ه, ی is ي): الإيرانية, العراقي, ایرانی, ایرانیان,
// الإيرانيين. Longest first.
const ARABIC_NISBA = ['يين', 'يون', 'يان', 'يه', 'ي'];
// English adjective endings: Iranian, Nigerien, Albanian (Albania + n), Iraqi, Sudanese, Chinese
// (China + ese, its a dropped).
const LATIN_DEMONYM: readonly [suffix: string, back: string][] = [
  ['ian', ''],
  ['ien', ''],
  ['an', 'a'],
  ['ese', ''],
  ['ese', 'a'],
  ['i', ''],
];

/**
 * The country a demonym or adjective of one word names, read by its ending from the package's
 * one-word names: «الإيرانية», «ایرانی», "Iranian" → p:IR; «السعودي» (the name is «السعودية»),
 * «سوری» (Persian «سوریه»). Undefined when the stem is no country's name.
 */
export function demonymPlace(folded: string): PlaceName | undefined {
  if (isArabicScript(folded)) {
    let w = folded;
    if (w.length >= 6 && (w.startsWith('وال') || w.startsWith('بال') || w.startsWith('فال') || w.startsWith('لل')))
      w = w.slice(w.startsWith('لل') ? 2 : 3);
    else if (w.length >= 5 && w.startsWith('ال')) w = w.slice(2);
    for (const end of ARABIC_NISBA) {
      if (!w.endsWith(end) || w.length - end.length < 3) continue;
      const stem = w.slice(0, -end.length);
      const found = single(stem) ?? single(`ال${stem}`) ?? single(`${stem}يه`) ?? single(`ال${stem}يه`) ?? single(`${stem}ه`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [suffix, back] of LATIN_DEMONYM) {
    if (!folded.endsWith(suffix) || folded.length - suffix.length < 3) continue;
    const found = single(`${folded.slice(0, -suffix.length)}${back}`);
    if (found?.latin) return found;
  }
  return undefined;
}

/** How many distinct forms the gazetteer holds (for tests and the write-up). */
export function placeFormCount(): number {
  let n = 0;
  for (const list of BY_FIRST.values()) n += list.length;
  return n;
}
