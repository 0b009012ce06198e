// Search's reading of a text before its characters are folded (fold version 3, p-search3): what the
// topic matcher reads otherwise than as written (src/text/normalize-tokens.ts's article reading,
// docs/topics.md "p-hashtags"), written out as text a word index can hold. A hashtag's words
// follow the hashtag ("#FreeIran2026" is read "#FreeIran2026 Free Iran 2026": the tag as written
// is still found, and so are its words, as a phrase), a word broken at a line end or by soft
// hyphens is written joined ("Mojahe-\ndin" is "Mojahedin"), invisible joiners inside a word are
// dropped, a word mixing Latin with Cyrillic or Greek look-alike letters is written in Latin
// ("MЕK" with a Cyrillic Е is "MEK"; a word wholly in Cyrillic or Greek is left alone), and the
// letter-like forms of the mathematical alphabets, the letterlike symbols and the enclosed
// alphanumerics are their letters and digits ("𝐌𝐄𝐊", "ℳ", "Ⓜ", "⒨" are M). The word rules are the
// topic reader's own (scanWords with `article`): no second copy of them here. The result, folded
// by the character table (fold.ts), is what the index holds; the store keeps it beside the row
// when it differs from the text (the database cannot run these rules), and query words and the
// highlighter read alike. Emoji stay out of the index (docs/security.md, p-search3). Pure: no I/O.
import { scanWords, TOKEN_HASHTAG_GLUED, TOKEN_HASHTAG_PART, TOKEN_LINE_JOINED, TOKEN_LOOKALIKE } from '../text/normalize-tokens.js';
import { LATIN_LOOKALIKES } from '../text/lookalikes.js';
import { CharKind, charKind } from '../text/normalize.js';

/**
 * A piece of a reading: `text` reads the original's [start, end); `same` when it is that text
 * unchanged; `added` for a hashtag's word written after the hashtag; `joined` for a word broken at
 * a line end and read joined (the highlighter shows it without the line end, p-search4).
 */
export interface ReadingPiece {
  text: string;
  start: number;
  end: number;
  same: boolean;
  added?: true;
  joined?: true;
}

const ALNUM = /[\p{L}\p{N}]/u;
const ALNUM_ONLY = /^[\p{L}\p{N}]+$/u;
const NOT_ALNUM = /[^\p{L}\p{N}]/gu;

/**
 * The letters or digits a letter-like form reads as, or undefined: a letter of the letterlike
 * symbols (ℳ, ℓ; not ℃ or ℡, which are symbols) or of the mathematical alphanumerics (𝐌, 𝑀, 𝓜,
 * 𝔐, 𝕄, 𝟏) by its compatibility form (NFKC); an enclosed letter or digit (Ⓜ, ⓜ, ⒨, ①, ⑴, 🄼,
 * 🅼's plain forms) by the letters and digits of that form, without its brackets and dots.
 * Regional indicators (flags) and the negative circled letters have no such form: left alone.
 */
function letterForm(cp: number): string | undefined {
  if (cp < 0x2100) return undefined;
  const mathOrLetterlike = (cp >= 0x2100 && cp <= 0x214f) || (cp >= 0x1d400 && cp <= 0x1d7ff);
  const enclosed = (cp >= 0x2460 && cp <= 0x24ff) || (cp >= 0x1f100 && cp <= 0x1f1ff);
  if (!mathOrLetterlike && !enclosed) return undefined;
  const c = String.fromCodePoint(cp);
  const k = c.normalize('NFKC');
  if (k === c) return undefined;
  if (mathOrLetterlike) return ALNUM.test(c) && ALNUM_ONLY.test(k) ? k : undefined;
  const letters = k.replace(NOT_ALNUM, '');
  return letters.length > 0 ? letters : undefined;
}

const formCache = new Map<number, string | null>();
function cachedForm(cp: number): string | undefined {
  let v = formCache.get(cp);
  if (v === undefined) {
    v = letterForm(cp) ?? null;
    formCache.set(cp, v);
  }
  return v ?? undefined;
}

/**
 * Whether the reading may differ from the text: a "#", a soft hyphen or other invisible joiner, a
 * hyphen before a line end, a Latin letter beside a Cyrillic or Greek one (marks and joiners
 * between them aside: a word that mixes the scripts has such a pair somewhere; a Russian or Greek
 * text alone has none), or a letter-like form. Other text (most of it) costs this one scan.
 */
const LATIN = 'A-Za-z\\u00c0-\\u024f\\u1e00-\\u1eff';
const LOOKS = '\\u0370-\\u052f\\u1d26\\u1fbe\\ua647';
// Marks, digits, apostrophes and joiners may stand between the two in one word ("M2Е").
const BETWEEN = "[\\p{M}\\p{N}'\\u2019\\u00ad\\u200b-\\u200d\\u2060\\ufeff]*";
const MAY_DIFFER =
  /[#\uff03\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u2100-\u214f\u2460-\u24ff\u{1d400}-\u{1d7ff}\u{1f100}-\u{1f1ff}]|[-\u2010][ \t]*[\r\n\u2028]/u;
const HAS_LATIN = new RegExp(`[${LATIN}]`, 'u');
const HAS_LOOKS = new RegExp(`[${LOOKS}]`, 'u');
const MIXED = new RegExp(`[${LATIN}]${BETWEEN}[${LOOKS}]|[${LOOKS}]${BETWEEN}[${LATIN}]`, 'u');

/** Whether the reading of `s` may differ from it (each test a plain scan; the pair test only on text holding both scripts). */
function mayDiffer(s: string): boolean {
  return MAY_DIFFER.test(s) || (HAS_LOOKS.test(s) && HAS_LATIN.test(s) && MIXED.test(s));
}

/** Characters a joined word leaves out: hyphens, soft hyphens and joiners, spaces and line ends. */
function isJoinSeparator(cp: number): boolean {
  const k = charKind(cp);
  return k !== CharKind.Word && k !== CharKind.Apostrophe;
}

/**
 * The reading of `s` as pieces in order, each reading a span of `s` (null when the reading is
 * `s` itself). Inserted hashtag words read the part of the hashtag each came from, so a match in
 * the reading marks the original text (src/search/highlight.ts). `whole`, when `s` is the opening
 * of a longer text, is that text: what a reading may add is counted on it, as the index's is.
 */
export function readingPieces(s: string, whole: string = s): ReadingPiece[] | null {
  if (!mayDiffer(s)) return null;
  // What the reading may add to the text, in code points (hashtags' words, an enclosed number's
  // second digit): PostgreSQL indexes the first READING_INDEX_CHARS of the reading, so what it
  // adds must not push a word of the text's own first READING_INDEX_CHARS past that cut.
  let budget = growthBudget(whole);
  // Word spans to write otherwise, from the topic reader's article reading.
  const spans: { start: number; end: number; flags: number }[] = [];
  scanWords(
    s,
    (start, end, _core, flags) => {
      spans.push({ start, end, flags });
    },
    false,
    true,
  );
  const spend = (n: number): boolean => {
    if (n <= 0) return true;
    if (n > budget) return false;
    budget -= n;
    return true;
  };
  const out: ReadingPiece[] = [];
  let changed = false;
  let copyFrom = 0;
  const copyTo = (to: number): void => {
    // Outside the words written otherwise: letter-like forms only.
    let run = copyFrom;
    for (let p = copyFrom; p < to; ) {
      const cp = s.codePointAt(p) as number;
      const w = cp > 0xffff ? 2 : 1;
      const form = cp >= 0x2100 ? cachedForm(cp) : undefined;
      if (form !== undefined && spend(cpLength(form) - 1)) {
        if (p > run) out.push({ text: s.slice(run, p), start: run, end: p, same: true });
        out.push({ text: form, start: p, end: p + w, same: false });
        changed = true;
        run = p + w;
      }
      p += w;
    }
    if (to > run) out.push({ text: s.slice(run, to), start: run, end: to, same: true });
    copyFrom = to;
  };
  // The hashtag words waiting to be written after their hashtag.
  let tag: { start: number; end: number; glued: boolean }[] = [];
  const flushTag = (): void => {
    // A hashtag cut only at underscores ("#مجاهدین_خلق") is read as its words by the index already.
    if (!tag.some((p) => p.glued)) tag = [];
    if (tag.length === 0) return;
    const last = tag[tag.length - 1] as { start: number; end: number };
    copyTo(last.end);
    const words = tag.map((part) => ` ${wordText(s, part.start, part.end, false, false)}`);
    // Past the budget the hashtag is read as written (found whole, not by its words).
    if (spend(words.reduce((n, w) => n + cpLength(w), 0))) {
      for (const [i, part] of tag.entries())
        out.push({ text: words[i] as string, start: part.start, end: part.end, same: false, added: true });
      changed = true;
    }
    tag = [];
  };
  for (const sp of spans) {
    if ((sp.flags & TOKEN_HASHTAG_PART) !== 0) {
      const prev = tag[tag.length - 1];
      // A part after another with only "_" or joiners between them: the same hashtag.
      if (prev && !sameTag(s, prev.end, sp.start)) flushTag();
      tag.push({ start: sp.start, end: sp.end, glued: (sp.flags & TOKEN_HASHTAG_GLUED) !== 0 });
      continue;
    }
    flushTag();
    const lookalike = (sp.flags & TOKEN_LOOKALIKE) !== 0;
    const joined = (sp.flags & TOKEN_LINE_JOINED) !== 0;
    if (!lookalike && !joined && !hasJoiner(s, sp.start, sp.end)) continue;
    const text = wordText(s, sp.start, sp.end, lookalike, joined);
    if (!spend(cpLength(text) - cpLength(s, sp.start, sp.end))) continue;
    copyTo(sp.start);
    out.push(
      joined ? { text, start: sp.start, end: sp.end, same: false, joined: true } : { text, start: sp.start, end: sp.end, same: false },
    );
    changed = true;
    copyFrom = sp.end;
  }
  flushTag();
  copyTo(s.length);
  return changed ? out : null;
}

/**
 * Characters (code points, as PostgreSQL's left() counts them) of a text that PostgreSQL's index
 * reads: its TEXT_INDEX_CHARS (src/store/postgres/migrations/002-search.ts; a test holds the two
 * equal). The reading of a longer text adds nothing: every word of its first READING_INDEX_CHARS
 * stays inside the reading's first READING_INDEX_CHARS (r2-search3).
 */
export const READING_INDEX_CHARS = 200_000;

/** Code points of `s` (or of s[from, to)): UTF-16 units less the second half of each pair. */
function cpLength(s: string, from = 0, to = s.length): number {
  let n = to - from;
  for (let p = from; p < to - 1; p++) {
    const c = s.charCodeAt(p);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(p + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        p++;
      }
    }
  }
  return n;
}

/**
 * How many code points a reading of `s` may add: READING_INDEX_CHARS less the text's own. A text
 * of at most a third of that many UTF-16 units cannot reach it (a reading at most triples a text),
 * so only longer texts are counted.
 */
function growthBudget(s: string): number {
  return Math.max(0, READING_INDEX_CHARS - (s.length * 3 <= READING_INDEX_CHARS ? s.length : cpLength(s)));
}

/** Whether only underscores and invisible joiners lie between two parts of a hashtag. */
function sameTag(s: string, from: number, to: number): boolean {
  for (let p = from; p < to; p++) {
    const c = s.charCodeAt(p);
    if (c !== 0x5f && charKind(c) !== CharKind.Ignore) return false;
  }
  return true;
}

/** Whether a word holds an invisible character (a soft hyphen, a joiner) the index would cut it at. */
function hasJoiner(s: string, start: number, end: number): boolean {
  for (let p = start; p < end; p++) {
    const c = s.charCodeAt(p);
    // ZWNJ aside: the character fold drops it (version 1), a reading would only repeat the text.
    if (c >= 0xad && c !== 0x200c && charKind(c) === CharKind.Ignore) return true;
  }
  return false;
}

/**
 * A word as search writes it: its invisible characters left out, with `joined` the hyphen, line end
 * and spaces it was broken at too, with `lookalike` its Cyrillic and Greek look-alikes as Latin, and
 * letter-like forms as their letters.
 */
function wordText(s: string, start: number, end: number, lookalike: boolean, joined: boolean): string {
  let out = '';
  for (let p = start; p < end; ) {
    const cp = s.codePointAt(p) as number;
    const w = cp > 0xffff ? 2 : 1;
    p += w;
    const k = charKind(cp);
    if (k === CharKind.Ignore || (joined && isJoinSeparator(cp))) continue;
    const latin = lookalike ? LATIN_LOOKALIKES.get(cp) : undefined;
    out += latin ?? (cp >= 0x2100 ? cachedForm(cp) : undefined) ?? String.fromCodePoint(cp);
  }
  return out;
}

/** The reading of `s` (fold version 3's first step): `s` itself when nothing in it reads otherwise. */
export function searchReading(s: string): string {
  const pieces = readingPieces(s);
  return pieces === null ? s : pieces.map((p) => p.text).join('');
}

/**
 * The reading of a word typed as a beginning (a query's `word*`): without a hashtag's words after
 * it. A reading "free-#IranN Iran N" would make the unfinished "IranN" a whole word followed by
 * more (an FTS5 phrase takes only its last word as a prefix), so "free-#IranN*" missed
 * "free-#IranNow" on SQLite while PostgreSQL found it (r2-search3).
 */
export function prefixReading(s: string): string {
  const pieces = readingPieces(s);
  return pieces === null
    ? s
    : pieces
        .filter((p) => p.added === undefined)
        .map((p) => p.text)
        .join('');
}

/**
 * What a store keeps beside a title or text for the index: its reading when that differs from it,
 * else null (the index reads the column itself).
 */
export function storedReading(s: string | null | undefined): string | null {
  if (!s) return null;
  const r = searchReading(s);
  return r === s ? null : r;
}

const FORM_CANDIDATE = /[\u2100-\u214f\u2460-\u24ff\u{1d400}-\u{1d7ff}\u{1f100}-\u{1f1ff}]/u;

/**
 * `s` with only its letter-like forms read as letters (a query's words before its operators are
 * cut: «ⓂⒺⓀ» is a word there, not punctuation to trim).
 */
export function readLetterForms(s: string): string {
  if (!FORM_CANDIDATE.test(s)) return s;
  let out = '';
  for (const c of s) out += cachedForm(c.codePointAt(0) as number) ?? c;
  return out;
}

/** At most this many words of a phrase are tried both as written and as hashtags (2^n readings). */
const TAG_WORDS_TRIED = 3;
const PHRASE_WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
// A word a hashtag could cut: a capital after its first letter, or letters beside digits (the
// reader's scanner decides; this only spares it the words that have no such break).
const MAY_CUT = /.\p{Lu}|\p{L}\p{N}|\p{N}\p{L}/u;

/**
 * The readings a phrase (or a word with inner punctuation, which both dialects search as a
 * phrase) is searched by: its own, and the readings with a word that is followed by another typed
 * as a hashtag. A hashtag's words follow it in the index ("#FreeIran2026 rally" is read
 * "#FreeIran2026 Free Iran 2026 rally"), so a reader who names the tag without its "#" in a phrase
 * ("FreeIran2026 rally") would have the tag's words between the two (p-search4). Only a word the
 * topic reader would cut into words after a "#" (a case or digit break) gives a second reading; a
 * phrase's last word needs none (the tag's words come after it). The first TAG_WORDS_TRIED such
 * words are tried in every combination; past them, all as written or all as hashtags. Each
 * reading is what searchReading gives; duplicates are dropped.
 */
export function phraseReadings(s: string): string[] {
  const own = searchReading(s);
  const words = [...s.matchAll(PHRASE_WORD)];
  // A word directly after "#" is a hashtag already; the last word's tag words need no room.
  const tags = words
    .slice(0, -1)
    .filter((m) => {
      const before = m.index > 0 ? s.charCodeAt(m.index - 1) : 0;
      return before !== 0x23 && before !== 0xff03 && MAY_CUT.test(m[0]) && addsWords(s, m.index, m.index + m[0].length);
    })
    .map((m) => m.index);
  if (tags.length === 0) return [own];
  const subsets: number[][] = [];
  if (tags.length <= TAG_WORDS_TRIED) {
    for (let mask = 1; mask < 1 << tags.length; mask++) subsets.push(tags.filter((_, i) => (mask & (1 << i)) !== 0));
  } else subsets.push(tags);
  const out = new Set([own]);
  for (const at of subsets) out.add(searchReading(withHashes(s, at)));
  return [...out];
}

/** Whether "#" before the word s[start, end) would make it a hashtag the reading adds words after. */
function addsWords(s: string, start: number, end: number): boolean {
  // Read from a few characters before it (what may stand before a "#": a space, an emoji and its
  // dress), not from the phrase's start: a phrase of a hundred such words costs a hundred short
  // readings. In that window with the "#", the word lies at [at + 1, at + 1 + end - start).
  const from = Math.max(0, start - 16);
  const at = start - from;
  const w = withHashes(s.slice(from, end), [at]);
  return (readingPieces(w) ?? []).some((p) => p.added === true && p.start > at);
}

/** `s` with "#" written before each of the words at `starts` (ascending offsets). */
function withHashes(s: string, starts: readonly number[]): string {
  let out = '';
  let from = 0;
  for (const at of starts) {
    out += `${s.slice(from, at)}#`;
    from = at;
  }
  return out + s.slice(from);
}
