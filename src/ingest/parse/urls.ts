// Relative-reference resolution for feed links and xml:base. The scheme is judged the way a URL
// parser reads it (src/domain/safe-url.ts: controls removed, edges trimmed) and again on the
// resolved result, so `java\tscript:` cannot pass as relative and come out as javascript:.
// Parse output keeps feedparser's list of harmless schemes; what is stored and rendered is held
// to http(s) by the same module's safeHttpUrl / safeHref.
import { domainToUnicode } from 'node:url';
import { cleanUrlText, schemeOf } from '../../domain/safe-url.js';

const SAFE_SCHEMES = new Set([
  'http:',
  'https:',
  'ftp:',
  'ftps:',
  'mailto:',
  'news:',
  'nntp:',
  'gopher:',
  'feed:',
  'irc:',
  'ircs:',
  'magnet:',
  'sftp:',
  'sip:',
  'sips:',
  'tel:',
  'telnet:',
  'urn:',
  'tag:',
  'file:',
  'aim:',
  'itms:',
  'itpc:',
  'webcal:',
  'xmpp:',
  'callto:',
  'ed2k:',
  'git:',
  'rtsp:',
  'ssh:',
  'svn:',
  'wais:',
  'cvs:',
]);

const cache = new Map<string, URL | null>();

function parseBase(base: string): URL | null {
  let u = cache.get(base);
  if (u === undefined) {
    try {
      u = new URL(base);
    } catch {
      u = null;
    }
    if (cache.size > 1000) cache.clear();
    cache.set(base, u);
  }
  return u;
}

/** True when `s` already names an absolute URI (it has a scheme). */
export function isAbsolute(s: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(s);
}

/**
 * Resolves `ref` against `base`. Leaves `ref` as written when there is no usable base or it
 * cannot be resolved; refuses to produce a URI with a scheme that can run code.
 */
export function resolveUrl(base: string | undefined, ref: string): string {
  const r = cleanUrlText(ref);
  const scheme = schemeOf(r);
  if (scheme !== undefined) return SAFE_SCHEMES.has(`${scheme}:`) ? r : '';
  if (!base) return r;
  const b = parseBase(base);
  if (!b) return r;
  try {
    const u = new URL(r, b);
    // The base is checked when it is set (joinBase), but a base taken as given must not lend an
    // unsafe scheme either.
    if (!SAFE_SCHEMES.has(u.protocol)) return '';
    const href = u.href;
    return /[^\x00-\x7f]/.test(r) || /[^\x00-\x7f]/.test(base) ? toIri(href) : href;
  } catch {
    return r;
  }
}

/**
 * Undoes the percent-encoding and punycode that URL resolution applies to non-ASCII text, so an
 * IRI written in a feed comes back as written (only UTF-8 sequences of non-ASCII characters are
 * decoded; escapes of ASCII characters keep their meaning).
 */
function toIri(href: string): string {
  let out = href.replace(/(?:%[cdefCDEF][0-9a-fA-F](?:%[89abAB][0-9a-fA-F]){1,3})+/g, (seq) => {
    try {
      return decodeURIComponent(seq);
    } catch {
      return seq;
    }
  });
  if (out.includes('xn--')) {
    try {
      const u = new URL(out);
      const host = domainToUnicode(u.hostname);
      if (host) out = out.replace(u.hostname, host);
    } catch {
      // keep the ASCII form
    }
  }
  return out;
}

/** Resolves a new xml:base against the one in effect; an unsafe or useless one is ignored. */
export function joinBase(current: string | undefined, next: string): string | undefined {
  const r = next.trim();
  if (!r) return current;
  const out = resolveUrl(current, r);
  if (!out) return current;
  if (!isAbsolute(out)) return current ? current : out;
  return out;
}
