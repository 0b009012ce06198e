// Stage 4e (after the learned edges, beside the link lines): a "related stories" box found by its
// shape, not by its names or tags — a short title line ("Weiterlesen:", "Verwandte Artikel:",
// "related news", an <h2>) followed by two or more blocks that are each a headline linked to
// another page of the same site, and nothing else. Class names (hashed) and <aside> (plain tags)
// cannot reveal such a box; its links can. What the rule leaves alone, by the same shape:
// - a list of sources or references: its links go to other sites;
// - footnotes, a table of contents, "Read more" of the story itself: links to the page itself or
//   to a fragment;
// - a paragraph rich in links, a list of links with commentary: items are not all link text;
// - a story that is itself a list of links: the box must hold under a third of the body's text.
// Untitled link runs are not taken: on the dev pages, runs of two or more headline links with no
// title line are kept by the gold more often than not (a series' other parts, a writer's own list).
import { ablation } from './ablation.js';
import type { DomElement, DomNode } from './dom.js';
import { ELEMENT_NODE, TEXT_NODE, leadsAway } from './dom.js';
import { squeezedLength } from './squeeze.js';
import { elementsByTags, lowerCased, textInLinks } from './walk.js';

/** A title line is at most this long (squeezed characters): "Related articles from our site:". */
const TITLE_MAX = 60;
/** A rail item: a headline, at most this long, at least ITEM_MIN (a word or two are a menu). */
const ITEM_MAX = 200;
const ITEM_MIN = 10;
/** Share of an item's text inside its links: a headline is all link ("8 of 10" for a bullet or a date). */
const ITEM_LINK_SHARE = 0.8;
/** Two headlines make a box (three are the edge trim's link lists already). */
const MIN_ITEMS = 2;
/** The box holds at most this share of the body's text: more is a listing, whose links are the story. */
const MAX_SHARE = 1 / 3;

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'button', 'select', 'textarea']);
const HEADING = /^h[2-6]$/;
const ITEM_TAGS = new Set(['p', 'div', 'h3', 'h4', 'h5', 'h6']);
const BOLD = new Set(['strong', 'b']);
const TITLE_TAGS = ['h2', 'h3', 'h4', 'h5', 'h6', 'p', 'div'];

function measure(el: DomElement): { text: number; links: number; count: number } {
  return textInLinks(el, SKIP, leadsAway);
}

/** The address `href` names, resolved against `base`; null when it is not a web address. */
function resolve(href: string, base: string | undefined): URL | null {
  try {
    const u = new URL(href.trim(), base ?? 'http://page.invalid/');
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

const hostKey = (u: URL): string => u.hostname.toLowerCase().replace(/^www\./, '');

/** Whether `el` is a short title line: a heading, or a line with no link that ends in ':' or is all bold. */
function isTitleLine(el: DomElement): boolean {
  const name = lowerCased(el.localName);
  if (!HEADING.test(name) && name !== 'p' && name !== 'div') return false;
  const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  if (text.length === 0 || text.length > TITLE_MAX || /[.!?]$/.test(text)) return false;
  if (el.getElementsByTagName('a').length > 0 || el.getElementsByTagName('img').length > 0) return false;
  if (HEADING.test(name) || text.endsWith(':')) return true;
  // <p><strong>Verwandte Artikel</strong></p>: all its text inside bold children (or a heading:
  // linkedom leaves `<p><h2>…</h2></p>` nested where a browser would close the paragraph).
  let bold = 0;
  for (let k = el.firstChild; k; k = k.nextSibling) {
    if (k.nodeType === TEXT_NODE) {
      if ((k.textContent ?? '').trim()) return false;
    } else if (
      k.nodeType === ELEMENT_NODE &&
      (BOLD.has(lowerCased((k as DomElement).localName)) || HEADING.test(lowerCased((k as DomElement).localName)))
    )
      bold++;
    else if (k.nodeType === ELEMENT_NODE) return false;
  }
  return bold > 0;
}

/** An empty spacer between the title and the items (`<p></p>`, a `<span>` with no text, no picture). */
function isEmpty(n: DomNode): boolean {
  if (n.nodeType === TEXT_NODE) return !(n.textContent ?? '').trim();
  if (n.nodeType !== ELEMENT_NODE) return true;
  const el = n as DomElement;
  return !(el.textContent ?? '').trim() && el.getElementsByTagName('img').length === 0 && lowerCased(el.localName) !== 'img';
}

/** The next sibling after `n` that is not an empty spacer. */
function nextFilled(n: DomNode): DomNode | null {
  let k = n.nextSibling;
  while (k && isEmpty(k)) k = k.nextSibling;
  return k;
}

type Page = { base: string | undefined; self: URL | null };

/**
 * The site a rail item's headline link goes to ('' for the page's own site), or null when the item
 * is not a headline linked to another page: too short or long, not nearly all link text, its link
 * to the page itself, a fragment or another site (when the page's address is known).
 */
function itemSite(el: DomElement, page: Page): string | null {
  const m = measure(el);
  if (m.text < ITEM_MIN || m.text > ITEM_MAX || m.links < ITEM_LINK_SHARE * m.text || m.count === 0) return null;
  let link: DomElement | null = null;
  for (const a of Array.from(el.getElementsByTagName('a')))
    if (leadsAway(a)) {
      link = a;
      break;
    }
  if (!link) return null;
  const u = resolve(link.getAttribute('href') ?? '', page.base);
  if (!u) return null;
  if (page.self) {
    if (hostKey(u) !== hostKey(page.self)) return null;
    if (u.pathname === page.self.pathname) return null;
    return '';
  }
  // No address for the page: relative links are its own site; absolute ones must share one host.
  return /^\s*(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(link.getAttribute('href') ?? '') ? hostKey(u) : '';
}

/** The items of the box after a title line, or null: a list of 2+ items, or 2+ sibling headline blocks. */
function railAfter(title: DomElement, page: Page): DomElement[] | null {
  const first = nextFilled(title);
  if (!first || first.nodeType !== ELEMENT_NODE) return null;
  const el = first as DomElement;
  const sites = new Set<string>();
  const list = lowerCased(el.localName);
  if (list === 'ul' || list === 'ol') {
    let items = 0;
    for (let k = el.firstChild; k; k = k.nextSibling) {
      if (isEmpty(k)) continue;
      if (k.nodeType !== ELEMENT_NODE || lowerCased((k as DomElement).localName) !== 'li') return null;
      const site = itemSite(k as DomElement, page);
      if (site === null) return null;
      sites.add(site);
      items++;
    }
    return items >= MIN_ITEMS && sites.size === 1 ? [el] : null;
  }
  const run: DomElement[] = [];
  for (let k: DomNode | null = el; k && k.nodeType === ELEMENT_NODE; k = nextFilled(k)) {
    const item = k as DomElement;
    if (!ITEM_TAGS.has(lowerCased(item.localName))) break;
    const site = itemSite(item, page);
    if (site === null) break;
    sites.add(site);
    run.push(item);
  }
  return run.length >= MIN_ITEMS && sites.size === 1 ? run : null;
}

/**
 * Removes titled related-story boxes from the body (`page` is the page's address, `base` the one
 * its relative links resolve against); how many boxes went.
 */
export function removeTitledRails(content: DomElement, pageUrl: string | undefined, base: string | undefined): number {
  const page: Page = { base: base ?? pageUrl, self: pageUrl ? resolve(pageUrl, undefined) : null };
  let total = -1;
  let removed = 0;
  const titles = Array.from(elementsByTags(content, TITLE_TAGS));
  for (const title of titles) {
    if (!title.parentNode || !isTitleLine(title)) continue;
    const rail = railAfter(title, page);
    if (!rail) continue;
    if (total < 0) total = squeezedLength(content.textContent ?? '');
    const size = rail.reduce((n, el) => n + squeezedLength(el.textContent ?? ''), squeezedLength(title.textContent ?? ''));
    if (size > MAX_SHARE * total) continue;
    if (ablation.off?.('titled-rail')) continue;
    for (const el of rail) el.parentNode?.removeChild(el);
    title.parentNode.removeChild(title);
    removed++;
  }
  return removed;
}
