// One address per article. Feeds hand out the same article under many URLs: http and https,
// "www." and mobile hosts, AMP renderings, and links decorated with campaign and click-tracking
// parameters by newsletters and social networks. Two URLs with the same canonical form are the
// same article (a copy, never a second teaser). The rules are deliberately conservative: a
// parameter is dropped only when it is known to carry tracking rather than content, because
// dropping a real one ("?id=123") would fold different articles into one.

/**
 * Query parameters that identify a campaign, a click or a share, never the content. From the
 * public documentation of the tools that add them: Google Analytics/Ads (utm_*, gclid, gclsrc,
 * dclid, gbraid, wbraid, _ga, _gl), Meta (fbclid, igshid, igsh), Microsoft Ads (msclkid),
 * Mailchimp (mc_cid, mc_eid), Twitter/X (ref_src, ref_url, twclid), TikTok (ttclid), Yandex
 * (yclid), LinkedIn (li_fat_id), HubSpot (_hsenc, _hsmi), Marketo (mkt_tok), AT Internet
 * (xtor, at_medium, at_campaign), Adobe (s_cid, cmpid), Webtrends (wt_mc, wt_zmc), comScore
 * (ns_*), Omeda (oly_enc_id, oly_anon_id), Vero (vero_id, vero_conv), Microsoft/Yahoo feeds
 * (ocid, ncid), and the share markers news sites put on links (smid, cmp, icid, ito, sr_share).
 * Compared case-insensitively.
 */
export const TRACKING_PARAMS: ReadonlySet<string> = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
  'igshid',
  'igsh',
  'ref_src',
  'ref_url',
  'twclid',
  'ttclid',
  'yclid',
  'li_fat_id',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'xtor',
  'at_medium',
  'at_campaign',
  's_cid',
  'cmpid',
  'cmp',
  'wt_mc',
  'wt_zmc',
  'oly_enc_id',
  'oly_anon_id',
  'vero_id',
  'vero_conv',
  'ocid',
  'ncid',
  'smid',
  'icid',
  'ito',
  'sr_share',
]);

/** Parameter-name prefixes that are tracking whatever follows (utm_source, ns_campaign, …). */
export const TRACKING_PREFIXES: readonly string[] = ['utm_', 'ns_', 'pk_', 'mtm_'];

/** Host labels that name a rendering of the same site, not another site. */
const HOST_VARIANTS = ['www.', 'm.', 'mobile.', 'amp.'];

function isTracking(name: string): boolean {
  const n = name.toLowerCase();
  if (TRACKING_PARAMS.has(n)) return true;
  for (const p of TRACKING_PREFIXES) if (n.startsWith(p)) return true;
  return false;
}

/** `?amp`, `?amp=1`, `?amp=true`, `?outputType=amp`: switches to the AMP rendering. */
function isAmpSwitch(name: string, value: string): boolean {
  const n = name.toLowerCase();
  const v = value.toLowerCase();
  if (n === 'amp') return v === '' || v === '1' || v === 'true' || v === 'yes';
  if (n === 'outputtype') return v === 'amp';
  return false;
}

function canonicalHost(hostname: string): string {
  let h = hostname.toLowerCase();
  if (h.endsWith('.')) h = h.slice(0, -1);
  // Strip variant labels one at a time ("www.m.example.com" happens), but only while a dot
  // remains: "m.example.com" → "example.com", while "m.co" stays as it is.
  for (let changed = true; changed; ) {
    changed = false;
    for (const v of HOST_VARIANTS) {
      if (h.startsWith(v) && h.indexOf('.', v.length) > 0) {
        h = h.slice(v.length);
        changed = true;
      }
    }
  }
  return h;
}

function canonicalPath(pathname: string): string {
  const segs = pathname.split('/');
  // AMP as the first or the last path segment: "/amp/news/x", "/news/x/amp", "/news/x/amp/".
  // In the middle it is a word of the address ("/tech/amp/pages-explained").
  const last = segs.length > 1 && segs[segs.length - 1] === '' ? segs.length - 2 : segs.length - 1;
  const kept = segs.filter((s, i) => !(s.toLowerCase() === 'amp' && (i === 1 || i === last)));
  let p = kept.join('/');
  // "story.amp.html" → "story.html", "story.amp" → "story".
  p = p.replace(/\.amp(\.html?)?$/i, (_m, ext: string | undefined) => ext ?? '');
  p = p.replace(/\/{2,}/g, '/');
  if (p === '') p = '/';
  if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  return p;
}

/**
 * The canonical form of an article URL, or null when it is not an absolute http(s) URL.
 * Scheme folded to https (http and https serve the same article), host lower-cased without
 * default ports, a trailing dot or a www/m/mobile/amp label, AMP path and query variants removed,
 * tracking parameters removed, the remaining query sorted (name, then value), trailing slash and
 * fragment dropped.
 */
export function canonicalUrl(url: string): string | null {
  if (typeof url !== 'string') return null;
  const trimmed = url.trim();
  if (trimmed === '') return null;
  let u: URL;
  try {
    u = new URL(trimmed);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  if (u.hostname === '') return null;
  const host = canonicalHost(u.hostname);
  const port = u.port === '' || u.port === '80' || u.port === '443' ? '' : `:${u.port}`;
  const path = canonicalPath(u.pathname);
  const kept: [string, string][] = [];
  for (const [name, value] of u.searchParams) {
    if (isTracking(name) || isAmpSwitch(name, value)) continue;
    kept.push([name, value]);
  }
  kept.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const query = kept.length === 0 ? '' : `?${new URLSearchParams(kept).toString()}`;
  return `https://${host}${port}${path}${query}`;
}
