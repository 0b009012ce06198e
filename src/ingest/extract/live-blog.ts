// A live blog (a running story): dozens of dated updates, newest first, each its own block with a
// time stamp, often a heading, a few sentences and a "link to this update". Sites that set each
// update as an <article> meet two rules made for other shapes: the "two articles" prune (prune.ts:
// only the article holding the page's <h1> is the story) and the title story (title-story.ts: a
// body outside the title's <article> is another story's). A feed of dated updates is recognised by
// its shape — three or more short sibling <article>s in a row, each holding a time stamp and a
// sentence of prose: the prune leaves them when the headline's article is a header only (a cover),
// and the title story does not run — or by the page's structured data (a schema.org
// LiveBlogPosting, in JSON-LD or as a microdata item's `itemtype`), which stops the title story
// too. The per-update self-links ("link to this update", a time stamp that is a link to its own
// update) are furniture inside the body (selfLinks). No class name or word is read; ids only as
// the targets of in-page links; of microdata, only the schema.org type.
import { ablation } from './ablation.js';
import type { DomElement } from './dom.js';
import { leadsAway, nextElement, prevElement } from './dom.js';
import { hasStampLine } from './time-lines.js';
import { someElement } from './walk.js';

/** A feed holds at least this many dated updates in a row. */
export const MIN_UPDATES = 3;
/** An update holds a paragraph with at least this many characters of text. */
const UPDATE_PROSE = 60;
/** An update holds at most this many characters of text: a few paragraphs, not a whole story. */
const UPDATE_MAX = 2000;

/** Whether `el` holds a time stamp (a <time>, or an element with a machine-readable date). */
function dated(el: DomElement): boolean {
  return someElement(el, (d) => d.localName === 'time' || d.hasAttribute('datetime'));
}

/** Whether `p` is a paragraph of prose: UPDATE_PROSE characters or more. */
function prose(p: DomElement): boolean {
  return p.localName === 'p' && (p.textContent ?? '').replace(/\s+/g, ' ').trim().length >= UPDATE_PROSE;
}

/** Whether `el` holds a sentence of prose: a paragraph with UPDATE_PROSE characters or more. */
function holdsProse(el: DomElement): boolean {
  return someElement(el, prose);
}

/** How many paragraphs of prose `el` holds (counting stops at two). */
function proseParagraphs(el: DomElement): number {
  let n = 0;
  someElement(el, (d) => prose(d) && ++n > 1);
  return n;
}

/**
 * Whether `el` is an update of a live feed: short (a few paragraphs; the next stories of a
 * continuous scroll are whole stories), dated (by a time stamp, or as `isDated` says), with prose,
 * and no page headline of its own.
 */
function update(el: DomElement, isDated: (el: DomElement) => boolean = dated): boolean {
  const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().length;
  return text <= UPDATE_MAX && isDated(el) && holdsProse(el) && !someElement(el, (d) => d.localName === 'h1');
}

/**
 * Whether `articles` (<article> elements in page order) hold a live feed: MIN_UPDATES or more of
 * them in a row as element siblings, each a dated update with prose and no <h1>.
 */
export function holdsUpdateFeed(articles: readonly DomElement[]): boolean {
  const seen = new Set<DomElement>();
  for (const a of articles) {
    if (seen.has(a) || !update(a)) continue;
    let run = 1;
    seen.add(a);
    for (let n = nextElement(a); n && n.localName === 'article'; n = nextElement(n)) {
      seen.add(n);
      if (!update(n)) break;
      if (++run >= MIN_UPDATES) return true;
    }
  }
  return false;
}

/** An in-page address (`#id`, or a query then `#id`, as paged live blogs write it): the id, or null. */
function fragmentOf(href: string): string | null {
  const m = /^(?:\?[^#]*)?#(.+)$/.exec(href.trim());
  return m?.[1] ? m[1] : null;
}

/** A schema.org LiveBlogPosting named in an `itemtype` (a list of type addresses, http or https). */
const LIVE_ITEMTYPE = /(?:^|\s)https?:\/\/schema\.org\/LiveBlogPosting\/?(?:\s|$)/;

/**
 * Whether one of the page's microdata items (`items`, the elements with an `itemtype`) is a
 * LiveBlogPosting: the same statement as the JSON-LD object, written in the page's markup. A
 * live blog's template marks its feed so and may ship no JSON-LD.
 */
export function liveBlogInMicrodata(items: readonly DomElement[]): boolean {
  return items.some((el) => el.hasAttribute('itemscope') && LIVE_ITEMTYPE.test(el.getAttribute('itemtype') ?? ''));
}

/** A self-link's parent holds at most this many characters besides the link (a "Share" button). */
const LINE_EXTRA = 24;
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * The links in `content` that point to the block holding them ("link to this update", "copy link",
 * a time stamp made a permalink to its own post), where the block holds more text than the link:
 * a heading linked to itself (a section anchor) is the heading's text and stays.
 */
export function selfLinks(content: DomElement): DomElement[] {
  const out: DomElement[] = [];
  const links = content.getElementsByTagName('a');
  for (let i = 0; i < links.length; i++) {
    const a = links[i] as DomElement;
    const id = fragmentOf(a.getAttribute('href') ?? '');
    if (!id) continue;
    let inHeading = false;
    let target: DomElement | null = null;
    for (let p = a.parentElement; p; p = p.parentElement) {
      if (HEADINGS.has(p.localName)) inHeading = true;
      if (p.getAttribute('id') === id) {
        target = p;
        break;
      }
      if (p === content) break;
    }
    if (!target || inHeading) continue;
    const own = (a.textContent ?? '').trim().length;
    // A line of its own (its parent holds little more, a share button beside it), not a word of a sentence.
    const line = (a.parentElement?.textContent ?? '').trim().length;
    if (line <= own + LINE_EXTRA && (target.textContent ?? '').trim().length > 2 * own) out.push(a);
  }
  return out;
}

/** Removes the self-links of `content` (selfLinks); how many went. */
export function removeSelfLinks(content: DomElement): number {
  const doomed = selfLinks(content);
  if (doomed.length === 0 || ablation.off?.('self-links')) return 0;
  for (const a of doomed) a.parentNode?.removeChild(a);
  return doomed.length;
}

/**
 * Whether the page holds a live feed of <article> updates, read off its time stamps (`times`, the
 * page's <time> elements as parsed): the <article>s they stand in.
 */
export function liveFeedOnPage(times: readonly DomElement[], h1s: readonly DomElement[]): boolean {
  if (times.length < MIN_UPDATES) return false;
  // A headline <article> holding a story of its own (two paragraphs or more): the dated articles
  // after it are the next stories of a continuous scroll, not its updates.
  for (const h of h1s) {
    let a = h.parentElement;
    while (a && a.localName !== 'article') a = a.parentElement;
    if (a && proseParagraphs(a) > 1) return false;
  }
  const articles: DomElement[] = [];
  for (const t of times) {
    let a = t.parentElement;
    while (a && a.localName !== 'article') a = a.parentElement;
    if (a && articles[articles.length - 1] !== a) articles.push(a);
  }
  return articles.length >= MIN_UPDATES && holdsUpdateFeed(articles);
}

const SUBHEADINGS = new Set(['h2', 'h3', 'h4', 'h5', 'h6']);

/** Whether `el` has a heading that is a link to another page: another story's card, not an update. */
function teaserHeading(el: DomElement): boolean {
  return someElement(el, (d) => SUBHEADINGS.has(d.localName) && someElement(d, (a) => a.localName === 'a' && leadsAway(a)));
}

/**
 * Whether `el` is an update of a feed of blocks of any tag (the <div> updates of many live blogs):
 * as `update`, but dated by a <time>, a [datetime] or a short date line (a year or a clock time,
 * time-lines.ts's stamp line), and not another story's card (a heading linked to another page).
 */
function blockUpdate(el: DomElement): boolean {
  return update(el, (d) => dated(d) || hasStampLine(d)) && !teaserHeading(el);
}

/** How many ancestors of the body's block `inBlockFeed` climbs through looking for the feed. */
const FEED_CLIMB = 6;

/**
 * Whether `at` (an element of the chosen body), or one of its ancestors up to FEED_CLIMB levels
 * and below `stop`, is one of MIN_UPDATES or more element siblings in a row, of one tag, each a
 * block update (blockUpdate): a feed of dated updates, whatever their tag.
 */
export function inBlockFeed(at: DomElement, stop: DomElement): boolean {
  let x: DomElement | null = at;
  for (let up = 0; x && x !== stop && up <= FEED_CLIMB; up++, x = x.parentElement) {
    if (!blockUpdate(x)) continue;
    let run = 1;
    for (let n = prevElement(x); n && n.localName === x.localName && run < MIN_UPDATES && blockUpdate(n); n = prevElement(n)) run++;
    for (let n = nextElement(x); n && n.localName === x.localName && run < MIN_UPDATES && blockUpdate(n); n = nextElement(n)) run++;
    if (run >= MIN_UPDATES) return true;
  }
  return false;
}

/**
 * The title story (title-story.ts) is held back when the body it would replace stands in a feed of
 * dated updates (inBlockFeed) and the part of the page that holds the title (`titleBranch`) is a
 * live blog's header, a cover: one prose paragraph at most (the standfirst) — the <div> updates
 * below a header <article> that no LiveBlogPosting data marks. A story under its title holds two
 * or more paragraphs; a comment thread or a rail of dated teasers that took the body from it is
 * still moved back.
 */
export function feedBelowCover(titleBranch: DomElement, at: DomElement, stop: DomElement): boolean {
  return proseParagraphs(titleBranch) <= 1 && inBlockFeed(at, stop);
}
