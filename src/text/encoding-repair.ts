// Repairs text that was double-encoded before it reached us: UTF-8 bytes read as windows-1252
// (or ISO-8859-1) and encoded as UTF-8 again, so "Françoise" arrives as "FranÃ§oise", "user’s"
// as "userâ€™s" and "日本" as "æ—¥æœ¬". Publishers' own databases do this; no charset
// choice of ours can undo it, because the bytes we receive are valid UTF-8.
//
// The repair is conservative. A sequence is replaced only when its characters are exactly the
// windows-1252 spelling of one well-formed UTF-8 character AND the result is more plausible
// than what is written:
//  - "Ã", "Â", "Ä" or "Å" + one symbol-or-accent character (→ a Latin-1 or Latin Extended-A
//    letter or sign): no language writes those capitals before ©, §, ±, ‚ and the like, while that
//    is how "é", "ł", "ş" look mis-read (but "Ã…" or "Ä»" closing a word in capitals may be real
//    text, so such a pair needs support from a neighbour);
//  - three- and four-character sequences (→ U+0800 and beyond: punctuation, CJK, emoji): a
//    letter followed by two or three continuation symbols does not occur in real text;
//  - two-character sequences that would give another alphabet (Greek, Cyrillic, Hebrew, Arabic
//    …) only in a run holding at least two letters of one script, or when the same text already
//    yields that script elsewhere. A lone "× " before a number, or "«CAFÉ»", stays as written.
// Correct text has no such sequences, so it is returned unchanged (the same string).
import iconv from 'iconv-lite';

/** windows-1252 (or Latin-1) characters that stand for the UTF-8 continuation bytes 0x80–0xBF. */
const CONTINUATION = new Map<number, number>();
for (let b = 0x80; b <= 0xbf; b++) {
  CONTINUATION.set(b, b); // read as ISO-8859-1: the C1 control or Latin-1 symbol itself
  const cp1252 = iconv.decode(Buffer.from([b]), 'windows-1252').codePointAt(0)!;
  if (cp1252 !== 0xfffd) CONTINUATION.set(cp1252, b);
}

function classOf(codePoints: Iterable<number>): string {
  let s = '';
  for (const cp of codePoints) s += `\\u${cp.toString(16).padStart(4, '0')}`;
  return s;
}

const CONT = `[${classOf(CONTINUATION.keys())}]`;
// A lead character (windows-1252 spelling of a UTF-8 lead byte) and its continuations.
const SEQUENCE = new RegExp(`[\\u00c2-\\u00df]${CONT}|[\\u00e0-\\u00ef]${CONT}{2}|[\\u00f0-\\u00f4]${CONT}{3}`, 'g');
const QUICK = new RegExp(`[\\u00c2-\\u00f4]${CONT}`);

const SCRIPTS = ['Latin', 'Greek', 'Cyrillic', 'Armenian', 'Hebrew', 'Arabic', 'Syriac', 'Thaana', 'Nko'].map(
  (name) => [name, new RegExp(`^\\p{Script=${name}}$`, 'u')] as const,
);

function scriptOf(ch: string): string | undefined {
  for (const [name, re] of SCRIPTS) if (re.test(ch)) return name;
  return undefined;
}

const LETTER = /^\p{L}$/u;

// Punctuation that also ends real words written in capitals ("IRMÃ…", "ÅÄ»"): a lead letter
// followed by one of these at the end of a word is ambiguous, so it needs a neighbour's support.
const WORD_END_PUNCTUATION = new Set([0x2026, 0x2019, 0x201d, 0xbb, 0x2013, 0x2014, 0x2022, 0xb7]);

/** The character whose UTF-8 bytes `seq` spells in windows-1252, or undefined if it spells none. */
function decodeSequence(seq: string): string | undefined {
  const bytes = new Uint8Array(seq.length);
  bytes[0] = seq.charCodeAt(0);
  for (let i = 1; i < seq.length; i++) bytes[i] = CONTINUATION.get(seq.charCodeAt(i))!;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined; // overlong forms, surrogates, beyond U+10FFFF
  }
}

interface Found {
  start: number;
  end: number;
  text: string;
  /** Plausible on its own (see the rules above). */
  evident: boolean;
}

/** Undoes double-encoded UTF-8 where that is clearly what happened; other text is returned as is. */
export function repairMojibake(s: string): string {
  if (!QUICK.test(s)) return s;
  const found: Found[] = [];
  for (const m of s.matchAll(SEQUENCE)) {
    const text = decodeSequence(m[0]);
    if (text === undefined) continue;
    const cp = text.codePointAt(0)!;
    const lead = m[0].charCodeAt(0);
    const after = s[m.index + m[0].length] ?? '';
    const wordEnd = WORD_END_PUNCTUATION.has(m[0].charCodeAt(1)) && !LETTER.test(after);
    // Leads C2–C5 give U+0080–U+017F: Latin-1 signs and letters, Latin Extended-A letters.
    const latin = lead >= 0xc2 && lead <= 0xc5 && cp >= 0xa0 && (lead <= 0xc3 || LETTER.test(text));
    const evident = m[0].length > 2 || (latin && !wordEnd);
    found.push({ start: m.index, end: m.index + m[0].length, text, evident });
  }
  if (!found.length) return s;

  // Two-character sequences giving another alphabet count as runs of adjacent letters.
  const accepted = new Array<boolean>(found.length).fill(false);
  const scripts = new Set<string>();
  for (let i = 0; i < found.length; ) {
    let j = i + 1;
    while (j < found.length && found[j]!.start === found[j - 1]!.end) j++;
    const letters = new Map<string, number>();
    for (let k = i; k < j; k++) {
      const sc = LETTER.test(found[k]!.text) ? scriptOf(found[k]!.text) : undefined;
      if (sc) letters.set(sc, (letters.get(sc) ?? 0) + 1);
    }
    const oneAlphabet = [...letters.values()].some((n) => n >= 2);
    for (let k = i; k < j; k++) {
      if (found[k]!.evident || oneAlphabet) {
        accepted[k] = true;
        const sc = scriptOf(found[k]!.text);
        if (sc) scripts.add(sc);
      }
    }
    i = j;
  }
  // A lone letter or sign of a script the text is already known to use (Greek "ο" as a word,
  // "Ä»" after other repaired Latin letters).
  for (let k = 0; k < found.length; k++) {
    if (accepted[k]) continue;
    const sc = scriptOf(found[k]!.text);
    if (sc && scripts.has(sc)) accepted[k] = true;
  }

  let out = '';
  let at = 0;
  for (let k = 0; k < found.length; k++) {
    if (!accepted[k]) continue;
    const f = found[k]!;
    // A byte-order mark read as text (ï»¿) carries nothing.
    out += s.slice(at, f.start) + (f.text === '\ufeff' ? '' : f.text);
    at = f.end;
  }
  return at === 0 ? s : out + s.slice(at);
}
