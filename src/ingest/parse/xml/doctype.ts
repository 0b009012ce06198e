// The document type declaration, taken out before tokenising. Only internal entities whose
// value is plain text (or one character reference) are kept; anything that refers to other
// entities (the "billion laughs" shape) or to an external resource (XXE) is never expanded and
// never fetched: references to it stay as written and the document is flagged.

export interface Doctype {
  /** The text with the declaration removed. */
  text: string;
  /** Safe internal entities: name → replacement text. */
  entities: Map<string, string>;
  /** Names declared but refused (external or recursive), for the bozo reason. */
  refused: Set<string>;
  /** The declaration mentions Netscape's RSS 0.91 DTD. */
  netscape: boolean;
  /** The declaration itself, when there was one. */
  raw?: string;
}

const ENTITY_DECL = /<!ENTITY\s+(%\s*)?([A-Za-z_:][\w.:-]*)\s+("([^"]*)"|'([^']*)'|(SYSTEM|PUBLIC)\b[^>]*)\s*>/g;
const MAX_ENTITY_VALUE = 4096;

export function extractDoctype(text: string): Doctype {
  const none: Doctype = { text, entities: new Map(), refused: new Set(), netscape: false };
  // Only look in the prolog: before the first element.
  let i = 0;
  for (;;) {
    const lt = text.indexOf('<', i);
    if (lt < 0) return none;
    const next = text.charCodeAt(lt + 1);
    if (next === 0x3f /* ? */) {
      const end = text.indexOf('?>', lt + 2);
      if (end < 0) return none;
      i = end + 2;
      continue;
    }
    if (next !== 0x21 /* ! */) return none;
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end < 0) return none;
      i = end + 3;
      continue;
    }
    if (text.slice(lt + 2, lt + 9).toUpperCase() !== 'DOCTYPE') return none;
    const end = doctypeEnd(text, lt);
    const raw = text.slice(lt, end);
    const entities = new Map<string, string>();
    const refused = new Set<string>();
    for (const m of raw.matchAll(ENTITY_DECL)) {
      const name = m[2]!;
      if (m[1]) continue; // parameter entities are never used for content
      const value = m[4] ?? m[5];
      if (value === undefined || value.length > MAX_ENTITY_VALUE || value.includes('<') || value.includes('%')) {
        refused.add(name);
      } else if (value.includes('&') && !/^&#(x[0-9a-fA-F]+|[0-9]+);$/.test(value)) {
        refused.add(name);
      } else {
        entities.set(name, value);
      }
    }
    return {
      text: text.slice(0, lt) + text.slice(end),
      entities,
      refused,
      netscape: /netscape/i.test(raw),
      raw,
    };
  }
}

/** Index just past the declaration's closing `>`, skipping a bracketed internal subset. */
function doctypeEnd(text: string, start: number): number {
  let inSubset = false;
  let quote = 0;
  for (let j = start + 9; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) {
      quote = c;
    } else if (c === 0x5b /* [ */) {
      inSubset = true;
    } else if (c === 0x5d /* ] */) {
      inSubset = false;
    } else if (c === 0x3e /* > */ && !inSubset) {
      return j + 1;
    }
  }
  return text.length;
}
