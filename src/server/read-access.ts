// A private site (siteAccess=private, or the older publicApi=false) is private everywhere, not only
// under /api: pages, feeds and /metrics need a viewer — a signed-in session, or an API token as a
// Bearer token or as the password of HTTP Basic authentication (any user name), which feed
// readers support. A browser asking for a page is sent to sign in and brought back; anything else
// gets 401. Sign-in, set-up, the stylesheet, health and CSP reports stay open: they carry no data.
import type { Context, MiddlewareHandler } from 'hono';
import { viewerOf } from '../auth/viewer.js';
import type { Config } from '../config/options.js';

export function sitePrivate(config: Pick<Config, 'publicApi' | 'siteAccess'>): boolean {
  return config.siteAccess === 'private' || !config.publicApi;
}

export function privateReads(config: Pick<Config, 'publicApi' | 'siteAccess'>, open: (c: Context) => boolean): MiddlewareHandler {
  return async (c, next) => {
    if (!sitePrivate(config) || open(c) || viewerOf(c)) return next();
    const browser = (c.req.method === 'GET' || c.req.method === 'HEAD') && (c.req.header('accept') ?? '').includes('text/html');
    if (browser && !c.req.header('authorization')) {
      const url = new URL(c.req.url);
      return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
    }
    return c.text('This site is private: sign in at /login, or send an API token (Bearer, or Basic with the token as password).', 401, {
      'www-authenticate': 'Basic realm="Newsdesk", charset="UTF-8"',
      'cache-control': 'no-store',
    });
  };
}

/**
 * On a private site every answer belongs to the viewer it was made for, so none may be kept by a
 * shared cache: `private` is added to what a response says (pages and feeds were sent `no-cache`,
 * which a shared cache may store and revalidate, API answers with no Cache-Control at all, which
 * a cache told to keep everything kept for the next asker). Answers that already say `private`,
 * `no-store` or `public` (the stylesheet, the same for everyone) are left as they are.
 */
export function privateCaching(config: Pick<Config, 'publicApi' | 'siteAccess'>): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (!sitePrivate(config)) return;
    const said = c.res.headers.get('cache-control') ?? '';
    if (/\b(?:private|no-store|public)\b/i.test(said)) return;
    const value = said ? `private, ${said}` : 'private, no-cache';
    try {
      c.res.headers.set('cache-control', value);
    } catch {
      // Headers of some responses are immutable: copy the response once, then set.
      c.res = new Response(c.res.body, c.res);
      c.res.headers.set('cache-control', value);
    }
  };
}
