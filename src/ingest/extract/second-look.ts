// Stage 4c, a second look at a short body: Readability's scoring picks one block and adds the
// siblings that score near it, so on a page with several content blocks it can settle on the
// wrong one — a cookie or age notice, a newsletter form, an advertiser disclosure, one section of
// an article split into sibling sections — and return a few hundred characters while the story
// sits elsewhere on the page. When the trimmed body is short, the one-pass finder (fallback.ts),
// which credits every paragraph of the pruned page to its ancestors, names the block holding
// most of the page's prose; when that block holds at least twice the text and the prose (paragraphs of a
// sentence or more with few links, as stage 4 classifies them: not a sidebar's link lists,
// tag clouds or teaser titles), it is the article.
// Before that, at any length: when the body is one part of the <article> element holding the
// page's headline (growToArticle), the body grows to that article — a story split into sibling
// sections (page builders' text widgets, CMS paragraph entities) of which the scorer took one.
// A page built without `<article>` (table and `<div>` layouts) has the same story block without
// the tag: the nearest `<div>` above the headline that holds the body (headlineBlocks).
import { ablation } from './ablation.js';
import type { DomDocument, DomElement } from './dom.js';
import { articleAround, fallbackContent, headlineH1 } from './fallback.js';
import { pruneFurniture } from './prune.js';
import { SHORT_TEXT } from './candidates.js';
import { SqueezedText, squeeze, squeezedAtLeast, squeezedLength } from './squeeze.js';
import { allElements, elementsByTags, squeezedTextLength, textAndLinks } from './walk.js';
import { blockText } from './text.js';
import { probablyVisible } from './readerable.js';
import type { Block } from './trim.js';
import { blocksOf, proseLength, proseOf, trimEdgesToBlocks } from './trim.js';

/** The other block must hold this many times the chosen body's prose, and its text, to replace it. */
export const SECOND_LOOK_FACTOR = 2;

const LISTS = new Set(['ul', 'ol', 'dl', 'menu']);
/** Prose a chosen body is taken to have at least: a body of a sentence or two is not outdone by two more. */
const MIN_PROSE = 200;

/**
 * Whether an element with tag `tag` and class `cls` has the tag and class of an element at the
 * top of `chosen` (its first three levels, where Readability's wrappers hold the block it picked):
 * then the two are entries of one listing — a blog's front page, a section's teasers — and the
 * longer entry is not more the page's article than the one the scorer picked.
 */
function sameShape(chosen: DomElement, tag: string, cls: string | null): boolean {
  if (!cls) return false;
  let level: DomElement[] = [chosen];
  for (let depth = 0; depth < 3 && level.length > 0; depth++) {
    const next: DomElement[] = [];
    for (const el of level) {
      if (el.localName === tag && el.getAttribute('class') === cls) return true;
      for (let i = 0; i < el.children.length; i++) next.push(el.children[i]!);
    }
    level = next;
  }
  return false;
}

/**
 * What the second look would start from, read off the pruned page before the scorer changes it:
 * the block the one-pass finder names there (its tag and class, whether it is the whole body,
 * and its text length, white space squeezed). The second look re-parses the page only to build
 * that same block afresh — the pruned first parse is the very tree a re-parse and prune give —
 * so when these alone rule the block out, the re-parse (as dear as the first parse) is skipped.
 */
export interface SecondLookPreview {
  /** The finder found a block other than the body. */
  block: boolean;
  tag: string;
  cls: string | null;
  /**
   * squeezedLength of the block's textContent, before stage 4 trims it, counted up to
   * PREVIEW_TEXT_CAP: a count at or over the cap says only that the text is at least that long.
   */
  text: number;
  /**
   * The block the body may grow to: the <article> holding the page's headline (articleAround),
   * or on a page with none, the headline's story block (headlineBlock); its text (squeezed, and
   * that text's length, when first asked for), and where it stands (`up`: -1 the <article>, else how many levels above the
   * <h1>), to find it again in a re-parse.
   */
  headline: HeadlineBlock | null;
}

/**
 * The headline's block as read off the pruned page: its text as it stood (`raw`), squeezed (`str`,
 * SqueezedText's form) and that squeezed text's length (`text`) only when first asked for. Most pages never ask: the
 * raw text alone, under what growToArticle wants, rules the block out, since squeezing never
 * lengthens a text (each run of white space becomes one character).
 */
export class HeadlineBlock extends SqueezedText {
  constructor(
    raw: string,
    readonly up: number,
  ) {
    super(raw);
  }

  get str(): string {
    return this.squeezed;
  }

  get text(): number {
    return this.squeezed.length;
  }

  /** `this.text < n`, squeezing only when the raw text is not already shorter. */
  shorterThan(n: number): boolean {
    return this.raw.length < n || this.text < n;
  }
}

/** How many levels above the headline <h1> a story block with no <article> is looked for (the <h1>'s header, the story's box, a wrapper or two). */
const STORY_CLIMB = 4;
/**
 * A block whose text is more than this share link text is a page wrapper (menus, rails, footer
 * lists around the story), not the story: a story's own links are words in its sentences. The
 * edge trim's link-list lines start at half; a quarter leaves room for a story's inline links
 * and a short list or two, and stops at the first wrapper holding a site's menus.
 */
const STORY_LINKS_MAX = 0.25;

/**
 * The headline's <article>, or on a page without one, its story block: the nearest ancestor of
 * `h1` (at most STORY_CLIMB levels up, below the body) with text enough to be more than the
 * headline's own header (GROW_FACTOR × MIN_PROSE characters, what growToArticle asks at least),
 * unless that one is mostly links. Only the nearest: the next ones up hold what stands beside the
 * story — a blog's sidebar, its comments, the page's rails — and no longer say where it ends.
 */
function headlineBlock(h1: DomElement | null): HeadlineBlock | null {
  const art = articleAround(h1);
  if (art) return new HeadlineBlock(art.textContent ?? '', -1);
  let a = h1?.parentElement ?? null;
  for (let up = 1; up <= STORY_CLIMB && a && a.localName !== 'body'; up++, a = a.parentElement) {
    const size = textAndLinks(a);
    if (size.text < GROW_FACTOR * MIN_PROSE) continue;
    if (size.links > STORY_LINKS_MAX * size.text) return null;
    return new HeadlineBlock(a.textContent ?? '', up);
  }
  return null;
}

/** The element `up` levels above `h1` (headlineBlocks' `up`), or the <article> holding it for -1. */
function blockAbove(h1: DomElement | null, up: number): DomElement | null {
  if (up < 0) return articleAround(h1);
  let a: DomElement | null = h1;
  for (let i = 0; i < up && a; i++) a = a.parentElement;
  return a;
}

/**
 * How far the preview counts its block's text. Every page is previewed, but only a page whose body
 * turns out shorter than SHORT_TEXT reads the count, against SECOND_LOOK_FACTOR times that body's
 * prose: a count up to SECOND_LOOK_FACTOR × SHORT_TEXT settles it for such a body, and a body
 * whose prose asks for more makes mayReplace answer yes, leaving the choice to the second look
 * itself. The whole block is often the whole story (tens of thousands of characters).
 */
const PREVIEW_TEXT_CAP = SECOND_LOOK_FACTOR * SHORT_TEXT;

/**
 * The preview of `pruned`, a page that pruneFurniture has just pruned and nothing else has changed
 * since it was parsed; `h1s` are its <h1> elements as parsed, `h1` its headline <h1>
 * (headlineH1), found from them when not given.
 */
export function previewSecondLook(
  pruned: DomDocument,
  h1s?: ArrayLike<DomElement>,
  h1: DomElement | null = headlineH1(pruned, h1s),
): SecondLookPreview {
  const headline = headlineBlock(h1);
  const other = fallbackContent(pruned);
  if (!other || other === pruned.body) return { block: false, tag: '', cls: null, text: 0, headline };
  return {
    block: true,
    tag: other.localName,
    cls: other.getAttribute('class'),
    text: squeezedTextLength(other, PREVIEW_TEXT_CAP),
    headline,
  };
}

/** The headline's <article> must hold this many times the chosen body's prose for the body to grow to it. */
export const GROW_FACTOR = 2;

/**
 * An unmarked story block (headlineBlock) is at most this many times the chosen body's text. A
 * story split into parts of which the scorer took one is a few parts (on dev pages the grown
 * stories were 2 to 5 times the part taken; the blocks 8 to 11 times the body were a blog's
 * column with its sidebar and comments, one at 4 times too).
 */
const PLAIN_GROW_MAX = 5;

/** The share of the chosen body's text the headline's <article> must hold for the body to grow to it. */
const INSIDE_SHARE = 0.5;

/** Share of `chosen`'s text (its blocks' lines, squeezed) found in `str`. */
function shareIn(chosenText: string, str: string): number {
  let inside = 0;
  let all = 0;
  for (const line of chosenText.split('\n')) {
    const l = squeeze(line).trim();
    all += l.length;
    if (l && str.includes(l)) inside += l.length;
  }
  return all > 0 ? inside / all : 0;
}

/**
 * The prose of `root` outside its lists: the story's own paragraphs. A list inside an article
 * that the scorer left out of its body is a gallery's legends, a teaser or link list — content
 * the story's sections do not consist of, however long its items.
 */
function proseOutsideLists(root: DomElement, blocks: readonly Block[]): number {
  let n = proseOf(blocks);
  for (const list of elementsByTags(root, ['ul', 'ol', 'dl']) as DomElement[]) {
    let outer = true;
    for (let a = list.parentElement; a && a !== root; a = a.parentElement) if (LISTS.has(a.localName)) outer = false;
    if (outer) n -= proseLength(list);
  }
  return n;
}

/**
 * The <article> holding the page's headline, when the chosen body is a part of it (most of its
 * text is the article's) and the article holds GROW_FACTOR times its prose: Readability settled
 * on one of the sections a story is split into (page builders' text widgets, CMS paragraph
 * entities, outline sections), and the article the headline stands in is the whole story.
 * `chosenBlocks` are blocksOf(chosen), when known; the answer's `blocks` are blocksOf(content).
 */
export function growToArticle(
  chosen: DomElement,
  chosenText: string,
  reparse: () => DomDocument,
  title: string | null | undefined,
  preview: SecondLookPreview | undefined,
  chosenBlocks?: readonly Block[],
): { content: DomElement; text: string; blocks: Block[] } | null {
  const h = preview?.headline;
  // A block under GROW_FACTOR × MIN_PROSE characters is ruled out before the body's prose is
  // counted: by its raw length here, by its squeezed one below (`want` is at least that much).
  if (!h || h.raw.length < GROW_FACTOR * MIN_PROSE) return null;
  const chosenProse = proseOutsideLists(chosen, chosenBlocks ?? blocksOf(chosen));
  const want = GROW_FACTOR * Math.max(chosenProse, MIN_PROSE);
  if (h.shorterThan(want) || shareIn(chosenText, h.str) < INSIDE_SHARE) return null;
  // A block the template did not mark grows a body that is a part of a story (some prose of its
  // own) into at most PLAIN_GROW_MAX times its text: more is a column of several things.
  if (h.up >= 0 && (chosenProse < MIN_PROSE || h.text > PLAIN_GROW_MAX * chosenText.length || ablation.off?.('grow:plain'))) return null;
  const doc = reparse();
  pruneFurniture(doc);
  const art = blockAbove(headlineH1(doc), h.up);
  if (!art) return null;
  // What Readability drops unread (its visibility test), the grown body drops too.
  for (const el of allElements(art)) if (el.parentNode && !probablyVisible(el)) el.remove();
  const blocks = trimEdgesToBlocks(art, title).blocks;
  if (proseOutsideLists(art, blocks) < want) return null;
  const text = blockText(art);
  // An unmarked block whose text, once trimmed, is not twice the body's prose added a header (the
  // headline and its byline) to the body, not the rest of a story: the prose count above reads
  // blocks the trim left standing that the text does not hold.
  if (h.up >= 0 && text.length < want) return null;
  return { content: art, text, blocks };
}

/**
 * Whether the block of `preview` can replace `chosen` (its prose `chosenProse`). Its prose after
 * trimming is at most `preview.text`: trimming only removes nodes, which never lengthens the
 * squeezed text, and the prose is the squeezed text of disjoint blocks of it, each no longer than
 * its stretch of the whole. So a block under twice the chosen prose cannot pass the prose test.
 */
function mayReplace(preview: SecondLookPreview, chosen: DomElement, chosenProse: number): boolean {
  if (!preview.block || LISTS.has(preview.tag) || sameShape(chosen, preview.tag, preview.cls)) return false;
  // Past PREVIEW_TEXT_CAP the count is only a floor: a block counted that far may pass.
  return preview.text >= Math.min(SECOND_LOOK_FACTOR * Math.max(chosenProse, MIN_PROSE), PREVIEW_TEXT_CAP);
}

/**
 * A better body than `chosen` (its text `chosenText`) from a fresh copy of the page, or null.
 * Only looked for when `chosenText` is under SHORT_TEXT characters, and, given the page's
 * `preview`, only when the block it names could pass the tests below. `chosenBlocks` are
 * blocksOf(chosen), when known; the answer's `blocks` are blocksOf(content).
 */
export function secondLook(
  chosen: DomElement,
  chosenText: string,
  reparse: () => DomDocument,
  title: string | null | undefined,
  preview?: SecondLookPreview,
  chosenBlocks?: readonly Block[],
): { content: DomElement; text: string; blocks: Block[] } | null {
  // A long body is told from its first SHORT_TEXT characters, without counting the rest.
  if (squeezedAtLeast(chosenText, SHORT_TEXT)) return null;
  const have = squeezedLength(chosenText);
  const chosenProse = chosenBlocks ? proseOf(chosenBlocks) : proseLength(chosen);
  if (preview && !mayReplace(preview, chosen, chosenProse)) return null;
  const doc = reparse();
  pruneFurniture(doc);
  const other = fallbackContent(doc);
  // A list whose items hold the most prose is a rail of teasers or a tag cloud, not a story.
  if (!other || other === doc.body || LISTS.has(other.localName)) return null;
  if (sameShape(chosen, other.localName, other.getAttribute('class'))) return null;
  const blocks = trimEdgesToBlocks(other, title).blocks;
  // Both measures: prose alone would let a sidebar's few sentences outdo a body whose prose the
  // classifier under-counts (short CJK sentences, a table layout); text alone, a link rail.
  if (proseOf(blocks) < SECOND_LOOK_FACTOR * Math.max(chosenProse, MIN_PROSE)) return null;
  const text = blockText(other);
  return squeezedLength(text) >= SECOND_LOOK_FACTOR * have ? { content: other, text, blocks } : null;
}
