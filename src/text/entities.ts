// Character and entity references in feed text. Feeds routinely use HTML's named entities
// (`&eacute;`, `&nbsp;`) without declaring them; we resolve them like a browser would, but the
// caller learns that the document was not well-formed XML.
import { decodeHTMLStrict } from 'entities';

export const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

// Windows-1252 code points that show up as C1 controls when text was mislabelled iso-8859-1.
const CP1252: Record<number, number> = {
  0x80: 0x20ac,
  0x82: 0x201a,
  0x83: 0x0192,
  0x84: 0x201e,
  0x85: 0x2026,
  0x86: 0x2020,
  0x87: 0x2021,
  0x88: 0x02c6,
  0x89: 0x2030,
  0x8a: 0x0160,
  0x8b: 0x2039,
  0x8c: 0x0152,
  0x8e: 0x017d,
  0x91: 0x2018,
  0x92: 0x2019,
  0x93: 0x201c,
  0x94: 0x201d,
  0x95: 0x2022,
  0x96: 0x2013,
  0x97: 0x2014,
  0x98: 0x02dc,
  0x99: 0x2122,
  0x9a: 0x0161,
  0x9b: 0x203a,
  0x9c: 0x0153,
  0x9e: 0x017e,
  0x9f: 0x0178,
};

/** Maps C1 control characters to the windows-1252 characters their authors meant. */
export function fixCp1252(s: string): string {
  if (!/[\x80-\x9f]/.test(s)) return s;
  return s.replace(/[\x80-\x9f]/g, (c) => {
    const cp = CP1252[c.charCodeAt(0)];
    return cp ? String.fromCharCode(cp) : c;
  });
}

/** The character for a numeric reference body (`#233`, `#xE9`), or undefined when invalid. */
export function numericReference(body: string): string | undefined {
  const hex = body[1] === 'x' || body[1] === 'X';
  const cp = hex ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
  if (!Number.isFinite(cp) || cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
  if (cp === 0) return undefined;
  return String.fromCodePoint(cp);
}

// Feeds predate HTML5, which re-pointed these two names at other angle brackets.
const HTML4_DIFFERENCES: Record<string, string> = { lang: '\u2329', rang: '\u232a' };

const named = new Map<string, string | null>();

/** The text of an HTML named entity (`eacute` → `é`), or undefined when HTML has no such name. */
export function htmlNamedEntity(name: string): string | undefined {
  let v = named.get(name);
  if (v === undefined && name in HTML4_DIFFERENCES) return HTML4_DIFFERENCES[name];
  if (v === undefined) {
    const ref = `&${name};`;
    const out = decodeHTMLStrict(ref);
    v = out === ref ? null : out;
    named.set(name, v);
  }
  return v ?? undefined;
}

/** Decodes every `&name;`/`&#n;` reference HTML knows; unknown names stay as written. */
export function decodeHtmlEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);/g, (whole, body: string) => {
    if (body[0] === '#') return numericReference(body) ?? whole;
    return XML_ENTITIES[body] ?? htmlNamedEntity(body) ?? whole;
  });
}
