// Stage 4e, inside the chosen body: links to the site's other pages that a template sets inside
// the story's own paragraphs, where neither the edge trim (trim.ts) nor the in-body furniture
// lines (inline-furniture.ts, one block at a time and at most a headline long) reach them.
//
// - **A paragraph of link lines**: a `<p>` whose lines (split at `<br>`) are three or more links
//   to pages of one site, each line mostly link text, with at most one short line that is not
//   (the label above them). The shape of an in-story "more on this" box written as one paragraph;
//   the story's prose is sentences, and a list of sources a writer gives points to many sites.
//   Only a box set between two paragraphs of prose: after the story's last paragraph, a list of
//   links is the writer's own.
// - **A hover card**: an inline element inside a paragraph, holding a picture (bare, or as a link
//   or a `<picture>`) and three or more links to other pages with hardly any other text, beside
//   the paragraph's own prose: the card a script shows when the reader points at a name (a
//   person's portrait, their page, their latest stories). In a saved page its text runs into the
//   sentence.
//
// No class name, id or word is read.
import { ablation } from './ablation.js';
import type { DomElement, DomNode } from './dom.js';
import { ELEMENT_NODE, TEXT_NODE, leadsAway } from './dom.js';
import { squeezedLength } from './squeeze.js';
import { elementsNamed, textInLinks } from './walk.js';

/** A paragraph of link lines has at least this many. */
const MIN_LINK_LINES = 3;
/** A line is a link line when this share of its text or more is inside a link. */
const LINE_LINK_SHARE = 0.6;
/** The one other line allowed (a label) is at most this long. */
const LABEL_MAX = 40;
/** A hover card holds at least this many links, and this share of its text in links. */
const CARD_MIN_LINKS = 3;
const CARD_LINK_SHARE = 0.8;
/** The paragraph around a hover card has at least this much text of its own. */
const CARD_PROSE_MIN = 40;
/** A paragraph of prose: this much text or more, under half of it in links. */
const PROSE_MIN = 80;

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'button', 'select', 'textarea']);
/** The inline elements a hover card is written in. */
const INLINE = new Set(['span', 'a', 'em', 'strong', 'b', 'i', 'small', 'font', 'u', 'sup', 'sub', 'cite', 'label']);

/** The host an address names ('' for an address relative to the page's own site). */
function hostOf(href: string): string {
  const m = /^(?:[a-z][a-z0-9+.-]*:)?\/\/([^/?#:]+)/i.exec(href.trim());
  return m?.[1] ? m[1].toLowerCase().replace(/^www\./, '') : '';
}

type Line = { text: number; links: number; hosts: Set<string> };

/** The lines of a paragraph (split at every `<br>`, at any depth), with their text and link text. */
function linesOf(p: DomElement): Line[] {
  const lines: Line[] = [{ text: 0, links: 0, hosts: new Set() }];
  const visit = (n: DomNode, link: DomElement | null): void => {
    if (n.nodeType === TEXT_NODE) {
      const len = squeezedLength(n.textContent ?? '');
      if (len === 0) return;
      const line = lines[lines.length - 1] as Line;
      line.text += len;
      if (link) {
        line.links += len;
        line.hosts.add(hostOf(link.getAttribute('href') ?? ''));
      }
      return;
    }
    if (n.nodeType !== ELEMENT_NODE) return;
    const el = n as DomElement;
    const tag = el.localName;
    if (tag === 'br') {
      lines.push({ text: 0, links: 0, hosts: new Set() });
      return;
    }
    if (SKIP.has(tag)) return;
    const inLink = link ?? (tag === 'a' && leadsAway(el) ? el : null);
    for (let k = el.firstChild; k; k = k.nextSibling) visit(k, inLink);
  };
  visit(p, null);
  return lines.filter((l) => l.text > 0);
}

/** Whether a paragraph is a box of link lines to one site's pages. */
export function isLinkLines(p: DomElement): boolean {
  const lines = linesOf(p);
  if (lines.length < MIN_LINK_LINES) return false;
  const hosts = new Set<string>();
  let linkLines = 0;
  let others = 0;
  for (const l of lines) {
    if (l.links >= LINE_LINK_SHARE * l.text) {
      linkLines++;
      for (const h of l.hosts) hosts.add(h);
    } else {
      if (l.text > LABEL_MAX) return false;
      others++;
    }
  }
  return linkLines >= MIN_LINK_LINES && others <= 1 && hosts.size === 1;
}

/** Characters of text under `el` and those inside links to other pages; and how many such links. */
function measure(el: DomElement): { text: number; links: number; count: number } {
  return textInLinks(el, SKIP, leadsAway);
}

/**
 * The wrappers a card's picture stands in before the card itself: a link (the portrait is most
 * often a link to the person's page) and a `<picture>` (the image's sources).
 */
const PICTURE_WRAPPERS = new Set(['a', 'picture']);

/**
 * The hover card a picture inside a paragraph belongs to, or null: the inline parent of the
 * picture (of its link or `<picture>` wrappers, if any) when it is all links (three or more),
 * widened to the wrappers around it that add no text (not to the name the card is about, which is
 * the sentence's), inside a `<p>` with prose of its own.
 */
export function hoverCardOf(img: DomElement): DomElement | null {
  let pic = img;
  for (let w = img.parentElement; w && PICTURE_WRAPPERS.has(w.localName); w = w.parentElement) pic = w;
  let card = pic.parentElement;
  if (!card || !INLINE.has(card.localName) || card.localName === 'a') return null;
  const m = measure(card);
  if (m.count < CARD_MIN_LINKS || m.links < CARD_LINK_SHARE * m.text) return null;
  let el = card.parentElement;
  while (el && INLINE.has(el.localName) && el.localName !== 'a' && measure(el).text === m.text) {
    card = el;
    el = el.parentElement;
  }
  while (el && INLINE.has(el.localName)) el = el.parentElement;
  if (el?.localName !== 'p') return null;
  return measure(el).text - m.text >= CARD_PROSE_MIN ? card : null;
}

/** Removes link-line paragraphs and hover cards from the body; how many elements went. */
export function removeLinkLines(content: DomElement): number {
  const doomed: DomElement[] = [];
  // Only between two paragraphs of the story (the paragraphs with text before and after it are
  // prose): a list of links after the story's last paragraph is the writer's own (a series'
  // other parts), as Readability and annotators read it.
  const ps = elementsNamed(content, 'p');
  const measured = ps.map((p) => measure(p));
  const prose = (m: { text: number; links: number } | undefined): boolean => !!m && m.text >= PROSE_MIN && m.links < 0.5 * m.text;
  let before: { text: number; links: number } | undefined;
  for (let i = 0; i < ps.length; i++) {
    const m = measured[i] as { text: number; links: number };
    if (m.text === 0) continue;
    let j = i + 1;
    while (j < ps.length && (measured[j] as { text: number }).text === 0) j++;
    // Link lines hold LINE_LINK_SHARE of their text in links and the one other line at most
    // LABEL_MAX characters, so a paragraph with less link text cannot be a box of them (the test
    // that spares the walk of every prose paragraph's lines).
    const couldBeLinkLines = m.links >= LINE_LINK_SHARE * (m.text - LABEL_MAX);
    if (couldBeLinkLines && prose(before) && prose(measured[j]) && isLinkLines(ps[i] as DomElement) && !ablation.off?.('link-lines'))
      doomed.push(ps[i] as DomElement);
    before = m;
  }
  for (const img of elementsNamed(content, 'img')) {
    const card = hoverCardOf(img);
    if (card && !doomed.includes(card) && !ablation.off?.('hover-card')) doomed.push(card);
  }
  for (const el of doomed) el.parentNode?.removeChild(el);
  return doomed.length;
}
