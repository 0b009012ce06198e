// Aggregator feeds (news search feeds and the like) list other outlets' stories: each item names
// its outlet in RSS 2.0's <source> and writes the outlet's name after the headline as well
// ("Ferry vote passes - The Coastline Courier"). The stored headline is the headline: the tail
// goes when, and only when, it is the name the item's own <source> gives. A headline that merely
// ends in a dash and some words keeps them, and so does one whose tail names another outlet.

/**
 * Separators aggregators put between a headline and the outlet's name, preceded by a space (a
 * hyphen inside a word is no separator) or opening the title (an item whose headline is only
 * " - Outlet"). Bidi marks may stand between the space and the separator.
 */
const SEPARATOR = /(?:^|\s)[\u200e\u200f\u061c]*[-–—|·]/g;

/**
 * Bidi marks and controls (LRM, RLM, ALM, embeddings, overrides, isolates). Arabic and Persian
 * headlines carry them around a name written in the other direction ("… - ‏خبرگزاری ایرنا"): they
 * are invisible, so a tail that differs from the outlet's name only by them is still that name.
 */
const BIDI = /[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/g;
const TRAILING = /[\s\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]+$/;

/**
 * `title` (one line, as stored) without a trailing " - Outlet" when Outlet is `outlet`, case aside;
 * empty when that tail is all there is ("- Outlet" names no story: the caller's stand-in, the lead
 * of the text, is the headline then, as for an item with no title).
 */
export function withoutOutletTail(title: string, outlet: string | undefined): string {
  const name = (outlet ?? '').replace(BIDI, '').replace(/\s+/g, ' ').trim();
  if (!name || title.length <= name.length) return title;
  // The leftmost separator whose tail is the name: an outlet named "North - South" is cut whole.
  for (const sep of title.matchAll(SEPARATOR)) {
    const tail = title
      .slice(sep.index + sep[0].length)
      .replace(BIDI, '')
      .trim();
    if (tail.localeCompare(name, 'und', { sensitivity: 'accent' }) !== 0) continue;
    return title.slice(0, sep.index).replace(TRAILING, '').trim();
  }
  return title;
}
