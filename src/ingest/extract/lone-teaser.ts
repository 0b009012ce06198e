// Stage 4, with the rails (trim.ts): a single teaser card for another page set between the
// paragraphs of the body — a box holding a heading that is wholly a link, and at most a line or two
// of summary (a linked "What you need to know about …" over two sentences and a "more" link). Rails
// of three cards or more go by their shape (trim.ts `removeCardRails`, prune.ts teaser lists); a
// card standing alone has no siblings of its shape, and its summary reads as prose, so the edge
// trim keeps it when the story goes on below it. A story's own section heading is not a link, and a
// roundup's linked headings (each over its own paragraphs) sit in the body, not in a box of their
// own under CARD_MAX characters; those stay. No class name or word is read.
import { ablation } from './ablation.js';
import type { DomElement } from './dom.js';
import { ELEMENT_NODE, leadsAway } from './dom.js';
import { descendants, elementsByTags, measureText, textLengthUpTo } from './walk.js';

/** A teaser's headline is at most this long. */
const HEADLINE_MAX = 150;
/** The heading is this share of link text or more: the headline is the link. */
const HEADLINE_LINK_SHARE = 0.9;
/** The whole card (headline, summary, "more" link) is at most this long. */
const CARD_MAX = 500;
/** The card's summary, besides its headline, is at least this long. */
const SUMMARY_MIN = 40;
/** A block of this many characters with few links is prose (trim.ts's GOOD_LENGTH). */
const PROSE_LENGTH = 80;
/** The cards removed hold at most this share of the body's text: a body of teasers is a listing. */
const CARDS_SHARE = 0.25;

const HEADINGS = ['h2', 'h3', 'h4', 'h5', 'h6'];

/** The link (below `root`) that `h` stands inside, if any: a card whose whole box is the link. */
function linkAround(h: DomElement, root: DomElement): DomElement | null {
  for (let a = h.parentElement; a && a !== root; a = a.parentElement) if (a.localName === 'a') return a;
  return null;
}

/** The heading's text is (almost) all link text, and its links lead to other pages. */
function isLinkedHeadline(h: DomElement, root: DomElement): boolean {
  const m = measureText(h);
  if (m.text === 0 || m.text > HEADLINE_MAX) return false;
  const around = linkAround(h, root);
  if (around) return leadsAway(around);
  if (m.links < m.text * HEADLINE_LINK_SHARE) return false;
  return Array.from(elementsByTags(h, ['a'])).every(leadsAway);
}

/** The number of headings under `el`, stopping at two. */
function headingCount(el: DomElement): number {
  let n = 0;
  for (const d of descendants(el, 'elements')) {
    if (HEADINGS.includes((d as DomElement).localName) || (d as DomElement).localName === 'h1') n++;
    if (n > 1) break;
  }
  return n;
}

/**
 * The card around a linked headline: its largest ancestor below `root` with one heading and at
 * most CARD_MAX characters of text. Null when the headline's own parent is `root` or larger.
 */
function cardOf(h: DomElement, root: DomElement): DomElement | null {
  let card: DomElement | null = null;
  for (let a = h.parentElement; a && a !== root; a = a.parentElement) {
    if (a.localName === 'a') continue;
    // Measured only up to the limit: the first ancestor over it may be the whole body.
    if (textLengthUpTo(a, CARD_MAX + 1) > CARD_MAX || headingCount(a) > 1) break;
    card = a;
  }
  return card;
}

/** Whether `el` lies inside `box`. */
function inside(el: DomElement, box: DomElement): boolean {
  for (let a: DomElement | null = el; a; a = a.parentElement) if (a === box) return true;
  return false;
}

/**
 * The elements under `root` in document order, and the place in it of the first prose paragraph
 * (a `<p>` of PROSE_LENGTH characters or more, few links; -1 when there is none): read once a
 * body, only when it has a card.
 */
function firstProse(root: DomElement): { order: DomElement[]; first: number } {
  const order = descendants(root, 'elements') as DomElement[];
  for (let i = 0; i < order.length; i++) {
    const d = order[i]!;
    if (d.localName !== 'p') continue;
    const m = measureText(d);
    if (m.text >= PROSE_LENGTH && m.links < m.text * 0.3) return { order, first: i };
  }
  return { order, first: -1 };
}

/**
 * Removes single teaser cards from the body `root`: a box (below `root`, at most CARD_MAX
 * characters, one heading) whose heading is wholly a link to another page, after some prose of
 * the body. Returns the cards removed.
 */
export function removeLoneTeasers(root: DomElement): number {
  const cards: DomElement[] = [];
  let prose: { order: DomElement[]; first: number } | null = null;
  for (const h of Array.from(elementsByTags(root, HEADINGS))) {
    if (!isLinkedHeadline(h, root)) continue;
    const card = cardOf(h, root);
    if (!card || cards.some((c) => c === card || inside(card, c))) continue;
    // A headline alone is a link of the story's own ("related" lines set between its paragraphs,
    // which structured article bodies keep); a card says what the other page is about.
    if (measureText(card).text - measureText(h).text < SUMMARY_MIN) continue;
    prose ??= firstProse(root);
    if (prose.first < 0 || prose.order.indexOf(card) < prose.first) continue;
    cards.push(card);
  }
  if (cards.length === 0) return 0;
  const inCards = cards.reduce((n, c) => n + measureText(c).text, 0);
  if (inCards > measureText(root).text * CARDS_SHARE || ablation.off?.('trim:lone-teaser')) return 0;
  let removed = 0;
  for (const c of cards) {
    if (c.parentNode?.nodeType !== ELEMENT_NODE) continue;
    c.parentNode.removeChild(c);
    removed++;
  }
  return removed;
}
