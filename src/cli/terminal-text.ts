// Text from feeds, pages and servers shown on a terminal. A feed title can carry ESC sequences
// (OSC 52 writes the clipboard, CSI 2J clears the screen, OSC 8 forges links), BEL, or C1 codes
// (U+009B is a one-character CSI on many terminals); printed raw they act on the user's terminal.
// Every such character in a value is shown as a visible escape (`\x1b`) instead, one helper for
// every command's human-readable output. Our own layout (the newlines joining lines, the bar's
// redraw codes) is added around the values, never passed through here.

// C0 (tab, newline, CR included: inside one value they would break a table row or a progress
// line), DEL, C1, and the bidirectional overrides and isolates that reorder what the eye reads.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const HAS_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function visible(c: string): string {
  const n = c.charCodeAt(0);
  return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
}

/** One value (a title, a URL, an error message) made safe to print on a terminal, on one line. */
export function termText(s: string): string {
  return HAS_UNSAFE.test(s) ? s.replace(UNSAFE, visible) : s;
}

// JSON.stringify already escapes C0 as \u00XX; DEL, C1 and the bidi controls it leaves raw.
const JSON_UNSAFE = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/**
 * JSON text with the characters JSON.stringify leaves raw but terminals act on written as \uXXXX
 * escapes: the same JSON value, harmless on a terminal (NDJSON output of parse, sources --json).
 */
export function termJson(json: string): string {
  return json.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
