// Teaser excerpts: at most maxChars characters (UTF-16 units, the "…" included), cut at the end of
// a sentence when one ends reasonably close to the limit, else at a word boundary, never inside a
// word; "…" is added only when something was cut. Sentence ends include Arabic/Persian
// (؟ ۔ and the Arabic full stop) and CJK (。！？) punctuation; CJK text, which has no spaces, may
// be cut between any two ideographs or kana. No cut splits a grapheme cluster (a letter and its
// accents, an emoji sequence, a flag): the cut moves back to the cluster's start.
import { graphemeFloor } from './graphemes.js';

const ELLIPSIS = '…';
/** A sentence end counts when it leaves at least this share of the room used. */
const SENTENCE_MIN_SHARE = 0.6;

const TERMINATOR = /[.!?؟۔。！？]/;
const FULL_STOP = /[.۔。]/;
const CJK_TERMINATOR = /[。！？]/;
const CLOSER = /["'»”’)\]」』]/;
// CJK characters (and their punctuation) between which a line, and so a cut, may break.
const CJK = /[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;
const WHITESPACE = /\s/;
// What may trail a word cut and looks wrong before "…": separators, dashes, and the source's own
// ellipses ("..", "...", "…").
const TRAILING_JUNK = /[\s,;:،؛、，；：\-–—([«“‘]+$|(?:\.{2,}|…)+$/;
// Abbreviations that end in a full stop without ending a sentence.
const ABBREVIATION = /(?:^|\s)(?:[A-Z]|Mr|Mrs|Ms|Dr|St|Jr|Sr|Prof|Gen|Gov|Sen|Rep|No|vs|etc|e\.g|i\.e|U\.S|U\.K)\.$/;

// Chinese and Japanese words span several characters with no space between them: the ICU word
// segmenter knows where they end.
const segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('zh', { granularity: 'word' }) : undefined;

/** The last word boundary at or before `room` in CJK text (falls back to `room`). */
function cjkWordBoundary(t: string, room: number): number {
  if (segmenter === undefined) return room;
  let best = -1;
  for (const seg of segmenter.segment(t.slice(0, room + 16))) {
    if (seg.index > room) break;
    best = seg.index;
  }
  return best > 0 ? best : room;
}

function stripTrailing(s: string): string {
  let prev: string;
  do {
    prev = s;
    s = s.replace(TRAILING_JUNK, '');
  } while (s !== prev);
  return s;
}

/** The end (exclusive) of the last sentence ending within text[0, limit), or -1. */
function lastSentenceEnd(text: string, limit: number): number {
  for (let i = limit - 1; i > 0; i--) {
    const c = text[i]!;
    if (!TERMINATOR.test(c)) continue;
    let end = i + 1;
    while (end < limit && CLOSER.test(text[end]!)) end++;
    // Latin/Arabic stops end a sentence only before whitespace (not in "3.5" or "example.com");
    // CJK stops end one anywhere.
    const next = text[end];
    if (!CJK_TERMINATOR.test(c) && next !== undefined && !WHITESPACE.test(next)) continue;
    if (c === '.' && ABBREVIATION.test(text.slice(Math.max(0, i - 5), i + 1))) continue;
    if (c === '.' && text[i - 1] === '.') continue; // the source's own "..": not a sentence end
    return end;
  }
  return -1;
}

/** Cuts text to at most maxChars characters; see the file header. */
export function excerpt(text: string, maxChars: number): string {
  const t = text.trim();
  if (t.length <= maxChars) return t;
  if (maxChars <= 1) return maxChars === 1 ? ELLIPSIS : '';
  const room = maxChars - 1; // keep one character for the ellipsis

  const sentenceEnd = lastSentenceEnd(t, room);
  if (sentenceEnd >= room * SENTENCE_MIN_SHARE) {
    let cut = t.slice(0, sentenceEnd).trimEnd();
    // "… resume." reads better as "… resume…" than "… resume.…"; ? and ! stay.
    if (FULL_STOP.test(cut[cut.length - 1]!)) cut = cut.slice(0, -1);
    cut = stripTrailing(cut);
    // A CJK stop may carry a combining mark; the whole cluster stays out.
    cut = cut.slice(0, graphemeFloor(t, cut.length));
    if (cut !== '') return cut + ELLIPSIS;
  }

  // Word boundary: the last whitespace at or before `room`, or a CJK character boundary.
  let cutAt = -1;
  for (let i = room; i > 0; i--) {
    const c = t[i]!;
    if (WHITESPACE.test(c)) {
      cutAt = i;
      break;
    }
    if (CJK.test(c) || CJK.test(t[i - 1]!)) {
      cutAt = cjkWordBoundary(t, room);
      break;
    }
  }
  let cut: string;
  if (cutAt > 0) {
    cut = stripTrailing(t.slice(0, cutAt));
  } else {
    // One word longer than the room: nothing but a hard cut is possible.
    cut = t.slice(0, room);
  }
  cut = cut.slice(0, graphemeFloor(t, cut.length));
  // Only junk before the cut, or one cluster wider than the room: as much as fits, whole clusters.
  if (cut === '') cut = t.slice(0, graphemeFloor(t, room));
  return cut + ELLIPSIS;
}
