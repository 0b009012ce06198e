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
import type { DomDocument, DomElement } from './dom.js';
import { articleAround, fallbackContent, headlineArticle, headlineH1 } from './fallback.js';
import { pruneFurniture } from './prune.js';
import { SHORT_TEXT } from './candidates.js';
import { squeeze, squeezedAtLeast, squeezedLength } from './squeeze.js';
import { allElements, elementsByTags, squeezedTextLength } from './walk.js';
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
  /** squeezedLength of the block's textContent, before stage 4 trims it. */
  text: number;
  /** The <article> holding the page's headline (headlineArticle): its text, squeezed, and that text's length. */
  headline: { str: string; text: number } | null;
}

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
  const art = articleAround(h1);
  const str = art ? squeeze(art.textContent ?? '') : '';
  const headline = art ? { str, text: str.length } : null;
  const other = fallbackContent(pruned);
  if (!other || other === pruned.body) return { block: false, tag: '', cls: null, text: 0, headline };
  return { block: true, tag: other.localName, cls: other.getAttribute('class'), text: squeezedTextLength(other), headline };
}

/** The headline's <article> must hold this many times the chosen body's prose for the body to grow to it. */
export const GROW_FACTOR = 2;

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
  if (!h || h.text < GROW_FACTOR * MIN_PROSE) return null;
  const chosenProse = proseOutsideLists(chosen, chosenBlocks ?? blocksOf(chosen));
  const want = GROW_FACTOR * Math.max(chosenProse, MIN_PROSE);
  if (h.text < want || shareIn(chosenText, h.str) < INSIDE_SHARE) return null;
  const doc = reparse();
  pruneFurniture(doc);
  const art = headlineArticle(doc);
  if (!art) return null;
  // What Readability drops unread (its visibility test), the grown body drops too.
  for (const el of allElements(art)) if (el.parentNode && !probablyVisible(el)) el.remove();
  const blocks = trimEdgesToBlocks(art, title).blocks;
  if (proseOutsideLists(art, blocks) < want) return null;
  return { content: art, text: blockText(art), blocks };
}

/**
 * Whether the block of `preview` can replace `chosen` (its prose `chosenProse`). Its prose after
 * trimming is at most `preview.text`: trimming only removes nodes, which never lengthens the
 * squeezed text, and the prose is the squeezed text of disjoint blocks of it, each no longer than
 * its stretch of the whole. So a block under twice the chosen prose cannot pass the prose test.
 */
function mayReplace(preview: SecondLookPreview, chosen: DomElement, chosenProse: number): boolean {
  if (!preview.block || LISTS.has(preview.tag) || sameShape(chosen, preview.tag, preview.cls)) return false;
  return preview.text >= SECOND_LOOK_FACTOR * Math.max(chosenProse, MIN_PROSE);
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
