// Where text may be cut without splitting what a reader sees as one character: a base letter and
// its combining marks, an emoji with its modifiers and joiners, a flag's two regional indicators.
// Intl.Segmenter knows the rules (UAX #29); it is asked only about the neighbourhood of the cut.

const segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : undefined;

/** Printable ASCII: two in a row always have a grapheme boundary between them. */
const plain = (code: number): boolean => code >= 0x20 && code < 0x7f;

/** The largest grapheme cluster boundary of `text` at or before `at`. */
export function graphemeFloor(text: string, at: number): number {
  if (at <= 0) return 0;
  if (at >= text.length) return text.length;
  if (plain(text.charCodeAt(at - 1)) && plain(text.charCodeAt(at))) return at;
  if (segmenter === undefined) {
    const code = text.charCodeAt(at - 1);
    return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
  }
  // Segment from a point known to be a boundary, so the clusters before the cut are read whole
  // (a run of regional indicators pairs up from its start).
  let from = at - 1;
  while (from > 0 && !(plain(text.charCodeAt(from - 1)) && plain(text.charCodeAt(from)))) from--;
  let best = from;
  for (const seg of segmenter.segment(text.slice(from, at + 8))) {
    const boundary = from + seg.index;
    if (boundary > at) break;
    best = boundary;
  }
  return best;
}
