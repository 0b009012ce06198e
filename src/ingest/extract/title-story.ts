// Stage 4c, the body beside the title: Readability's scoring settles, on some pages, on a block
// that is not the story at all — the site's header (the blog's name and description), a sidebar
// module, another story of the page — while the story stands right below its title elsewhere.
// What shows it is the page's own order: a story's text follows its title heading. The first prose
// blocks that follow the title heading (fallback.ts, titleHeading) are read off the pruned page
// before the scorer changes it; when the final body holds neither of them, the body is put back
// where the title is — in the branch of the page that holds the title and not the chosen body, the
// block the one-pass finder credits most — when the title's <article> does not hold the chosen
// body, or the prose below the title in that branch is at least half the body's text (a column of
// the page's weight, not a header strip above a body that stands beside it; short sentences count
// as prose there, as a video's few lines of story do), and when that block holds the prose below
// the title. Where the title's branch is a header with the headline alone, the blocks that follow
// it before the body's branch count with it; a body standing in an <aside> or <footer> (a side
// box, an author box) needs no share (x-hashbody: pages whose class names say nothing).
import { ablation } from './ablation.js';
import { type DomDocument, type DomElement, childElements } from './dom.js';
import { contentWithin, titleHeading } from './fallback.js';
import { feedBelowCover } from './live-blog.js';
import { type BlocksBelow, headBlocks } from './opening.js';
import { pruneFurniture } from './prune.js';
import { probablyVisible } from './readerable.js';
import { type SqueezedText, squeeze } from './squeeze.js';
import { blockText } from './text.js';
import type { Block } from './trim.js';
import { blocksOf, trimEdgesToBlocks } from './trim.js';
import { allElements, elementsByTags } from './walk.js';

/**
 * Share of the chosen body's text the prose below the title, in the title's branch of the page,
 * must reach for that branch to be where the story is (see storyBelowTitle).
 */
const BRANCH_SHARE = 0.5;
/** The chosen body's longest line must be this long for the body to be found again by it. */
const MIN_LINE = 25;
/**
 * Prose blocks below the title that are kept: the story's first paragraphs (a standfirst may be
 * the first). A short story's window would run on into whatever follows it on the page.
 */
const FIRST_PROSE = 2;
/** Words a short paragraph needs to count as a sentence below the title (see shortSentence). */
const SENTENCE_WORDS = 10;
/** The first prose blocks below the page's title heading, read off the pruned page. */
export interface TitleStory {
  /** Their squeezed texts: a sentence or more, few links, not a caption or a list or table item. */
  prose: string[];
}

/**
 * The first prose blocks below the title heading of `pruned` (a page pruneFurniture has just pruned, nothing
 * else changed since it was parsed; `headings` its <h1>, <h2> and <h3> as parsed), or null when
 * it has no title heading or no prose below it. `below` reads the blocks below a heading.
 */
export function readTitleStory(pruned: DomDocument, headings: ArrayLike<DomElement>, below: BlocksBelow = headBlocks): TitleStory | null {
  const h = titleHeading(pruned, headings);
  const root = pruned.body;
  if (!h || !root) return null;
  const prose: string[] = [];
  for (const b of below(h, root)) {
    if (b.prose) {
      prose.push(b.str);
      if (prose.length === FIRST_PROSE) break;
    }
  }
  return prose.length > 0 ? { prose } : null;
}

/** The longest line of a body's text, squeezed. */
function longestLine(text: string): string {
  let best = '';
  for (const line of text.split('\n')) {
    const l = squeeze(line).trim();
    if (l.length > best.length) best = l;
  }
  return best;
}

/** Whether `a` is `b` or an ancestor of it. */
export function holds(a: DomElement, b: DomElement): boolean {
  for (let x: DomElement | null = b; x; x = x.parentElement) if (x === a) return true;
  return false;
}

/**
 * The chosen body's longest line (by which the body is found again on a fresh page), a fresh
 * parse of the page, pruned, and its title heading (`<h1>`–`<h3>`); null when the line is under
 * MIN_LINE (as short as a menu's) or the page has no body or title heading.
 */
export function titleOnFreshPage(chosenText: string, reparse: () => DomDocument): { line: string; root: DomElement; h: DomElement } | null {
  const line = longestLine(chosenText);
  if (line.length < MIN_LINE) return null;
  const doc = reparse();
  pruneFurniture(doc);
  const root = doc.body;
  if (!root) return null;
  const h = titleHeading(doc, elementsByTags(root, ['h1', 'h2', 'h3']));
  return h ? { line, root, h } : null;
}

/** The prose of `root` (stage 4's blocks) that follows the heading `h` inside it. */
function proseAfter(root: DomElement, h: DomElement): number {
  let past = false;
  let n = 0;
  for (const b of blocksOf(root)) {
    if (!past) past = holds(b.el, h) || holds(h, b.el);
    else if (b.cls === 'good' || shortSentence(b)) n += b.text;
  }
  return n;
}

/** The prose of `root` (stage 4's good blocks and short sentences). */
function proseIn(root: DomElement): number {
  let n = 0;
  for (const b of blocksOf(root)) if (b.cls === 'good' || shortSentence(b)) n += b.text;
  return n;
}

/**
 * A short paragraph that is a sentence all the same: no link, at least SENTENCE_WORDS words, ending
 * as a sentence does. Stage 4 calls it neutral (under its good length); below a title it is the
 * story's, as a video's or a picture's few lines of text are.
 */
function shortSentence(b: Block): boolean {
  if (b.cls !== 'neutral' || b.links > 0) return false;
  const s = b.str.trim();
  return /[.!?。！？]["'”’)]?$/.test(s) && s.split(/\s+/).length >= SENTENCE_WORDS;
}

/**
 * The lowest element below `root` whose text, squeezed, holds `line`, or null: where the chosen
 * body's longest line stands when it is loose text beside blocks (a container's own text nodes,
 * which stage 4 wraps as a paragraph of the body but which are no block of a fresh page).
 */
function lowestHolding(root: DomElement, line: string): DomElement | null {
  let el = root;
  for (let next: DomElement | null = root; next; ) {
    el = next;
    next = null;
    for (const k of childElements(el)) {
      if (squeeze(k.textContent ?? '').includes(line)) {
        next = k;
        break;
      }
    }
  }
  return el === root ? null : el;
}

/**
 * Whether `at` stands, below `common`, in a region HTML marks as beside the page's content: an
 * `<aside>` (`role=complementary`: a sidebar, a text widget) or a `<footer>` (`role=contentinfo`:
 * the page's or a post's footer, where an author box stands). A body found there is no story's.
 */
function inSideRegion(at: DomElement, common: DomElement): boolean {
  for (let x: DomElement | null = at; x && x !== common; x = x.parentElement) {
    const tag = x.localName;
    const role = x.getAttribute('role');
    if (tag === 'aside' || tag === 'footer' || role === 'complementary' || role === 'contentinfo') return true;
  }
  return false;
}

/**
 * The children of `common` after the title's `branch` and before the one holding the chosen
 * body `at` (in the page's order: the blocks the title is followed by), with their prose, and
 * the children from the body's on; null when the body's child does not come after the title's.
 */
function followingTitle(common: DomElement, branch: DomElement, at: DomElement): { prose: number; rest: DomElement[] } | null {
  const kids = childElements(common);
  const ti = kids.indexOf(branch);
  const bi = kids.findIndex((k) => holds(k, at));
  if (ti < 0 || bi <= ti + 1) return null;
  let prose = 0;
  for (let i = ti + 1; i < bi; i++) prose += proseIn(kids[i]!);
  return { prose, rest: kids.slice(bi) };
}

/** The lowest common ancestor of `a` and `b`, or null. */
function commonAncestor(a: DomElement, b: DomElement): DomElement | null {
  const up = new Set<DomElement>();
  for (let x: DomElement | null = a; x; x = x.parentElement) up.add(x);
  for (let y: DomElement | null = b; y; y = y.parentElement) if (up.has(y)) return y;
  return null;
}

/**
 * The story below the page's title when the final body (its text `chosenText`; `squeezed` that
 * text, squeezed when needed, `seen` the text the scorer's body had before the stages after it
 * trimmed it, likewise) holds neither of the prose blocks that follow the title
 * (`story`, read off the pruned page), or null. The page is parsed and
 * pruned afresh; the chosen body is found there by its longest line; the branch of the page below
 * the common ancestor of the two that holds the title (and so not the chosen body) is where the
 * story is when the title's <article> is in that branch or the branch's prose below the title is
 * BRANCH_SHARE of the body's text (with the prose of the blocks that follow the title's branch
 * before the body's; none needed when the body stands in an <aside> or <footer>); the one-pass
 * finder's block within it replaces the body when, trimmed, it holds one of the prose blocks
 * below the title. A body whose longest line is loose text is found by the lowest element
 * holding that line.
 */
export function storyBelowTitle(
  chosenText: string,
  squeezed: SqueezedText,
  seen: SqueezedText,
  reparse: () => DomDocument,
  title: string | null | undefined,
  story: TitleStory | null,
): { content: DomElement; text: string; blocks: Block[] } | null {
  if (!story) return null;
  // The body itself holds one of them on most pages, most often as written (SqueezedText.holds):
  // the texts are squeezed only otherwise.
  if (story.prose.some((b) => squeezed.holds(b))) return null;
  if (story.prose.some((b) => seen.holds(b))) return null;
  const body = squeezed.squeezed;
  // The body is found on the fresh page by its longest line: a line shorter than the finder's
  // shortest paragraph could as well stand in a menu.
  const fresh = titleOnFreshPage(chosenText, reparse);
  if (!fresh) return null;
  const { line, root, h } = fresh;
  let at: DomElement | null = null;
  for (const b of blocksOf(root)) {
    if (b.str.includes(line)) {
      at = b.el;
      break;
    }
  }
  if (!at) at = lowestHolding(root, line);
  if (!at) return null;
  const common = commonAncestor(at, h);
  if (!common || common === h || common === at) return null;
  let branch = h;
  let inArticle = false;
  while (branch.parentElement && branch.parentElement !== common) {
    branch = branch.parentElement;
    if (branch.localName === 'article') inArticle = true;
  }
  // The title's own <article> does not hold the chosen body: the body is another story's, or no
  // story's. Else the title's branch must be a column of the page's weight, not a header strip
  // (a headline, a standfirst, a byline) above a body that stands beside it in the same story.
  // The story may also follow the title's branch: a header of its own (the headline alone), then
  // the post's block, then the chosen body (an author box, a sidebar widget, a reader's comment).
  // What follows the title before the body's branch counts with the title's, and the finder then
  // looks in the common ancestor with the body's branch and all after it taken out. A body in an
  // <aside> or a <footer> needs no share: a short post beside a longer side box is the story.
  let rest: DomElement[] = [];
  if (!inArticle) {
    const own = proseAfter(branch, h);
    if (own < BRANCH_SHARE * body.length) {
      const next = followingTitle(common, branch, at);
      if (!inSideRegion(at, common) && own + (next?.prose ?? 0) < BRANCH_SHARE * body.length) return null;
      if (next && next.prose > 0) rest = next.rest;
    }
  }
  // A live blog's header above its feed of dated updates, the body in the feed: the body is the
  // story, whatever tag the updates have (live-blog.ts).
  if (feedBelowCover(branch, at, common) && !ablation.off?.('live-div-feed')) return null;
  if (rest.length > 0) {
    for (const k of rest) k.remove();
    branch = common;
  }
  const block = contentWithin(branch) ?? branch;
  // What Readability drops unread (its visibility test), the new body drops too.
  for (const el of allElements(block)) if (el.parentNode && !probablyVisible(el)) el.remove();
  const blocks = trimEdgesToBlocks(block, title).blocks;
  if (!blocks.some((b) => b.cls === 'good' && story.prose.includes(b.str))) return null;
  return { content: block, text: blockText(block), blocks };
}
