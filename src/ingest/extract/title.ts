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
