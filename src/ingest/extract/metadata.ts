// Page metadata from what publishers mark up for search engines and social cards: JSON-LD,
// OpenGraph / Twitter / Dublin Core <meta>, microdata, <link rel>, <time>. Read before the
// content extractor runs, because it removes scripts and rewrites the tree.
import type { DomDocument, DomElement, DomNode, PageIndex } from './dom.js';
import { bylineText, namesNoOne, namesSomeone, opensWithLabel, readByline, textDate } from './byline-text.js';
import { BYLINE_NAMES, ELEMENT_NODE, TEXT_NODE, childElements, hasAncestor, tagged } from './dom.js';
import { type FigureOrder, figureOrder, normalizeDate, placeholderValue, servedAt } from './dates.js';
import {
  type Json,
  type JsonObject,
  type LdObject,
  MAX_LD_ITEMS,
  decodeEntities,
  isObject,
  jsonLdObjects,
  notFree,
  types,
} from './json-ld.js';
import { closed, ownStory, pageAddressKeys, storiesOf } from './ld-stories.js';
import { firstElement, lowerCased, textLengthUpTo } from './walk.js';
import { titleHeading } from './fallback.js';
import { pageHeadings } from './title.js';

const ARTICLE_TYPE =
  /^(?:\w*Article|BlogPosting|LiveBlogPosting|Report|ReportageNews|SocialMediaPosting|WebPage|ItemPage|Review|Recipe|HowTo|CreativeWork|VideoObject)$/;

/** Arrays nested deeper than this in a name or image value are not read (`"author": [[[…]]]`). */
const MAX_VALUE_DEPTH = 4;

/** Title, byline and publication date as the page's own story object gives them (decoded, the date normalised). */
export interface StoryMetadata {
  title: string | null;
  byline: string | null;
  published: string | null;
}

export interface PageMetadata {
  title: string | null;
  /** Whether the title came from structured data (JSON-LD, <meta>) rather than <title>. */
  titleIsStructured: boolean;
  byline: string | null;
  published: string | null;
  siteName: string | null;
  excerpt: string | null;
  leadImage: string | null;
  canonicalUrl: string | null;
  lang: string | null;
  dir: string | null;
  /** The page's structured data says its article is not free to read (schema.org isAccessibleForFree). */
  paywalled: boolean;
  /** The page's structured data says it is a live blog (schema.org LiveBlogPosting). */
  live: boolean;
  /**
   * What the page's own story object (found wherever the JSON-LD nests it: ld-stories.ts
   * ownStory) gives, each field null where it gives nothing; null without such an object.
   */
  ownStory: StoryMetadata | null;
  /**
   * The page's byline elements as Readability finds them (class or id words, `rel=author`,
   * `itemprop=author`; text under 100 characters), each as the string Readability would take
   * from it, white space removed (`key`), and the names read from it (byline-text.ts): index.ts
   * puts the names in place of Readability's glued string (chooseByline).
   */
  domBylines: { key: string; name: string | null; glued: boolean; furniture: boolean }[];
  /**
   * The names the page gives itself, folded (outletKey): `og:site_name`, `application-name`, its
   * JSON-LD publisher's and WebSite's names. A byline that is one of them names the outlet or
   * its section, not a writer (chooseByline, readMetadata).
   */
  outlets: string[];
  /** `<meta name="author">` and `<meta property="article:author">` (not an address), as given. */
  metaAuthors: { page: string | null; article: string | null };
  /** The order of day and month in figures of the page's language (dates.ts figureOrder). */
  order: FigureOrder | null;
  /** When the server sent the page (its HTTP `Date` header, ms), if known: no date after it is the publication's. */
  servedAt: number | null;
}

/** Elements whose text a reader does not see. */
const UNSEEN_TEXT = new Set(['script', 'style', 'noscript', 'template', 'svg']);
/** At most this much of the page's text is searched for a byline's word in lower case (commonWord). */
const VISIBLE_MAX = 2_000_000;
/** A text node of this many words or more is running text (visibleText). */
const SENTENCE_WORDS = 5;
/** A byline element is read when its text is shorter than this (Readability's bound). */
const BYLINE_MAX = 100;
/** At most this many byline elements are read. */
const MAX_BYLINE_ELEMENTS = 50;
/** A date element (by its class or id) is read when its text is at most this long. */
const STAMP_MAX = 80;

function str(v: Json | undefined): string | null {
  if (typeof v === 'string') {
    const s = v.replace(/\s+/g, ' ').trim();
    return s || null;
  }
  if (typeof v === 'number') return String(v);
  return null;
}

/** Looks up the object an `{"@id": …}` reference names, in the same block; null when not there. */
type Referenced = (id: string) => JsonObject | null;

/**
 * The names in an author or creator value: strings, objects' names, lists of them; an object that
 * is only a reference (`{"@id": …}`, as Yoast's @graph writes its author) gives the name of the
 * Person or Organization it refers to. Each name once, in the order given.
 */
function names(v: Json | undefined, referenced: Referenced, depth = 0): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return str(v) ? [str(v) as string] : [];
  if (Array.isArray(v)) {
    if (depth >= MAX_VALUE_DEPTH) return [];
    return [...new Set(v.slice(0, MAX_LD_ITEMS).flatMap((x) => names(x, referenced, depth + 1)))];
  }
  if (isObject(v)) {
    const n = str(v.name);
    if (n) return [n];
    // One step only: the referred object's own name, never a further reference.
    const id = v['@id'];
    const target = typeof id === 'string' ? referenced(id) : null;
    const m = target ? str(target.name) : null;
    return m ? [m] : [];
  }
  return [];
}

function imageUrl(v: Json | undefined, depth = 0): string | null {
  if (typeof v === 'string') return str(v);
  if (Array.isArray(v)) {
    if (depth >= MAX_VALUE_DEPTH) return null;
    for (const x of v) {
      const u = imageUrl(x, depth + 1);
      if (u) return u;
    }
    return null;
  }
  if (isObject(v)) return str(v.url) ?? str(v.contentUrl) ?? str(v['@id']);
  return null;
}

/** <meta> values by lower-cased name / property / itemprop; the first occurrence wins. */
function metaValues(index: PageIndex): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tagged(index, 'meta')) {
    const content = m.getAttribute('content');
    if (content === null || !content.trim()) continue;
    for (const attr of ['property', 'name', 'itemprop']) {
      const keyList = m.getAttribute(attr);
      if (!keyList) continue;
      // RDFa allows several space-separated properties on one <meta>.
      for (const key of keyList.toLowerCase().split(/\s+/)) {
        if (key && !out.has(key)) out.set(key, decodeEntities(content).replace(/\s+/g, ' ').trim());
      }
    }
  }
  return out;
}

/** The first of `keys`' values that `given` keeps (a date that stands for one). */
function firstGiven(meta: Map<string, string>, given: (v: string | undefined) => string | null, keys: string[]): string | null {
  for (const k of keys) {
    const v = given(meta.get(k));
    if (v) return v;
  }
  return null;
}

function first(meta: Map<string, string>, keys: string[]): string | null {
  for (const k of keys) {
    const v = meta.get(k);
    if (v) return v;
  }
  return null;
}

/** Resolves `href` against `base`; null for unusable values. */
export function absoluteUrl(href: string | null | undefined, base: string | undefined): string | null {
  if (!href) return null;
  const h = href.trim();
  if (!h || /^(?:javascript|data|vbscript):/i.test(h)) return null;
  // Without a base only an address with a scheme parses (a letter first, past leading controls and
  // spaces, and a colon): the rest would throw, and a throw costs about thirty parses.
  if (base === undefined && (!h.includes(':') || !/^[\x00-\x20]*[A-Za-z]/.test(h))) return null;
  try {
    return new URL(h, base).href;
  } catch {
    return null;
  }
}

function isUrlLike(s: string): boolean {
  return /^(?:https?:)?\/\//i.test(s);
}

function attr(el: DomElement | null, name: string): string | null {
  const v = el?.getAttribute(name);
  return v?.trim() ? v.trim() : null;
}

function hasItemprop(el: DomElement, name: string): boolean {
  return (el.getAttribute('itemprop') ?? '').split(/\s+/).includes(name);
}

/** Whether link `a` is marked as the page's author (`rel=author`). */
function relAuthor(a: DomElement): boolean {
  return (a.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('author');
}

/**
 * The page's byline elements: class or id in Readability's byline words, then `itemprop=author`
 * and `rel=author` (each once), text non-empty and under `BYLINE_MAX` characters, not outside the
 * story (outsideStory, `doc`'s title heading telling the story's wrappers); at most
 * `MAX_BYLINE_ELEMENTS`.
 */
function bylineElements(doc: DomDocument, index: PageIndex): DomElement[] {
  const out: DomElement[] = [];
  // The headline is looked for once, and only on a page where a byline stands under a part's name.
  let story: DomElement | null | undefined;
  const headline = (): DomElement | null => {
    if (story === undefined) story = titleHeading(doc, pageHeadings(index));
    return story;
  };
  const seen = new Set<DomElement>();
  const lists = [index.bylines, index.itemprop.filter((e) => hasItemprop(e, 'author')), tagged(index, 'a').filter(relAuthor)];
  for (const list of lists) {
    for (const el of list) {
      if (out.length >= MAX_BYLINE_ELEMENTS) return out;
      if (seen.has(el)) continue;
      seen.add(el);
      // Its text as a reader sees it (white space as one space): a template's indentation is no text.
      const n = textLengthUpTo(el, BYLINE_MAX);
      if (n > 0 && n < BYLINE_MAX && !outsideStory(el, headline)) out.push(el);
    }
  }
  return out;
}

/** Class or id words (at a word's start) of a page's parts that are not the story: its comments and replies, the comment form, sidebars, related links, widgets, menus. */
const NOT_STORY = /(?:^|[\s_-])(?:comment|repl(?:y|ies)|respond|disqus|sidebar|related|widget|testimonial|quote)/i;
const NOT_STORY_TAGS = new Set(['form', 'aside', 'nav', 'label', 'blockquote']);
/** Class or id words (at a word's start) of a menu: a list of controls ("View Profile", "Email", "RSS"), not a name. */
const MENU = /(?:^|[\s_-])(?:menu|dropdown)/i;

/** A menu holds at most this much text (white space as one space): a few controls, not a wrapper of the page ("menu-pusher") or of a story. */
const MENU_MAX = 200;

/**
 * Whether `el` is a menu: a `<menu>`, or an element whose class or id says menu or dropdown (an
 * author's menu of links beside the name), with at most MENU_MAX characters of text.
 */
function isMenu(el: DomElement): boolean {
  const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
  if (el.localName !== 'menu' && (names.length < 2 || !MENU.test(names))) return false;
  return textLengthUpTo(el, MENU_MAX + 1) <= MENU_MAX;
}

/** Class or id words (at a word's start) of a page's comments: a comment's author is no byline of the story. */
const COMMENTS = /(?:^|[\s_-])(?:comment|repl(?:y|ies)|respond|disqus)/i;

/** Whether `el` is or stands in the page's comments, below the body (whose classes say how the page is laid out: "has-comments"). */
function inComments(el: DomElement): boolean {
  for (let a: DomElement | null = el; a && a.localName !== 'body' && a.localName !== 'html'; a = a.parentElement) {
    const names = `${a.getAttribute('class') ?? ''} ${a.getAttribute('id') ?? ''}`;
    if (names.length > 1 && COMMENTS.test(names)) return true;
  }
  return false;
}

/** Whether `el` is or stands in a menu below the body (the body's and root's classes say how the page is laid out: "menu-open"). */
function inMenu(el: DomElement): boolean {
  for (let a: DomElement | null = el; a && a.localName !== 'body' && a.localName !== 'html'; a = a.parentElement)
    if (isMenu(a)) return true;
  return false;
}

/**
 * Whether `el` is or stands in a part of the page that is not the story: a form, an aside, a nav,
 * a label, a quotation (`<blockquote>`) or a `<menu>`, or an element whose class or id names
 * comments, a sidebar, related links, a testimonial, a quote or a menu. A comment's author ("Mark
 * says"), a comment form's "Name (required)", a sidebar's author list, the person a quotation or a
 * customer's testimonial is by and an author menu's "View Profile" are no byline of the story,
 * and their dates are no publication date. Such a part counts only where it does not hold the
 * story itself (holdsStory: the body, or an element around the page's headline, `headline`).
 */
function outsideStory(el: DomElement, headline: () => DomElement | null): boolean {
  const part = (a: DomElement): boolean => {
    const names = `${a.getAttribute('class') ?? ''} ${a.getAttribute('id') ?? ''}`;
    if (!NOT_STORY_TAGS.has(a.localName) && (names.length < 2 || !NOT_STORY.test(names))) return false;
    return !holdsStory(a, headline);
  };
  return part(el) || hasAncestor(el, part) || inMenu(el);
}

/**
 * Whether `a` holds the story itself, so that its class or id names how the page is laid out, not
 * a part beside the story: `<body>` and `<html>` hold the whole page ("right-sidebar", "has-widgets"
 * say where the sidebar goes), and an element that holds the page's headline (`headline`, the
 * title heading: fallback.ts titleHeading) is a wrapper of the story, as a blog platform's
 * "widget" that holds the post or a theme's column named "sidebar" that holds the article. A
 * sidebar, comment thread or related list the byline sits in does not hold the headline.
 */
function holdsStory(a: DomElement, headline: () => DomElement | null): boolean {
  if (a.localName === 'body' || a.localName === 'html') return true;
  const h = headline();
  for (let x: DomElement | null = h; x; x = x.parentElement) if (x === a) return true;
  return false;
}

/**
 * The element Readability takes a byline's text from: the byline element's first descendant with
 * an `itemprop` of a name, else itself. The first of `el.querySelectorAll('[itemprop]')` whose
 * value holds "name" (an attribute that is not there reads as null), from walk.ts's walk without
 * a selector compiled for every byline element of every page (x-speed6, 2026-12-07).
 */
function nameElement(el: DomElement): DomElement {
  return firstElement(el, (_, d) => (d.getAttribute('itemprop') ?? '').includes('name')) ?? el;
}

/**
 * A publication date the page gives outside its structured data and <meta>, in this order:
 * 1. microdata `itemprop=datePublished` (its `content` or `datetime`, else its text as a date);
 * 2. a `<time pubdate>`, then the first `<time datetime>` inside an `<article>`;
 * 3. the first `<time>` inside an `<article>` without `datetime`, whose text is then its value
 *    (as the HTML standard reads a <time> without the attribute), when that text is a date;
 * 4. the date the page's byline carries (a `<time>` in it, or a field that is a date: byline-text.ts);
 * 5. the first element whose class or id names a publication date (dom.ts STAMP_NAMES) and whose
 *    `datetime` or short text is a date;
 * 6. a date in the page's address path, /YYYY/MM/DD/ (the permalinks of WordPress and most
 *    news CMSs), the day only.
 * A value that stands for no date (dates.ts placeholderDate: a zero time, a date after the page
 * was served at `served`) is passed by: the next source is read, as in the `<meta>` chain.
 */
function publishedFromDom(
  index: PageIndex,
  bylines: DomElement[],
  addresses: (string | null | undefined)[],
  order: FigureOrder | null,
  served: number | null,
): string | null {
  const given = (v: string | null | undefined): string | null => (v && !placeholderValue(v, order, served) ? v : null);
  const itemprop = index.itemprop.find((e) => hasItemprop(e, 'datePublished')) ?? null;
  const fromItemprop = given(attr(itemprop, 'content') ?? attr(itemprop, 'datetime'));
  if (fromItemprop) return fromItemprop;
  if (itemprop) {
    const d = given(textDate(itemprop.textContent ?? '', order));
    if (d) return d;
  }
  // A <time pubdate> or the first dated <time> inside the article is the publication time far
  // more often than not; <time>s elsewhere (sidebars, comments) are not trusted.
  const all = tagged(index, 'time');
  const times = all.filter((t) => t.hasAttribute('datetime'));
  const pub = times.find((t) => t.hasAttribute('pubdate')) ?? times.find((t) => hasAncestor(t, (a) => a.localName === 'article')) ?? null;
  const fromTime = given(attr(pub, 'datetime'));
  if (fromTime) return fromTime;
  for (const t of all) {
    if (t.hasAttribute('datetime') || !hasAncestor(t, (a) => a.localName === 'article')) continue;
    const d = given(textDate(t.textContent ?? '', order));
    if (d) return d;
    break;
  }
  for (const el of bylines) {
    const d = readByline(el, order).date;
    if (d && normalizeDate(d, order, served)) return d;
  }
  for (const el of index.stamps) {
    const v = attr(el, 'datetime') ?? attr(el, 'content');
    if (v && normalizeDate(v, order, served)) return v;
    const text = el.textContent ?? '';
    if (text.length > STAMP_MAX) continue;
    const d = given(textDate(text, order));
    if (d) return d;
  }
  for (const a of addresses) {
    const d = given(pathDate(a));
    if (d) return d;
  }
  return null;
}

/** The day an address's path names, /YYYY/MM/DD/ (year 1990–2099, a real month and day); null otherwise. */
export function pathDate(address: string | null | undefined): string | null {
  if (!address) return null;
  let path: string;
  try {
    path = new URL(address).pathname;
  } catch {
    return null;
  }
  const m = /\/((?:199|20\d)\d)\/(0?[1-9]|1[0-2])\/(0?[1-9]|[12]\d|3[01])(?:\/|$)/.exec(path);
  if (!m) return null;
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

/**
 * A byline from the page's markup: the name inside an `itemprop=author` element, the element
 * itself, a `rel=author` link, then the byline elements by class or id (bylineElements); each
 * read as byline-text.ts reads a byline (its label, date and outlet fields dropped, a menu in it
 * left out), or from its `content` attribute. Passed by: one that is in a menu (inMenu) or
 * stands in the outlet's masthead (masthead), is a label named after its own text (ownLabel) or
 * is written in common words (commonWords). The first that names the outlet (`outlets`) is
 * given apart (`outlet`): the page's byline only where no element names a writer.
 */
function bylineFromDom(
  doc: DomDocument,
  index: PageIndex,
  bylines: DomElement[],
  outlets: string[],
): { person: string | null; outlet: string | null } {
  let outlet: string | null = null;
  const authors = index.itemprop.filter((e) => hasItemprop(e, 'author'));
  const found =
    index.itemprop.find((e) => hasItemprop(e, 'name') && hasAncestor(e, (a) => authors.includes(a))) ??
    authors[0] ??
    tagged(index, 'a').find(relAuthor);
  const marked = found && !inMenu(found) && !inComments(found) ? found : undefined;
  const candidates = marked ? [marked, ...bylines] : bylines;
  let text: string | undefined;
  const pageText = (): string => {
    text ??= visibleText(doc.body);
    return text;
  };
  for (const el of candidates) {
    const content = attr(el, 'content');
    const t = content ?? readByline(el, null, isMenu).name;
    if (!t || t.length > BYLINE_MAX || !namesSomeone(t) || ownLabel(el, t) || commonWords(t, pageText)) continue;
    if (masthead(el, outlets) || datelineOnly(el)) continue;
    if (isOutlet(t, outlets)) {
      outlet ??= t;
      continue;
    }
    // The first byline that is read says the story is by no one person ("By staff writers"): so
    // the page's byline names no one; a later byline element is another story's (a teaser's).
    if (namesNoOne(t)) return { person: null, outlet };
    return { person: t, outlet };
  }
  return { person: null, outlet };
}

/**
 * Whether byline element `el`, read as `t`, is named after its own text: one word that the class
 * or id of the element holding that text (`el` or an element inside it whose whole text it is)
 * holds ("Authors" in a menu item whose id ends "…authors-ss", "Follow" on an
 * "author-info__follow-button"). Templates name an element by what it is (a label, a link to a
 * section, a button), and a word that does both is that label or control, not a person's name.
 */
function ownLabel(el: DomElement, t: string): boolean {
  if (!/^\p{L}{3,}$/u.test(t)) return false;
  const word = t.toLowerCase();
  const named = (e: DomElement): boolean => `${e.getAttribute('class') ?? ''} ${e.getAttribute('id') ?? ''}`.toLowerCase().includes(word);
  // Down the elements whose whole text is the word (a byline element's text is short).
  const holds = (e: DomElement): boolean => named(e) || childElements(e).some((c) => (c.textContent ?? '').trim() === t && holds(c));
  return holds(el);
}

/** At most this many words are read as common words (commonWords): a label or a link's text, not a sentence. */
const COMMON_WORDS_MAX = 3;

/**
 * Whether `t` is one to COMMON_WORDS_MAX capitalised words, in a script with capitals, each of
 * which the page writes in lower case as a word of its running text ("About" on a page that says
 * "is nothing quiet about my hiccups", "About Me" where it says "about" and "me"): words of the
 * page's language set as a label or a link's text. A proper name keeps its capital wherever the
 * page writes it as a word; in an address or a handle it may not ("vortex.cannon@…",
 * "https://creeny.wordpress.com"), so only a word that stands between spaces, with at most a
 * sentence's punctuation about it, counts.
 */
function commonWords(t: string, pageText: () => string): boolean {
  const words = t.split(' ');
  return words.length <= COMMON_WORDS_MAX && words.every((w) => commonWord(w, pageText));
}

/** commonWords for one word. */
function commonWord(t: string, pageText: () => string): boolean {
  if (!/^\p{Lu}\p{Ll}+$/u.test(t)) return false;
  const lower = t.toLowerCase();
  const text = pageText();
  for (let i = text.indexOf(lower); i >= 0; i = text.indexOf(lower, i + 1)) {
    let a = i;
    while (a > 0 && !/\s/.test(text[a - 1]!)) a--;
    let b = i + lower.length;
    while (b < text.length && !/\s/.test(text[b]!)) b++;
    const word = text.slice(a, b).replace(PROSE_MARKS, '');
    if (word === lower) return true;
  }
  return false;
}

/** A name folded to compare it with the page's own names: lower case, white space as one space, a closing stop left out. */
export function outletKey(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.:,;]+$/, '')
    .toLowerCase();
}

/**
 * Whether byline element `el` is one by its class or id only as a dateline (Readability's byline
 * words include "dateline"): a dateline says where and when the story was filed ("KOBE –"), not
 * who wrote it — unless its text opens with a byline label ("By Ed Silverman // November 6th"):
 * some templates name their byline line so.
 */
function datelineOnly(el: DomElement): boolean {
  const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
  if (!/dateline/i.test(names) || BYLINE_NAMES.test(names.replace(/dateline/gi, ' ')) || hasItemprop(el, 'author') || relAuthor(el))
    return false;
  return !opensWithLabel(el.textContent ?? '');
}

/**
 * Whether byline `t` names the outlet (`outlets`, folded): it is one of the page's names for
 * itself, or one followed by a comma and more ("SPIEGEL ONLINE, Hamburg, Germany": its place), or
 * a host name ("buchmesse.ARD.de"), a site's address rather than a person.
 */
function isOutlet(t: string, outlets: string[]): boolean {
  const key = outletKey(t);
  return HOST.test(key) || outlets.some((o) => key === o || key.startsWith(`${o}, `));
}

/** A host name: labels of letters, figures and hyphens joined by dots, the last a top-level domain (a country's two letters, com, org …; not "robert.stitz", a user name). */
const HOST = /^(?:[\p{L}\d-]+\.)+(?:\p{L}{2,3}|info|online|world|news|blog|media|site)$/u;

/**
 * The holder a copyright notice names ("Copyright (c) Condé Nast 2024" → "Condé Nast"): the
 * notice's words, marks and years left out; null when nothing, or a sentence, is left.
 */
function copyrightHolder(v: string | undefined): string | null {
  if (!v) return null;
  const holder = v
    .replace(/copyright|©|\(c\)|all rights reserved\.?|\b(?:19|20)\d\d\b(?:\s*[-–]\s*(?:19|20)\d\d)?/gi, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.,;:-]+|[\s.,;:-]+$/g, '');
  return holder && holder.split(' ').length <= 5 ? holder : null;
}

/** How many ancestors up a byline element's block is looked for (masthead). */
const MASTHEAD_LEVELS = 3;
const HEADING_NAMES = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/**
 * What the selector `h1, h2, h3, h4, h5, h6` matches in an HTML document (the tag compared in
 * lower case, as linkedom's selector adapter gives it), for walk.ts's firstElement.
 */
const isHeadingName = (tag: string): boolean => HEADING_NAMES.has(lowerCased(tag));

/**
 * Whether byline element `el` stands in the page's masthead: the nearest of its ancestors (at
 * most MASTHEAD_LEVELS up, never the body) that holds a heading has as its first heading the
 * outlet's name or a part of it between separators ("Asia Unbound" of "Council on Foreign
 * Relations - Asia Unbound"). A story's byline stands under the story's heading; a line beside
 * the site's or a blog's name ("CFR Presents" above "Asia Unbound") is the site's, as is a byline
 * under a section heading that names the outlet.
 */
function masthead(el: DomElement, outlets: string[]): boolean {
  if (outlets.length === 0) return false;
  let a = el.parentElement;
  for (let i = 0; a && i < MASTHEAD_LEVELS && a.localName !== 'body' && a.localName !== 'html'; i++, a = a.parentElement) {
    const heading = firstElement(a, isHeadingName);
    if (!heading) continue;
    const key = outletKey(heading.textContent ?? '');
    return key.length >= 3 && outlets.some((o) => o === key || o.split(/\s+[-–—|:·]\s+/).includes(key));
  }
  return false;
}

/** A sentence's punctuation before or after a word: quotes, brackets, stops, commas. */
const PROSE_MARKS = /^[("'«“‘„¿¡[]+|[)"'»”’.,;:!?…\]]+$/gu;

/**
 * The running text of `root` a reader sees: its text nodes of `SENTENCE_WORDS` words or more (a
 * sentence, not a label, a tag or a link's few words: a tag list may write "google play"),
 * scripts and styles left out; at most `VISIBLE_MAX` characters.
 */
function visibleText(root: DomElement | null): string {
  if (!root) return '';
  const parts: string[] = [];
  let n = 0;
  const stack: DomNode[] = [root];
  while (stack.length > 0 && n < VISIBLE_MAX) {
    const node = stack.pop()!;
    if (node.nodeType === TEXT_NODE) {
      const t = node.textContent ?? '';
      if (t.trim().split(/\s+/).length < SENTENCE_WORDS) continue;
      parts.push(t);
      n += t.length;
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE || UNSEEN_TEXT.has((node as DomElement).localName)) continue;
    const kids: DomNode[] = [];
    for (let k = node.firstChild; k; k = k.nextSibling) kids.push(k);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return parts.join(' ');
}

/**
 * The byline to give, from Readability's (`fromReadability`, null when it found none) and the
 * page's: where Readability took `<meta name="author">` and the page also names the article's
 * author (`article:author`, not an address), that; where it took the text of one of the page's
 * byline elements and that text glues the element's parts (what a reader does not see: byline-text.ts),
 * or holds a menu's controls, the names read from that element (domBylines); otherwise its own, as the page writes it
 * ("By Jane Doe", a dated byline): Readability's strings are what readability-pages compares.
 */
export function chooseByline(fromReadability: string | null, meta: PageMetadata): string | null {
  // Readability's byline that names no one ("By", "Posted on", "author", "-", a date) or names the
  // outlet (the page's own name for itself, often a section's: "World News"): the page's next
  // byline, as its own byline element's would be (bylineFromDom).
  if (fromReadability === null || !namesSomeone(fromReadability)) return meta.byline;
  if (isOutlet(bylineText(fromReadability) ?? fromReadability, meta.outlets)) return meta.byline ?? fromReadability;
  const key = fromReadability.replace(/\s+/g, '');
  const { page, article } = meta.metaAuthors;
  if (page !== null && article !== null && page.replace(/\s+/g, '') === key && article !== page) return decodeEntities(article);
  // The same where that element holds a menu beside the name ("Cord Jefferson View Profile RSS"), or
  // is one: the page's furniture, not a byline. (Not a dateline: readability-pages expects
  // Readability's date line named so, seattletimes-1; the DOM reader passes datelines by.)
  const dom = meta.domBylines.find((b) => b.key === key && (b.glued || b.furniture));
  if (dom) return dom.name ?? meta.byline;
  return fromReadability;
}

/**
 * The publication date to give: the own story object's, else Readability's (`fromReadability`,
 * normalised as the page's other dates are, a placeholder refused: dates.ts placeholderDate),
 * else the page's (readMetadata).
 */
export function choosePublished(fromReadability: string | null | undefined, meta: PageMetadata): string | null {
  return meta.ownStory?.published ?? normalizeDate(fromReadability, meta.order, meta.servedAt) ?? meta.published;
}

function linkRel(index: PageIndex, rel: string): DomElement | null {
  return tagged(index, 'link').find((l) => (l.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes(rel)) ?? null;
}

/**
 * The own story object's title, byline and date, which the extractor puts before the scorer's
 * (index.ts). Only the fields that say it: `author` (not `creator`, often the account that
 * uploaded the story, a user handle) and `datePublished` (not `dateCreated`, a draft's time, nor
 * `dateModified`); the wider readings stay in readMetadata's own fallbacks.
 */
function storyMetadata(
  o: JsonObject,
  referenced: Referenced,
  order: FigureOrder | null,
  served: number | null,
  outlets: string[],
): StoryMetadata {
  const title = str(o.headline) ?? str(o.name);
  const authors = namedOnly(names(o.author, referenced), outlets);
  return {
    title: title ? decodeEntities(title) : null,
    byline: authors.length > 0 ? decodeEntities(authors.join(', ')) : null,
    published: normalizeDate(str(o.datePublished), order, served),
  };
}

/** Structured data's author names cut to the names (byline-text.ts bylineText), those that name no one or the outlet (`outlets`) left out. */
function namedOnly(found: string[], outlets: string[]): string[] {
  return [...new Set(found.map((n) => bylineText(n)).filter((n): n is string => n !== null && !isOutlet(n, outlets)))];
}

/**
 * Metadata of a parsed page. `baseUrl` resolves relative URLs (the page address, already
 * combined with <base href>); `pageUrl` is the address the page was read from (its own story
 * object is told by it). `headers` are the HTTP response headers, lower-cased names.
 *
 * JSON-LD values are read, field by field, in this order: the page's own story object (found
 * wherever the JSON-LD nests it, by the page's address, its title, or as the only story:
 * ld-stories.ts ownStory); then the object read before that walk existed — the first article-like
 * object at the top of a block, in `@graph` or in an array — unless it is another story (one of a
 * listing's, or a story beside the page's own); then <meta>, microdata and the DOM. Where <meta>
 * came first (site name, excerpt, lead image, language) it still does, the JSON-LD objects after
 * it in the same order. A publication date is `datePublished`, else `dateCreated`; `dateModified`
 * is never read.
 */
export function readMetadata(
  doc: DomDocument,
  index: PageIndex,
  baseUrl: string | undefined,
  headers: Record<string, string> = {},
  pageUrl: string | undefined = baseUrl,
): PageMetadata {
  const meta = metaValues(index);
  const ld = jsonLdObjects(index);
  const canonicalRaw = attr(linkRel(index, 'canonical'), 'href') ?? first(meta, ['og:url']);
  const canonicalUrl = absoluteUrl(canonicalRaw, baseUrl);

  // One walk of the page's JSON-LD, shared with 4f (structured-body.ts reads it with the same addresses).
  const pageKeys = pageAddressKeys([pageUrl, canonicalUrl], baseUrl);
  const walked = storiesOf(index, pageKeys, baseUrl);
  const own = ownStory(doc, index, walked, pageKeys, baseUrl);
  // The other story objects, where the page's own is known or the page holds several (a listing):
  // an object at the top of a block that is one of them is not the page's.
  const others = new Set<JsonObject>(
    own !== null || walked.stories.length > 1 ? walked.stories.filter((c) => c !== own).map((c) => c.o) : [],
  );
  const usable = ld.filter((x) => !others.has(x.o));
  const top =
    usable.find((x) => types(x.o).some((t) => ARTICLE_TYPE.test(t) && t !== 'WebPage')) ??
    usable.find((x) => types(x.o).some((t) => ARTICLE_TYPE.test(t))) ??
    null;
  const objects: LdObject[] = [];
  if (own) objects.push({ o: own.o, block: own.block });
  if (top && top.o !== own?.o) objects.push(top);
  /** The first of the objects' values that `read` gives. */
  const fromLd = <T>(read: (o: JsonObject, block: number) => T | null): T | null => {
    for (const x of objects) {
      const v = read(x.o, x.block);
      if (v !== null) return v;
    }
    return null;
  };
  const site = ld.find((x) => types(x.o).some((t) => t === 'WebSite'))?.o;

  // The page's names for itself: a byline that is one of them names the outlet, not a writer.
  const outlets = [
    ...new Set(
      [
        meta.get('og:site_name'),
        meta.get('application-name'),
        meta.get('dc.publisher'),
        meta.get('dcterms.publisher'),
        copyrightHolder(meta.get('copyright') ?? meta.get('dc.rights') ?? meta.get('dcterms.rights')),
        ...ld.map((x) => (isObject(x.o.publisher) ? str(x.o.publisher.name) : null)),
        site ? str(site.name) : null,
      ]
        .filter((v): v is string => typeof v === 'string' && v !== '')
        .map((v) => outletKey(decodeEntities(v))),
    ),
  ];
  const ldAuthors = fromLd((o, block) => {
    const found = namedOnly(
      names(o.author ?? o.creator, (id) => walked.people.get(`${block} ${id}`) ?? null),
      [],
    );
    return found.length > 0 ? found : null;
  });
  // A byline that names the outlet is given only where no source names a writer: the first such is kept aside.
  let outletByline: string | null = null;
  const ldPeople = ldAuthors?.filter((n) => !isOutlet(n, outlets)) ?? [];
  if (ldAuthors && ldPeople.length === 0) outletByline = ldAuthors.join(', ');
  // `article:author` names the article's author where it is a name (not an address): before
  // `<meta name="author">`, which names the document's, often the publisher (chooseByline).
  const articleAuthor = first(meta, ['article:author']);
  const metaAuthors = {
    page: first(meta, ['author']),
    // Open Graph writes the writers' profiles there: an address, also a path ("/@name"), is no
    // name; nor is one word (a handle, "jane_roe", or a site's name, "example.world").
    article:
      articleAuthor &&
      !isUrlLike(articleAuthor) &&
      !/^(?:[a-z][\w+.-]*:\/\/|mailto:|\/|www\.)/i.test(articleAuthor) &&
      /\S\s+\S/.test(articleAuthor)
        ? articleAuthor
        : null,
  };
  // The first of the `<meta>` authors that names someone, cut to the names (bylineText).
  let metaAuthor: string | null = null;
  for (const v of [
    metaAuthors.article,
    ...['author', 'dc.creator', 'dcterms.creator', 'sailthru.author', 'parsely-author', 'byl', 'cxenseparse:author'].map(
      (k) => meta.get(k) ?? null,
    ),
  ]) {
    const named = v && !isUrlLike(v) ? bylineText(v) : null;
    if (named && isOutlet(decodeEntities(named), outlets)) {
      outletByline ??= named;
      continue;
    }
    if (named) {
      metaAuthor = named;
      break;
    }
    if (v && isUrlLike(v)) break;
  }
  const bylines = bylineElements(doc, index);
  const fromDom = ldPeople.length > 0 || metaAuthor ? null : bylineFromDom(doc, index, bylines, outlets);
  const byline =
    (ldPeople.length > 0 ? ldPeople.join(', ') : null) ?? metaAuthor ?? fromDom?.person ?? outletByline ?? fromDom?.outlet ?? null;

  const structuredTitle =
    fromLd((o) => str(o.headline) ?? str(o.name)) ??
    first(meta, [
      'og:title',
      'twitter:title',
      'dc.title',
      'dc:title',
      'dcterm:title',
      'dcterms.title',
      'title',
      'parsely-title',
      'weibo:article:title',
      'weibo:webpage:title',
    ]);
  const title = structuredTitle ?? (doc.title ? doc.title.replace(/\s+/g, ' ').trim() || null : null);

  const html = doc.documentElement;
  const langAttr = attr(html, 'lang') ?? attr(html, 'xml:lang');
  const lang =
    langAttr ??
    first(meta, ['content-language', 'dc.language', 'language']) ??
    (headers['content-language'] ? (headers['content-language'].split(',')[0] ?? '').trim() || null : null) ??
    fromLd((o) => str(o.inLanguage)) ??
    meta.get('og:locale')?.replace('_', '-') ??
    null;
  // How the page's language orders day and month in figures, for a date such as "06/12/2026".
  const order = figureOrder(lang);
  const served = servedAt(headers);
  /** A date value unless it stands for no date (a zero time, a date after the page was served): then the next source's is read. */
  const given = (v: string | null | undefined): string | null => (v && !placeholderValue(v, order, served) ? v : null);

  const publishedRaw =
    fromLd((o) => given(str(o.datePublished)) ?? given(str(o.dateCreated))) ??
    firstGiven(meta, given, [
      'article:published_time',
      'og:published_time',
      'published_time',
      'datepublished',
      'parsely-pub-date',
      'pubdate',
      'publishdate',
      'publish-date',
      'date',
      'dc.date.issued',
      'dc.date',
      'dcterms.date',
      'dcterms.created',
      'sailthru.date',
      'article.published',
      'cxenseparse:recs:publishtime',
    ]) ??
    publishedFromDom(index, bylines, [pageUrl, canonicalUrl], order, served);

  const publisher = fromLd((o) => (isObject(o.publisher) ? str(o.publisher.name) : null));
  const siteName = first(meta, ['og:site_name', 'application-name']) ?? publisher ?? (site ? str(site.name) : null);

  const excerpt =
    first(meta, ['description', 'og:description', 'twitter:description', 'dc.description', 'dcterms.description']) ??
    fromLd((o) => str(o.description));

  const leadImageRaw =
    first(meta, ['og:image:secure_url', 'og:image', 'og:image:url', 'twitter:image', 'twitter:image:src', 'thumbnailurl']) ??
    fromLd((o) => imageUrl(o.image) ?? imageUrl(o.thumbnailUrl)) ??
    attr(linkRel(index, 'image_src'), 'href');

  return {
    title: title ? decodeEntities(title) : null,
    titleIsStructured: structuredTitle !== null,
    byline: byline ? decodeEntities(byline) : null,
    published: normalizeDate(publishedRaw, order, served),
    siteName: siteName ? decodeEntities(siteName) : null,
    excerpt: excerpt ? decodeEntities(excerpt) : null,
    leadImage: absoluteUrl(leadImageRaw, baseUrl),
    canonicalUrl,
    lang,
    dir: attr(html, 'dir')?.toLowerCase() ?? attr(doc.body, 'dir')?.toLowerCase() ?? null,
    // As 4f refuses (structured-body.ts): a mark at the top of a block, on any object the walk
    // met (a WebPage around its mainEntity, an update), or on the own story object or a part of it.
    paywalled: ld.some((x) => notFree(x.o.isAccessibleForFree)) || walked.closed || (own !== null && closed(own.o)),
    live: ld.some((x) => types(x.o).includes('LiveBlogPosting')),
    ownStory: own ? storyMetadata(own.o, (id) => walked.people.get(`${own.block} ${id}`) ?? null, order, served, outlets) : null,
    // The byline elements, and those by class or id that are or stand in a menu (not the story's,
    // so not in `bylines`): Readability may take a menu's text ("View Profile Email RSS").
    domBylines: [...bylines, ...index.bylines.filter(inMenu).slice(0, MAX_BYLINE_ELEMENTS)].map((el) => {
      const from = nameElement(el);
      const key = (from.textContent ?? '').replace(/\s+/g, '');
      // A menu, or an element in one, names no one; a menu inside the element is not read.
      if (inMenu(from)) return { key, name: null, glued: false, furniture: true };
      const { name, glued } = readByline(from, null, isMenu);
      const furniture = firstElement(from, (_, d) => isMenu(d)) !== null;
      return { key, name, glued, furniture };
    }),
    outlets,
    metaAuthors,
    order,
    servedAt: served,
  };
}
