// Stage 1 (with prune.ts): comment threads found by their shape alone, with or without a comment
// form (x-hashthreads). Where class and id say nothing (generated or hashed names), prune.ts's
// named rules see no thread, and `prune:thread-shape` finds one only just before a comment form;
// a thread with no form (comments closed, the form loaded by script, the form above it) was left,
// and on a short post the scorer then returned it as the article.
//
// A thread is a run of sibling items of one shape (same tag, same first class token, whatever its
// words; a reply nested in an item is read as an item of its own, not as part of its parent):
//   - two thirds of them or more dated: a <time>, or a short line with a date, a clock time or an
//     age ("11 days ago") — the commenter's name-and-date line, wherever it is nested;
//   - half of them or more carrying what a reader's comment carries and a story's list does not:
//     a small picture (the avatar, by its width/height attributes) or an in-page control (a link
//     to a fragment or a script — "reply", the permalink — or a button);
//   - their text the reader's own words, not links (a rail of dated teasers is links), and short
//     (the middle item under ITEM_MAX: a list of whole stories is no thread); the links that count
//     are those to another page, a comment's own controls (permalink, reply, a title that folds
//     it) do not, unless the item is nothing but links (x-precision);
//   - no symbol link back into the page ("^") opening half of them: a story's notes and
//     references are dated and back-linked, and set after the story too;
//   - no headline of their own (rank 2 or 3, or a paragraph that is one bold line, as live-blog
//     plugins set an update's title) on half of them: a live blog's updates and a guide's entries
//     have one, a comment does not; a feed of <article> updates (live-blog.ts) is never taken.
// The thread must also stand after the page's headline and after a paragraph of prose outside it:
// a page whose dated list is all there is keeps it. A timeline that is the story (dated short
// items, no avatars, no controls) is left whole.
//
// x-threads added: `prune:thread-runs`, a thread with no wrapper (its items siblings after the
// story's own block, in the story's container: runAfterStory), removed item by item; items with
// no avatar and no control, taken by either rule when their name-and-date lines name their writers
// (judge's `unmarked`: 3+ words once the figures go, differing from item to item, with the reader's
// own words beside them); and name-and-date lines measured squeezed, or read loose at an item's head.
import { holdsUpdateFeed } from './live-blog.js';
import type { DomElement } from './dom.js';
import type { DomNode, Links, Listed } from './dom.js';
import { ELEMENT_NODE, TEXT_NODE, childElements, leadsAway, prevElement } from './dom.js';
import { squeeze, squeezedLength } from './squeeze.js';
import { STAMP_LINE_MAX } from './time-lines.js';
import { namedConversation, nameLine, storyBeside } from './thread-names.js';
import { listLinks, textLengthUpTo } from './walk.js';

/** Containers whose children a thread repeats. */
const THREAD_TAGS = new Set(['ol', 'ul', 'div', 'section', 'dl']);
/**
 * Containers a thread with no wrapper may share with the story (runAfterStory): the story's own
 * column too, a table cell (old blog templates) or the <article> or <main> that holds both.
 */
const RUN_TAGS = new Set([...THREAD_TAGS, 'td', 'article', 'main']);
/**
 * What one comment is set in (a definition list's <dt> holds the name-and-date line, its <dd> the
 * words; a <ul> or <ol> when the comment is a list of its parts — its words in one <li>, its tools
 * in a sibling <li>, as the Guardian sets them: x-forms).
 */
const ITEM_TAGS = new Set(['li', 'div', 'article', 'section', 'dt', 'dd', 'table', 'ul', 'ol']);
/** A thread has at least this many items of its shape. */
const MIN_ITEMS = 3;
/**
 * A date or a clock time, as a comment's name-and-date line writes it in any language (stricter
 * than time-lines.ts's stamp, which a year alone satisfies; here a lone year, a wine's vintage, is no date): a day
 * then a year (1990-2039) a few characters on ("2 October 2012", "Oct 2, 2012", "2.10.2012"), a
 * year then a day ("2012-10-02"), or a clock time ("10:57", "8h30"). A year alone is no date: a
 * product's vintage, a model year.
 */
const STAMP =
  /(?:^|\D)\d{1,2}\D{1,12}(?:199\d|20[0-3]\d)(?:\D|$)|(?:^|\D)(?:199\d|20[0-3]\d)\D\d{1,2}(?:\D|$)|(?:^|\D)\d{1,2}[:h]\d\d(?:\D|$)/;
/**
 * A relative date, as comment systems write the age of a comment ("11 days ago", "vor 3 Stunden",
 * "il y a 2 jours", "hace 5 minutos"): English, German, French and Spanish.
 */
const RELATIVE =
  /\b\d{1,2}\s+(?:second|minute|min|hour|hr|day|week|month|year)s?\s+ago\b|\bvor\s+\d{1,2}\s+(?:Sekunden|Minuten|Stunden|Tagen|Wochen|Monaten|Jahren)\b|\bil y a\s+\d{1,2}\s+(?:secondes?|minutes?|heures?|jours?|semaines?|mois|ans?)\b|\bhace\s+\d{1,2}\s+(?:segundos?|minutos?|horas?|d\u00edas?|semanas?|mes(?:es)?|a\u00f1os?)\b/i;
/** The middle item of a thread holds at most this much text (replies nested in it left out). */
const ITEM_MAX = 1500;
/** Whether short text `t` carries a date, a clock time or an age. */
const stampLine = (t: string): boolean => STAMP.test(t) || RELATIVE.test(t);
/** An avatar is drawn this small or smaller (width or height attribute, pixels). */
const AVATAR_MAX = 100;
/** An unmarked comment has at least this many characters of its own words beside its name-and-date line. */
const WORDS_BESIDE = 20;
/** Prose before the thread: a paragraph at least this long outside it, before it in page order. */
const PROSE_BEFORE = 80;

/** One item's signs, read in one walk (nested items of the same shape are read as such, not entered). */
export interface Signs {
  stamp: boolean;
  avatar: boolean;
  control: boolean;
  nested: boolean;
  /** A heading of rank 2 or 3, or a one-line bold paragraph: an update's or an entry's own headline. */
  headed: boolean;
  /** The item opens with an in-page link that is a symbol ("^", "↑"): a note's link back to where it is cited. */
  backLink: boolean;
  /** Characters of text, nested items left out; how many of them are in links; how many in links that lead to another page. */
  text: number;
  links: number;
  away: number;
  /** The item's first name-and-date line, squeezed (null when its date is only a <time> with no short block around it). */
  line: string | null;
}

/** The shape of an element: its tag and first class token (a comment's classes vary after it: "odd", "depth-2"). */
function shapeOf(el: DomElement): string {
  const cls = el.getAttribute('class');
  if (!cls) return el.localName;
  const t = cls.trim();
  const sp = t.search(/\s/);
  return `${el.localName}.${sp < 0 ? t : t.slice(0, sp)}`;
}

/** Whether link `a` points into this page (a fragment) or runs a script: a control, not a way out. */
function inPage(a: DomElement): boolean {
  const href = (a.getAttribute('href') ?? '').trim();
  return href.includes('#') || /^javascript:/i.test(href) || a.hasAttribute('onclick');
}

function smallImage(img: DomElement): boolean {
  const w = Number.parseInt(img.getAttribute('width') ?? '', 10);
  const h = Number.parseInt(img.getAttribute('height') ?? '', 10);
  return (w > 0 && w <= AVATAR_MAX) || (h > 0 && h <= AVATAR_MAX);
}

/**
 * Whether `el` may be a stamp line, read only that far: its squeezed text is at most as long as
 * its text, so one over STAMP_LINE_MAX squeezed is over it as read (the whole text of a large
 * block is never built to be thrown away).
 */
const shortText = (el: DomElement): boolean => textLengthUpTo(el, STAMP_LINE_MAX + 1) <= STAMP_LINE_MAX;

/** Elements that run inside a line (what a name-and-date line is made of). */
const INLINE = new Set(['a', 'span', 'em', 'strong', 'b', 'i', 'small', 'cite', 'time', 'abbr', 'font', 'u', 'br']);

/**
 * The line at the head of `item` when it is loose there — text and inline elements before the
 * first block, with at least one block after it, squeezed; null when there is none, when the
 * item opens with a block or holds only the line, or when it is over STAMP_LINE_MAX.
 */
function headLine(item: DomElement): string | null {
  let line = '';
  for (let n = item.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === TEXT_NODE) line += n.textContent ?? '';
    else if (n.nodeType === ELEMENT_NODE) {
      const d = n as DomElement;
      if (!INLINE.has(d.localName)) {
        const t = squeeze(line).trim();
        return t.length > 0 && t.length <= STAMP_LINE_MAX ? t : null;
      }
      if (d.localName === 'br') line += ' ';
      else if (textLengthUpTo(d, STAMP_LINE_MAX + 1) > STAMP_LINE_MAX) return null;
      else line += ` ${d.textContent ?? ''} `;
    }
    if (line.length > 4 * STAMP_LINE_MAX && squeezedLength(line) > STAMP_LINE_MAX) return null;
  }
  return null;
}

/**
 * The signs of `item`, whose shape is `shape`. On linkedom's node list the item is read in one pass
 * in document order (signsInList); elsewhere through its children (signsByChildren).
 */
export function signsOf(item: DomElement, shape: string): Signs {
  const l = listLinks(item);
  return l === null ? signsByChildren(item, shape) : signsInList(item, shape, l);
}

/** An item's signs before its descendants are read: an item that is only the line (a <dt> of "1. Name - August 8, 2012" before its <dd>). */
function itemSigns(item: DomElement): Signs {
  const s: Signs = {
    stamp: false,
    avatar: false,
    control: false,
    nested: false,
    headed: false,
    backLink: false,
    text: 0,
    links: 0,
    away: 0,
    line: null,
  };
  if (shortText(item)) {
    const whole = squeeze(item.textContent ?? '').trim();
    if (whole.length <= STAMP_LINE_MAX && stampLine(whole)) {
      s.stamp = true;
      s.line = whole;
    }
  }
  // The name-and-date line set loose at the head of the item, before its first block: "<a>Iman</a>
  // on November 9, 2012 4:45 am <div>…words…</div>".
  if (!s.stamp) {
    const head = headLine(item);
    if (head !== null && stampLine(head)) {
      s.stamp = true;
      s.line = head;
    }
  }
  return s;
}

/**
 * What a text node of an item (inside a link of kind `link`: 0 none, 1 away, 2 in-page; `away`
 * when that link leads to another page, dom.ts's leadsAway) adds to its signs.
 */
function addText(s: Signs, n: DomNode, link: number, away: boolean): void {
  const t = (n.textContent ?? '').trim();
  if (t.length > 0 && s.text === 0) s.backLink = link === 2 && !/[\p{L}\p{N}]/u.test(t);
  s.text += t.length;
  if (link > 0) s.links += t.length;
  if (away) s.away += t.length;
}

/** What element `d` of an item (not a nested item) adds to its signs. */
function addElement(s: Signs, d: DomElement, tag: string): void {
  if (tag === 'time') s.stamp = true;
  else if (tag === 'h2' || tag === 'h3' || (tag === 'p' && boldLine(d))) s.headed = true;
  else if (tag === 'img') {
    if (smallImage(d)) s.avatar = true;
  } else if (tag === 'button') s.control = true;
  else if (tag === 'a' && inPage(d)) s.control = true;
  if (!s.stamp && shortText(d)) {
    // A short block with a date, a clock or an age in it: "Name, October 2, 2012 | Permalink",
    // measured as it reads (a template's indentation inside it counts nothing).
    const t = squeeze(d.textContent ?? '').trim();
    if (t.length > 0 && t.length <= STAMP_LINE_MAX && stampLine(t)) {
      s.stamp = true;
      s.line = t;
    }
  }
}

/**
 * signsOf from linkedom's node list: the item's nodes in document order (what the walk through
 * children visits, in its order), a nested item stepped over by its end marker, the outermost
 * open link told by its end marker. No array of child nodes is made per element.
 */
function signsInList(item: DomElement, shape: string, l: Links): Signs {
  const s = itemSigns(item);
  const end = (item as unknown as Listed)[l.end];
  let link = 0;
  let away = false;
  let linkEnd: unknown = null;
  let n = (item as unknown as Listed)[l.next];
  while (n && n !== end) {
    const type = n.nodeType;
    if (type === TEXT_NODE) addText(s, n as unknown as DomNode, link, away);
    else if (type === ELEMENT_NODE) {
      const d = n as unknown as DomElement;
      const tag = d.localName;
      if (ITEM_TAGS.has(tag) && shapeOf(d) === shape) {
        s.nested = true;
        n = n[l.end];
        if (!n) break;
      } else {
        addElement(s, d, tag);
        if (link === 0 && tag === 'a') {
          link = inPage(d) ? 2 : 1;
          away = leadsAway(d);
          linkEnd = n[l.end];
        }
      }
    } else if (n === linkEnd) {
      link = 0;
      away = false;
      linkEnd = null;
    }
    n = n[l.next];
  }
  return s;
}

/** signsOf through parents and children: the way for a tree linkedom's list does not serve, and the reference the list pass is tested against. */
export function signsByChildren(item: DomElement, shape: string): Signs {
  const s = itemSigns(item);
  const stack: { n: DomNode; link: number; away: boolean }[] = [];
  const push = (el: DomElement, link: number, away: boolean): void => {
    const kids = el.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ n: kids[i]!, link, away });
  };
  push(item, 0, false);
  while (stack.length > 0) {
    const { n, link, away } = stack.pop() as { n: DomNode; link: number; away: boolean };
    if (n.nodeType === TEXT_NODE) {
      addText(s, n, link, away);
      continue;
    }
    if (n.nodeType !== ELEMENT_NODE) continue;
    const d = n as DomElement;
    const tag = d.localName;
    if (ITEM_TAGS.has(tag) && shapeOf(d) === shape) {
      s.nested = true;
      continue;
    }
    addElement(s, d, tag);
    // 0 outside links, 1 in a link, 2 in an in-page link; the outermost link says where it leads.
    if (link > 0) push(d, link, away);
    else if (tag === 'a') push(d, inPage(d) ? 2 : 1, leadsAway(d));
    else push(d, 0, false);
  }
  return s;
}

/** A headline set as a paragraph (a live-blog plugin's update title): one short line, all of it bold. */
const BOLD_LINE_MAX = 150;

/** Whether paragraph `p` is one bold line: its only element is a <strong> or <b> holding all its text. */
function boldLine(p: DomElement): boolean {
  const kids = childElements(p);
  if (kids.length !== 1 || (kids[0]!.localName !== 'strong' && kids[0]!.localName !== 'b')) return false;
  if (textLengthUpTo(p, BOLD_LINE_MAX + 1) > BOLD_LINE_MAX) return false;
  const whole = (p.textContent ?? '').trim();
  return whole.length > 0 && whole === (kids[0]!.textContent ?? '').trim();
}

/**
 * Whether `item`'s own text (trimmed text nodes, nested items of `shape` left out, as signsOf
 * counts it) is over `max`; reads no further than that. On linkedom's node list in one pass in
 * document order, a nested item stepped over by its end marker; elsewhere through children.
 */
export function overSize(item: DomElement, shape: string, max: number): boolean {
  const l = listLinks(item);
  if (l === null) return overSizeByChildren(item, shape, max);
  let text = 0;
  const end = (item as unknown as Listed)[l.end];
  let n = (item as unknown as Listed)[l.next];
  while (n && n !== end) {
    const type = n.nodeType;
    if (type === TEXT_NODE) {
      text += (n.textContent ?? '').trim().length;
      if (text > max) return true;
    } else if (type === ELEMENT_NODE) {
      const d = n as unknown as DomElement;
      if (ITEM_TAGS.has(d.localName) && shapeOf(d) === shape) {
        n = n[l.end];
        if (!n) break;
      }
    }
    n = n[l.next];
  }
  return false;
}

/** overSize through parents and children (the reference the list pass is tested against). */
export function overSizeByChildren(item: DomElement, shape: string, max: number): boolean {
  let text = 0;
  const stack: DomNode[] = [];
  const push = (el: DomElement): void => {
    const kids = el.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  };
  push(item);
  while (stack.length > 0) {
    const n = stack.pop() as DomNode;
    if (n.nodeType === TEXT_NODE) {
      text += (n.textContent ?? '').trim().length;
      if (text > max) return true;
    } else if (n.nodeType === ELEMENT_NODE) {
      const d = n as DomElement;
      if (!(ITEM_TAGS.has(d.localName) && shapeOf(d) === shape)) push(d);
    }
  }
  return false;
}

/** Statistics of a candidate, for the dev trace. */
export interface ThreadStats {
  items: number;
  stamped: number;
  marked: number;
  nested: number;
  headed: number;
}

/** Dev-only: told of every block the rule takes, with its figures (unset in the extractor). */
export const threadTrace: { on: ((el: DomElement, stats: ThreadStats) => void) | null } = { on: null };

/** The most repeated shape among a block's children `kids` (items of ITEM_TAGS only), when it has MIN_ITEMS or more; else null. */
function bestGroup(kids: DomElement[]): DomElement[] | null {
  const groups = new Map<string, DomElement[]>();
  let best: DomElement[] | null = null;
  for (const k of kids) {
    if (!ITEM_TAGS.has(k.localName)) continue;
    const key = shapeOf(k);
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(k);
    if (!best || list.length > best.length) best = list;
  }
  return best && best.length >= MIN_ITEMS ? best : null;
}

/**
 * A stamp line's words with its figures and signs left out ("Posted by: Drew at November 10, 2012
 * 6:00 PM" → "posted by drew at november pm"): what differs from one comment's line to the next
 * is its writer's name; a live blog's time lines ("10:57 AM", "November 10, 2012 6:00 PM") read
 * the same once the figures go.
 */
const lineWords = (line: string): string[] =>
  line
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => !/\p{N}/u.test(w))
    .map((w) => w.replace(/[^\p{L}]+/gu, ''))
    .filter((w) => w.length > 0);
/**
 * A line that names its writer has at least this many words once its figures go ("Iman on
 * November 9, 2012 4:45 am" → "iman on november am"): a timeline's or a diary's date ("March 2,
 * 2012", "Monday, March 5, 2012") has one or two, a live blog's clock ("10:57 AM") one or none.
 */
const NAMED_WORDS = 3;

/**
 * Whether `items` (one shape, MIN_ITEMS or more) look like a comment thread; with `unmarked`, items
 * with no avatar and no in-page control may be one too, when their name-and-date lines differ in
 * their words (the writers' names: see lineWords) on half the items or more.
 */
function judge(items: DomElement[], unmarked: boolean): ThreadStats | null {
  const shape = shapeOf(items[0]!);
  const n = items.length;
  // A comment is a few sentences; items of a whole story each (a list of stories, a page's
  // columns) are no thread. Read first and only as far as ITEM_MAX: the blocks asked are often
  // a page's whole columns, whose items would otherwise be read in full at every level.
  let over = 0;
  for (const it of items) if (overSize(it, shape, ITEM_MAX) && ++over >= n - (n >> 1)) return null;
  let stamped = 0;
  let marked = 0;
  let nested = 0;
  let misses = 0;
  let linky = 0;
  let headed = 0;
  let notes = 0;
  const words = new Set<string>();
  let named = 0;
  let wordy = 0;
  for (const it of items) {
    const s = signsOf(it, shape);
    if (s.stamp) stamped++;
    else if (++misses * 3 > n) return null; // a third undated: no thread
    if (s.avatar || s.control) marked++;
    if (s.nested) nested++;
    if (s.headed) headed++;
    if (s.backLink) notes++;
    if (s.line !== null) {
      const w = lineWords(s.line);
      if (w.length >= NAMED_WORDS) {
        named++;
        words.add(w.join(' '));
      }
      // The reader's words beside the line (a list whose items are only dated lines has none).
      if (s.text - s.line.length >= WORDS_BESIDE) wordy++;
    }
    // A teaser's text is its link to another page; a comment's is the reader's words, and the
    // links around them stay on the page (the permalink on the date, "reply", a title that opens
    // or folds the comment): a thread whose short comments are mostly such controls is no rail.
    // An item that is all links wherever they lead (a contents list's entries) has no words of a reader's.
    if ((s.away * 2 >= s.text || s.text - s.links < WORDS_BESIDE) && ++linky * 3 > n) return null;
  }
  const stats = { items: n, stamped, marked, nested, headed };
  if (stamped < MIN_ITEMS || stamped * 3 < n * 2) return null;
  // What a comment carries and a dated list of the story's does not: an avatar or an in-page
  // control ("reply", a permalink, a button) on half the items or more. Nested replies alone are
  // not enough (a series' seasons nest their episodes, dated too). With neither (a run after the
  // story, below), the writers' names on their lines: a live blog's time lines carry none.
  if (marked * 2 < n && !(unmarked && named * 2 >= n && words.size * 2 >= n && wordy * 2 >= n)) return null;
  // A story's notes and references open with a link back to where they are cited ("^"): dated
  // (a source's date, "Retrieved 17 February 2008") and with in-page links, but no comments.
  if (notes * 2 >= n) return null;
  // A live feed's updates and a guide's entries have headlines of their own; a reader's comment has none.
  if (headed * 2 >= n || (items[0]!.localName === 'article' && holdsUpdateFeed(items))) return null;
  return stats;
}

/**
 * Whether `el` holds an element of `shape` below it that opens with a name line: a reply. A shape
 * with no class (a bare <div>) says nothing here: any block nests bare <div>s.
 */
function replyIn(el: DomElement, shape: string): boolean {
  const dot = shape.indexOf('.');
  if (dot < 0 && shape !== 'li') return false;
  const tag = dot < 0 ? shape : shape.slice(0, dot);
  const inner = el.getElementsByTagName(tag);
  for (let i = 0; i < inner.length; i++) {
    const d = inner[i]!;
    if (shapeOf(d) !== shape) continue;
    const s = signsOf(d, shape);
    if (nameLine(d, s.text, s.links) !== null) return true;
  }
  return false;
}

/**
 * Whether `items` (one shape, MIN_ITEMS or more; `kids` the children of their block) are a thread
 * with no dates, avatars or controls, known by its writers' name lines (thread-names.ts): judge's
 * size, link, note and headline conditions, with the name lines in place of dates and marks.
 */
function namedThread(items: DomElement[], kids: DomElement[]): ThreadStats | null {
  const shape = shapeOf(items[0]!);
  const n = items.length;
  let over = 0;
  for (const it of items) if (overSize(it, shape, ITEM_MAX) && ++over >= n - (n >> 1)) return null;
  const lines: (string | null)[] = [];
  let nested = 0;
  let linky = 0;
  let headed = 0;
  let notes = 0;
  for (const it of items) {
    const s = signsOf(it, shape);
    if (s.nested) nested++;
    if (s.headed) headed++;
    if (s.backLink) notes++;
    if ((s.away * 2 >= s.text || s.text - s.links < WORDS_BESIDE) && ++linky * 3 > n) return null;
    lines.push(nameLine(it, s.text, s.links));
  }
  // The names first (cheap): the replies below are looked for only when they would decide.
  if (headed * 2 >= n || notes * 2 >= n || !namedConversation(lines, n, true)) return null;
  // Replies: an item of the run's shape, with a name line of its own, nested in an item or in a
  // sibling of the run (a list of replies set beside). Other siblings between the items must be
  // short: a story's sections and lists alternate with its paragraphs, a thread's comments do not.
  const inRun = new Set(items);
  const first = kids.indexOf(items[0]!);
  const last = kids.indexOf(items[n - 1]!);
  let replies = false;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i]!;
    const reply = replyIn(k, shape);
    replies ||= reply;
    if (i > first && i < last && !inRun.has(k) && !reply && textLengthUpTo(k, PROSE_BEFORE) >= PROSE_BEFORE) return null;
  }
  if (!namedConversation(lines, n, replies)) return null;
  // Set among the story's own paragraphs: a transcript or a record that is the story (thread-names.ts).
  if (storyBeside(items[0]!.parentElement!, items)) return null;
  return { items: n, stamped: 0, marked: 0, nested, headed };
}

/**
 * A thread with no wrapper of its own: the items of `group` (the most repeated shape among
 * `kids`) set as siblings after the story's own block, in one container with it. Returned when
 * a block that holds the story (`keep`) or at least PROSE_BEFORE characters of text comes before
 * the first item, no item holds the story, and nothing as long stands between the items (items
 * that alternate with the story's blocks are the story's own structure); else null.
 */
function runAfterStory(kids: DomElement[], group: DomElement[], keep: (el: DomElement) => boolean): DomElement[] | null {
  const inGroup = new Set(group);
  const first = kids.indexOf(group[0]!);
  const last = kids.indexOf(group[group.length - 1]!);
  for (let i = first + 1; i < last; i++) {
    const k = kids[i]!;
    if (!inGroup.has(k) && textLengthUpTo(k, PROSE_BEFORE) >= PROSE_BEFORE) return null;
  }
  let story = false;
  for (let i = first - 1; i >= 0 && !story; i--) {
    const k = kids[i]!;
    story = textLengthUpTo(k, PROSE_BEFORE) >= PROSE_BEFORE || keep(k);
  }
  if (!story) return null;
  for (const it of group) if (keep(it)) return null;
  return group;
}

/** Whether a paragraph of prose (PROSE_BEFORE characters or more) outside `block` comes before it in page order. */
function proseBefore(block: DomElement, body: DomElement): boolean {
  // Walk back from the block through its earlier siblings and theirs of each ancestor.
  for (let at: DomElement | null = block; at && at !== body; at = at.parentElement) {
    for (let p = prevElement(at); p; p = prevElement(p)) {
      if (p.localName === 'p' && (p.textContent ?? '').trim().length >= PROSE_BEFORE) return true;
      const ps = p.getElementsByTagName('p');
      for (let i = 0; i < ps.length; i++) if ((ps[i]!.textContent ?? '').trim().length >= PROSE_BEFORE) return true;
    }
  }
  return false;
}

/** The child of `el` that holds `node` (or is it), if `el` holds it; else null. */
function childHolding(el: DomElement, node: DomElement): DomElement | null {
  for (let at: DomElement | null = node; at; at = at.parentElement) if (at.parentElement === el) return at;
  return null;
}

/** What threadBlocks finds: a block to remove, and the rule that found it. */
export interface FoundThread {
  el: DomElement;
  /** `prune:thread-blocks`: the block that wraps a thread; `prune:thread-runs`: one item of a thread with no wrapper. */
  /** `prune:thread-names`: the block that wraps an undated, unmarked thread known by its writers' names. */
  rule: 'prune:thread-blocks' | 'prune:thread-runs' | 'prune:thread-names';
}

/**
 * The comment threads of `body` found by shape (outermost first; nothing inside a block taken, or
 * inside a block of `doomed`, is looked at). `keep` says which blocks must stay (they hold the
 * headline or the marked body); `headline` is the page's headline element, if known:
 * a thread comes after it.
 */
export function threadBlocks(
  body: DomElement,
  doomed: ReadonlySet<DomElement>,
  keep: (el: DomElement) => boolean,
  headline: DomElement | null,
): FoundThread[] {
  const found: FoundThread[] = [];
  // Elements are visited in page order (preorder): once the headline has been passed, every block
  // that does not hold it comes after it.
  let passed = headline === null;
  const stack: DomElement[] = childElements(body).reverse();
  while (stack.length > 0) {
    const el = stack.pop() as DomElement;
    if (el === headline) passed = true;
    if (doomed.has(el)) continue;
    const kids = childElements(el);
    // Before the headline is passed, only a container of it is asked, for a run set after it.
    const head = passed ? null : headline && childHolding(el, headline);
    const group = (passed || head) && kids.length >= MIN_ITEMS && RUN_TAGS.has(el.localName) ? bestGroup(kids) : null;
    if (group) {
      const t = passed && THREAD_TAGS.has(el.localName) ? judge(group, true) : undefined;
      if (t && !keep(el) && proseBefore(el, body)) {
        threadTrace.on?.(el, t);
        found.push({ el, rule: 'prune:thread-blocks' });
        continue;
      }
      // Undated and unmarked, known by its writers' names (thread-names.ts, x-threads2).
      const named = t === null && !keep(el) ? namedThread(group, kids) : null;
      if (named && proseBefore(el, body)) {
        threadTrace.on?.(el, named);
        found.push({ el, rule: 'prune:thread-names' });
        continue;
      }
      // No wrapper: the thread's items follow the story in its own container (x-threads).
      const run = head && kids.indexOf(head) > kids.indexOf(group[0]!) ? null : runAfterStory(kids, group, keep);
      // The same items judged the same way above need no second reading.
      const r = run && (run === group && t !== undefined ? t : judge(run, true));
      if (run && r && proseBefore(run[0]!, body)) {
        threadTrace.on?.(el, r);
        const taken = new Set(run);
        for (const it of run) found.push({ el: it, rule: 'prune:thread-runs' });
        for (let i = kids.length - 1; i >= 0; i--) if (!taken.has(kids[i]!)) stack.push(kids[i]!);
        continue;
      }
    }
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return found;
}
