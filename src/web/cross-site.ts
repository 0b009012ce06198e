// A second guard on every request that can change something (any method but GET, HEAD, OPTIONS
// and TRACE), independent of the CSRF tokens the forms carry: a request the browser itself says
// comes from another site is refused before any route reads its body. Browsers mark requests in
// two headers a page cannot set or forge: Sec-Fetch-Site (the browser's own verdict, sent in
// secure contexts) and Origin (sent on every POST). So:
//
// - `Sec-Fetch-Site: cross-site` is refused;
// - an Origin header that is not this site's origin is refused, "null" included (a sandboxed
//   frame, a data: page, or a page that hides its origin with Referrer-Policy: no-referrer);
// - `same-origin` and `none` (the user's own action) are not refusals; `same-site` is not one
//   either, but it grants nothing: it covers every sibling subdomain, exactly the requests the
//   SameSite=Lax cookie does not stop, so the Origin check still decides for it;
// - a request with neither header (curl, scripts, old browsers) passes, and the token decides.
//
// This site's origin is that of baseUrl when it is configured, and the request's own host with its
// scheme (X-Forwarded-Proto with trustProxy, as for Secure cookies): an editor may reach the desk
// by another name than the public one (a LAN address, an ssh tunnel to 127.0.0.1), and a page
// another site serves cannot make the browser send our cookies under a Host header it chose. An
// https Origin naming the request's own host is also this site: only a page served over TLS under
// this very name can claim it, and a TLS proxy in front without trustProxy hands the request on as
// http. The reverse (an http page posting to an https site) is refused.
//
// The JSON API is not behind this guard: it writes only for API tokens sent in a header
// (src/api/auth.ts refuses session cookies on writes). A Bearer header is one no other site can make
// a browser send; Basic credentials a browser has cached are sent like a cookie, so the API refuses
// a write by Basic credentials that these same marks call cross-site (src/api/auth.ts, r-public).
import type { Context, MiddlewareHandler } from 'hono';
import { crossSiteReason, type OriginConfig } from '../auth/cross-site.js';

export { crossSiteReason, isOwnOrigin } from '../auth/cross-site.js';

/** Refuses cross-site state-changing requests with `refuse` (the site's 403 page). */
export function crossSiteGuard(
  config: OriginConfig,
  refuse: (c: Context, reason: 'sec-fetch-site' | 'origin') => Response | Promise<Response>,
): MiddlewareHandler {
  return async (c, next) => {
    const reason = crossSiteReason(c, config);
    if (reason) return refuse(c, reason);
    await next();
    return undefined;
  };
}
