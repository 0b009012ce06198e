// An author box at the end of the body, found by the author's name rather than by its class
// (x-hashprec). Stage 4's `trailingAuthorBox` (trim.ts) knows such boxes by names like
// "author-bio" or "saboxplugin-wrap"; on sites whose class names are generated those say nothing,
// and the bio ("Markus Balser kam 2001 zur …", "Hi I am Jeremy …") reads as prose, so the edge
// sweeps keep it too. What such a box has wherever it comes from: it closes the body, it is short,
// and it names the writer the page names as its author (its meta tags, JSON-LD, `rel=author`)
// in its first words (its heading, "Written by …", or the bio's opening).
import type { DomElement, DomNode } from './dom.js';
import { ELEMENT_NODE, TEXT_NODE } from './dom.js';
import { allElements, textLengthUpTo } from './walk.js';

/** What the rule reads of stage 4's blocks (trim.ts's Block; not imported, which would make a cycle). */
interface TailBlock {
  el: DomElement;
  text: number;
  cls: string;
}

/** An author box holds at most this much text: a bio, not a column by the author (trim.ts's AUTHOR_BOX_MAX). */
const AUTHOR_TAIL_MAX = 1000;
/** The name is looked for this far into the box's text: a heading, "About the author", "Written by". */
const NAME_WITHIN = 100;
/** A name shorter than this ("Al", initials) matches too much to be read in running text. */
const NAME_MIN = 3;

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The names in a byline: "Jane Doe and John Roe", "Jane Doe, John Roe", "Von Jane Doe" each give
 * their names; a byline that is a whole sentence or a company's address names nobody the box would.
 * The words that join and introduce names are a general list (English, German, French, Spanish,
 * Italian, Dutch, Portuguese), not taken from any page.
 */
function bylineNames(byline: string): string[] {
  const out: string[] = [];
  for (const part of byline.split(/,|&|\s(?:and|und|et|y|e|en|och|og)\s/i)) {
    const n = squash(part.replace(/^\s*(?:by|von|par|por|di|da|door|de)\s+/i, ''));
    // Two to four words of letters: a person's name, not "Süddeutsche.de GmbH" nor a sentence.
    if (n.length >= NAME_MIN && n.length <= 60 && n.split(' ').length <= 4 && /^[\p{L}][\p{L}\p{M}.'’ -]*$/u.test(n)) out.push(n);
  }
  return out;
}

/** Whether `el` is `box` or inside it. */
function within(el: DomElement, box: DomElement): boolean {
  for (let p: DomElement | null = el; p; p = p.parentElement) if (p === box) return true;
  return false;
}

/** Whether `text` holds `name` as whole words. */
function holdsName(text: string, name: string): boolean {
  let at = text.indexOf(name);
  while (at >= 0) {
    const before = at === 0 ? '' : text[at - 1]!;
    const after = text[at + name.length] ?? '';
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return true;
    at = text.indexOf(name, at + 1);
  }
  return false;
}

/**
 * The first words of `box`, its text nodes joined by spaces: textContent runs a heading into the
 * paragraph under it ("Jane DoeJane Doe is …"), and the name would not stand as words.
 */
function startText(box: DomElement): string {
  const parts: string[] = [];
  let length = 0;
  const stack: DomNode[] = [box];
  while (stack.length > 0 && length <= NAME_WITHIN) {
    const n = stack.pop()!;
    if (n.nodeType === TEXT_NODE) {
      const t = n.textContent ?? '';
      parts.push(t);
      length += t.length;
    } else if (n.nodeType === ELEMENT_NODE) {
      const tag = (n as DomElement).localName;
      if (tag === 'script' || tag === 'style' || tag === 'noscript') continue;
      const kids: DomNode[] = [];
      for (let k = n.firstChild; k; k = k.nextSibling) kids.push(k);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  }
  return parts.join(' ');
}

/**
 * Whether `box` names one of `names` in its first words: its heading, its "Written by …", the
 * name over the bio or the bio's own opening ("Jane Doe is …"). A name further in is a mention
 * in a block that is more than a box (a closing section of the story with the bio below it).
 */
function namesAuthor(box: DomElement, names: string[]): boolean {
  const start = squash(startText(box)).slice(0, NAME_WITHIN);
  return names.some((n) => holdsName(start, n));
}

/** The largest ancestor of `from` under AUTHOR_TAIL_MAX characters, short of `first`, that names the author. */
function boxAbove(from: DomElement, first: DomElement, root: DomElement, names: string[]): DomElement | null {
  let best: DomElement | null = null;
  for (let p: DomElement | null = from; p && p !== root; p = p.parentElement) {
    if (within(first, p) || textLengthUpTo(p, AUTHOR_TAIL_MAX + 1) > AUTHOR_TAIL_MAX) break;
    if (namesAuthor(p, names)) best = p;
  }
  return best;
}

/**
 * The blocks of an author box that closes the body: the largest element holding the body's last
 * block or its last prose block, under AUTHOR_TAIL_MAX characters, that names the page's author in its first words
 * and holds two blocks or more or a picture (a single closing paragraph that mentions the writer
 * is the story's sign-off, not a box). What follows the box is no prose (a "You may also like"
 * heading, a sign-up line: the tail sweep's). The text before the box must be longer than the box,
 * and the box never reaches the first prose block. Empty when the page names no author.
 */
export function authorTail<B extends TailBlock>(blocks: B[], firstGood: number, root: DomElement, byline: string | null | undefined): B[] {
  if (!byline || blocks.length === 0) return [];
  const names = bylineNames(byline);
  if (names.length === 0) return [];
  let lastGood = blocks.length - 1;
  while (lastGood > firstGood && blocks[lastGood]!.cls !== 'good') lastGood--;
  if (lastGood <= firstGood) return [];
  const first = blocks[firstGood]!.el;
  // Climbing from the body's last block finds a box that a short line closes ("Jane Doe is our
  // deals editor."), from the last prose block one that a heading or a sign-up line follows.
  const box = boxAbove(blocks[blocks.length - 1]!.el, first, root, names) ?? boxAbove(blocks[lastGood]!.el, first, root, names);
  if (!box) return [];
  const inside: B[] = [];
  let boxText = 0;
  let before = 0;
  for (const b of blocks) {
    if (within(b.el, box)) {
      inside.push(b);
      boxText += b.text;
    } else if (inside.length === 0) before += b.text;
  }
  const pictured = allElements(box).some((d) => d.localName === 'img');
  if (inside.length === 0 || (inside.length < 2 && !pictured) || before <= boxText) return [];
  return inside;
}
