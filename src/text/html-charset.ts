// Finds the character encoding of an HTML page as served and decodes it.
// Order of evidence follows the HTML standard (BOM, then HTTP header, then <meta> in the first
// bytes), but a declaration is checked against the bytes: real sites often declare one encoding
// and send another (a CMS template says utf-8 while the database emits windows-1256, or an old
// template says windows-1256 while the content is now UTF-8). Valid multi-byte UTF-8 is
// overwhelming evidence for UTF-8, and bytes that are not valid UTF-8 cannot be UTF-8.
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

export type CharsetSource = 'bom' | 'header' | 'meta' | 'sniffed' | 'default';

export interface DecodedHtml {
  text: string;
  /** The encoding used, as an iconv-lite name (lower case). */
  charset: string;
  /** Where the choice came from. */
  source: CharsetSource;
  /** The declared encoding when the bytes overruled it. */
  overruled?: string | undefined;
}

/** How far into the page a <meta charset> is looked for; real pages put it after long <script>s. */
const PRESCAN_BYTES = 16 * 1024;

// WHATWG maps these labels to a superset the browser actually uses; pages rely on it.
const LABEL_ALIASES: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'latin-1': 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  'iso-8859-9': 'windows-1254',
  'iso-8859-11': 'windows-874',
  'tis-620': 'windows-874',
  gb2312: 'gb18030',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  'x-sjis': 'shift_jis',
  sjis: 'shift_jis',
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  'x-user-defined': 'windows-1252',
};

/**
 * Normalises a declared label to an encoding iconv-lite can decode, or undefined. `inDocument`
 * marks a label read from the page itself rather than from the HTTP header.
 */
export function normalizeCharset(label: string | undefined | null, inDocument = true): string | undefined {
  if (!label) return undefined;
  let l = label
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, '');
  if (!l) return undefined;
  l = LABEL_ALIASES[l] ?? l;
  // A <meta> cannot truthfully declare UTF-16: it was read as ASCII. The standard says utf-8.
  if (inDocument && (l.startsWith('utf-16') || l === 'unicode')) return 'utf-8';
  return iconv.encodingExists(l) ? l : undefined;
}

function bomCharset(b: Uint8Array): { charset: string; skip: number } | undefined {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { charset: 'utf-8', skip: 3 };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { charset: 'utf-16be', skip: 2 };
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { charset: 'utf-16le', skip: 2 };
  return undefined;
}

/** The charset parameter of a Content-Type header value. */
export function headerCharset(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const m = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType);
  return m ? m[2] : undefined;
}

/** The encoding declared by <meta charset>, <meta http-equiv=Content-Type> or an XML declaration. */
export function metaCharset(head: string): string | undefined {
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml) return xml[1];
  const metaRe = /<meta\b[^>]*>/gi;
  for (let m = metaRe.exec(head); m; m = metaRe.exec(head)) {
    const tag = m[0];
    const direct = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(tag);
    if (direct) {
      // <meta content="text/html; charset=x"> only counts with http-equiv, but pages that
      // forget http-equiv still mean it; browsers disagree, the declaration is what we have.
      return direct[1];
    }
  }
  return undefined;
}

/** The first <html lang> value in the prescan window, used to guess a legacy encoding. */
function htmlLang(head: string): string | undefined {
  const m = /<html\b[^>]*\blang\s*=\s*["']?([a-zA-Z]{2,3})/i.exec(head);
  return m?.[1] ? m[1].toLowerCase() : undefined;
}

const LEGACY_BY_LANG: Record<string, string> = {
  ar: 'windows-1256',
  fa: 'windows-1256',
  ur: 'windows-1256',
  ps: 'windows-1256',
  ru: 'windows-1251',
  uk: 'windows-1251',
  bg: 'windows-1251',
  sr: 'windows-1251',
  mk: 'windows-1251',
  be: 'windows-1251',
  el: 'windows-1253',
  he: 'windows-1255',
  iw: 'windows-1255',
  yi: 'windows-1255',
  tr: 'windows-1254',
  az: 'windows-1254',
  pl: 'windows-1250',
  cs: 'windows-1250',
  sk: 'windows-1250',
  hu: 'windows-1250',
  ro: 'windows-1250',
  hr: 'windows-1250',
  sl: 'windows-1250',
  et: 'windows-1257',
  lv: 'windows-1257',
  lt: 'windows-1257',
  vi: 'windows-1258',
  th: 'windows-874',
  ja: 'shift_jis',
  ko: 'euc-kr',
  zh: 'gb18030',
};

// The most frequent letters of each script, as bytes of its windows code page. Letters of an
// alphabet follow a Zipf-like distribution, so the ten most common cover roughly half the text:
// decoding with the right page makes these bytes dominate the high-byte counts.
const FREQUENT_BYTES: Array<{ charset: string; bytes: number[] }> = [
  // ا ل ي م و ن ر ه ع ب ت ة
  { charset: 'windows-1256', bytes: [0xc7, 0xe1, 0xed, 0xe3, 0xe6, 0xe4, 0xd1, 0xe5, 0xda, 0xc8, 0xca, 0xc9] },
  // о е а и н т с р в л к
  { charset: 'windows-1251', bytes: [0xee, 0xe5, 0xe0, 0xe8, 0xed, 0xf2, 0xf1, 0xf0, 0xe2, 0xeb, 0xea] },
  // α ο ι ε τ ν σ ρ η κ π
  { charset: 'windows-1253', bytes: [0xe1, 0xef, 0xe9, 0xe5, 0xf4, 0xed, 0xf3, 0xf1, 0xe7, 0xea, 0xf0] },
  // י ו ה ל מ א ר ב ת ש נ
  { charset: 'windows-1255', bytes: [0xe9, 0xe5, 0xe4, 0xec, 0xee, 0xe0, 0xf8, 0xe1, 0xfa, 0xf9, 0xf0] },
];

/**
 * Guesses the single-byte code page of bytes that are not UTF-8. Latin-script text has isolated
 * accented letters between ASCII ones; Arabic, Cyrillic, Greek and Hebrew text has whole words
 * of high bytes, and the script is the one whose frequent letters dominate.
 */
export function sniffLegacy(b: Uint8Array, langHint?: string): string {
  const byLang = langHint ? LEGACY_BY_LANG[langHint] : undefined;
  if (byLang) return byLang;
  const counts = new Uint32Array(256);
  let high = 0;
  let highNextToHigh = 0;
  const n = Math.min(b.length, 1 << 20);
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c < 0x80) continue;
    high++;
    counts[c]!++;
    if ((i > 0 && b[i - 1]! >= 0x80) || (i + 1 < n && b[i + 1]! >= 0x80)) highNextToHigh++;
  }
  if (high === 0) return 'windows-1252';
  if (highNextToHigh / high < 0.5) return 'windows-1252';
  let best = 'windows-1252';
  let bestShare = 0.25;
  for (const cand of FREQUENT_BYTES) {
    let s = 0;
    for (const x of cand.bytes) s += counts[x]!;
    const share = s / high;
    if (share > bestShare) {
      bestShare = share;
      best = cand.charset;
    }
  }
  return best;
}

/**
 * Counts well-formed multi-byte UTF-8 sequences and bytes that cannot start or continue one.
 * A UTF-8 page with a few stray bytes (a pasted Latin-1 quote) has many of the first and few of
 * the second; a legacy page has the reverse.
 */
export function utf8Evidence(b: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= n;
    for (let k = 1; ok && k < len; k++) if ((b[i + k]! & 0xc0) !== 0x80) ok = false;
    if (ok) {
      valid++;
      i += len;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

function hasNonAscii(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i]! >= 0x80) return true;
  return false;
}

function toBuffer(b: Uint8Array): Buffer {
  return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

/**
 * Decodes HTML bytes. `contentType` is the HTTP Content-Type header when the page was fetched.
 */
export function decodeHtml(input: Uint8Array, contentType?: string): DecodedHtml {
  const buf = toBuffer(input);
  const bom = bomCharset(buf);
  if (bom) {
    return { text: iconv.decode(buf.subarray(bom.skip), bom.charset), charset: bom.charset, source: 'bom' };
  }
  const head = buf.subarray(0, PRESCAN_BYTES).toString('latin1');
  const fromHeader = normalizeCharset(headerCharset(contentType), false);
  const fromMeta = fromHeader ? undefined : normalizeCharset(metaCharset(head));
  const declared = fromHeader ?? fromMeta;
  const declaredSource: CharsetSource = fromHeader ? 'header' : 'meta';
  const validUtf8 = isUtf8(buf);
  const evidence = validUtf8 ? undefined : utf8Evidence(buf);
  const nonAscii = !validUtf8 || hasNonAscii(buf);

  if (declared === 'utf-8' || declared === undefined) {
    if (validUtf8 || (evidence && evidence.valid > 4 * evidence.invalid)) {
      const source: CharsetSource = declared ? declaredSource : nonAscii ? 'sniffed' : 'default';
      return { text: buf.toString('utf8'), charset: 'utf-8', source };
    }
    const guess = sniffLegacy(buf, htmlLang(head));
    return { text: iconv.decode(buf, guess), charset: guess, source: 'sniffed', overruled: declared };
  }
  // Legacy text almost never forms well-formed multi-byte UTF-8 sequences, so many of them (and
  // few stray bytes) mean UTF-8 whatever the declaration says. UTF-16 is exempt: its ASCII-range
  // text is valid UTF-8 byte for byte.
  const mostlyUtf8 = validUtf8 ? nonAscii : evidence !== undefined && evidence.valid >= 10 && evidence.valid > 4 * evidence.invalid;
  if (mostlyUtf8 && !declared.startsWith('utf-16')) {
    return { text: buf.toString('utf8'), charset: 'utf-8', source: 'sniffed', overruled: declared };
  }
  return { text: iconv.decode(buf, declared), charset: declared, source: declaredSource };
}
