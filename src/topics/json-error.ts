// Node's JSON.parse says what is wrong but not where (Node 20 gives no position), and a YAML
// parser reading broken JSON reports YAML indentation errors. This small validator finds the
// offset of the first JSON syntax error so the message can give a line and column.

export interface JsonSyntaxProblem {
  offset: number;
  message: string;
}

/** A JSON number, true, false or null, at lastIndex. */
const SCALAR = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

export function findJsonError(src: string): JsonSyntaxProblem | null {
  let i = 0;
  const ws = (): void => {
    while (i < src.length && (src[i] === ' ' || src[i] === '\t' || src[i] === '\n' || src[i] === '\r')) i++;
  };
  const problem = (message: string): JsonSyntaxProblem => ({ offset: i, message });
  const found = (): string => (i >= src.length ? 'end of file' : JSON.stringify(src[i]));

  function value(): JsonSyntaxProblem | null {
    ws();
    const c = src[i];
    if (c === '{') {
      i++;
      ws();
      if (src[i] === '}') {
        i++;
        return null;
      }
      for (;;) {
        ws();
        if (src[i] !== '"') return problem(`expected a "quoted" property name, found ${found()}`);
        const s = string();
        if (s) return s;
        ws();
        if (src[i] !== ':') return problem(`expected ":" after the property name, found ${found()}`);
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
        return problem(`expected "," or "}" in the object, found ${found()}`);
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
        return problem(`expected "," or "]" in the list, found ${found()}`);
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
    return problem(`expected a value, found ${found()}`);
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
          if (!/^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) return problem('bad \\u escape: four hex digits expected');
          i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) return problem('bad escape in string');
        i += 2;
        continue;
      }
      if (c !== undefined && c.charCodeAt(0) < 0x20) return problem('control character in string (line break inside quotes?)');
      i++;
    }
    return problem('unterminated string');
  }

  if (src.charCodeAt(0) === 0xfeff) i = 1;
  const v = value();
  if (v) return v;
  ws();
  if (i < src.length) return problem(`unexpected ${found()} after the end of the document`);
  return null;
}
