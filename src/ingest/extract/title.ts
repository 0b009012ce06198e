import type { DomElement, PageIndex } from './dom.js';
import { tagged } from './dom.js';

// Article titles from the document <title>, which usually carries the site's name too:
// "Headline – Site", "Site | Section | Headline". Readability 0.6 strips such parts only when
// they are set off by ASCII separators; typographic dashes (– —) are as common on the web,
// so titles using them are cut here with the same idea: drop the last part, or the first if
// that leaves too little, and keep the whole title when what remains is too short to stand alone.

const SEP = /\s[|\-–—\\/>»·]\s/g;
const HIERARCHICAL = /\s[\\/>»]\s/;
const TYPOGRAPHIC_DASH = /\s[–—]\s/;

function words(s: string): number {
  return s.trim().split(/\s+/).filter(Boolean).length;
}

/** True when `title` uses a spaced en or em dash, which the generic cleanup does not handle. */
export function hasTypographicSeparator(title: string): boolean {
  return TYPOGRAPHIC_DASH.test(title);
}

/** The headline part of a document title. */
export function headlineFromDocumentTitle(raw: string): string {
  const orig = raw.replace(/\s+/g, ' ').trim();
  const seps = Array.from(orig.matchAll(SEP));
  if (seps.length === 0) return orig;
  const last = seps[seps.length - 1]!;
  let cut = orig.slice(0, last.index).trim();
  if (words(cut) < 3) {
    const firstSep = seps[0]!;
    cut = orig.slice((firstSep.index ?? 0) + firstSep[0].length).trim();
  }
  const hierarchical = HIERARCHICAL.test(orig);
  // A short remainder is kept only when the title was a path ("Site > Section > Headline")
  // and exactly one word-part was dropped; otherwise a short cut is more likely a wrong cut.
  if (words(cut) <= 4 && (!hierarchical || words(cut) !== words(orig.replace(SEP, ' ')) - 1)) return orig;
  return cut;
}

// The page's own headline inside a title that still carries the site's name. The cleanup above
// (like Readability's) keeps the whole title when cutting it would leave a short remainder
// ("No Trade Idea | Jerseys and Hockey Love"), and never cuts at a colon ("Sunday 121111" under
// "CrossFit: Forging Elite Fitness: Sunday 121111"). When a heading on the page is exactly one
// end of the title, cut at a separator, that heading is what the page calls the article: the
// rest is the site's name or section.

/** A separator that ends the part before a headline, or starts the part after it. */
const SEP_BEFORE = /(?:\s[|\-–—\\/>»«·:~]|:)\s*$/;
const SEP_AFTER = /^\s*(?:[|\-–—\\/>»«·~]\s|:\s?)/;
/** Headings shorter than this are section labels, not headlines. */
const MIN_HEADLINE = 8;

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/**
 * The longest of `headings` that is the start or the end of `title` with the rest set off by a
 * separator, or null. Case is ignored in the comparison; the heading's own text is returned.
 */
export function headlineInTitle(title: string, headings: readonly string[]): string | null {
  const t = squash(title);
  const lower = t.toLowerCase();
  let best: string | null = null;
  for (const raw of headings) {
    const h = squash(raw);
    if (h.length < MIN_HEADLINE || h.length >= t.length || (best && best.length >= h.length)) continue;
    const hl = h.toLowerCase();
    if (lower.startsWith(hl) && SEP_AFTER.test(t.slice(h.length))) best = h;
    else if (lower.endsWith(hl) && SEP_BEFORE.test(t.slice(0, t.length - h.length))) best = h;
  }
  return best;
}

/**
 * The page's h1–h3 elements, taken before the scorer moves and removes nodes (it reads them
 * from the index the parse already built: no walk of its own). Their text is read only when a
 * title needs it.
 */
export function pageHeadings(index: PageIndex): DomElement[] {
  return [...tagged(index, 'h1'), ...tagged(index, 'h2'), ...tagged(index, 'h3')];
}

/** A link to the site's front page: "/", "index.html", or an address with no path. */
const HOME = /^(?:\.?\/|(?:\.\/)?index\.\w+|(?:https?:)?\/\/[^/?#]+\/?(?:index\.\w+)?)$/i;

/**
 * Whether heading `h` is the site's name: its text is a link to the front page (the logo
 * heading of a theme, `<h1><a href="/">Site</a></h1>`). The site's name is one end of most
 * titles, and must not be taken for the headline.
 */
export function isSiteName(h: DomElement): boolean {
  const links = h.getElementsByTagName('a');
  for (let i = 0; i < links.length; i++) {
    const href = (links[i]!.getAttribute('href') ?? '').trim();
    if (HOME.test(href) && squash(links[i]!.textContent ?? '') === squash(h.textContent ?? '')) return true;
  }
  return false;
}

/** `title`, or the heading of `headings` that is its headline part (see headlineInTitle). */
export function headlineOf(title: string | null, headings: readonly DomElement[]): string | null {
  if (!title || headings.length === 0 || !/[|\-–—\\/>»«·:~]/.test(title)) return title;
  const texts: string[] = [];
  for (const h of headings) if (!isSiteName(h)) texts.push(h.textContent ?? '');
  return headlineInTitle(title, texts) ?? title;
}

// The site's name at one end of a title that no heading of the page explains: "Let's Make Soup
// this Fall and Winter - Home Ec 101" on a page whose og:site_name is "Home Ec 101", "Macbeth
// Inspired T-Shirt from the Affair – Tcritic" on tcritic.com, "Thomas Hawk Digital Connection »
// Blog Archive" (the document title, three parts, cut to its first two). The page names itself
// in a few places: og:site_name, its address (host), and the text of its links to the front
// page (the logo). Names are compared on their letters and digits only, accents and case
// folded, so that "Néojaponisme" is neojaponisme.com and "SUVBlogger.com" is suvblogger.com.

/** A title of more words than this, in one part, is not the site's name alone. */
const MAX_NAME_WORDS = 6;

/** Letters and digits of `s`, accents removed, lower case. */
function letters(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** A separator with its spaces, as titles join their parts ("::" and "|" glued to a word too). */
const PART_SEP = /\s*(?:\s[|\-–—\\/>»«·~:]{1,2}\s|:{1,2}\s|\s\|)\s*/g;

/**
 * The letters of the names the page gives itself: its site name, the hosts of its addresses and
 * of its feeds (`<link rel="alternate">` to RSS or Atom), and the text of its links to the front
 * page on its own host.
 */
export function siteNameKeys(
  siteName: string | null,
  pageAddresses: readonly (string | null | undefined)[],
  index: PageIndex,
): Set<string> {
  const addresses = [...pageAddresses];
  for (const l of tagged(index, 'link')) {
    if (/\balternate\b/i.test(l.getAttribute('rel') ?? '') && /(?:rss|atom)/i.test(l.getAttribute('type') ?? ''))
      addresses.push(l.getAttribute('href'));
  }
  const links = tagged(index, 'a');
  const keys = new Set<string>();
  const add = (s: string | null | undefined): void => {
    const k = s ? letters(s) : '';
    if (k.length >= 3) keys.add(k);
  };
  add(siteName);
  const hosts = new Set<string>();
  for (const a of addresses) {
    const host = a ? URL.parse(a)?.hostname.replace(/^www\d*\./, '') : undefined;
    if (!host) continue;
    hosts.add(host);
    add(host);
    add(host.replace(/\.[^.]+$/, ''));
  }
  for (const a of links) {
    const href = (a.getAttribute('href') ?? '').trim();
    if (!HOME.test(href)) continue;
    // An absolute front-page address is this site's only when it is the page's host.
    const host = /^(?:https?:)?\/\//i.test(href) ? URL.parse(href, 'http://x')?.hostname.replace(/^www\d*\./, '') : undefined;
    if (host !== undefined && !hosts.has(host)) continue;
    add(a.textContent);
    const img = a.getElementsByTagName('img')[0];
    if (img) add(img.getAttribute('alt'));
  }
  return keys;
}

/** The parts of `t` between separators, as [start, end) offsets into `t`, empty parts left out. */
function partsOf(t: string): [number, number][] {
  const out: [number, number][] = [];
  let at = 0;
  for (const m of t.matchAll(PART_SEP)) {
    if (letters(t.slice(at, m.index)) !== '') out.push([at, m.index]);
    at = m.index + m[0].length;
  }
  if (letters(t.slice(at)) !== '') out.push([at, t.length]);
  return out;
}

/** `t` without its parts at either end that are the site's name, or null when none is. */
function stripSiteName(t: string, keys: ReadonlySet<string>): string | null {
  const parts = partsOf(t);
  let from = 0;
  let to = parts.length;
  while (to - from > 1 && keys.has(letters(t.slice(...parts[from]!)))) from++;
  while (to - from > 1 && keys.has(letters(t.slice(...parts[to - 1]!)))) to--;
  if (from === 0 && to === parts.length) return null;
  return t.slice(parts[from]![0], parts[to - 1]![1]).trim();
}

/**
 * `title` without the site's name at either end, set off by a separator (repeated, since titles
 * stack "Site » Blog Archive » Headline"). When the title is nothing but the site's name, or the
 * site's name and one shorter part cut from a longer document title ("Thomas Hawk Digital
 * Connection » Blog Archive", where the cleanup dropped the document title's last and longest
 * part), the document title's last part is the headline. A title that would lose everything stays.
 */
export function withoutSiteName(
  title: string | null,
  siteKeys: () => ReadonlySet<string>,
  docTitle: string,
  permalink: () => string | null = () => null,
): string | null {
  if (!title) return title;
  const t = squash(title);
  // Only a title of several parts, or one short enough to be a site's name, can change: the
  // names (a read of every link's address) are looked up for those alone.
  if (words(t) > MAX_NAME_WORDS && partsOf(t).length < 2) return title;
  const keys = siteKeys();
  if (keys.size === 0) return title;
  const own = stripSiteName(t, keys);
  const doc = squash(docTitle);
  const onlyName = keys.has(letters(t));
  if (onlyName || (own !== null && partsOf(own).length === 1 && doc.length > t.length && doc.startsWith(t))) {
    const rest = stripSiteName(doc, keys);
    const parts = rest === null ? [] : partsOf(rest);
    const last = parts.length ? rest!.slice(...parts.at(-1)!).trim() : '';
    if (last && !keys.has(letters(last)) && !t.includes(last) && last.length > (own ?? '').length) return last;
  }
  if (onlyName) {
    // The document title is the site's name alone ("Suicide Bots"): a heading whose link is the
    // page's own address (a blog theme's post title) names the page.
    const h = permalink();
    if (h && !keys.has(letters(h))) return h;
  }
  return own ?? title;
}

/** The address without its fragment and trailing slash, for comparing a link with the page's address. */
function addressKey(a: string, base: string | undefined): string | null {
  const u = URL.parse(a, base);
  if (!u) return null;
  u.hash = '';
  return u.href.replace(/\/+$/, '');
}

/**
 * The text of the first of `headings` (h1–h3) that is a link to the page's own address — one
 * of `addresses` — with the link's text as the heading's: the post title of a blog theme, linked
 * to its permanent address, or null.
 */
export function permalinkHeading(headings: readonly DomElement[], addresses: readonly (string | null | undefined)[]): string | null {
  const own = new Set<string>();
  for (const a of addresses) {
    const k = a ? addressKey(a, undefined) : null;
    if (k) own.add(k);
  }
  if (own.size === 0) return null;
  for (const h of headings) {
    const links = h.getElementsByTagName('a');
    if (links.length !== 1) continue;
    const link = links[0]!;
    const k = addressKey((link.getAttribute('href') ?? '').trim(), [...own][0]);
    const text = squash(h.textContent ?? '');
    if (k && own.has(k) && text.length >= MIN_HEADLINE && squash(link.textContent ?? '') === text) return text;
  }
  return null;
}

/**
 * The page's `<h1>` where the title holds it with words around it that no separator sets off
 * ("» wine float kourteous", "Recap from Google I/O 2012Rob Tiffany": a theme printing the
 * site's name after the post's without a separator), the heading being at least half of the
 * title's letters; or where the title is the start of the `<h1>` (a title cut short by the site:
 * "Dishonored video shows off plenty of creative" over "… creative ways to kill"). Otherwise
 * `title`. Headings that are a link to the front page (the logo) are never the headline.
 */
export function headlineAroundTitle(title: string | null, h1s: readonly DomElement[]): string | null {
  if (!title || h1s.length === 0) return title;
  const tl = letters(title);
  let best: string | null = null;
  let bestLetters = 0;
  for (const h of h1s) {
    const text = squash(h.textContent ?? '');
    if (text.length < MIN_HEADLINE) continue;
    const hl = letters(text);
    if (hl === tl || hl.length <= bestLetters) continue;
    const inside = hl.length * 2 >= tl.length && tl.includes(hl);
    const longer = tl.length >= 20 && hl.startsWith(tl);
    if ((inside || longer) && !isSiteName(h)) {
      best = text;
      bestLetters = hl.length;
    }
  }
  return best ?? title;
}
