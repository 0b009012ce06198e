// Stage 4c, the site's header taken for the story: on a post with no paragraph of prose — a post
// made of a list of links, a gallery's short captions — Readability's scoring finds nothing it
// prefers and settles on the one line of text the page's banner holds (the blog's name and its
// description). What shows it is the page's order: the chosen body holds no prose, and it stands
// above the story's title heading, outside it — a story's text never precedes its own title. The
// body is then put back where the title is: the title heading's lowest ancestor (on a fresh copy
// of the page, pruned) that holds some text besides the heading and does not hold the banner's
// line, its edges trimmed as any body's.
import type { DomDocument, DomElement } from './dom.js';
import { probablyVisible } from './readerable.js';
import { squeeze, squeezedLength } from './squeeze.js';
import { blockText } from './text.js';
import { holds, titleOnFreshPage } from './title-story.js';
import type { Block } from './trim.js';
import { blocksOf, trimEdgesToBlocks } from './trim.js';
import { allElements } from './walk.js';

/** A chosen body longer than this is left alone: a header line is short (Readability's own short mark). */
export const HEADER_TEXT = 500;
/** Text besides the heading the title's container must hold to be the post. */
export const AROUND_TITLE = 200;

/**
 * The post below the page's title heading when the final body (its text `chosenText`, its blocks
 * `blocks` as the edge trim left them) holds no prose, is under HEADER_TEXT characters and stands
 * above the title heading on the page; null otherwise. The page is parsed and pruned afresh; the
 * body is found there by its longest line, before the title heading in the page's order of
 * blocks; the new body is the title heading's lowest ancestor holding AROUND_TITLE characters of
 * text besides the heading, when it does not hold the old body and, trimmed, holds at least twice
 * its text.
 */
export function postBelowHeader(
  chosenText: string,
  blocks: readonly Block[],
  reparse: () => DomDocument,
  title: string | null | undefined,
): { content: DomElement; text: string; blocks: Block[] } | null {
  if (blocks.some((b) => b.cls === 'good')) return null;
  const body = squeeze(chosenText);
  if (body.length === 0 || body.length > HEADER_TEXT) return null;
  const fresh = titleOnFreshPage(chosenText, reparse);
  if (!fresh) return null;
  const { line, root, h } = fresh;
  // The old body must come first in the page's order, and not in or around the title heading.
  let at: DomElement | null = null;
  for (const b of blocksOf(root)) {
    if (holds(b.el, h) || holds(h, b.el)) break;
    if (b.str.includes(line)) {
      at = b.el;
      break;
    }
  }
  if (!at) return null;
  const heading = squeezedLength(h.textContent ?? '');
  let post: DomElement | null = null;
  for (let a = h.parentElement; a && a !== root; a = a.parentElement) {
    if (holds(a, at)) return null;
    if (squeezedLength(a.textContent ?? '') - heading >= AROUND_TITLE) {
      post = a;
      break;
    }
  }
  if (!post) return null;
  // What Readability drops unread (its visibility test), the new body drops too.
  for (const el of allElements(post)) if (el.parentNode && !probablyVisible(el)) el.remove();
  const kept = trimEdgesToBlocks(post, title).blocks;
  const text = blockText(post);
  if (squeezedLength(text) < 2 * body.length) return null;
  return { content: post, text, blocks: kept };
}
