// JavaScript's white space, one code unit at a time: what `\s` matches and `String.prototype.trim`
// removes (ECMAScript's WhiteSpace and LineTerminator). Hot loops that measure or trim text without
// building a new string (the extractor's squeezed lengths, the clusterer's paragraph bounds) ask
// this instead of running a regular expression per character.

/** Whether the UTF-16 code unit `c` is white space as JavaScript's `\s` and `trim` define it. */
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
