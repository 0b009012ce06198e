// Character-set detection and decoding for feed documents.
// Precedence follows RFC 3023 as liberal feed readers apply it: the HTTP Content-Type charset,
// then (for application/*xml types or no HTTP context) the XML declaration, with a byte-order
// mark or UTF-16/32 layout deciding how to read that declaration at all. When the chosen
// charset cannot decode the bytes we fall back to the declaration, the BOM, UTF-8, windows-1252
// and iso-8859-2, and say so (the caller flags the document as suspect).
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { guessEncoding } from './encoding-detect.js';

const GUESS = '\u0000guess';

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

/** Splits a Content-Type header into its media type and charset parameter. */
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

function sniffBom(b: Uint8Array): { encoding: string; skip: number } {
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

const META_CHARSET = /<meta\s[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i;
const XML_DECL_ENCODING = /^<\?[^>]*?encoding\s*=\s*['"]([^'"]*)['"][^>]*\?>/;

/** The encoding named by a leading XML declaration, read from an ASCII-compatible head. */
function declaredEncoding(head: string): string {
  const m = XML_DECL_ENCODING.exec(head);
  return m?.[1] ? m[1].trim().toLowerCase() : '';
}

/** Normalises names iconv-lite or WHATWG do not know under the spelling feeds use. */
function codecName(name: string): string {
  const n = name.toLowerCase();
  if (n === 'gb2312') return 'gb18030';
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
    for (let i = 0; i < bytes.length; i++) if (bytes[i]! > 0x7f) return undefined;
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  }
  if (enc === 'utf-8') {
    // Validating natively and then converting is much faster than a fatal TextDecoder.
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
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
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), enc, { stripBOM: false });
  // iconv-lite replaces what it cannot decode; a replacement character that the bytes did not
  // spell out as such means the charset is wrong for these bytes.
  if (text.includes('\ufffd')) return undefined;
  return text;
}

const XML_TYPES = new Set(['application/xml', 'application/xml-dtd', 'application/xml-external-parsed-entity']);
const TEXT_XML_TYPES = new Set(['text/xml', 'text/xml-external-parsed-entity']);
const JSON_TYPES = new Set(['application/feed+json', 'application/json']);

/**
 * Picks the document's encoding and decodes it. `headers` are HTTP response headers with
 * lower-case names; pass undefined for a local file (no HTTP context).
 */
export function decodeDocument(input: Uint8Array, headers?: Record<string, string>): DecodedText {
  const bom = sniffBom(input);
  const data = bom.skip ? input.subarray(bom.skip) : input;

  // Read the declaration in whatever layout the first bytes announce.
  let xmlEncoding = '';
  const headBytes = data.subarray(0, 1024);
  const head =
    bom.encoding && bom.encoding !== 'utf-8'
      ? decodeStrict(headBytes.subarray(0, headBytes.length - (headBytes.length % 4)), bom.encoding)
      : Buffer.from(headBytes).toString('latin1');
  let metaEncoding = '';
  if (head !== undefined) {
    xmlEncoding = declaredEncoding(head);
    if (bom.encoding && UTF16_NAMES.has(xmlEncoding)) xmlEncoding = bom.encoding;
    // Last in precedence: an HTML <meta> charset (feeds saved from browsers, XHTML-ish feeds).
    if (!xmlEncoding) metaEncoding = META_CHARSET.exec(head)?.[1]?.toLowerCase() ?? '';
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
  if (declared === 'gb2312') declared = 'gb18030';
  if (xmlEncoding === 'gb2312') xmlEncoding = 'gb18030';

  let problem: string | undefined;
  if (hasHttp && !acceptable) {
    problem = contentTypeHeader !== undefined ? `${contentTypeHeader} is not a feed media type` : 'no Content-Type given';
  }

  const tried = new Set<string>();
  // A meta charset stands in for the missing XML declaration (never against HTTP's own say).
  if (!httpCharset && !mediaType.startsWith('text/') && !xmlEncoding && metaEncoding && !bom.encoding)
    declared = metaEncoding === 'gb2312' ? 'gb18030' : metaEncoding;
  for (const candidate of [declared, xmlEncoding, metaEncoding, bom.encoding, GUESS, 'utf-8', 'windows-1252', 'iso-8859-2']) {
    let name = candidate;
    let codec = candidate;
    if (candidate === GUESS) {
      // Nothing declared and the default failed: look at the bytes themselves.
      if (xmlEncoding || metaEncoding || bom.encoding || httpCharset) continue;
      const guess = guessEncoding(data, decodeStrict);
      if (!guess) continue;
      name = guess.name;
      codec = guess.codec;
    }
    if (!name || tried.has(name)) continue;
    tried.add(name);
    const text = decodeStrict(data, codec);
    if (text === undefined) continue;
    const used = name;
    if (used !== declared) {
      problem = `document declared as ${declared}, but parsed as ${used}`;
    }
    return { text, encoding: used, problem, mediaType, json };
  }
  return {
    text: Buffer.from(data).toString('latin1'),
    encoding: '',
    problem: `document encoding unknown: tried ${[...tried].join(', ')} and none could decode it`,
    mediaType,
    json,
  };
}

function firstNonSpace(b: Uint8Array): number {
  for (let i = 0; i < b.length && i < 4096; i++) {
    const c = b[i]!;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return c;
  }
  return -1;
}
