// A short story the readerable test misses. Readability's quick test (readerable.ts) wants
// paragraphs of more than 140 characters whose excess adds up: a news brief of two or three
// paragraphs of 150 to 250 characters, a wire flash, a short post fails it although the page is
// plainly one story, and the pipeline then keeps the feed's teaser ("too little text"). Such a page
// is taken as an article when it says it is one and what was taken from it is prose:
//   - it declares one story: its own story object in its structured data (metadata's ownStory), or
//     `og:type` "article", or exactly one <article> element on the page, which holds the body;
//   - the body is prose: at least MIN_PARAGRAPHS paragraphs of PARAGRAPH_MIN characters or more,
//     together MIN_PROSE or more (CJK characters weighed as in readerable.ts), little of it link
//     text, no listing's items (links standing alone, a headline or a "read more" per item), and
//     no word of cookies (a consent wall's two sentences read as prose);
//   - where the page has several <article> elements, or one that is its only declaration, one of
//     them holds the body's prose: a listing's cards (an <article> each) spread it over several.
// The constants were counted on the dev pages the readerable test fails and on the project's
// not-article fixtures (docs/desk.md, "Short stories that declare themselves").
// Never for a page whose structured data marks the article as not free to read: what it shows is
// the publisher's teaser. The decision reads the page's declarations before the scorer moves the
// tree and the final body after every stage; it changes no text, only the `readerable` flag.
import type { DomDocument, DomElement } from './dom.js';
import { ELEMENT_NODE, leadsAway } from './dom.js';
import { weightedLength } from './cjk.js';
import { COOKIE_WORD } from './consent-box.js';
import { squeeze, squeezedLength } from './squeeze.js';

/** A paragraph of the body counts as prose from this many characters (CJK weighed): a sentence. */
const PARAGRAPH_MIN = 80;
/** A story has at least this many such paragraphs: one is a caption, a teaser or a notice. */
const MIN_PARAGRAPHS = 2;
/** and together this many characters (CJK weighed). */
const MIN_PROSE = 300;
/** At most this share of the body's text is link text (a story links a name or two, a list is links). */
const LINK_SHARE_MAX = 0.25;
/**
 * Links standing alone in the body (a headline, a closing "read more": textAfter) to this many
 * addresses or more, one for every two paragraphs or more: the body is a listing's items.
 */
const MIN_ITEMS = 2;
/** The share of the body's prose one <article> must hold. */
const HELD_SHARE = 0.8;
/** <article> elements read at most (a listing page's cards); beyond, the page is no single story. */
const MAX_ARTICLES = 200;

/** What the page says of itself, read before the scorer moves the tree. */
export interface StoryDeclarations {
  ownStory: boolean;
  ogArticle: boolean;
  /** The squeezed text of each <article> element of the page, in page order. */
  articles: string[];
}

/**
 * The page's declarations of one story, or null when it makes none (nor can: no story object, no
 * `og:type` article, not exactly one <article>) or marks its article as not free to read.
 */
export function readDeclarations(
  doc: DomDocument,
  metas: readonly DomElement[],
  ownStory: boolean,
  paywalled: boolean,
): StoryDeclarations | null {
  if (paywalled) return null;
  let ogArticle = false;
  for (const m of metas) {
    const name = (m.getAttribute('property') ?? m.getAttribute('name') ?? '').trim().toLowerCase();
    if (name === 'og:type' && (m.getAttribute('content') ?? '').trim().toLowerCase() === 'article') ogArticle = true;
  }
  const found = doc.getElementsByTagName('article');
  if (found.length > MAX_ARTICLES) return null;
  if (!ownStory && !ogArticle && found.length !== 1) return null;
  const articles: string[] = [];
  for (let i = 0; i < found.length; i++) articles.push(squeeze(found[i]!.textContent ?? '').trim());
  return { ownStory, ogArticle, articles };
}

/** Why a short body is or is not taken as a story (the dev trace and the tests read it). */
export type ShortStoryVerdict = 'story' | 'few-paragraphs' | 'little-prose' | 'links' | 'items' | 'cookies' | 'not-in-article';

/** Elements that end a line of text: a link followed by one of these stands alone. */
const BLOCKS = new Set(
  'p div li ul ol dl dd dt h1 h2 h3 h4 h5 h6 td th tr table blockquote section article header footer aside nav main figure figcaption br hr'.split(
    ' ',
  ),
);

/**
 * Whether the sentence goes on after the link `a`: text follows it before its block or line ends
 * (a <br>). A story's link sits inside its sentence; a listing's item links stand alone: the
 * headline, the "read more" closing the item, the link ending the line before the dek.
 */
function textAfter(a: DomElement, root: DomElement): boolean {
  for (let n: DomElement = a; n !== root; ) {
    for (let s = n.nextSibling; s; s = s.nextSibling) {
      if (s.nodeType === ELEMENT_NODE && BLOCKS.has((s as DomElement).localName)) return false;
      if (/\S/.test(s.textContent ?? '')) return true;
    }
    const up = n.parentElement;
    if (!up || BLOCKS.has(up.localName)) return false;
    n = up;
  }
  return false;
}

/** Squeezed length of the text of the links in `content`, and how many addresses its links standing alone (textAfter) lead to. */
function linkText(content: DomElement): { length: number; standing: number } {
  const links = content.getElementsByTagName('a');
  let length = 0;
  const standing = new Set<string>();
  for (let i = 0; i < links.length; i++) {
    const a = links[i]!;
    const n = squeezedLength(a.textContent ?? '');
    length += n;
    if (n > 0 && leadsAway(a) && !textAfter(a, content)) standing.add((a.getAttribute('href') ?? '').trim().split('#')[0]!);
  }
  return { length, standing: standing.size };
}

/** What the verdict reads of a body (the dev trace prints it). */
export interface ShortStoryFigures {
  /** Paragraphs of PARAGRAPH_MIN characters or more, and their characters, CJK weighed. */
  paragraphs: number;
  prose: number;
  /** Link text over all text. */
  linkShare: number;
  cookies: boolean;
  /** Distinct addresses of links that stand alone (no text after them on their line). */
  standing: number;
  /** The largest share of the prose one <article> holds (1 without <article>s). */
  held: number;
}

/** The figures of the final body (`content`, its text `text`). */
function shortStoryFigures(d: StoryDeclarations, content: DomElement, text: string): ShortStoryFigures {
  const prose: string[] = [];
  let weight = 0;
  for (const line of text.split('\n')) {
    const p = squeeze(line).trim();
    const w = weightedLength(p);
    if (w < PARAGRAPH_MIN) continue;
    prose.push(p);
    weight += w;
  }
  const all = squeezedLength(text);
  const total = prose.reduce((n, p) => n + p.length, 0);
  let held = d.articles.length === 0 ? 1 : 0;
  if (total > 0) for (const a of d.articles) held = Math.max(held, prose.reduce((n, p) => (a.includes(p) ? n + p.length : n), 0) / total);
  const links = linkText(content);
  return {
    paragraphs: prose.length,
    prose: weight,
    linkShare: all === 0 ? 1 : links.length / all,
    standing: links.standing,
    cookies: COOKIE_WORD.test(text),
    held,
  };
}

/** The final body (`content`, its text `text`) of a page that declared one story: is it a story's prose. */
export function shortStoryVerdict(d: StoryDeclarations, content: DomElement, text: string): ShortStoryVerdict {
  const f = shortStoryFigures(d, content, text);
  let v: ShortStoryVerdict = 'story';
  if (f.paragraphs < MIN_PARAGRAPHS) v = 'few-paragraphs';
  else if (f.prose < MIN_PROSE) v = 'little-prose';
  else if (f.linkShare > LINK_SHARE_MAX) v = 'links';
  else if (f.standing >= MIN_ITEMS && f.standing * 2 >= f.paragraphs) v = 'items';
  else if (f.cookies) v = 'cookies';
  // One <article> beside a story object or og:type (an empty one carrying microdata, a related
  // card) says nothing of the body; several, or the one that is the only declaration, must hold it.
  else if ((d.articles.length > 1 || !(d.ownStory || d.ogArticle)) && f.held < HELD_SHARE) v = 'not-in-article';
  shortStoryTrace.on?.(v, d, f);
  return v;
}

/** Dev-only: told each verdict (scripts' measurement of the rule); null in the extractor. */
export const shortStoryTrace: { on: ((v: ShortStoryVerdict, d: StoryDeclarations, f: ShortStoryFigures) => void) | null } = { on: null };
