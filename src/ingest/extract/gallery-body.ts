// Stage 4c, a gallery taken for the story: a slideshow's captions are sentences with commas and
// few links — what the scorer rewards — so sixty slides set after a story of fifteen paragraphs
// can outscore it, and the body becomes the captions alone. What shows it is what the lines are:
// more than half of the body's text is picture lines (stage 4's own caption tests: captions that
// credit the picture or sit in a slide strip, lines ending or opening with a picture credit). Then
// the page is parsed and pruned afresh, the gallery (the lowest element around the longest of those
// lines holding half of them, itself mostly picture lines) is taken out, and the lowest element
// around its place holding prose is looked at: the one-pass finder's block within it is the story
// when it still holds the gallery's place (the gallery was set inside the story's own container,
// as the story's attachment) and, trimmed, holds the prose stage 4 asks before it judges captions
// extra. A gallery that stands apart from every prose block (a photo post beside a sidebar's text)
// is left as it is: a photo post is its captions.
import type { DomDocument, DomElement } from './dom.js';
import { contentWithin } from './fallback.js';
import { pruneFurniture } from './prune.js';
import { probablyVisible } from './readerable.js';
import { blockText } from './text.js';
import { holds } from './title-story.js';
import type { Block } from './trim.js';
import { CAPTION_MIN_PROSE, blocksOf, pictureLines, proseOf, trimEdgesToBlocks } from './trim.js';
import { allElements } from './walk.js';

/** Share of the body's text its picture lines must exceed for the body to be a gallery. */
const GALLERY_SHARE = 0.5;

/**
 * The story around the gallery the scorer took (`chosen`, its blocks `blocks` as stage 4 left
 * them), or null; see above.
 */
export function storyAroundGallery(
  chosen: DomElement,
  blocks: readonly Block[],
  reparse: () => DomDocument,
  title: string | null | undefined,
): { content: DomElement; text: string; blocks: Block[] } | null {
  const pic = pictureLines(blocks, chosen, new Map());
  if (pic.caps.length === 0 || pic.capText <= GALLERY_SHARE * pic.total) return null;
  const doc = reparse();
  pruneFurniture(doc);
  const root = doc.body;
  if (!root) return null;
  // The gallery: the lowest element around the longest picture line that holds half of the
  // picture lines' text (a caption may be repeated elsewhere, as the story's lead picture).
  const lines = new Set(pic.caps.map((b) => b.str));
  const inside = new Map<DomElement, number>();
  let longest: Block | null = null;
  let found = 0;
  for (const b of blocksOf(root)) {
    if (!lines.has(b.str)) continue;
    found += b.text;
    if (!longest || b.text > longest.text) longest = b;
    for (let a: DomElement | null = b.el; a && a !== root; a = a.parentElement) inside.set(a, (inside.get(a) ?? 0) + b.text);
  }
  let gallery: DomElement | null = null;
  for (let a: DomElement | null = longest?.el ?? null; a && a !== root; a = a.parentElement) {
    if ((inside.get(a) ?? 0) >= GALLERY_SHARE * found) {
      gallery = a;
      break;
    }
  }
  if (!gallery?.parentElement) return null;
  // The gallery is itself mostly picture lines: lines scattered through a story have the story's
  // container as their common ancestor, which is mostly the story's prose.
  let all = 0;
  let own = 0;
  for (const b of blocksOf(gallery)) {
    all += b.text;
    if (lines.has(b.str)) own += b.text;
  }
  if (own <= GALLERY_SHARE * all) return null;
  const parent = gallery.parentElement;
  gallery.remove();
  // The story's container: the lowest element around the gallery's place that holds prose; the
  // finder's block within it must still hold that place (else the prose is a box beside it).
  let around: DomElement | null = null;
  for (let a: DomElement | null = parent; a && a !== root; a = a.parentElement) {
    if (proseOf(blocksOf(a)) >= CAPTION_MIN_PROSE) {
      around = a;
      break;
    }
  }
  if (!around) return null;
  const block = contentWithin(around) ?? around;
  if (!holds(block, parent)) return null;
  // What Readability drops unread (its visibility test), the new body drops too.
  for (const el of allElements(block)) if (el.parentNode && !probablyVisible(el)) el.remove();
  const kept = trimEdgesToBlocks(block, title).blocks;
  if (proseOf(kept) < CAPTION_MIN_PROSE) return null;
  return { content: block, text: blockText(block), blocks: kept };
}
