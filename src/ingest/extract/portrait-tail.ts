// An author box at the end of the body known by its shape (x-authorbox). Stage 4 knows such boxes
// by class names (trim.ts's AUTHOR_BOX) and by the byline's name in their first words
// (author-tail.ts). Where names are generated and the name is gone from the box — Readability takes
// the box's `rel=author` link as the page's byline and removes it, or the box never repeats it —
// what is left is the card's layout: one small square picture (the writer's portrait or avatar)
// set apart from the text, a line of bio prose beside it, and a link out of the box (the writer's
// page, site, e-mail or profile). A story's own closing picture is rarely all three: a thumbnail
// set inside its paragraph is not apart, and a quoted speaker's photo beside the quote has no link.
import type { DomElement } from './dom.js';
import { TEXT_NODE } from './dom.js';
import { allElements, textLengthUpTo } from './walk.js';
// A bio line is person-box.ts's: a sentence about the person, not a name or a title.
import { BIO_LINE, holdsBioLine } from './person-box.js';

/** What the rule reads of stage 4's blocks (trim.ts's Block; not imported, which would make a cycle). */
interface TailBlock {
  el: DomElement;
  text: number;
  cls: string;
}

/** A box holds at most this much text (trim.ts's AUTHOR_BOX_MAX): a bio, not a column by the writer. */
const BOX_MAX = 1000;
/** A portrait's declared side in pixels: an avatar or headshot, not an icon and not a story's photo. */
const PORTRAIT_MIN = 32;
const PORTRAIT_MAX = 200;

/** Whether `el` is `box` or inside it. */
function within(el: DomElement, box: DomElement): boolean {
  for (let p: DomElement | null = el; p; p = p.parentElement) if (p === box) return true;
  return false;
}

/** Whether `el` holds a text node of its own (not in a child element) of BIO_LINE characters or more. */
function ownBioLine(el: DomElement): boolean {
  for (let k = el.firstChild; k; k = k.nextSibling)
    if (k.nodeType === TEXT_NODE && (k.textContent ?? '').replace(/\s+/g, ' ').trim().length >= BIO_LINE) return true;
  return false;
}

/** A square picture of avatar size, as its width and height attributes declare it. */
function isPortrait(img: DomElement): boolean {
  const w = Number(img.getAttribute('width'));
  const h = Number(img.getAttribute('height'));
  return w === h && w >= PORTRAIT_MIN && w <= PORTRAIT_MAX;
}

/**
 * Whether the picture stands apart from the text: its text-free wrappers (a link, a span, a
 * div) end at an element that sets no sentence of its own. A thumbnail floated inside a
 * paragraph of the story is not apart; a card's picture column is.
 */
function setApart(img: DomElement, box: DomElement): boolean {
  let pic = img;
  while (pic.parentElement && pic.parentElement !== box && textLengthUpTo(pic.parentElement, 1) === 0) pic = pic.parentElement;
  const host = pic === box ? box : pic.parentElement;
  return host !== null && !ownBioLine(host);
}

/** Whether `box` links anywhere: a card leads to its person (page, site, e-mail, profile). */
function linksOut(box: DomElement): boolean {
  return allElements(box).some((a) => a.localName === 'a' && (a.getAttribute('href') ?? '').trim() !== '');
}

/** The smallest ancestor of `from`, under BOX_MAX characters and short of `first`, shaped as a person's card. */
function cardAbove(from: DomElement, first: DomElement, root: DomElement): DomElement | null {
  for (let p: DomElement | null = from; p && p !== root; p = p.parentElement) {
    if (within(first, p) || textLengthUpTo(p, BOX_MAX + 1) > BOX_MAX) break;
    const imgs = allElements(p).filter((d) => d.localName === 'img');
    if (imgs.length !== 1) continue;
    const img = imgs[0]!;
    if (isPortrait(img) && setApart(img, p) && holdsBioLine(p) && linksOut(p)) return p;
  }
  return null;
}

/**
 * The blocks of a person's card that closes the body: the smallest element holding the body's
 * last block or its last prose block that is shaped as a card (above). The smallest, so that a
 * sign-off line of the story next to the card ("By Jane Doe, Her Blog") is not taken with it.
 * The text before the card must be longer than the card, and the card never reaches the first
 * prose block. One picture only: a box of several is a gallery or a rail. Gives the card (for
 * its picture, which holds no block) and its blocks.
 */
export function portraitTail<B extends TailBlock>(
  blocks: B[],
  firstGood: number,
  root: DomElement,
): { el: DomElement | null; blocks: B[] } {
  const none = { el: null, blocks: [] };
  if (blocks.length === 0) return none;
  let lastGood = blocks.length - 1;
  while (lastGood > firstGood && blocks[lastGood]!.cls !== 'good') lastGood--;
  if (lastGood <= firstGood) return none;
  const first = blocks[firstGood]!.el;
  const card = cardAbove(blocks[blocks.length - 1]!.el, first, root) ?? cardAbove(blocks[lastGood]!.el, first, root);
  if (!card) return none;
  const inside: B[] = [];
  let cardText = 0;
  let before = 0;
  for (const b of blocks) {
    if (within(b.el, card)) {
      inside.push(b);
      cardText += b.text;
    } else if (inside.length === 0) before += b.text;
  }
  if (inside.length === 0 || before <= cardText) return none;
  return { el: card, blocks: inside };
}
