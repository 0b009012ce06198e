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
import { squeeze, squeezedLength } from './squeeze.js';
import { hasNonSpaceText, lowerCased, textInLinks } from './walk.js';

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
const TITLE_TAGS = new Set(['h2', 'h3', 'h4', 'h5', 'h6', 'p', 'div']);

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

/** The inline elements a title line is written in (a line with any other child is not one). */
const TITLE_INLINE = new Set(['strong', 'b', 'em', 'i', 'span', 'u', 'small', 'font', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Whether `el` is a short title line: a heading, or a line with no link that ends in ':' or is all bold. */
function isTitleLine(el: DomElement): boolean {
  const name = lowerCased(el.localName);
  const heading = HEADING.test(name);
  if (!heading && name !== 'p' && name !== 'div') return false;
  // <p><strong>Verwandte Artikel</strong></p>: all its text inside bold children (or a heading:
  // linkedom leaves `<p><h2>…</h2></p>` nested where a browser would close the paragraph). The
  // children are read first, so that a block holding other blocks costs no text walk.
  let bold = 0;
  let loose = false;
  for (let k = el.firstChild; k; k = k.nextSibling) {
    if (k.nodeType === TEXT_NODE) {
      if ((k.textContent ?? '').trim()) loose = true;
    } else if (k.nodeType === ELEMENT_NODE) {
      const kid = lowerCased((k as DomElement).localName);
      if (!heading && !TITLE_INLINE.has(kid)) return false;
      if (BOLD.has(kid) || HEADING.test(kid)) bold++;
      else loose = true;
    }
  }
  const text = squeeze(el.textContent ?? '').trim();
  if (text.length === 0 || text.length > TITLE_MAX || /[.!?]$/.test(text)) return false;
  if (el.getElementsByTagName('a').length > 0 || el.getElementsByTagName('img').length > 0) return false;
  return heading || text.endsWith(':') || (bold > 0 && !loose);
}

/** An empty spacer between the title and the items (`<p></p>`, a `<span>` with no text, no picture). */
function isEmpty(n: DomNode): boolean {
  if (n.nodeType === TEXT_NODE) return !(n.textContent ?? '').trim();
  if (n.nodeType !== ELEMENT_NODE) return true;
  const el = n as DomElement;
  return !hasNonSpaceText(el) && lowerCased(el.localName) !== 'img' && el.getElementsByTagName('img').length === 0;
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

/** The sibling before `n` that is not an empty spacer. */
function prevFilled(n: DomNode): DomNode | null {
  let k = n.previousSibling;
  while (k && isEmpty(k)) k = k.previousSibling;
  return k;
}

/** How far above a link its item may stand (`li > h3 > a`, `p > strong > a`, `div > h3 > span > a`). */
const ITEM_DEPTH = 4;

/**
 * Removes titled related-story boxes from the body (`page` is the page's address, `base` the one
 * its relative links resolve against); how many boxes went. A box holds links, so the title lines
 * looked at are only those just before a link's item or list (a few ancestors up from each link),
 * not every block of the body.
 */
export function removeTitledRails(content: DomElement, pageUrl: string | undefined, base: string | undefined): number {
  const page: Page = { base: base ?? pageUrl, self: pageUrl ? resolve(pageUrl, undefined) : null };
  let total = -1;
  let removed = 0;
  const seen = new Set<DomNode>();
  for (const a of Array.from(content.getElementsByTagName('a'))) {
    if (!leadsAway(a)) continue;
    const above: DomElement[] = [];
    let el = a.parentElement;
    while (el && el !== content) {
      above.push(el);
      el = el.parentElement;
    }
    if (el !== content) continue; // in a box already removed
    for (const item of above.slice(0, ITEM_DEPTH)) {
      const tag = lowerCased(item.localName);
      const start = tag === 'li' ? item.parentElement : ITEM_TAGS.has(tag) ? item : null;
      if (!start || start === content) continue;
      const title = prevFilled(start);
      if (!title || title.nodeType !== ELEMENT_NODE || seen.has(title)) continue;
      seen.add(title);
      const t = title as DomElement;
      if (!TITLE_TAGS.has(lowerCased(t.localName)) || !isTitleLine(t)) continue;
      const rail = railAfter(t, page);
      if (!rail) continue;
      if (total < 0) total = squeezedLength(content.textContent ?? '');
      const size = rail.reduce((n, r) => n + squeezedLength(r.textContent ?? ''), squeezedLength(t.textContent ?? ''));
      if (size > MAX_SHARE * total) continue;
      if (ablation.off?.('titled-rail')) continue;
      for (const r of rail) r.parentNode?.removeChild(r);
      t.parentNode?.removeChild(t);
      removed++;
      break;
    }
  }
  return removed;
}
