// XML text for feeds: escaped, and stripped of the characters XML 1.0 forbids (control
// characters, lone surrogates, U+FFFE/U+FFFF), which would make a whole feed unreadable.

const INVALID_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/gu;

export function xmlText(s: string): string {
  return s
    .replace(INVALID_XML, '')
    .replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;'));
}

export function cleanText(s: string): string {
  return s.replace(INVALID_XML, '');
}

/** RFC 822 date as RSS 2.0 wants it (always GMT, four-digit year). */
export function rfc822(ms: number): string {
  return new Date(ms).toUTCString().replace(/GMT$/, '+0000');
}

/** RFC 3339 date (Atom, JSON Feed). */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
