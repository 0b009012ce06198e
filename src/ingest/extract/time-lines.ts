// A line that is only a date the page marks for machines (stage 4, with trim.ts's date lines): a
// block whose text is one or more `<time>` elements and nothing else, or a label and them
// ("Aktualisiert: 11.04.2020, 10:27", "发表时间：06/02/2022 - 13:48", "16 marca 2021"). `<time>`
// is how a template writes the piece's publication or update stamp; a story says its dates in
// its sentences, where the element is a word among others. The label words differ by language,
// the element does not, so the rule reads no words. Such a line goes wherever it stands: the
// templates set it below a standfirst or a lead picture, inside what the edge rules take as text.
import type { DomElement } from './dom.js';
import { childElements } from './dom.js';
import { squeeze } from './squeeze.js';
import { someElement } from './walk.js';

/** What the rule reads of one of stage 4's blocks (trim.ts's Block). */
export interface StampBlock {
  el: DomElement;
  str: string;
  text: number;
}

/** A date line is at most this long (as trim.ts's date lines). */
const TIME_LINE_MAX = 100;
/** Separators a template sets between two stamps or before one ("|", "·", "•", dashes, commas, the Arabic comma "،"). */
const SEPARATORS = /[|·•,\u060c–—-]+/g;
/**
 * A label before the stamp: up to three words ending in a colon ("Published:", "发表时间：",
 * "به‌روزرسانی:" — a Persian word may hold a zero-width non-joiner between its parts).
 */
const LABEL = /^[\p{L}\p{M}\u200c]+(?: [\p{L}\p{M}\u200c]+){0,2}\s*[:：]$/u;

/** Whether block `b` is only a `<time>` stamp, or a label and one. */
export function isTimeLine(b: StampBlock): boolean {
  if (b.text === 0 || b.text >= TIME_LINE_MAX) return false;
  const times = b.el.getElementsByTagName('time');
  if (times.length === 0) return false;
  let rest = b.str;
  for (let i = 0; i < times.length; i++) {
    const t = squeeze(times[i]?.textContent ?? '').trim();
    if (!t) return false; // a machine-only stamp: the line's text is something else
    rest = rest.replace(t, ' ');
  }
  rest = squeeze(rest.replace(SEPARATORS, ' ')).trim();
  return rest === '' || LABEL.test(rest);
}

/**
 * A year (1990-2039) or a clock time: what a comment's name-and-date line, or a live update's
 * time line, carries in any language.
 */
const STAMP = /(?:^|\D)(?:199\d|20[0-3]\d)(?:\D|$)|(?:^|\D)\d{1,2}[:.h]\d\d(?:\D|$)/;
/** A stamp line is short: a name, a date, a link or two (thread-blocks.ts reads its lines to the same length). */
export const STAMP_LINE_MAX = 90;

/**
 * Whether `item` holds a short line with a date or a time: a <time>, or a leaf (or a link) of at
 * most STAMP_LINE_MAX characters with a year or a clock time. Written for the comment thread's
 * shape (prune.ts, x-noclass); the live blog's <div> updates (live-blog.ts) are dated the same way.
 */
export function hasStampLine(item: DomElement): boolean {
  return someElement(item, (d) => {
    if (d.localName === 'time') return true;
    if (d.localName !== 'a' && childElements(d).length > 0) return false;
    const t = d.textContent ?? '';
    return t.length > 0 && t.length <= STAMP_LINE_MAX && STAMP.test(t);
  });
}
