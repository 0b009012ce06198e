// Stage 4e, the story's opening above the body: the scorer takes one block and the siblings that
// score near it, so when a story is split over two containers — its first paragraphs in one, the
// rest (or a table, a list of names, a second text widget) in the next — it can start the body
// below the opening. The blocks that follow the page's headline <h1> in document order are read
// off the pruned page before the scorer changes it; when the final body starts with one of them,
// the run of prose right above that start (each block a sentence or more with few links, not a
// caption or a list or table item, nothing else between the run and the body) goes in front of
// the body — when the run is at least two paragraphs. A single paragraph there is the standfirst,
// which the dev golds part on (the broad set's annotators keep it, scrapinghub's leave it out):
// not added. Nothing is added when the body does not start among the first blocks below the headline.
import { ablation } from './ablation.js';
import { type DomDocument, type DomElement, ELEMENT_NODE } from './dom.js';
import { headlineH1 } from './fallback.js';
import type { SqueezedText } from './squeeze.js';
import { type Block, blockOf, blocksOf, isCaption } from './trim.js';

/** Blocks after a heading that are looked at: the body (here) or the story (title-story.ts) starts among them. */
const HEAD_BLOCKS = 8;
/** Paragraphs the run above the body needs: one is a standfirst (see above). */
const MIN_RUN = 2;
/** A block longer than this below the headline is a menu or a listing flattened to one block, not a paragraph. */
export const MAX_PARAGRAPH = 2000;
/**
 * Items of a list or table (a summary box, a fact table), captions, and elements whose text is
 * not shown (the JSON-LD scripts shrink keeps for the metadata).
 */
export const NOT_PROSE = new Set([
  'li',
  'dt',
  'dd',
  'td',
  'th',
  'tr',
  'caption',
  'figcaption',
  'script',
  'style',
  'template',
  'noscript',
  'select',
  'option',
]);

/** One block below the headline: its squeezed text, and whether it is prose that may open the story. */
export interface HeadBlock {
  str: string;
  prose: boolean;
}

/** The first `max` blocks after `h` in document order, as stage 4 measures them. */
export function blocksAfter(h: DomElement, max: number): Block[] {
  const out: Block[] = [];
  for (let a: DomElement | null = h; a && a.localName !== 'body' && out.length < max; a = a.parentElement) {
    for (let k = a.nextSibling; k && out.length < max; k = k.nextSibling) {
      if (k.nodeType !== ELEMENT_NODE) continue;
      const s = k as DomElement;
      const inner = blocksOf(s, max - out.length);
      if (inner.length > 0) out.push(...inner);
      else {
        // A sibling that is itself a leaf block is not among its own blocks.
        const own = blockOf(s);
        if (own) out.push(own);
      }
    }
  }
  return out;
}

/** The blocks below a heading, as `headBlocks` reads them (opening.ts and title-story.ts share one reading). */
export type BlocksBelow = (h: DomElement, root: DomElement) => HeadBlock[];

/**
 * The first HEAD_BLOCKS blocks below the heading `h` in `root`, each with its squeezed text and
 * whether it is prose that may open a story: a sentence or more with few links, at most
 * MAX_PARAGRAPH long, not a list or table item and not a caption.
 */
export function headBlocks(h: DomElement, root: DomElement): HeadBlock[] {
  const above = new Map<DomElement, boolean>();
  return blocksAfter(h, HEAD_BLOCKS).map((b) => ({
    str: b.str,
    prose: b.cls === 'good' && b.text <= MAX_PARAGRAPH && !NOT_PROSE.has(b.el.localName) && !isCaption(b.el, root, above),
  }));
}

/**
 * `headBlocks` remembering its last heading: the headline <h1> is most often also the title
 * heading, and both stages read the blocks below it off the same pruned page.
 */
export function headBlocksOnce(): BlocksBelow {
  let last: DomElement | null = null;
  let blocks: HeadBlock[] = [];
  return (h, root) => {
    if (h !== last) {
      blocks = headBlocks(h, root);
      last = h;
    }
    return blocks;
  };
}

/**
 * The blocks below the headline of `pruned` (a page pruneFurniture has just pruned; `h1s` its
 * <h1>s as parsed; `h` its headline, found from them when not given), or null when it has no
 * headline or nothing there could open a story.
 */
export function readHead(
  pruned: DomDocument,
  h1s?: ArrayLike<DomElement>,
  h: DomElement | null = headlineH1(pruned, h1s),
  below: BlocksBelow = headBlocks,
): HeadBlock[] | null {
  const root = pruned.body;
  if (!h || !root) return null;
  const head = below(h, root);
  let prose = 0;
  for (const b of head) if (b.prose) prose++;
  return prose >= MIN_RUN ? head : null;
}

/**
 * Puts the opening run of `head` in front of `content` (the final body, its text `body`, read
 * squeezed) when the body starts among the head's blocks; `seen` is the text the scorer's body had
 * before the stages after it trimmed it (what they removed is not brought back), read only when
 * the body starts low enough for a run to go in front of it. Returns the blocks added.
 */
export function addOpening(content: DomElement, body: SqueezedText, head: readonly HeadBlock[], seen: SqueezedText): number {
  const start = head.findIndex((b) => body.holds(b.str));
  if (start < MIN_RUN) return 0;
  let from = start;
  while (from > 0 && head[from - 1]!.prose) from--;
  const run = head.slice(from, start).filter((b) => !seen.holds(b.str));
  const doc = content.ownerDocument;
  if (run.length < MIN_RUN || !doc || ablation.off?.('opening')) return 0;
  const first = content.firstChild;
  for (const b of run) {
    const p = doc.createElement('p');
    p.textContent = b.str;
    content.insertBefore(p, first);
  }
  return run.length;
}
