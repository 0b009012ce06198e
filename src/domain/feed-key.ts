// One source per feed address (p-sourcekey): the key every add path (the desk's form, the API,
// `newsdesk add`, OPML import) and the store's add/getByUrl compare addresses by. Pure.
import { cleanUrlText } from './safe-url.js';

/**
 * What makes two spellings of a feed's address one feed: the URL parser's reading (scheme and host
 * in lower case, the default port dropped, an IDN host in punycode, an IPv6 host in its one
 * written form), without the #fragment (never sent), with escapes of unreserved characters undone
 * and the others' hex digits in upper case (RFC 3986 section 6.2.2). Exporters and people editing
 * lists write `HTTP://Example.COM:80/feed` and `http://example.com/%66eed` for the feed a list
 * already holds; each was subscribed again, and polled as another source. Path case, a trailing
 * slash, the query's order and `%2F` against `/` are kept: a server may answer them differently.
 * Text no URL parser reads is its own key.
 */
export function feedKey(url: string): string {
  let u: URL;
  try {
    u = new URL(cleanUrlText(url));
  } catch {
    return url;
  }
  u.hash = '';
  const href = u.href;
  if (!href.includes('%')) return href;
  return href.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => {
    const c = String.fromCharCode(Number.parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(c) ? c : `%${hex.toUpperCase()}`;
  });
}
