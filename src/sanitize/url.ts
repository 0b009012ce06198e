// URL attribute checks and resolution. The scheme test follows the URL standard's own reading
// (leading/trailing C0-or-space trimmed, tab/newline removed anywhere) and, stricter than it, also
// removes every other control character first, so `java\0script:` or `java&#9;script:` cannot be
// read as relative by us and as javascript: by anyone else.

import { cleanUrlText } from '../domain/safe-url.js';

const NEEDS_CLEANING = /[\u0000-\u001f\u007f]|^\s|\s$/;
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
const SIMPLE_ABSOLUTE = /^https?:\/\/[^\s"'<>\\`\u0080-\uffff%]*$/;
// IRIs (RFC 3987) keep their non-ASCII characters as written (`/À`, not `/%C3%80`): browsers
// encode them when they follow the link, and readers and feedparser see what the author wrote.
// Only letters, marks, digits, symbols and punctuation count; controls, format characters
// (bidi overrides), separators, surrogates, private-use and unassigned code points still go
// through the URL parser and come out percent-encoded. Hosts must be ASCII (IDNs are punycoded).
const IRI_CHARS = '\\p{L}\\p{M}\\p{N}\\p{S}\\p{P}';
const IRI_ABSOLUTE = new RegExp(
  `^https?://[A-Za-z0-9.\\-:\\[\\]]+(?:[/?#](?:[A-Za-z0-9\\-._~!$&()*+,;=:@/?#]|(?![\\u0000-\\u007f])[${IRI_CHARS}])*)?$`,
  'u',
);
const SAFE_DATA_IMAGE = /^data:image\/(?:png|gif|jpeg|jpg|webp);base64,[a-z0-9+/=\s]*$/i;

export type UrlKind = 'link' | 'media' | 'image';

const LINK_SCHEMES = new Set(['http', 'https', 'mailto', 'tel', 'ftp']);
const MEDIA_SCHEMES = new Set(['http', 'https']);

/** A base URL prepared for resolving: `origin` and `dir` serve the fast paths below. */
export interface Base {
  readonly url: URL;
  /** scheme://host[:port], for path-absolute references. */
  readonly origin: string;
  /** origin + the base path up to its last '/', for plain path-relative references. */
  readonly dir: string;
}

/** A prepared base URL, or undefined when none was given, it does not parse or is not http(s)/file. */
let lastBaseUrl = '';
let lastBase: Base | undefined;

export function parseBase(baseUrl: string | undefined): Base | undefined {
  if (!baseUrl) return undefined;
  // A feed's entries share one base: remember the last one (Base is never mutated).
  if (baseUrl === lastBaseUrl) return lastBase;
  lastBaseUrl = baseUrl;
  lastBase = prepareBase(baseUrl);
  return lastBase;
}

function prepareBase(baseUrl: string): Base | undefined {
  let u: URL;
  try {
    u = new URL(baseUrl);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:' && u.protocol !== 'file:') return undefined;
  const origin = u.protocol === 'file:' ? 'file://' : u.origin;
  return { url: u, origin, dir: origin + u.pathname.slice(0, u.pathname.lastIndexOf('/') + 1) };
}

// Relative references whose resolution is plain concatenation: characters the URL parser keeps
// as they are in path and query (no quote, backslash or space, which it re-encodes; non-ASCII IRI
// characters are kept as written, see IRI_CHARS), and no dot segments (which it collapses).
// Anything else goes through new URL().
const PLAIN_REF = /^[A-Za-z0-9\-._~!$&()*+,;=:@/?#%]*$/;
const PLAIN_IRI_REF = new RegExp(`^(?:[A-Za-z0-9\\-._~!$&()*+,;=:@/?#%]|(?![\\u0000-\\u007f])[${IRI_CHARS}])*$`, 'u');
const NON_ASCII = /[^\u0000-\u007f]/;

function isPlainRef(s: string): boolean {
  return PLAIN_REF.test(s) || (NON_ASCII.test(s) && PLAIN_IRI_REF.test(s));
}
const DOT_SEGMENT = /(?:^|\/)(?:\.|%2e){1,2}(?:[/?#]|$)/i;

function hasDotSegment(s: string): boolean {
  let end = s.length;
  const q = s.indexOf('?');
  if (q !== -1) end = q;
  const h = s.indexOf('#');
  if (h !== -1 && h < end) end = h;
  const path = end === s.length ? s : s.slice(0, end);
  return (path.includes('.') || path.includes('%')) && DOT_SEGMENT.test(path);
}

function resolve(s: string, base: Base): string | undefined {
  const c = s.charCodeAt(0);
  if (c !== 63 /* ? */ && c !== 35 /* # */ && !(c === 47 && s.charCodeAt(1) === 47) && isPlainRef(s) && !hasDotSegment(s)) {
    return (c === 47 ? base.origin : base.dir) + s;
  }
  try {
    const u = new URL(s, base.url);
    const p = u.protocol;
    if (p !== 'http:' && p !== 'https:' && !(p === 'file:' && base.url.protocol === 'file:')) return undefined;
    return u.href;
  } catch {
    return undefined;
  }
}

/**
 * Returns the URL to emit for an attribute value, or undefined when it must be dropped.
 * `link`: http(s)/mailto/tel/ftp; `media`: http(s); `image`: http(s) or a base64 raster data: URL.
 * Relative URLs are resolved against `base` when there is one, else kept relative.
 */
export function safeUrl(raw: string, kind: UrlKind, base: Base | undefined): string | undefined {
  let s = raw;
  if (s === '') return undefined;
  // Most values are clean: skip the two rewrites unless there is something to remove.
  if (s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32 || NEEDS_CLEANING.test(s)) {
    s = cleanUrlText(s);
    if (s === '') return undefined;
  }
  const m = SCHEME.exec(s);
  if (m) {
    const scheme = m[1]!.toLowerCase();
    if (scheme === 'data') return kind === 'image' && SAFE_DATA_IMAGE.test(s) ? s.replace(/\s+/g, '') : undefined;
    const allowed = kind === 'link' ? LINK_SCHEMES : MEDIA_SCHEMES;
    if (!allowed.has(scheme)) return undefined;
    if (scheme !== 'http' && scheme !== 'https') return s;
    if (SIMPLE_ABSOLUTE.test(s)) return s;
    try {
      const href = new URL(s).href;
      return NON_ASCII.test(s) && IRI_ABSOLUTE.test(s) ? s : href;
    } catch {
      return undefined;
    }
  }
  if (base === undefined) {
    // Kept relative. A colon before any / ? # would make a browser read a scheme we did not
    // check (our SCHEME regex already matched every valid one, so this is belt and braces).
    const colon = s.indexOf(':');
    if (colon !== -1) {
      const cut = s.search(/[/?#]/);
      if (cut === -1 || colon < cut) return undefined;
    }
    return s;
  }
  return resolve(s, base);
}

/**
 * Sanitises a srcset: each candidate's URL checked as media (no data:), descriptors kept only when
 * they look like `640w` / `1.5x`. Returns undefined when no candidate survives.
 */
export function safeSrcset(raw: string, base: Base | undefined): string | undefined {
  // The HTML standard's candidate parsing: a URL is a run of non-whitespace (trailing commas
  // end the candidate), then descriptors up to the next comma.
  const out: string[] = [];
  const n = raw.length;
  let i = 0;
  while (i < n) {
    for (let c = raw.charCodeAt(i); i < n && (c === 44 || c <= 32); c = raw.charCodeAt(++i));
    if (i >= n) break;
    let j = i;
    while (j < n && raw.charCodeAt(j) > 32) j++;
    let url = raw.slice(i, j);
    let descriptor = '';
    if (url.endsWith(',')) {
      let end = url.length;
      while (end > 0 && url.charCodeAt(end - 1) === 44) end--;
      url = url.slice(0, end);
      i = j;
    } else {
      let k = raw.indexOf(',', j);
      if (k === -1) k = n;
      descriptor = raw.slice(j, k).trim();
      i = k + 1;
    }
    const safe = safeUrl(url, 'media', base);
    if (safe === undefined || safe.includes(',')) continue;
    if (descriptor !== '' && !/^\d+(?:\.\d+)?[wx]$/i.test(descriptor)) descriptor = '';
    out.push(descriptor ? `${safe} ${descriptor}` : safe);
  }
  return out.length > 0 ? out.join(', ') : undefined;
}
