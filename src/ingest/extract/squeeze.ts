// Length of a text with its white space squeezed, without building the squeezed string: the
// stages measure every text node of a page this way, and `s.replace(/\s+/g, ' ').trim().length`
// allocated a copy of each only to read its length.

/** Whether the UTF-16 code unit `c` is white space as JavaScript's `\s` defines it. */
export function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

// A text whose only white space is single spaces between words is its own squeezed form: one
// native regex scan tells, where a character-by-character loop in JavaScript costs several times
// as much. Text with line breaks, tabs, runs of spaces or spaces at its ends is counted in the loop.
const UNSQUEEZED = /[^\S ]| {2}|^ | $/;

/**
 * `s.replace(/\s+/g, ' ').trim().length`, counted in place; with `stopAt`, counting ends as soon
 * as it is reached (the answer is then `stopAt`, or one more when the count steps over it).
 */
export function squeezedLength(s: string, stopAt = Number.POSITIVE_INFINITY): number {
  if (s.length === 0) return 0;
  if (stopAt >= 1 && !UNSQUEEZED.test(s)) {
    // Every character counts; the loop below stops after the first non-space character that
    // takes the count to stopAt or beyond (a space is never last and never doubled here).
    if (s.length < stopAt) return s.length;
    const k = Math.ceil(stopAt);
    return s.charCodeAt(k - 1) === 0x20 ? k + 1 : k;
  }
  return countSqueezed(s, stopAt);
}

function countSqueezed(s: string, stopAt: number): number {
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
    if (len > lead + trail && !UNSQUEEZED.test(lead + trail === 0 ? s : s.slice(lead, len - trail))) {
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
