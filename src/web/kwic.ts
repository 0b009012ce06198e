// Keyword in context: the passage of a story around where a topic matched, with the matched words
// in <mark>. Works from the offsets the matcher stored (UTF-16 units into the original field), so
// "MKO" and "مجاهدي خلق" are highlighted exactly as written. Text is escaped piece by piece and
// only our own <mark> tags are added, so stored text can never inject markup.
import { escapeHtml, Html } from './html.js';

export interface Span {
  start: number;
  end: number;
}

/** Spans that really point at `text`: stale offsets (the text changed since tagging) are re-found by their text, or dropped. */
export function validSpans(text: string, matches: readonly (Span & { text?: string })[]): Span[] {
  const out: Span[] = [];
  for (const m of matches) {
    if (m.start >= 0 && m.end > m.start && m.end <= text.length && (m.text === undefined || text.slice(m.start, m.end) === m.text)) {
      out.push({ start: m.start, end: m.end });
    } else if (m.text) {
      const at = text.indexOf(m.text);
      if (at >= 0) out.push({ start: at, end: at + m.text.length });
    }
  }
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  // Overlaps merge: one <mark> per run, never nested.
  const merged: Span[] = [];
  for (const s of out) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}

/** `text` escaped, with the spans (sorted, not overlapping, inside the text) in <mark>. */
export function markSpans(text: string, spans: readonly Span[], offset = 0): Html {
  let out = '';
  let at = 0;
  for (const s of spans) {
    const a = s.start - offset;
    const b = s.end - offset;
    if (a < at || b > text.length) continue;
    out += `${escapeHtml(text.slice(at, a))}<mark>${escapeHtml(text.slice(a, b))}</mark>`;
    at = b;
  }
  return new Html(out + escapeHtml(text.slice(at)));
}

const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);

/** Moves i off the low half of a surrogate pair, so a cut never splits a character. */
function safe(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff && i > 0 ? i - 1 : i;
}

/**
 * About `radius` characters either side of the first span, cut at spaces, "…" where cut;
 * whitespace collapsed. Every span inside the window is marked. Undefined when there is no span.
 */
export function kwicSnippet(text: string, spans: readonly Span[], radius = 90): Html | undefined {
  const first = spans[0];
  if (!first) return undefined;
  let from = Math.max(0, first.start - radius);
  let to = Math.min(text.length, first.end + radius);
  if (from > 0) {
    const sp = text.indexOf(' ', from);
    from = sp >= 0 && sp < first.start ? sp + 1 : from;
  }
  if (to < text.length) {
    const sp = text.lastIndexOf(' ', to);
    to = sp > first.end ? sp : to;
  }
  from = safe(text, from);
  to = safe(text, to);
  while (from < first.start && isSpace(text[from])) from++;
  while (to > first.end && isSpace(text[to - 1])) to--;
  const inside = spans.filter((s) => s.start >= from && s.end <= to);
  // Collapse whitespace piece by piece so the marks keep their places.
  const pieces: string[] = [];
  let at = from;
  for (const s of inside) {
    pieces.push(
      escapeHtml(text.slice(at, s.start).replace(/\s+/g, ' ')),
      `<mark>${escapeHtml(text.slice(s.start, s.end).replace(/\s+/g, ' '))}</mark>`,
    );
    at = s.end;
  }
  pieces.push(escapeHtml(text.slice(at, to).replace(/\s+/g, ' ')));
  return new Html(`${from > 0 ? '…' : ''}${pieces.join('')}${to < text.length ? '…' : ''}`);
}
