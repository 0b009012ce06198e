// The one URL policy for every address Newsdesk stores or renders (source, site, entry and image
// URLs; links in feeds out, pages and the API). Checking a scheme on the raw string is not enough:
// the URL standard removes tab and newline anywhere and trims C0 controls and spaces at both ends
// before it reads the scheme, so `java\tscript:`, `\x01javascript:` or `jav&#x0A;ascript:` (the
// entity decoded by the XML or HTML parser) look relative to a regex and are javascript: to a
// browser. So: clean first (every C0 control and DEL removed, stricter than the standard, edges
// trimmed), resolve with the WHATWG parser, and only then look at the scheme it produced.
// Pure: used by ingest (parse, discovery, listing pages, sitemaps, OPML), the pipeline, the store
// boundary and every renderer (web views, API shapes, feeds out).

const CONTROLS = /[\u0000-\u001f\u007f]/g;
const EDGE_SPACE_CHAR = /[\s\u0000-\u0020]/;
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

/** The text a URL parser reads: C0 controls and DEL removed anywhere, spaces trimmed at the ends. */
export function cleanUrlText(raw: string): string {
  const s = raw.replace(CONTROLS, '');
  // Trimmed by hand: the pattern /\s+$/ retries from every space of an inner run, so a value with
  // 20,000 spaces before its last letter took 0.7 s (growing with the square).
  let start = 0;
  let end = s.length;
  while (start < end && EDGE_SPACE_CHAR.test(s[start]!)) start++;
  while (end > start && EDGE_SPACE_CHAR.test(s[end - 1]!)) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** The lower-case scheme (without ':') of a cleaned URL text, or undefined for a relative reference. */
export function schemeOf(cleaned: string): string | undefined {
  const m = SCHEME.exec(cleaned);
  return m ? m[1]!.toLowerCase() : undefined;
}

/** Schemes a stored or rendered web address may have. */
export const WEB_SCHEMES: ReadonlySet<string> = new Set(['http', 'https']);
/** Schemes a rendered link may have where an e-mail address is meant (an author's). */
export const LINK_SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'mailto']);

/**
 * Resolves `raw` against `base` (when given) with the WHATWG parser and returns the href when its
 * scheme is in `allowed`; undefined when it is empty, does not parse, stays relative (no usable
 * base) or has any other scheme.
 */
export function safeUrl(raw: string | null | undefined, allowed: ReadonlySet<string>, base?: string): string | undefined {
  if (!raw) return undefined;
  const s = cleanUrlText(raw);
  if (s === '') return undefined;
  // An absolute URL is kept as written (an IRI keeps its non-ASCII characters) once the parser
  // agrees on its scheme; a relative one becomes the parser's resolved href.
  const own = schemeOf(s) !== undefined;
  let u: URL;
  try {
    if (own) u = new URL(s);
    else if (base) u = new URL(s, base);
    else return undefined;
  } catch {
    return undefined;
  }
  const scheme = u.protocol.slice(0, -1);
  if (!allowed.has(scheme)) return undefined;
  if ((scheme === 'http' || scheme === 'https') && u.hostname === '') return undefined;
  return own ? s : u.href;
}

/** An absolute http(s) URL (resolved against `base` when given), or undefined. */
export function safeHttpUrl(raw: string | null | undefined, base?: string): string | undefined {
  return safeUrl(raw, WEB_SCHEMES, base);
}

/**
 * The href to render for a stored URL, or undefined when it must not become a link (render the
 * text instead). Defence in depth: data stored by older versions, or by another path, is checked
 * again at render time. `mailto` allows e-mail links where one is meant.
 */
export function safeHref(raw: string | null | undefined, opts: { mailto?: boolean } = {}): string | undefined {
  return safeUrl(raw, opts.mailto ? LINK_SCHEMES : WEB_SCHEMES);
}
