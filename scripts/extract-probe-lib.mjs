// Matching core of scripts/extract-probe-eval.mjs (data/extract-probe: Postlight Parser's saved
// pages with the expectations of its per-site tests). Plain ESM; test/extract-eval/probe.test.ts
// checks it. The definitions, fixed before any page was scored:
//
//   * Text is read as scripts/extract-eval-lib.mjs reads it (NFKC, lower case, tokens = runs of
//     letters, marks and digits; every character its own token in scripts written without spaces),
//     after numeric and the five XML character references are decoded (some expectations hold
//     them as text, e.g. "&#151;").
//   * Opening found: the expected opening's tokens, joined without spaces, occur in the output's
//     tokens joined without spaces. Joined, because the expectation is cheerio's `.text()` of the
//     whole content, which glues words across block boundaries ("caption.Body") and splits drop
//     caps ("T he"); on 13 words a chance match is not a concern.
//   * Opening at the start: found, and the match begins within the output's first START_WORDS (40)
//     tokens. Why 40: what a reader view may fairly put before the first paragraph is a dek
//     (standfirst, typically 15-35 words) or a byline/date line (about 10); more than 40 tokens
//     before the opening means another block (a caption, a teaser, a rail) came first. In scripts
//     without spaces a token is one character, so the bound is stricter there (reported by language).
//   * Empty: the output has no token.
//   * Title: the token sequences are equal.
//   * Author: a leading "by" token dropped from both; then one token sequence holds the other
//     (at token boundaries); a missing author is a miss.
//   * Date: the same calendar day; each side's day is the date as written (its YYYY-MM-DD) or the
//     day in UTC of the instant it names, and the two sides match when these sets meet (Postlight
//     writes UTC instants; pages write local times); a date without a time matches any instant
//     that falls on that day in some time zone (UTC-12 to UTC+14), as Postlight turns a page's
//     local date into a UTC instant (midnight in Tokyo is 15:00 UTC the day before).
import { tokenize } from './extract-eval-lib.mjs';

export const START_WORDS = 40;

const XML_REFS = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Numeric and the five XML character references decoded; others left as they are. */
export function decodeRefs(s) {
  return String(s ?? '').replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (m, r) => {
    if (r[0] !== '#') return XML_REFS[r.toLowerCase()];
    const n = r[1] === 'x' || r[1] === 'X' ? Number.parseInt(r.slice(2), 16) : Number(r.slice(1));
    return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : m;
  });
}

const toks = (s) => tokenize(decodeRefs(s));

/**
 * Where the expected opening occurs in the output: { found, word } (word: the 0-based index of the
 * output token where the match begins, or null), compared on tokens joined without spaces.
 */
export function findOpening(expected, output) {
  const e = toks(expected).join('');
  if (!e) return { found: false, word: null };
  const ot = toks(output);
  const stream = ot.join('');
  const at = stream.indexOf(e);
  if (at < 0) return { found: false, word: null };
  let pos = 0;
  for (let i = 0; i < ot.length; i++) {
    pos += ot[i].length;
    if (pos > at) return { found: true, word: i };
  }
  return { found: true, word: ot.length };
}

/** { found, atStart, word } of the expected opening in the output text. */
export function openingMatch(expected, output, startWords = START_WORDS) {
  const r = findOpening(expected, output);
  return { ...r, atStart: r.found && r.word < startWords };
}

export function isEmptyText(text) {
  return toks(text).length === 0;
}

export function titleMatch(expected, got) {
  const e = toks(expected).join(' ');
  return e !== '' && e === toks(got).join(' ');
}

function authorTokens(s) {
  const t = toks(s);
  return t[0] === 'by' ? t.slice(1) : t;
}

export function authorMatch(expected, got) {
  const e = authorTokens(expected).join(' ');
  const g = authorTokens(got).join(' ');
  if (!e || !g) return false;
  return ` ${e} `.includes(` ${g} `) || ` ${g} `.includes(` ${e} `);
}

/** The calendar days a date string may name: as written (YYYY-MM-DD) and, when it parses, in UTC. */
export function daysOf(s) {
  const out = new Set();
  const str = String(s ?? '').trim();
  if (!str) return out;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(str);
  if (m) out.add(m[1]);
  const t = Date.parse(str);
  if (!Number.isNaN(t)) out.add(new Date(t).toISOString().slice(0, 10));
  return out;
}

const HOUR = 3600 * 1000;

/** A date-only string (YYYY-MM-DD, nothing after it) names that day in some time zone (UTC-12 to UTC+14). */
function holdsInstant(dateOnly, other) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(String(dateOnly ?? '').trim())) return false;
  if (!/T\d{2}:\d{2}/.test(String(other ?? ''))) return false;
  const day = Date.parse(`${String(dateOnly).trim()}T00:00:00Z`);
  const t = Date.parse(String(other));
  return !Number.isNaN(day) && !Number.isNaN(t) && t >= day - 14 * HOUR && t < day + 36 * HOUR;
}

export function dateMatch(expected, got) {
  if (holdsInstant(got, expected) || holdsInstant(expected, got)) return true;
  const g = daysOf(got);
  for (const d of daysOf(expected)) if (g.has(d)) return true;
  return false;
}
