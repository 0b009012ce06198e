// The one decoder of bytes into text, for feeds (and OPML) and for HTML pages alike. Each kind
// keeps the precedence its standard gives the evidence, and both share what comes after it:
//
//  - feeds follow RFC 3023 as liberal feed readers (Python feedparser) apply it: the HTTP
//    Content-Type charset (with `text/*` types defaulting to US-ASCII), then for
//    `application/*xml` types or no HTTP context the XML declaration, read in whatever layout a
//    byte-order mark or UTF-16/32 pattern announces, then an HTML <meta charset>;
//  - HTML pages follow the WHATWG Encoding Standard: byte-order mark, HTTP charset, then
//    <meta charset> or <meta http-equiv> in the first bytes, labels mapped as browsers map them.
//
// A declaration is then checked against the bytes, because real publishers get it wrong both
// ways. Valid multi-byte UTF-8 is overwhelming evidence for UTF-8 whatever is declared (legacy
// text almost never forms it), and bytes that are not valid UTF-8 cannot be UTF-8. Bytes that
// are mostly UTF-8 with a few stray legacy bytes (a Latin-1 quote pasted into a UTF-8 page) are
// read as UTF-8 with those bytes taken as windows-1252. What declares nothing usable and is not
// UTF-8 goes to the one legacy-charset detector (encoding-detect.ts), so an undeclared text gets
// the same answer as a feed or as a page. Every departure from a declaration is reported.
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { detectLegacyCharsets } from './encoding-detect.js';

function toBuffer(b: Uint8Array): Buffer {
  return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

function hasNonAscii(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i]! >= 0x80) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------
// UTF-8 evidence

/**
 * Counts well-formed multi-byte UTF-8 sequences and bytes that cannot start or continue one.
 * A UTF-8 document with a few stray bytes (a pasted Latin-1 quote) has many of the first and few
 * of the second; a legacy document has the reverse (its high bytes pair up only by chance).
 */
export function utf8Evidence(b: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  const n = b.length;
  let i = 0;
  while (i < n) {
    const len = utf8SequenceLength(b, i);
    if (len === 1) i++;
    else if (len > 1) {
      valid++;
      i += len;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

/** Length of the well-formed UTF-8 sequence at `i` (1 for ASCII), or 0 when none starts there. */
function utf8SequenceLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (len === 0 || i + len > b.length) return 0;
  const c1 = b[i + 1]!;
  // The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
  const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
  const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
  if (c1 < lo || c1 > hi) return 0;
  for (let k = 2; k < len; k++) if ((b[i + k]! & 0xc0) !== 0x80) return 0;
  return len;
}

/**
 * Mostly UTF-8: well-formed sequences outnumber stray bytes `ratio` to one (and there are at
 * least `minValid`). Legacy text forms valid sequences only by chance: none to a few in
 * single-byte text, about one for every three stray bytes in GBK or Big5, whose trail bytes
 * overlap UTF-8's continuation range.
 */
function mostlyUtf8(e: { valid: number; invalid: number }, ratio: number, minValid: number): boolean {
  return e.valid >= minValid && e.valid > ratio * e.invalid;
}

/**
 * Decodes UTF-8 in which some bytes are not UTF-8, reading each stray byte as windows-1252 (the
 * charset such runs almost always come from); the five bytes windows-1252 leaves undefined
 * become U+FFFD.
 */
export function decodeMixedUtf8(input: Uint8Array): { text: string; stray: number } {
  const b = toBuffer(input);
  let text = '';
  let stray = 0;
  let runStart = 0;
  let i = 0;
  while (i < b.length) {
    const len = utf8SequenceLength(b, i);
    if (len > 0) {
      i += len;
      continue;
    }
    text += b.toString('utf8', runStart, i);
    const single = iconv.decode(b.subarray(i, i + 1), 'windows-1252');
    text += single;
    stray++;
    i++;
    runStart = i;
  }
  return { text: text + b.toString('utf8', runStart), stray };
}

// ---------------------------------------------------------------------------------------------
// Labels, strict decoding

/** Splits a Content-Type header into its media type and charset parameter (both lower-case). */
export function parseContentType(header: string): { mediaType: string; charset: string } {
  const parts = header.split(';');
  const mediaType = (parts[0] ?? '').trim().toLowerCase();
  let charset = '';
  for (const part of parts.slice(1)) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim().toLowerCase() === 'charset') {
      charset = part
        .slice(eq + 1)
        .trim()
        .replace(/^["']+|["']+$/g, '')
        .trim()
        .toLowerCase();
    }
  }
  return { mediaType, charset };
}

/** Normalises names iconv-lite does not know under the spelling documents use. */
function codecName(name: string): string {
  const n = name.toLowerCase();
  if (n === 'gb2312' || n === 'gbk' || n === 'x-gbk') return 'gb18030';
  if (n === 'u16' || n === 'utf_16') return 'utf-16';
  if (n === 'u32' || n === 'utf_32') return 'utf-32';
  if (n === 'utf8') return 'utf-8';
  return n;
}

const ASCII_NAMES = new Set(['us-ascii', 'ascii', 'ansi_x3.4-1968', 'iso646-us', 'us']);

/** Decodes strictly: undefined for bytes the charset cannot represent. */
export function decodeStrict(bytes: Uint8Array, name: string): string | undefined {
  const enc = codecName(name);
  if (ASCII_NAMES.has(enc)) {
    if (hasNonAscii(bytes)) return undefined;
    return toBuffer(bytes).toString('latin1');
  }
  if (enc === 'utf-8') {
    // Validating natively and then converting is much faster than a fatal TextDecoder.
    const buf = toBuffer(bytes);
    return isUtf8(buf) ? buf.toString('utf8') : undefined;
  }
  if (enc === 'cp037' || !iconv.encodingExists(enc)) return undefined;
  if (enc === 'windows-1252' || enc === 'cp1252') {
    // Five bytes have no character in windows-1252; text holding them is in another charset.
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      if (b === 0x81 || b === 0x8d || b === 0x8f || b === 0x90 || b === 0x9d) return undefined;
    }
  }
  const text = iconv.decode(toBuffer(bytes), enc, { stripBOM: false });
  // iconv-lite replaces what it cannot decode; a replacement character that the bytes did not
  // spell out as such means the charset is wrong for these bytes.
  if (text.includes('\ufffd')) return undefined;
  return text;
}

const UNICODE_FAMILY = /^(utf-?(8|16|32)|ucs-|iso-10646|unicode|csunicode|csucs4|u16|u32)/;

// ---------------------------------------------------------------------------------------------
// The shared path for bytes whose declaration is missing or does not fit them

/** How text that declared no usable charset was read. */
export interface UndeclaredText {
  text: string;
  /** Lower-case name of the charset used. */
  charset: string;
  /** utf-8: valid UTF-8; mixed: UTF-8 with stray windows-1252 bytes; detected: the detector's pick. */
  how: 'utf-8' | 'mixed' | 'detected' | 'fallback';
  /** For `mixed`, how many bytes were not UTF-8. */
  stray?: number;
}

/**
 * Reads bytes whose charset is not (reliably) declared: UTF-8 when they are UTF-8, UTF-8 with
 * stray bytes when they mostly are, else the legacy charset the detector finds most likely that
 * decodes them cleanly, else windows-1252.
 */
export function readUndeclared(input: Uint8Array): UndeclaredText {
  const b = toBuffer(input);
  if (isUtf8(b)) return { text: b.toString('utf8'), charset: 'utf-8', how: 'utf-8' };
  if (mostlyUtf8(utf8Evidence(b), 2, 1)) {
    const { text, stray } = decodeMixedUtf8(b);
    return { text, charset: 'utf-8', how: 'mixed', stray };
  }
  for (const charset of detectLegacyCharsets(b)) {
    const text = decodeNearly(b, charset);
    if (text !== undefined) return { text, charset, how: 'detected' };
  }
  return { text: iconv.decode(b, 'windows-1252'), charset: 'windows-1252', how: 'fallback' };
}

/**
 * A multi-byte charset's decoding may hold this many undecodable characters per non-ASCII
 * character and still be the right reading: a page cut off inside its last character (fetchers
 * cap the bytes they read), or one broken character pasted into it, leaves one or two. The
 * wrong reading of legacy text in a multi-byte charset breaks about every other word.
 */
const NEARLY_CLEAN_SHARE = 0.01;

/**
 * `bytes` decoded in `charset` when they are that charset's text: cleanly, or, for a multi-byte
 * charset (GB18030, Big5, Shift_JIS, EUC-JP, EUC-KR), with at most NEARLY_CLEAN_SHARE of its
 * non-ASCII characters undecodable. Strictly, one stray byte in an undeclared Chinese page made
 * every CJK charset fail, and the page was read in the next single-byte charset the detector
 * named, every character of it garbled.
 */
function decodeNearly(bytes: Buffer, charset: string): string | undefined {
  const strict = decodeStrict(bytes, charset);
  if (strict !== undefined || !MULTI_BYTE.has(codecName(charset))) return strict;
  const text = iconv.decode(bytes, codecName(charset), { stripBOM: false });
  let bad = 0;
  let nonAscii = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) bad++;
    else if (c > 0x7f) nonAscii++;
  }
  return bad <= nonAscii * NEARLY_CLEAN_SHARE ? text : undefined;
}

const MULTI_BYTE = new Set(['gb18030', 'gbk', 'big5', 'shift_jis', 'euc-jp', 'euc-kr']);

/**
 * UTF-8 read from bytes that declare a legacy charset but are UTF-8 — valid, with non-ASCII text
 * (legacy text does not form valid multi-byte UTF-8 by chance) or with many well-formed
 * sequences and a few stray bytes — or undefined when the declaration may stand.
 */
function utf8OverLegacy(b: Buffer): { text: string; stray: number } | undefined {
  if (isUtf8(b)) return hasNonAscii(b) ? { text: b.toString('utf8'), stray: 0 } : undefined;
  return mostlyUtf8(utf8Evidence(b), 4, 10) ? decodeMixedUtf8(b) : undefined;
}

function undeclaredProblem(u: UndeclaredText, declared: string | undefined): string {
  if (u.how === 'mixed') {
    return `document is UTF-8 but ${u.stray} byte${u.stray === 1 ? ' is' : 's are'} not; read as windows-1252`;
  }
  if (declared) return `document declared as ${declared}, but parsed as ${u.charset}`;
  return `document declares no encoding and is not UTF-8; its text reads as ${u.charset}`;
}

// ---------------------------------------------------------------------------------------------
// Feeds (and other XML): RFC 3023

export interface DecodedText {
  text: string;
  /** Lower-case name of the encoding actually used ('' when nothing worked). */
  encoding: string;
  /** Why the result is suspect (wrong or missing declaration, unacceptable media type). */
  problem?: string | undefined;
  /** The media type from Content-Type, lower-case, without parameters ('' when absent). */
  mediaType: string;
  /** The body is JSON (by media type or, with no media type, by its first character). */
  json: boolean;
}

const UTF16_NAMES = new Set([
  'u16',
  'utf-16',
  'utf16',
  'utf_16',
  'u32',
  'utf-32',
  'utf32',
  'utf_32',
  'iso-10646-ucs-2',
  'iso-10646-ucs-4',
  'csucs4',
  'csunicode',
  'ucs-2',
  'ucs-4',
]);

/** A byte-order mark, or the UTF-16/32 (or EBCDIC) layout of a leading `<?`. */
function sniffXmlBom(b: Uint8Array): { encoding: string; skip: number } {
  const b0 = b[0],
    b1 = b[1],
    b2 = b[2],
    b3 = b[3];
  if (b0 === 0x00 && b1 === 0x00 && b2 === 0xfe && b3 === 0xff) return { encoding: 'utf-32be', skip: 4 };
  if (b0 === 0xff && b1 === 0xfe && b2 === 0x00 && b3 === 0x00) return { encoding: 'utf-32le', skip: 4 };
  if (b0 === 0xfe && b1 === 0xff && !(b2 === 0 && b3 === 0)) return { encoding: 'utf-16be', skip: 2 };
  if (b0 === 0xff && b1 === 0xfe && !(b2 === 0 && b3 === 0)) return { encoding: 'utf-16le', skip: 2 };
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (b0 === 0x4c && b1 === 0x6f && b2 === 0xa7 && b3 === 0x94) return { encoding: 'cp037', skip: 0 };
  if (b0 === 0x00 && b1 === 0x3c && b2 === 0x00 && b3 === 0x3f) return { encoding: 'utf-16be', skip: 0 };
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x3f && b3 === 0x00) return { encoding: 'utf-16le', skip: 0 };
  if (b0 === 0x00 && b1 === 0x00 && b2 === 0x00 && b3 === 0x3c) return { encoding: 'utf-32be', skip: 0 };
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x00 && b3 === 0x00) return { encoding: 'utf-32le', skip: 0 };
  return { encoding: '', skip: 0 };
}

const XML_META_CHARSET = /<meta\s[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i;
const XML_DECL_ENCODING = /^<\?[^>]*?encoding\s*=\s*['"]([^'"]*)['"][^>]*\?>/;

const XML_TYPES = new Set(['application/xml', 'application/xml-dtd', 'application/xml-external-parsed-entity']);
const TEXT_XML_TYPES = new Set(['text/xml', 'text/xml-external-parsed-entity']);
const JSON_TYPES = new Set(['application/feed+json', 'application/json']);

function firstNonSpace(b: Uint8Array): number {
  for (let i = 0; i < b.length && i < 4096; i++) {
    const c = b[i]!;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return c;
  }
  return -1;
}

/**
 * Picks a feed document's encoding and decodes it. `headers` are HTTP response headers with
 * lower-case names; pass undefined for a local file (no HTTP context).
 */
export function decodeDocument(input: Uint8Array, headers?: Record<string, string>): DecodedText {
  const bom = sniffXmlBom(input);
  const data = bom.skip ? input.subarray(bom.skip) : input;

  // Read the declaration in whatever layout the first bytes announce.
  let xmlEncoding = '';
  const headBytes = data.subarray(0, 1024);
  const head =
    bom.encoding && bom.encoding !== 'utf-8'
      ? decodeStrict(headBytes.subarray(0, headBytes.length - (headBytes.length % 4)), bom.encoding)
      : toBuffer(headBytes).toString('latin1');
  let metaEncoding = '';
  if (head !== undefined) {
    xmlEncoding = XML_DECL_ENCODING.exec(head)?.[1]?.trim().toLowerCase() ?? '';
    if (bom.encoding && UTF16_NAMES.has(xmlEncoding)) xmlEncoding = bom.encoding;
    // Last in precedence: an HTML <meta> charset (feeds saved from browsers, XHTML-ish feeds).
    if (!xmlEncoding) metaEncoding = XML_META_CHARSET.exec(head)?.[1]?.toLowerCase() ?? '';
  }

  const hasHttp = headers !== undefined && Object.keys(headers).length > 0;
  const contentTypeHeader = headers?.['content-type'];
  const { mediaType, charset: httpCharset } = parseContentType(contentTypeHeader ?? '');
  let acceptable = false;
  let json = false;
  let declared: string;
  if (XML_TYPES.has(mediaType) || (mediaType.startsWith('application/') && mediaType.endsWith('+xml'))) {
    acceptable = true;
    declared = httpCharset || xmlEncoding || 'utf-8';
  } else if (TEXT_XML_TYPES.has(mediaType) || (mediaType.startsWith('text/') && mediaType.endsWith('+xml'))) {
    acceptable = true;
    declared = httpCharset || 'us-ascii';
  } else if (JSON_TYPES.has(mediaType) || (!mediaType && firstNonSpace(data) === 0x7b)) {
    acceptable = true;
    json = true;
    declared = httpCharset || 'utf-8';
  } else if (mediaType.startsWith('text/')) {
    declared = httpCharset || 'us-ascii';
  } else if (hasHttp && contentTypeHeader === undefined) {
    declared = xmlEncoding || 'iso-8859-1';
  } else {
    declared = xmlEncoding || 'utf-8';
  }
  // A meta charset stands in for the missing XML declaration (never against HTTP's own say).
  if (!httpCharset && !mediaType.startsWith('text/') && !xmlEncoding && metaEncoding && !bom.encoding) declared = metaEncoding;
  declared = codecName(declared);
  if (xmlEncoding) xmlEncoding = codecName(xmlEncoding);
  // Whether anything in or about the document named a charset (the defaults above do not).
  const named = httpCharset || xmlEncoding || metaEncoding || bom.encoding;

  let problem: string | undefined;
  if (hasHttp && !acceptable) {
    problem = contentTypeHeader !== undefined ? `${contentTypeHeader} is not a feed media type` : 'no Content-Type given';
  }
  const result = (text: string, encoding: string, why?: string): DecodedText => ({
    text,
    encoding,
    problem: why ?? problem,
    mediaType,
    json,
  });

  // A legacy declaration over bytes that are UTF-8 is wrong.
  const utf8 = bom.encoding || UNICODE_FAMILY.test(declared) ? undefined : utf8OverLegacy(toBuffer(data));
  if (utf8) {
    const stray = utf8.stray ? ` (${utf8.stray} stray byte${utf8.stray === 1 ? '' : 's'} read as windows-1252)` : '';
    return result(utf8.text, 'utf-8', `document declared as ${declared}, but parsed as utf-8${stray}`);
  }

  const tried = new Set<string>();
  for (const candidate of [declared, xmlEncoding, metaEncoding, bom.encoding]) {
    const name = codecName(candidate);
    if (!name || tried.has(name)) continue;
    tried.add(name);
    const text = decodeStrict(data, name);
    if (text === undefined) continue;
    return result(text, name, name === declared ? undefined : `document declared as ${declared}, but parsed as ${name}`);
  }
  // Nothing declared fits: read the bytes for what they are.
  const u = readUndeclared(data);
  return result(u.text, u.charset, undeclaredProblem(u, named ? declared : undefined));
}

// ---------------------------------------------------------------------------------------------
// HTML pages: WHATWG

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

function htmlBom(b: Uint8Array): { charset: string; skip: number } | undefined {
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
    // <meta content="text/html; charset=x"> only counts with http-equiv, but pages that forget
    // http-equiv still mean it; browsers disagree, the declaration is what we have.
    const direct = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(m[0]);
    if (direct) return direct[1];
  }
  return undefined;
}

/** Decodes HTML bytes. `contentType` is the HTTP Content-Type header when the page was fetched. */
export function decodeHtml(input: Uint8Array, contentType?: string): DecodedHtml {
  const buf = toBuffer(input);
  const bom = htmlBom(buf);
  if (bom) {
    return { text: iconv.decode(buf.subarray(bom.skip), bom.charset), charset: bom.charset, source: 'bom' };
  }
  const fromHeader = normalizeCharset(headerCharset(contentType), false);
  const fromMeta = fromHeader ? undefined : normalizeCharset(metaCharset(buf.subarray(0, PRESCAN_BYTES).toString('latin1')));
  const declared = fromHeader ?? fromMeta;
  const declaredSource: CharsetSource = fromHeader ? 'header' : 'meta';

  if (declared === 'utf-8' || declared === undefined) {
    const u = readUndeclared(buf);
    if (u.charset === 'utf-8') {
      const source: CharsetSource = declared ? declaredSource : hasNonAscii(buf) ? 'sniffed' : 'default';
      return { text: u.text, charset: 'utf-8', source };
    }
    return { text: u.text, charset: u.charset, source: 'sniffed', overruled: declared };
  }
  // A legacy declaration over UTF-8 bytes loses to them. UTF-16 is exempt: its ASCII-range text
  // is valid UTF-8 byte for byte.
  const utf8 = declared.startsWith('utf-16') ? undefined : utf8OverLegacy(buf);
  if (utf8) return { text: utf8.text, charset: 'utf-8', source: 'sniffed', overruled: declared };
  return { text: iconv.decode(buf, declared), charset: declared, source: declaredSource };
}
