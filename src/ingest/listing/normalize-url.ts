// URL resolution and normalisation for items found on pages and in sitemaps. The normalised URL
// is an item's identity (its dedupe key), so two spellings of one address must come out equal,
// while anything that can select a different document (path case, query order) is left alone.

import { cleanUrlText, WEB_SCHEMES } from '../../domain/safe-url.js';

// Query parameters that only say where a click came from; they never select a document.
const TRACKING_PARAM =
  /^(?:utm_[a-z_]+|fbclid|gclid|dclid|msclkid|yclid|mc_cid|mc_eid|_ga|_gl|igshid|ocid|cmpid|ns_source|ns_mchannel|ns_campaign)$/i;

/** Resolves `href` against `base` into an absolute http(s) URL, or undefined (javascript:, mailto:, bad). */
export function resolveHttpUrl(href: string | undefined | null, base: string | URL | undefined): string | undefined {
  if (href === undefined || href === null) return undefined;
  // Control characters and surrounding space are noise in attribute values; browsers drop them
  // (the shared URL policy, src/domain/safe-url.ts).
  const s = cleanUrlText(href);
  if (s === '' || s.startsWith('#')) return undefined;
  let u: URL;
  try {
    u = base === undefined ? new URL(s) : new URL(s, base);
  } catch {
    return undefined;
  }
  if (!WEB_SCHEMES.has(u.protocol.slice(0, -1)) || u.hostname === '') return undefined;
  return u.href;
}

/**
 * The identity form of an absolute URL: lower-case scheme and host (the URL parser does both),
 * no default port, no fragment, no tracking parameters, no empty query, "www." kept (a site
 * may serve different things on both). Returns the input unchanged when it does not parse.
 */
export function normalizeUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  u.hash = '';
  if (u.search) {
    const kept: Array<[string, string]> = [];
    for (const [k, v] of u.searchParams) if (!TRACKING_PARAM.test(k)) kept.push([k, v]);
    if (kept.length === 0) u.search = '';
    else if (kept.length !== [...u.searchParams].length) u.search = new URLSearchParams(kept).toString();
  }
  // Hosts ending in a dot name the same site.
  if (u.hostname.endsWith('.')) u.hostname = u.hostname.slice(0, -1);
  return u.href;
}

/** The host without a leading "www.", lower case. */
export function bareHost(url: string | URL): string {
  try {
    const h = (typeof url === 'string' ? new URL(url) : url).hostname.toLowerCase();
    return h.startsWith('www.') ? h.slice(4) : h;
  } catch {
    return '';
  }
}

// Second-level labels under which registrations happen (example.co.uk, example.com.au).
const SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'ac', 'gov', 'edu', 'or', 'ne', 'go', 'gen', 'nic', 'ltd', 'plc', 'sch', 'mil']);

/** An approximation of the registrable domain (no public-suffix list): "news.bbc.co.uk" → "bbc.co.uk". */
export function siteOf(url: string | URL): string {
  const host = bareHost(url);
  if (/^[\d.]+$/.test(host) || host.includes(':') || !host.includes('.')) return host;
  const labels = host.split('.');
  if (labels.length <= 2) return host;
  const tld = labels[labels.length - 1]!;
  const sld = labels[labels.length - 2]!;
  const keep = tld.length === 2 && SECOND_LEVEL.has(sld) ? 3 : 2;
  return labels.slice(-keep).join('.');
}

/** Whether two URLs belong to the same site (same registrable domain, any subdomain). */
export function sameSite(a: string | URL, b: string | URL): boolean {
  const sa = siteOf(a);
  return sa !== '' && sa === siteOf(b);
}
