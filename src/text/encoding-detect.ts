// The one legacy-charset detector: which charset do bytes that declare none (or declare one
// they break) and are not UTF-8 most likely use? Feeds, article pages, listing pages and
// discovery all ask it, so one undeclared text gets one answer whichever path it came by.
//
// Built on `chardet` (npm), a port of ICU's CharsetDetector: byte n-gram models of each
// language for the single-byte charsets (windows-125x, ISO-8859-x, KOI8-R) and character
// statistics for the CJK ones (GB18030, Big5, Shift_JIS, EUC-JP, EUC-KR). We weighed it against
// `jschardet` (a port of Mozilla's universal detector): on undeclared real feeds saved by other
// projects (Portuguese, French and German Latin-1, Russian windows-1251/KOI8-R, a GBK forum
// feed) chardet named every charset right, while jschardet answered cp437 for short Latin-1
// documents and gave confidences too low to act on; chardet also covers windows-1256 and
// ISO-8859-6 (Arabic and Persian, which this project reads most), windows-1257/1258/874, and has
// no dependencies and its own type definitions.
import { analyse } from 'chardet';

/** How much of the text the detector reads: its statistics settle long before this. */
const SAMPLE_BYTES = 64 * 1024;

// Labels chardet reports, mapped to the decoder a browser would use for them. The WHATWG
// Encoding Standard reads ISO-8859-1 as windows-1252 and ISO-8859-9 as windows-1254: the
// supersets agree on every byte the ISO charset defines and also give 0x80–0x9F their meaning.
// ICU names undeclared Hebrew ISO-8859-8 unless it sees bytes only windows-1255 defines; the two
// agree on the letters, and legacy Hebrew on the web is windows-1255 (logical order, with the
// points and the sheqel sign ISO-8859-8 lacks), so that is how we read it.
const DECODER_FOR: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  'iso-8859-9': 'windows-1254',
  'iso-8859-8': 'windows-1255',
  'iso-8859-8-i': 'windows-1255',
};

// What the detector may answer: ASCII-compatible legacy charsets. UTF-8 and UTF-16/32 are
// settled before it is asked (validity, BOM, layout); ISO-2022 is 7-bit, so it never reaches
// here with the high bytes that made UTF-8 fail.
const NOT_LEGACY = /^(utf-|iso-2022|ascii)/;

/**
 * The bytes a detector should judge: the text of a markup document without its tags, whose
 * ASCII names and URLs would only dilute the statistics. Every charset asked about is
 * ASCII-compatible and never uses `<` or `>` inside a multi-byte character, so cutting at them
 * keeps characters whole.
 */
function textSample(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.min(bytes.length, SAMPLE_BYTES));
  let n = 0;
  let inTag = false;
  for (let i = 0; i < bytes.length && n < out.length; i++) {
    const c = bytes[i]!;
    if (c === 0x3c) inTag = true;
    else if (c === 0x3e && inTag) {
      inTag = false;
      out[n++] = 0x20;
    } else if (!inTag) out[n++] = c;
  }
  // A document that is all markup (or a fragment with a stray `<`) is judged as it is.
  return n >= 64 || n === bytes.length ? out.subarray(0, n) : bytes.subarray(0, SAMPLE_BYTES);
}

/**
 * Candidate charsets for `bytes`, most likely first, as lower-case decoder names iconv-lite
 * knows. Empty when the detector recognises nothing (the caller then falls back to
 * windows-1252, the commonest undeclared legacy charset on the web).
 */
export function detectLegacyCharsets(bytes: Uint8Array): string[] {
  const out: string[] = [];
  for (const match of analyse(textSample(bytes))) {
    if (match.confidence <= 0) continue;
    const label = match.name.toLowerCase();
    if (NOT_LEGACY.test(label)) continue;
    const codec = DECODER_FOR[label] ?? label;
    if (!out.includes(codec)) out.push(codec);
  }
  return out;
}
