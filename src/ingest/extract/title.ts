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
