// Stage 1 (with thread-blocks.ts): a comment thread with no dates, no avatars and no controls,
// known by its writers' names (x-threads2). Comment systems' script-free fallbacks and some
// templates set each comment as two parts only — a short line naming its writer (a handle, a
// name, sometimes the writer's web address) and the writer's words — so thread-blocks.ts's
// judge, which asks for a date on two thirds of the items, sees a plain list.
//
// What tells such a run from a story's own repeated blocks is read from structure alone:
//   - each item (two thirds of them or more) opens with a NAME LINE: its first element holding
//     text is a block (not a phrase of a longer line) of one short line with a letter in it (NAME_MAX characters, NAME_WORDS words) that is no heading, no line
//     all in bold, and does not end as a sentence, a question or a label does (. ? ! :), with
//     the writer's own words (WORDS_BESIDE characters outside links) after it. A Q&A's question,
//     a quote list's quote (its speaker comes after), a letter's title (a heading), a profile
//     list's names set as headings or in bold, are none;
//   - the lines differ on half the items or more: an interview's or a transcript's two or three
//     speaker labels ("Q", "A", two names over and over) repeat far more;
//   - the run is a CONVERSATION: a writer speaks twice (a name repeats) or replies nest (an item
//     of the same shape, with a name line of its own, inside an item or inside a sibling of the
//     run). A glossary, a profile list, a product list are runs of distinct entries that never
//     answer each other; a section nested in a section has a title, not a name line, only if
//     the titles are set as headings — hence the name line asked of the nested item too;
//   - and the run is one block of comments: no paragraph of prose (80+ characters) stands
//     between its items, except the replies beside them (a story's sections and lists alternate
//     with its paragraphs);
//   - and the run stands apart from the story's own paragraphs (r-threads): the <p>s of PROSE
//     characters among the block's children outside the run, or beside the block (its siblings,
//     or those of the ancestors that wrap nothing else of length), hold less than half the prose
//     before the run. A comment system sets its thread in a box of its own after the story's box
//     (with at most a short note on its policy); a transcript, a hearing's or a debate's record, a
//     panel, a letters page, a chat log quoted as the story sit in the story's column, right
//     after its intro paragraph (or with it, as siblings of the turns) — where a three- or
//     four-speaker record whose speakers each speak twice passes rules 2 and 3 above.
// thread-blocks.ts's other conditions hold too (the caller asks them): no headlines of their
// own, not mostly links, a middle item under ITEM_MAX, after the headline and after prose.
import type { DomElement } from './dom.js';
import { ELEMENT_NODE, TEXT_NODE, childElements } from './dom.js';
import { squeeze } from './squeeze.js';
import { STAMP_LINE_MAX } from './time-lines.js';
import { textLengthUpTo } from './walk.js';

/**
 * A writer's name line is at most a line long (a name, or a handle with the writer's web address
 * before it, "http://www.facebook.com/profile.php?id=… Firstname Lastname"): time-lines.ts's bound.
 */
const NAME_MAX = STAMP_LINE_MAX;
/** …and at most this many words ("http://twitter.com/someone Firstname Lastname" is three). */
const NAME_WORDS = 5;
/** A paragraph of the story's prose beside the run: thread-blocks.ts's PROSE_BEFORE. */
const PROSE = 80;
/** The words beside a name line: one short clause (thread-blocks.ts's WORDS_BESIDE). */
const WORDS_BESIDE = 20;

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Elements that run inside a line: a name line is a block of its own, not one of these. */
const PHRASING = new Set([
  'a',
  'span',
  'em',
  'strong',
  'b',
  'i',
  'small',
  'cite',
  'time',
  'abbr',
  'font',
  'u',
  'br',
  'sup',
  'sub',
  'code',
  'label',
]);

/** The first element child of `item` holding text; null when text stands loose before any. */
function firstTextChild(item: DomElement): DomElement | null {
  for (let n = item.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === TEXT_NODE) {
      if ((n.textContent ?? '').trim().length > 0) return null;
    } else if (n.nodeType === ELEMENT_NODE) {
      const d = n as DomElement;
      if (textLengthUpTo(d, 1) > 0) return d;
    }
  }
  return null;
}

/** Whether `el` or an element inside it is a heading, or all its text is in one <strong>/<b>. */
function headingOrBold(el: DomElement, line: string): boolean {
  if (HEADINGS.has(el.localName) || el.querySelector('h1,h2,h3,h4,h5,h6')) return true;
  const bold = el.querySelector('strong,b');
  return bold !== null && squeeze(bold.textContent ?? '').trim() === line;
}

/**
 * The name line opening `item`, squeezed, when it has one (see the file's head) and at least
 * WORDS_BESIDE characters of the item's other text stand after it; else null. `text` is the item's
 * own text length and `links` the part of it in links (thread-blocks.ts's Signs).
 */
export function nameLine(item: DomElement, text: number, links: number): string | null {
  const first = firstTextChild(item);
  // A line of its own: a block, not the first words of a line (a recipe's "120 ml Olive oil" is a
  // quantity in a <span> before the rest of its line).
  if (!first || PHRASING.has(first.localName) || textLengthUpTo(first, 4 * NAME_MAX) >= 4 * NAME_MAX) return null;
  const line = squeeze(first.textContent ?? '').trim();
  if (!/\p{L}/u.test(line) || line.length > NAME_MAX || line.split(' ').length > NAME_WORDS) return null;
  // A list's entry is no name line: a story's bullet lists open with their first entry.
  if (first.localName === 'li' || /[.?!:]$/.test(line) || headingOrBold(first, line)) return null;
  // The writer's words: the item's text outside links, less the line's.
  return text - links - line.length >= WORDS_BESIDE ? line : null;
}

/**
 * Whether the name lines `lines` (one per item of a run of `n`, null where an item has none) read
 * as a conversation's: two thirds named, half of them distinct, and a name that repeats unless
 * `nested` (replies set inside the items or beside them).
 */
export function namedConversation(lines: (string | null)[], n: number, nested: boolean): boolean {
  const seen = new Map<string, number>();
  let named = 0;
  for (const l of lines) {
    if (l === null) continue;
    named++;
    seen.set(l.toLowerCase(), (seen.get(l.toLowerCase()) ?? 0) + 1);
  }
  if (named * 3 < n * 2 || seen.size * 2 < n) return false;
  return nested || seen.size < named;
}

/** The text of the prose paragraphs (<p> of PROSE characters or more) of `el`, itself included. */
function proseIn(el: DomElement): number {
  if (el.localName === 'p') return textLengthUpTo(el, PROSE) >= PROSE ? (el.textContent ?? '').trim().length : 0;
  let sum = 0;
  const ps = el.getElementsByTagName('p');
  for (let i = 0; i < ps.length; i++) {
    const len = textLengthUpTo(ps[i]!, PROSE);
    if (len >= PROSE) sum += (ps[i]!.textContent ?? '').trim().length;
  }
  return sum;
}

/**
 * Whether the story's own prose stands beside the run `items` of `block` (see the file's head):
 * paragraphs among the block's children outside the run, or among the siblings of the block or of
 * an ancestor that wraps nothing else of PROSE characters, holding half or more of the prose that
 * comes before the run in page order. A comment box's "12 comments" heading and form are short,
 * and the one paragraph it may hold (the site's comment policy) is small beside the story before
 * it; a record set in the story's column has the story's paragraphs there. Reads each element
 * before the run once (the levels climbed, their earlier siblings' paragraphs).
 */
export function storyBeside(block: DomElement, items: readonly DomElement[]): boolean {
  const run = new Set(items);
  let beside = 0;
  let before = 0;
  let inRun = false;
  for (const k of childElements(block)) {
    if (run.has(k)) inRun = true;
    else if (k.localName === 'p') {
      const t = proseIn(k);
      beside += t;
      if (!inRun) before += t;
    }
  }
  let near = true;
  for (let at: DomElement | null = block; at?.parentElement; at = at.parentElement) {
    let other = false;
    let earlier = true;
    for (const sib of childElements(at.parentElement)) {
      if (sib === at) {
        earlier = false;
        continue;
      }
      const t = proseIn(sib);
      if (earlier) before += t;
      if (near && sib.localName === 'p') beside += t;
      else other ||= near && textLengthUpTo(sib, PROSE) >= PROSE;
    }
    if (other) near = false;
  }
  return beside > 0 && beside * 2 >= before;
}
