// Hashtags in article text (p-hashtags): "#FreeIran2026", "#PeoplesMojahedin", "#مجاهدین_خلق". A
// hashtag writes a name's words joined, marking where each begins by a capital, a digit or an
// underscore; the topic matcher reads those words as if they were spaced. Only after a "#":
// running prose keeps "McDonald", "iPhone" and "YouTube" whole.
import { CharKind, charKind, letterCase } from './normalize.js';

const HASH = 0x23;
const FULLWIDTH_HASH = 0xff03;
const UNDERSCORE = 0x5f;
/** Characters a URL or markup puts before "#" ("page/#top", "&#39;"): no hashtag there. */
const NOT_BEFORE = new Set([0x2f, 0x5c, 0x26, 0x3d, 0x3f, 0x23, 0x40, 0x3a, 0x2e]);

/** A part of a hashtag, as UTF-16 offsets into the text. */
export interface HashtagPart {
  start: number;
  end: number;
  /**
   * Split from a neighbour only by a change of case or of letters to digits ("#StopMEK",
   * "#MEK2026"): where the writer put no break, a capitals run may be part of a longer word. An
   * underscore or the hashtag's own ends are breaks the writer wrote ("#MEK_Iran").
   */
  glued: boolean;
}

/**
 * Whether a hashtag may start at `i`: a "#" or "＃" at the start, or after a space, punctuation, an
 * emoji ("🔥#FreeIran", "❤️#FreeIran": posts put them side by side) or a character of a script
 * written without spaces ("支持#FreeIran"). Not after a letter or digit, of any plane ("𝐀#B").
 */
export function isHashtagStart(s: string, i: number, isIdeograph: (cp: number) => boolean): boolean {
  const c = s.charCodeAt(i);
  if (c !== HASH && c !== FULLWIDTH_HASH) return false;
  // The code point before, past the invisible characters and emoji selectors that dress an emoji.
  let q = i;
  let p = -1;
  while (q > 0) {
    const lo = s.charCodeAt(q - 1);
    const hi = q > 1 ? s.charCodeAt(q - 2) : 0;
    const pair = lo >= 0xdc00 && lo <= 0xdfff && hi >= 0xd800 && hi <= 0xdbff;
    p = pair ? (s.codePointAt(q - 2) as number) : lo;
    q -= pair ? 2 : 1;
    if (!isEmojiDress(p) && charKind(p) !== CharKind.Ignore) break;
    p = -1;
  }
  if (p < 0) return true;
  if (NOT_BEFORE.has(p)) return false;
  const k = charKind(p);
  if (k === CharKind.Word) return isIdeograph(p);
  return k === CharKind.Space || k === CharKind.Break || k === CharKind.Hyphen;
}

/** Variation selectors, the emoji modifiers (skin tones) and the keycap mark: parts of an emoji. */
function isEmojiDress(cp: number): boolean {
  return (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0x1f3fb && cp <= 0x1f3ff) || cp === 0x20e3 || (cp >= 0xe0100 && cp <= 0xe01ef);
}

// Classes of a hashtag's characters: upper-case, lower-case, digit, other letter (no case), mark.
const U = 1;
const L = 2;
const D = 3;
const O = 4;
const M = 5;

function classOf(cp: number, kind: number): number {
  if (kind === CharKind.Ignore) return M;
  if (cp < 0x80) {
    if (cp >= 0x30 && cp <= 0x39) return D;
    if (cp >= 0x41 && cp <= 0x5a) return U;
    return L;
  }
  const ch = String.fromCodePoint(cp);
  if (MARK_RE.test(ch)) return M;
  if (DIGIT_RE.test(ch)) return D;
  const lc = letterCase(cp);
  return lc === 1 ? U : lc === 2 ? L : O;
}

const MARK_RE = /^\p{M}$/u;
const DIGIT_RE = /^\p{N}$/u;

/**
 * The words of the hashtag whose "#" is at `i`, and where it ends; null when no word follows or a
 * character of a script written without spaces does (the matcher reads those a character at a
 * time anyway). Words are split at underscores, between a lower-case letter and a capital, before
 * the last capital of a run that a lower-case letter follows ("NGOReport" → NGO, Report, but "NGOs"
 * stays whole), and between letters and digits. Linear in the hashtag's length.
 */
export function hashtagParts(s: string, i: number, isIdeograph: (cp: number) => boolean): { parts: HashtagPart[]; end: number } | null {
  const n = s.length;
  // The hashtag: word characters, underscores between them, invisible joiners.
  let end = i + 1;
  while (end < n) {
    const cp = s.codePointAt(end) as number;
    const k = charKind(cp);
    if (cp === UNDERSCORE) {
      if (end + 1 >= n || charKind(s.codePointAt(end + 1) as number) !== CharKind.Word) break;
    } else if (k === CharKind.Word) {
      if (isIdeograph(cp)) return null;
    } else if (k !== CharKind.Ignore) break;
    end += cp > 0xffff ? 2 : 1;
  }
  // Per code point: its offset and class (0 for an underscore).
  const size = end - i - 1;
  const at = new Int32Array(size);
  const cls = new Uint8Array(size);
  const lower = new Uint8Array(size);
  let count = 0;
  for (let p = i + 1; p < end; ) {
    const cp = s.codePointAt(p) as number;
    at[count] = p;
    cls[count] = cp === UNDERSCORE ? 0 : classOf(cp, charKind(cp));
    lower[count] = cp === 0x73 || cp === 0x53 ? 1 : 0;
    count++;
    p += cp > 0xffff ? 2 : 1;
  }
  const parts: HashtagPart[] = [];
  let start = -1;
  // Whether the part now open began at a case or digit change (not after "#" or "_").
  let gluedBefore = false;
  const close = (upTo: number, gluedAfter: boolean): void => {
    if (start >= 0) parts.push({ start: at[start] as number, end: upTo, glued: gluedBefore || gluedAfter });
    start = -1;
    gluedBefore = gluedAfter;
  };
  // The class of the previous letter or digit (marks and joiners belong to the one before them).
  let prev = 0;
  for (let k = 0; k < count; k++) {
    const c = cls[k] as number;
    const atK = at[k] as number;
    if (c === 0) {
      close(atK, false);
      prev = 0;
      continue;
    }
    if (c === M) continue;
    let split = false;
    if (prev === L && c === U) split = true;
    else if (prev !== 0 && (prev === D) !== (c === D)) split = true;
    else if (prev === U && c === U) {
      // "NGOReport": the capital before a lower-case letter begins a word, unless that lower-case
      // run is a plural "s" ending the run ("NGOs", "NGOsFor").
      const j = nextIndex(cls, k + 1, count);
      if (j < count && cls[j] === L) {
        const after = nextIndex(cls, j + 1, count);
        split = !(lower[j] === 1 && (after >= count || cls[after] !== L));
      }
    }
    if (split) close(atK, true);
    if (start < 0) start = k;
    prev = c;
  }
  close(end, false);
  // Trailing joiners and marks left alone are no part of a word.
  const words: HashtagPart[] = [];
  for (const part of parts) {
    while (part.end > part.start && charKind(s.charCodeAt(part.end - 1)) === CharKind.Ignore) part.end--;
    if (part.end > part.start) words.push(part);
  }
  return words.length > 0 ? { parts: words, end } : null;
}

/** The first index from `from` that is not a mark. */
function nextIndex(cls: Uint8Array, from: number, count: number): number {
  let j = from;
  while (j < count && cls[j] === M) j++;
  return j;
}
