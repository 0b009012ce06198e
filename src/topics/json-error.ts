// Node's JSON.parse says what is wrong but not where (Node 20 gives no position), and a YAML
// parser reading broken JSON reports YAML indentation errors. This small validator finds the
// offset of the first JSON syntax error so the message can give a line and column.

import { fill } from '../locale/index.js';
import { JSON_SYNTAX_EN, type JsonSyntaxKind } from './issues.js';

export interface JsonSyntaxProblem {
  offset: number;
  /** What is wrong (issues.ts JSON_SYNTAX_EN) and the character found, quoted, where it matters. */
  kind: JsonSyntaxKind;
  found?: string;
  /** The English sentence. */
  message: string;
}

/**
 * Lists and objects nested deeper than this are refused. A topics file nests five or six levels;
 * the checker (and the YAML reader after it) recurse once per level, so a file of 100,000 `[`
 * (200 kB) overflowed the stack: a RangeError escaped the topics reader, and a server starting
 * or reloading (SIGHUP) with such a file crashed or failed without saying where.
 */
export const MAX_JSON_DEPTH = 100;

/** A JSON number, true, false or null, at lastIndex. */
const SCALAR = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

export function findJsonError(src: string): JsonSyntaxProblem | null {
  let i = 0;
  const ws = (): void => {
    while (i < src.length && (src[i] === ' ' || src[i] === '\t' || src[i] === '\n' || src[i] === '\r')) i++;
  };
  const problem = (kind: JsonSyntaxKind): JsonSyntaxProblem => ({ offset: i, kind, message: JSON_SYNTAX_EN[kind] });
  /** A problem about the character at i; running out of text is its own problem. */
  const unexpected = (kind: JsonSyntaxKind): JsonSyntaxProblem => {
    if (i >= src.length) return problem('endOfFile');
    const found = JSON.stringify(src[i]);
    return { offset: i, kind, found, message: fill(JSON_SYNTAX_EN[kind], { found }) };
  };

  let depth = 0;
  function value(): JsonSyntaxProblem | null {
    ws();
    const c = src[i];
    if ((c === '{' || c === '[') && depth >= MAX_JSON_DEPTH) return problem('tooDeep');
    depth++;
    const v = nested(c);
    depth--;
    return v;
  }

  function nested(c: string | undefined): JsonSyntaxProblem | null {
    if (c === '{') {
      i++;
      ws();
      if (src[i] === '}') {
        i++;
        return null;
      }
      for (;;) {
        ws();
        if (src[i] !== '"') return unexpected('propertyName');
        const s = string();
        if (s) return s;
        ws();
        if (src[i] !== ':') return unexpected('colon');
        i++;
        const v = value();
        if (v) return v;
        ws();
        if (src[i] === ',') {
          i++;
          continue;
        }
        if (src[i] === '}') {
          i++;
          return null;
        }
        return unexpected('objectSeparator');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (src[i] === ']') {
        i++;
        return null;
      }
      for (;;) {
        const v = value();
        if (v) return v;
        ws();
        if (src[i] === ',') {
          i++;
          continue;
        }
        if (src[i] === ']') {
          i++;
          return null;
        }
        return unexpected('listSeparator');
      }
    }
    if (c === '"') return string();
    // Matched in place (sticky), so a number of any length is read whole.
    SCALAR.lastIndex = i;
    const m = SCALAR.exec(src);
    if (m) {
      i += m[0].length;
      return null;
    }
    return unexpected('value');
  }

  function string(): JsonSyntaxProblem | null {
    i++;
    while (i < src.length) {
      const c = src[i];
      if (c === '"') {
        i++;
        return null;
      }
      if (c === '\\') {
        const e = src[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) return problem('unicodeEscape');
          i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) return problem('escape');
        i += 2;
        continue;
      }
      if (c !== undefined && c.charCodeAt(0) < 0x20) return problem('controlCharacter');
      i++;
    }
    return problem('unterminatedString');
  }

  if (src.charCodeAt(0) === 0xfeff) i = 1;
  const v = value();
  if (v) return v;
  ws();
  if (i < src.length) return unexpected('trailing');
  return null;
}
