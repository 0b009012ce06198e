// Stage 4 (with trim.ts): the comment section left at the end of the chosen body (x-forms). Where
// class and id say nothing (hashed names), stage 1's named rules see no comment section, and what
// the thread rules and the form rule leave of it stays: the section's heading ("Comments (5)",
// "7 Comments", "Leave a Reply"), the comments of a thread too short or too plain to be found by
// shape (two comments, a comment with no date), the notices and the preview box around the form
// ("You must be logged in to post a comment", "The comments to this entry are closed"). The edge
// sweep keeps them when a notice is a full sentence: it reads as prose.
//
// The section is found by its label: a short block, not prose and not a link, whose whole text is
// a comment section's heading or prompt as templates write them (a count of comments, a call to
// leave one, a sign-in or closed notice), after the story's first paragraph. The label and every
// block after it go, when the story before it outweighs what follows (a page whose comments are
// most of the text keeps them: a question and its answers, a page of readers' letters — no rule of
// wording alone decides those), measured as prose (stage 4's good blocks).
import type { DomElement } from './dom.js';
import { ELEMENT_NODE } from './dom.js';
import { squeeze } from './squeeze.js';
import { hasNonSpaceText, textLengthUpTo } from './walk.js';

/** What this rule reads of one of stage 4's blocks (trim.ts's Block, which it is given). */
interface Block {
  el: DomElement;
  str: string;
  text: number;
  links: number;
  cls: string;
}

/** A label is a line, not a paragraph: at most this many characters. */
const LABEL_MAX = 80;

/**
 * A comment section's heading: the word for comments (or responses, replies) with a count, or
 * alone ("Comments", "7 Comments", "Comments (5)", "Reader Comments (2)", "45 Kommentare"), or
 * WordPress's "8 Responses to “Title”" / "One thought on “Title”". English and the languages of
 * trim.ts's STOCK_OTHER (German, French, Spanish, Portuguese, Italian, Polish, Dutch). Also the
 * heading of the list of trackbacks or pingbacks ("TrackBack", "TrackBacks (0)", "2 Pingbacks",
 * "Trackbacks/Pingbacks"): the notes other blogs' software leaves when they link to the post,
 * which blog templates (Movable Type, TypePad, WordPress) list in the comment section, beside or
 * instead of the readers' comments — the section's machine-written comments, never the story's.
 * The word is the protocol's name, the same in every language.
 */
const HEADING_LABEL =
  /^(?:(?:\d+|one|two|three)\s*)?(?:(?:readers?|users?|visitors?)['’]?s?\s+)?(?:comments?|kommentare?|commentaires?|comentarios?|comentários?|commenti|komentarz[ey]?|reacties|trackbacks?(?:\s*(?:\/|and|&)\s*pingbacks?)?|pingbacks?)(?:\s*[([]\s*\d+\s*[)\]])?\s*[:.]?$|^(?:\d+|one|two|three)\s+(?:responses?|replies|thoughts|comments?)\s+(?:to|on)\s+\S.*$/i;

/**
 * A comment section's prompt or notice: a call to leave a comment ("Leave a Reply", "Post a
 * comment", "Write comment", "Leave Your Reply Below..."), the form's preview heading, a sign-in
 * notice ("You must be logged in to post a comment", "Please sign in to comment"), a closed notice
 * ("Comments are closed", "The comments to this entry are closed"); the same calls in the other
 * languages above. And the trackback notice that opens a trackback list, the address other blogs
 * send their trackbacks to ("TrackBack URL for this entry:", "Trackback URL: http://…").
 */
const PROMPT_LABEL =
  /^(?:trackback\s+url\b|(?:leave|post|add|write|submit|start|verify|preview(?:ing)?)\s+(?:a\s+|an\s+|your\s+|new\s+)?(?:comments?|replies|reply|responses?)\b|(?:the\s+)?comments?(?:\s+(?:to|on|for)\s+this\s+(?:entry|post|article|story))?\s+(?:are|is)\s+(?:now\s+)?closed\b|commenting\s+is\s+(?:now\s+)?closed\b|(?:please\s+|you\s+(?:must|need\s+to|have\s+to)\s+(?:be\s+)?)(?:sign|log)(?:ged)?[\s-]?in\s+(?:to|before\s+you)\s+(?:post\s+|leave\s+|add\s+|write\s+)?(?:a\s+)?comments?\b|(?:(?:ersten|einen|ihren|deinen)\s+)?kommentar\s+(?:schreiben|verfassen|abgeben|hinterlassen)\b|(?:hinterlasse|schreibe)\s+(?:einen|deinen)\s+kommentar\b|(?:laisser|écrire|ajouter)\s+un\s+commentaire\b|(?:deja|escribe|añade|agrega)\s+(?:un|tu)\s+comentario\b|deixe\s+(?:um|seu)\s+comentário\b|lascia\s+un\s+commento\b|dodaj\s+komentarz\b|(?:plaats|geef)\s+een\s+reactie\b)/i;

/** Whether a short line is a comment section's label. */
const labelLine = (str: string): boolean => {
  const line = squeeze(str).trim();
  return line.length <= LABEL_MAX && (HEADING_LABEL.test(line) || PROMPT_LABEL.test(line));
};

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * The heading `el` opens with: its first element with text, looked for through the first
 * text-bearing child at each level (a few levels down), when that is a heading; else null. A
 * block the trim reads as one (its heading wrapped in an inline element, as a stray unclosed
 * `<a name>` does) still opens with its label.
 */
function openingHeading(el: DomElement): DomElement | null {
  let at: DomElement | null = el;
  for (let depth = 0; at && depth < 4; depth++) {
    let next: DomElement | null = null;
    for (let k = at.firstChild; k; k = k.nextSibling) {
      if (k.nodeType === ELEMENT_NODE && hasNonSpaceText(k as DomElement)) {
        next = k as DomElement;
        break;
      }
      if (k.nodeType !== ELEMENT_NODE && /\S/.test(k.textContent ?? '')) return null; // text comes first
    }
    if (next && HEADINGS.has(next.localName)) return next;
    at = next;
  }
  return null;
}

/**
 * Whether block `b` is all a table cell holds (the cell itself, or the one block in it): a table's
 * value or column head ("Comment" over a column of notes), not a label of the page.
 */
function cellValue(b: Block): boolean {
  let at: DomElement | null = b.el;
  for (let up = 0; at && up < 3; up++, at = at.parentElement) {
    if (at.localName === 'td' || at.localName === 'th') {
      if (at === b.el) return true;
      return (
        textLengthUpTo(at, LABEL_MAX + 1) <= LABEL_MAX && squeeze(at.textContent ?? '').trim() === squeeze(b.el.textContent ?? '').trim()
      );
    }
  }
  return false;
}

/**
 * Whether block `b` reads as a comment section's label: a short line, mostly not a link, that is
 * a label as a whole, or a short block that opens with a heading that is one.
 */
export function isCommentLabel(b: Block): boolean {
  if (b.cls === 'good' || b.text > LABEL_MAX || b.links * 2 > b.text || cellValue(b)) return false;
  if (labelLine(b.str)) return true;
  const h = openingHeading(b.el);
  return h !== null && labelLine(h.textContent ?? '');
}

/**
 * The blocks of the comment section at the end of the body `blocks` (stage 4's blocks; the
 * story's first prose block is `firstGood`): from the first comment label after it whose prose
 * before it (good blocks' text) is more than the prose from it on, every block to the end; else none.
 */
export function commentTail<B extends Block>(blocks: readonly B[], firstGood: number): B[] {
  // Prose from each block to the end, read once.
  const after: number[] = new Array(blocks.length + 1).fill(0);
  for (let i = blocks.length - 1; i >= 0; i--) after[i] = after[i + 1]! + (blocks[i]!.cls === 'good' ? blocks[i]!.text : 0);
  const total = after[0]!;
  for (let i = firstGood + 1; i < blocks.length; i++) {
    // The first label with more of the story before it than comes after it: a count over a long
    // thread does not qualify, the form's prompt after that thread may.
    if (isCommentLabel(blocks[i]!) && total - after[i]! > after[i]! && !storyGoesOn(blocks, i)) return blocks.slice(i);
  }
  return [];
}

/** A heading's level (1–6), or 7 for a block that is no heading. */
const level = (el: DomElement): number => (HEADINGS.has(el.localName) ? el.localName.charCodeAt(1) - 48 : 7);

/**
 * Whether the story goes on after the label at `at`: a later heading of the label's rank or
 * higher (any heading after a label that is no heading) that is no label itself opens a section
 * of prose (a good block follows it before the next heading). A comment section's headings are
 * its own labels ("Leave a Reply" after "8 Responses") or rank below it ("Your opinion counts"
 * under "Comments"); a story's next section ("Conclusion") is not one.
 */
function storyGoesOn(blocks: readonly Block[], at: number): boolean {
  const label = blocks[at]!.el;
  const rank = Math.min(level(label), level(openingHeading(label) ?? label));
  for (let j = at + 1; j < blocks.length; j++) {
    const b = blocks[j]!;
    if (!HEADINGS.has(b.el.localName) || level(b.el) > rank || isCommentLabel(b)) continue;
    for (let k = j + 1; k < blocks.length && !HEADINGS.has(blocks[k]!.el.localName); k++) if (blocks[k]!.cls === 'good') return true;
  }
  return false;
}
