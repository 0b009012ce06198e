// Length of a text with its white space squeezed, without building the squeezed string: the
// stages measure every text node of a page this way, and `s.replace(/\s+/g, ' ').trim().length`
// allocated a copy of each only to read its length.

/** Whether the UTF-16 code unit `c` is white space as JavaScript's `\s` defines it. */
export function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * `s.replace(/\s+/g, ' ').trim().length`, counted in place; with `stopAt`, counting ends as soon
 * as it is reached (the answer is then `stopAt`).
 */
export function squeezedLength(s: string, stopAt = Number.POSITIVE_INFINITY): number {
  let n = 0;
  let gap = false; // white space seen since the last counted character
  for (let i = 0; i < s.length; i++) {
    if (isSpace(s.charCodeAt(i))) gap = true;
    else {
      if (gap && n > 0) n++;
      n++;
      gap = false;
      if (n >= stopAt) return n;
    }
  }
  return n;
}

/**
 * Whether `squeezedLength(s)` is at least `min`, reading only as far as needed to tell: a long
 * body is settled after its first few hundred characters.
 */
export function squeezedAtLeast(s: string, min: number): boolean {
  return s.length >= min && squeezedLength(s, min) >= min;
}
