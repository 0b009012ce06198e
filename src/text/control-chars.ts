// Control characters in text that arrives from outside (query parameters, path segments). None of
// them means anything in a search or a filter, and some break what lies below: U+0000 ends an FTS5
// string and is refused by PostgreSQL ("invalid byte sequence"). So the web site and the API clean
// every parameter here, at the boundary, the same way: every C0/C1 control, DEL and the Unicode
// line/paragraph separators become a space (a control between two words still separates them),
// and lone surrogates (which no encoder can write as UTF-8) become U+FFFD.

const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `s` with controls as spaces and lone surrogates replaced. */
export function cleanInput(s: string): string;
export function cleanInput(s: string | undefined): string | undefined;
export function cleanInput(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  return wellFormed(s.replace(CONTROLS, ' '));
}

/** `s` with each lone surrogate as U+FFFD: what encoding it to UTF-8 makes of it, done before JSON keeps it as "\ud800". */
export function wellFormed(s: string): string {
  return s.replace(LONE_SURROGATE, '\ufffd');
}

/** Whether `s` holds any character cleanInput would change (an identifier that holds one names nothing). */
export function hasControlChars(s: string): boolean {
  return cleanInput(s) !== s;
}
