// Text for XML 1.0 documents we write (feeds out, OPML): escaped, and limited to the characters
// XML allows (the Char production: TAB, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF).
// One forbidden character — a control character from a feed title, a lone surrogate from a cut
// string — makes the whole document unreadable to a conforming parser, so:
//   - C0 controls (other than TAB, LF, CR), U+FFFE and U+FFFF are dropped: they carry no text;
//   - a lone surrogate becomes U+FFFD, as encoding the string to UTF-8 would make it anyway.
// The HTML escaper (sanitize/escape.ts) is not enough for XML: HTML tolerates these characters.

const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Only the characters XML allows. */
export function xmlChars(s: string): string {
  return s.replace(FORBIDDEN, '').replace(LONE_SURROGATE, '\ufffd');
}

/** Element content: & < > escaped (and " ' too, so one function serves both quoting styles). */
export function xmlText(s: string): string {
  return xmlChars(s).replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;',
  );
}

/**
 * A double-quoted attribute value. TAB, LF and CR are written as character references: a parser
 * normalises literal ones to spaces (XML 1.0 §3.3.3), so a title with a line break would not
 * read back as written.
 */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}
