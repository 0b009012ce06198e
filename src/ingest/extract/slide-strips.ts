// Stage 4 (trim.ts), from the hashed-name gap round of 2026-12-06 (x-hashgap): a picture gallery
// inside the body found by its slide counter, not by its class name. trim.ts's caption rule knows
// a gallery by names such as `gallery`, `slideshow`, `carousel` or `caption`; where the template's
// class names say nothing (CSS modules, generated names) the widget's parts stay in the text — the
// slide's caption (often twice: a full and a cut copy), "Caption", "Close", "Image 1 of 9",
// the gallery's title, "1 / 9", "Back to Gallery". What no template can leave out is the counter
// that says which picture is shown: that line, and the picture, survive any renaming.
import type { DomElement } from './dom.js';

/** What the rule reads of stage 4's blocks (trim.ts's Block): its element, squeezed text and length. */
interface StripBlock {
  el: DomElement;
  str: string;
  text: number;
}

/**
 * A slide counter standing alone on its line: "Image 1 of 9", "1 / 9", "Bild 2 von 10",
 * "Previous 1 / 13 Next" — a number, "of" (or a slash with spaces around it: "1/4" is a
 * fraction, a recipe's amount), a second number, and at most one word on either side. The word
 * for "of" in the languages the extractor's other stock lines cover: English, German, French,
 * Spanish, Portuguese, Italian, Polish, Dutch and the Scandinavian ones.
 */
const COUNTER = /^(?:\p{L}{1,12}\s+)?(\d{1,3})(?:\s+(?:of|von|de|sur|di|z|van|av|af)\s+|\s+\/\s+)(\d{1,3})(?:\s+\p{L}{1,12})?$/iu;
/** A counter line is this short at most. */
const COUNTER_MAX = 40;
/**
 * A strip may hold at most this share of the body's text: the share trim.ts's caption rule allows
 * its captions (CAPTION_SHARE); beyond it the pictures and their lines are the page.
 */
const STRIP_SHARE = 0.35;

/** The slide a counter line names, as "N/M", or null when the line is no counter. */
function counterOf(b: StripBlock): string | null {
  if (b.text > COUNTER_MAX) return null;
  const m = COUNTER.exec(b.str);
  if (!m) return null;
  const n = Number(m[1]);
  const of = Number(m[2]);
  return n >= 1 && n <= of ? `${n}/${of}` : null;
}

/**
 * The blocks of `root`'s body (`blocks`, stage 4's) that belong to a picture strip: the largest
 * element around a slide counter, below `root`, that holds a picture and at most STRIP_SHARE of
 * the body's text. Only when every counter of the body names the same slide: a widget shows one
 * picture at a time (its counter may be set twice, "Image 1 of 9" and "1 / 9"), while numbered
 * steps, a listicle's slides set one after another ("1 von 17", "2 von 17" …) or a recipe's
 * numbered pictures are the text's own sequence and stay.
 */
export function slideStrips<B extends StripBlock>(blocks: readonly B[], root: DomElement): B[] {
  const counters: B[] = [];
  let slide: string | null = null;
  for (const b of blocks) {
    const c = counterOf(b);
    if (c === null) continue;
    if (slide !== null && c !== slide) return [];
    slide = c;
    counters.push(b);
  }
  if (counters.length === 0) return [];
  // The text each element below root holds, as the sum of its blocks (blocks are disjoint leaves).
  const held = new Map<DomElement, number>();
  let total = 0;
  for (const b of blocks) {
    total += b.text;
    for (let a: DomElement | null = b.el; a && a !== root; a = a.parentElement) held.set(a, (held.get(a) ?? 0) + b.text);
  }
  const strips = new Set<DomElement>();
  for (const c of counters) {
    let strip: DomElement | null = null;
    for (let a: DomElement | null = c.el; a && a !== root; a = a.parentElement) {
      if ((held.get(a) ?? 0) > total * STRIP_SHARE) break;
      if (a.getElementsByTagName('img').length > 0) strip = a;
    }
    if (strip) strips.add(strip);
  }
  if (strips.size === 0) return [];
  return blocks.filter((b) => {
    for (let a: DomElement | null = b.el; a && a !== root; a = a.parentElement) if (strips.has(a)) return true;
    return false;
  });
}
