// Length of a text with its white space squeezed, without building the squeezed string: the
// stages measure every text node of a page this way, and `s.replace(/\s+/g, ' ').trim().length`
// allocated a copy of each only to read its length.
import { isSpace } from '../../text/white-space.js';

// A text whose only white space is single spaces between words is its own squeezed form: one
// native regex scan tells, where a character-by-character loop in JavaScript costs several times
// as much. Text with line breaks, tabs, runs of spaces or spaces at its ends is counted in the loop.
// The ends are read directly: anchors as alternatives (`^ | $`) made the engine try them at every
// position, a third of the scan's time on prose. `\s\s` finds what ` {2}` did (two white space
// characters, not both spaces, hold one `[^\S ]` anyway) with a cheaper first-character test.
const UNSQUEEZED_INSIDE = /\s\s|[^\S ]/;

/**
 * `s.replace(/\s+/g, ' ').trim().length`, counted in place; with `stopAt`, counting ends as soon
 * as it is reached (the answer is then `stopAt`, or one more when the count steps over it).
 */
export function squeezedLength(s: string, stopAt = Number.POSITIVE_INFINITY): number {
  const len = s.length;
  if (len === 0 || (isSpace(s.charCodeAt(0)) && blank(s))) return 0;
  // A single space at one end or both is clean text's too (prose beside an inline element:
  // "While ", " said the minister"; x-speed6, 2026-12-07): squeezing only trims it. The test for
  // clean text runs on the whole, as SqueezedCounter.add's does (a space just inside an end space
  // is a pair). Not blank, so a character other than white space stands between the ends.
  const ends = (s.charCodeAt(0) === 0x20 ? 1 : 0) + (s.charCodeAt(len - 1) === 0x20 ? 1 : 0);
  if (stopAt >= 1 && !UNSQUEEZED_INSIDE.test(s)) {
    if (ends > 0) {
      if (len - ends < stopAt) return len - ends;
    } else {
      // Every character counts; the loop below stops after the first non-space character that
      // takes the count to stopAt or beyond (a space is never last and never doubled here).
      if (len < stopAt) return len;
      const k = Math.ceil(stopAt);
      return s.charCodeAt(k - 1) === 0x20 ? k + 1 : k;
    }
  }
  return countSqueezed(s, stopAt);
}

/**
 * Whether `s`, which opens with white space, is all white space: its squeezed length is then 0.
 * Most text nodes of a page are the template's line breaks and indentation between two tags;
 * each cost two regex scans (the test for clean text, then the count of its runs) to come to 0
 * (x-speed6, 2026-12-07). A text with words stops the loop at its first one.
 */
function blank(s: string): boolean {
  for (let i = 1; i < s.length; i++) if (!isSpace(s.charCodeAt(i))) return false;
  return true;
}

function countSqueezed(s: string, stopAt: number): number {
  if (stopAt === Number.POSITIVE_INFINITY) return countByRuns(s);
  let n = 0;
  let gap = false; // white space seen since the last counted character
  for (let i = 0; i < s.length; i++) {
    if (isSpace(s.charCodeAt(i))) gap = true;
    else {
      if (gap && n > 0) n++;
      n++;
      gap = false;
      if (n >= stopAt) return n;
    }
  }
  return n;
}

// Where squeezing shortens a text: runs of white space (each becomes one space) and single white
// space characters other than a space (each becomes a space: same length).
const SHORTENED = /\s{2,}|[^\S ]/g;

/**
 * The whole count of countSqueezed from the regex engine's matches instead of a loop over every
 * character in JavaScript (the whole text of a body, paragraphs apart by blank lines, is measured
 * so): the text's length, less what squeezing removes from each run, less the one space each end
 * keeps when it is white space (a text of white space only: nothing).
 */
function countByRuns(s: string): number {
  const len = s.length;
  let n = len;
  SHORTENED.lastIndex = 0;
  for (let m = SHORTENED.exec(s); m !== null; m = SHORTENED.exec(s)) n -= m[0].length - 1;
  if (isSpace(s.charCodeAt(0))) n--;
  if (isSpace(s.charCodeAt(len - 1))) n--;
  return Math.max(n, 0);
}

/**
 * squeezedLength of a text given in pieces, counted piece by piece without joining them: `add`
 * each piece in order, then read `length` — `squeezedLength(pieces.join(''))`. A run of white
 * space across a boundary counts once, as in the joined text.
 */
export class SqueezedCounter {
  length = 0;
  /** White space seen since the last counted character. */
  private gap = false;

  add(s: string): void {
    const len = s.length;
    if (len === 0) return;
    // Clean text — a non-space at both ends, single spaces inside — counts whole, and one more for
    // white space before it when something was counted before that. A single space at either end
    // (the text beside an inline element in prose: "While ", " said the minister", most pieces of
    // a paragraph with links) is a gap around clean text, not a reason to go character by character.
    const lead = s.charCodeAt(0) === 0x20 ? 1 : 0;
    const trail = len > lead && s.charCodeAt(len - 1) === 0x20 ? 1 : 0;
    // The text inside the end spaces is clean when the whole has no two white space characters
    // together and none other than a space (a space just inside an end space would be a pair), so
    // the whole is tested without cutting the ends off (a copy of the piece).
    if (len > lead + trail && !UNSQUEEZED_INSIDE.test(s)) {
      if ((this.gap || lead === 1) && this.length > 0) this.length++;
      this.length += len - lead - trail;
      this.gap = trail === 1;
      return;
    }
    let n = this.length;
    let gap = this.gap;
    for (let i = 0; i < s.length; i++) {
      if (isSpace(s.charCodeAt(i))) gap = true;
      else {
        if (gap && n > 0) n++;
        n++;
        gap = false;
      }
    }
    this.length = n;
    this.gap = gap;
  }
}

/**
 * What SqueezedCounter.add needs to know of a piece (not empty), as one number: its squeezed
 * length without the white space at its ends (`core`, 0 for white space only), times four, plus
 * two when white space opens it and one when white space ends it. A piece measured once this way
 * can be added to several counts (`addShape`) — the candidate loop counts every piece for each
 * open candidate — where `add` would test it again for each.
 */
export function pieceShape(s: string): number {
  const len = s.length;
  const lead = s.charCodeAt(0) === 0x20 ? 1 : 0;
  const trail = len > lead && s.charCodeAt(len - 1) === 0x20 ? 1 : 0;
  if (len > lead + trail && !UNSQUEEZED_INSIDE.test(s)) return (len - lead - trail) * 4 + lead * 2 + trail;
  // add's loop from an empty count: the characters and the gaps between them, none before the first.
  let n = 0;
  let gap = false;
  for (let i = 0; i < len; i++) {
    if (isSpace(s.charCodeAt(i))) gap = true;
    else {
      if (gap && n > 0) n++;
      n++;
      gap = false;
    }
  }
  return n * 4 + (isSpace(s.charCodeAt(0)) ? 2 : 0) + (isSpace(s.charCodeAt(len - 1)) ? 1 : 0);
}

/**
 * The count `count` becomes when a piece of shape `shape` (pieceShape) is added to it — what
 * `add` makes of it: a piece of white space only leaves a gap; otherwise one more for a gap before
 * it (white space seen, or opening it) when something was counted, then its core.
 */
export function addShape(count: { length: number; gap: boolean }, shape: number): void {
  const core = Math.floor(shape / 4);
  if (core === 0) {
    count.gap = true;
    return;
  }
  if ((count.gap || (shape & 2) !== 0) && count.length > 0) count.length++;
  count.length += core;
  count.gap = (shape & 1) !== 0;
}

// Runs of two or more white space characters, and single ones other than a space: where
// `s.replace(/\s+/g, ' ')` changes anything. A single space is left alone rather than replaced by
// itself — on prose that is every gap between words, and each replacement is a piece of the
// result the regex engine has to keep (the old pattern allocated several times the text).
const SQUEEZABLE = /\s{2,}|[^\S ]/g;

/** `s.replace(/\s+/g, ' ')`: every run of white space as one space. */
export function squeeze(s: string): string {
  return s.replace(SQUEEZABLE, ' ');
}

/**
 * Whether `squeezedLength(s)` is at least `min`, reading only as far as needed to tell: a long
 * body is settled after its first few hundred characters.
 */
export function squeezedAtLeast(s: string, min: number): boolean {
  return s.length >= min && squeezedLength(s, min) >= min;
}

/**
 * `squeeze`, remembering its last text and answer: the final body's text is squeezed by more than
 * one stage (title-story.ts, opening.ts) and is most often unchanged between them. One entry, held
 * by the caller for one extraction.
 */
export function lastSqueezed(): (s: string) => string {
  let last: string | undefined;
  let out = '';
  return (s) => {
    if (s !== last) {
      out = squeeze(s);
      last = s;
    }
    return out;
  };
}

/**
 * A text and its squeezed form (`squeeze(raw)`), squeezed only when first asked for, by `squeezeOf`
 * (a shared `lastSqueezed` cache, say). `holds` asks whether the squeezed text holds a part
 * without squeezing wherever the text as it is already holds it.
 */
export class SqueezedText {
  #squeezed: string | undefined;

  constructor(
    readonly raw: string,
    private readonly squeezeOf: (s: string) => string = squeeze,
  ) {}

  get squeezed(): string {
    this.#squeezed ??= this.squeezeOf(this.raw);
    return this.#squeezed;
  }

  /**
   * `this.squeezed.includes(part)`. A part that is its own squeezed form with no white space at its
   * ends (a block's measured text: squeezed and trimmed) that the raw text holds, the squeezed text
   * holds too: squeezing changes only runs of two or more white space characters and white space
   * other than a space, and each space of such a part is a single one between two other
   * characters of the part. The body holds the blocks asked about on most pages, as written.
   */
  holds(part: string): boolean {
    if (!ownSqueezedForm(part)) return this.squeezed.includes(part);
    if (this.#squeezed !== undefined) return this.#squeezed.includes(part);
    return this.raw.includes(part) || spacedIn(this.raw, part);
  }
}

/**
 * `squeeze(raw).includes(part)` for a non-empty `part` that is its own squeezed form, read on `raw`
 * without squeezing it (addOpening asked it of the whole final body for a byline that is not in
 * it: a copy of the body for a "no"). Such a part is words (runs of characters other than white
 * space) with one space between each two; in `squeeze(raw)` two characters other than white
 * space stand side by side only where they do in `raw`, and each space is a whole run of white
 * space of `raw`. So the part is there exactly where `raw` has its first word, then for each
 * space a run of one or more white space characters, then the next word as written, and so on.
 */
function spacedIn(raw: string, part: string): boolean {
  const space = part.indexOf(' ');
  if (space < 0) return false; // one word: only as written, which `includes` has answered
  const first = part.slice(0, space);
  for (let at = raw.indexOf(first); at >= 0; at = raw.indexOf(first, at + 1)) {
    let j = at + space;
    let p = space;
    while (p < part.length) {
      const c = part.charCodeAt(p);
      if (c === 0x20) {
        if (j >= raw.length || !isSpace(raw.charCodeAt(j))) break;
        j++;
        while (j < raw.length && isSpace(raw.charCodeAt(j))) j++;
      } else if (j < raw.length && raw.charCodeAt(j) === c) j++;
      else break;
      p++;
    }
    if (p === part.length) return true;
  }
  return false;
}

/** Whether `s` is `squeeze(s).trim()`: no white space at its ends, none but single spaces inside. */
function ownSqueezedForm(s: string): boolean {
  const len = s.length;
  return len === 0 || (!isSpace(s.charCodeAt(0)) && !isSpace(s.charCodeAt(len - 1)) && !UNSQUEEZED_INSIDE.test(s));
}
