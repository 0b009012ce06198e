// Escaping for re-serialised HTML. Everything we emit goes through these, so the browser's parse
// of our output can only ever see the elements and attributes we chose to write: a `<` that was
// text in the input is text in the output, whatever parser quirk produced it.

import { decodeHTML, decodeHTMLAttribute } from 'entities';
import { replaceCodePoint } from 'entities/decode';

/** Escapes text content: & < > (NUL is dropped, as browsers would). */
export function escapeText(s: string): string {
  // One pass, no regex pre-test: text runs are the bulk of the input, and every special
  // character is at most '>' (62), so one comparison clears almost every character.
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 62) continue;
    let rep: string;
    if (c === 38) rep = '&amp;';
    else if (c === 60) rep = '&lt;';
    else if (c === 62) rep = '&gt;';
    else if (c === 0) rep = '';
    else continue;
    out += s.slice(last, i) + rep;
    last = i + 1;
  }
  return last === 0 ? s : out + s.slice(last);
}

/** Escapes a value for a double-quoted attribute; < and > too, so no later parser can misread it. */
export function escapeAttr(s: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 62) continue;
    let rep: string;
    if (c === 38) rep = '&amp;';
    else if (c === 34) rep = '&quot;';
    else if (c === 39) rep = '&#39;';
    else if (c === 60) rep = '&lt;';
    else if (c === 62) rep = '&gt;';
    else if (c === 0) rep = '';
    else continue;
    out += s.slice(last, i) + rep;
    last = i + 1;
  }
  return last === 0 ? s : out + s.slice(last);
}

// Numeric character references for ordinary characters are written back as the input wrote them
// (`&#38;` stays `&#38;`, not `&amp;`), as Python feedparser does: a browser reads either as the
// same text, and keeping the author's form keeps the output comparable with feedparser's. Only
// references to characters a browser would replace or that are controls (C0/C1, surrogates,
// beyond U+10FFFF) are decoded and re-escaped instead, except that C1 references browsers read as
// windows-1252 (`&#146;`) are written as the character they mean (`&#x2019;`), as feedparser does. Everything else is decoded (named
// references, refs without `;`) and escaped as before.
const NUMERIC_REF = /&#(?:[xX][0-9a-fA-F]+|[0-9]+);/g;

function keptRef(ref: string): string | undefined {
  const hex = (ref.charCodeAt(2) | 0x20) === 120; // x or X
  const digits = ref.slice(hex ? 3 : 2, -1);
  if (digits.length > 8) return undefined;
  const cp = parseInt(digits, hex ? 16 : 10);
  if (cp >= 0x80 && cp <= 0x9f) {
    const meant = replaceCodePoint(cp);
    return meant === cp ? undefined : `&#x${meant.toString(16)};`;
  }
  if (cp < 0x20 ? cp !== 9 && cp !== 10 : (cp >= 0x7f && cp <= 0x9f) || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) {
    return undefined;
  }
  return hex ? ref.toLowerCase() : ref;
}

function rewrite(raw: string, decode: (s: string) => string, encode: (s: string) => string): string {
  let out = '';
  let last = 0;
  NUMERIC_REF.lastIndex = 0;
  for (let m = NUMERIC_REF.exec(raw); m !== null; m = NUMERIC_REF.exec(raw)) {
    const kept = keptRef(m[0]);
    if (kept === undefined) continue;
    if (m.index > last) out += encode(decode(raw.slice(last, m.index)));
    out += kept;
    last = m.index + m[0].length;
  }
  if (last === 0) return encode(decode(raw));
  return last < raw.length ? out + encode(decode(raw.slice(last))) : out;
}

const decodeText = (s: string): string => (s.indexOf('&') === -1 ? s : decodeHTML(s));
const decodeAttr = (s: string): string => (s.indexOf('&') === -1 ? s : decodeHTMLAttribute(s));

/** Text as found in markup (references not yet decoded) → escaped text; see NUMERIC_REF above. */
export function escapeMarkupText(raw: string): string {
  return raw.indexOf('&') === -1 ? escapeText(raw) : rewrite(raw, decodeText, escapeText);
}

/** An attribute value as found in markup → escaped for a double-quoted attribute; see above. */
export function escapeMarkupAttr(raw: string): string {
  return raw.indexOf('&') === -1 ? escapeAttr(raw) : rewrite(raw, decodeAttr, escapeAttr);
}

/** The value a browser reads from an attribute value as found in markup. */
export function decodeMarkupAttr(raw: string): string {
  return decodeAttr(raw);
}
