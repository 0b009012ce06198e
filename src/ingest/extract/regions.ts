// Stage 4, before the edges are trimmed: a body chosen too wide. Readability's scorer sometimes
// settles on an element above the story — a page wrapper, a column holding the post and the
// boxes set under it, a layout row — and takes in what the page sets after the story: the site's
// footer, an author box, a rail of teasers, a lightbox, a tag bar, an "about this blog" column.
// The edge trim (trim.ts) reads such furniture block by block and stops at the first line that
// reads as prose, and a footer's legal notice or a sidebar's blurb reads as prose.
//
// Read by region instead: where the body first splits into several children holding text, the
// child holding nearly all of its prose is the story's region. The regions after it are the
// page's, not the story's, when they are containers (not a paragraph: a story's last line may be
// set outside its wrapper), smaller than the story's region, and not of its shape (a story split
// into sections of one kind — page builders' text widgets, CMS paragraph entities — has its
// sections share tag and class). What stands before the story's region is left alone: the story's
// headline, byline, standfirst and lead picture sit there. Nothing is read by name or word.
import type { DomElement } from './dom.js';

/** What the rule reads of one of stage 4's blocks (trim.ts's Block): its element, text length and class. */
export interface RegionBlock {
  el: DomElement;
  text: number;
  cls: string;
}

/** The story's region holds at least this many times the prose of all the other regions together (three quarters of the body's). */
export const STORY_REGION_FACTOR = 3;
/**
 * The story's region holds at least this many characters (twice the 500 below which Readability
 * calls a body too short to be an article): after a short post, what the page sets next — an
 * editor's line, a reader poll — is as likely the post's as the page's.
 */
export const STORY_REGION_MIN = 1000;
/** A region after the story's is taken as the page's only when its text is under this share of the story region's. */
export const TRAILING_SHARE = 0.5;

export interface Region<B extends RegionBlock = RegionBlock> {
  el: DomElement;
  blocks: B[];
  text: number;
  prose: number;
}

/**
 * The element where the blocks of `root` first split: the lowest element holding every block,
 * and the children of it that hold blocks, each with its blocks, in document order. Null when
 * the body has fewer than two blocks.
 */
function firstSplit<B extends RegionBlock>(root: DomElement, blocks: readonly B[]): { at: DomElement; regions: Region<B>[] } | null {
  if (blocks.length < 2) return null;
  // Blocks are disjoint and in document order, so the lowest element holding the first and the
  // last holds every block between them: two walks up, not one per block.
  const above = new Set<DomElement>();
  for (let a = blocks[0]!.el.parentElement; a && a !== root; a = a.parentElement) above.add(a);
  let at: DomElement = root;
  for (let a = blocks[blocks.length - 1]!.el.parentElement; a && a !== root; a = a.parentElement) {
    if (above.has(a)) {
      at = a;
      break;
    }
  }
  const regions: Region<B>[] = [];
  for (const b of blocks) {
    let el = b.el;
    while (el.parentElement && el.parentElement !== at) el = el.parentElement;
    let r = regions.at(-1);
    if (!r || r.el !== el) {
      r = { el, blocks: [], text: 0, prose: 0 };
      regions.push(r);
    }
    r.blocks.push(b);
    r.text += b.text;
    if (b.cls === 'good') r.prose += b.text;
  }
  return regions.length >= 2 ? { at, regions } : null;
}

/** Whether `el` is an element of the page: Readability builds the elements it adds in upper case (`DIV`, `P`), which linkedom keeps. */
function fromPage(el: DomElement): boolean {
  return el.localName === el.localName.toLowerCase();
}

function sameShape(a: DomElement, b: DomElement): boolean {
  const cls = a.getAttribute('class');
  return !!cls && a.localName === b.localName && cls === b.getAttribute('class');
}

/** A listing holds at least this many entries of one shape. */
const LISTING_ENTRIES = 3;

/**
 * Whether the region is a listing rather than a story: half its text or more in entries of one
 * shape — children that are containers of blocks, not paragraphs, with the same tag and class (a
 * projects page's boxes, a blog front page's posts). Then the page has no one story whose end
 * the region marks, and what follows it may be what the page is about.
 */
function isListing(r: Region): boolean {
  const byShape = new Map<string, { n: number; text: number }>();
  let last: DomElement | null = null;
  for (const b of r.blocks) {
    let child: DomElement = b.el;
    while (child.parentElement && child.parentElement !== r.el) child = child.parentElement;
    if (child === b.el) continue; // a paragraph of the region itself
    const cls = child.getAttribute('class');
    if (!cls) continue;
    const key = `${child.localName} ${cls}`;
    const e = byShape.get(key) ?? { n: 0, text: 0 };
    if (child !== last) e.n++;
    e.text += b.text;
    byShape.set(key, e);
    last = child;
  }
  for (const e of byShape.values()) if (e.n >= LISTING_ENTRIES && 2 * e.text >= r.text) return true;
  return false;
}

/**
 * The regions of the body `root` (its blocks `blocks`, as blocksOf gives them) that follow the
 * story's region and are the page's: the elements to remove, with their blocks. Empty when the
 * body has no region holding STORY_REGION_FACTOR times the others' prose.
 */
export function trailingRegions<B extends RegionBlock>(root: DomElement, blocks: readonly B[]): Region<B>[] {
  const split = firstSplit(root, blocks);
  if (!split) return [];
  const { regions } = split;
  let story = 0;
  for (let i = 1; i < regions.length; i++) if (regions[i]!.prose > regions[story]!.prose) story = i;
  const s = regions[story]!;
  // The story's region is a container of blocks, not one paragraph among others.
  if (s.blocks.length < 2 || s.blocks[0]!.el === s.el || s.text < STORY_REGION_MIN) return [];
  let others = 0;
  for (const r of regions) if (r !== s) others += r.prose;
  if (s.prose < STORY_REGION_FACTOR * others || isListing(s)) return [];
  const out: Region<B>[] = [];
  for (let i = story + 1; i < regions.length; i++) {
    const r = regions[i]!;
    if (r.blocks[0]!.el === r.el || !fromPage(r.el) || r.text >= TRAILING_SHARE * s.text || sameShape(r.el, s.el)) continue;
    out.push(r);
  }
  return out;
}
